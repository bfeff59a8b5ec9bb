using SensorNet.Energy.Consumers;
using SensorNet.Energy.Storage;
using SensorNet.NodeKernel.Apps;
using SensorNet.NodeKernel.Boards;
using SensorNet.NodeKernel.Chips;
using SensorNet.NodeKernel.Kernel;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Tests.Boards;

public class BoardTests
{
    private static (Board Board, Simulation Sim) Build(BoardDefinition definition)
    {
        var sim = new Simulation();
        return (Board.Build(sim, 0, definition, new UnlimitedSupply()), sim);
    }

    private static double AverageCurrentA(Board board, SimDuration elapsed, params string[] consumers)
    {
        double joules = board.Node.Energy.Consumers.Where(c => consumers.Length == 0 || consumers.Contains(c.Name)).Sum(c => c.TotalEnergy().Value);
        return joules / elapsed.TotalSeconds / board.Node.Kernel.Chip.Supply.Value;
    }

    [Theory]
    [InlineData(false, 200e-6)]
    [InlineData(true, 1.2e-3)]
    public void Nrf52840Dk_NoApp_IdlesAtTocksMeasuredCurrent(bool processConsole, double expectedA)
    {
        // Tock core notes 2024-09-06 (doc/wg/core/notes/core-notes-2024-09-06.md:19-20, Power Profiler Kit 2):
        // "Default kernel using 1.2 mA on nRF52. Doing nothing except running UART for process console. Otherwise it
        // is about 200 uA." Tolerance 5 %: the kernel's boot work is the only other draw.
        (Board board, Simulation sim) = Build(BoardDefinition.Nrf52840Dk with { ProcessConsole = processConsole });
        board.Node.Boot();
        var elapsed = SimDuration.FromSeconds(60);

        sim.RunUntil(SimTime.FromStart(elapsed));

        Assert.Equal(expectedA, AverageCurrentA(board, elapsed), expectedA * 0.05);
        Assert.Equal(0, board.Node.Kernel.Counters.Wakeups);
    }

    [Fact]
    public void Sam4lBlink_DeepSleepAllowed_AveragesAFewMicroamps()
    {
        // tockos.org/blog/2017/low-power-1: an imix blink app averaged ~7 µA while the LED was off, with deep sleep
        // allowed; "a few µA" with the ~5 µA WAIT target of low-power-2. The LED's own current is excluded, as there.
        (Board board, Simulation sim) = Build(BoardDefinition.Imix with { ProcessConsole = false, RadioOnAtBoot = false });
        board.Node.Load(new BlinkApp(500));
        board.Node.Boot();
        var elapsed = SimDuration.FromSeconds(60);

        sim.RunUntil(SimTime.FromStart(elapsed));
        KernelReport r = board.Node.Report(elapsed);

        Assert.InRange(AverageCurrentA(board, elapsed, "mcu"), 2e-6, 10e-6);
        Assert.True(r.DeepSleeps >= 110);
        Assert.Equal(0, r.ShallowSleeps);
    }

    [Fact]
    public void Imix_AsConfiguredAtBoot_NeverDeepSleeps_UntilConsoleAndRadioIrqAreOff()
    {
        // Reference §9.2: the process console keeps USART2's clock on and the RF233's IRQ pin interrupt is enabled,
        // so deep_sleep_ready() is false; only plain SLEEP is used until both are stopped.
        (Board board, Simulation sim) = Build(BoardDefinition.Imix);
        board.Node.Load(new BlinkApp(200));
        board.Node.Boot();
        sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(10)));
        KernelReport before = board.Node.Report(SimDuration.FromSeconds(10));

        board.StopProcessConsole();
        sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(20)));
        KernelReport consoleOff = board.Node.Report(SimDuration.FromSeconds(20));
        board.StopRadio();
        sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(30)));
        KernelReport bothOff = board.Node.Report(SimDuration.FromSeconds(30));

        Assert.Equal(0, before.DeepSleeps);
        Assert.True(before.ShallowSleeps >= 45);
        Assert.Equal(0, consoleOff.DeepSleeps);
        Assert.True(bothOff.DeepSleeps >= 45);
    }

    [Fact]
    public void Sam4l_ButtonInterruptEnabled_KeepsShallowSleep()
    {
        (Board board, Simulation sim) = Build(BoardDefinition.Imix with { ProcessConsole = false, RadioOnAtBoot = false });
        var app = new ButtonApp();
        board.Node.Load(app);
        board.Buttons!.Press(0, SimTime.FromStart(SimDuration.FromSeconds(2)), SimDuration.FromMilliseconds(100));
        board.Buttons.Press(0, SimTime.FromStart(SimDuration.FromSeconds(4)), SimDuration.FromMilliseconds(100));
        board.Node.Boot();

        sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(6)));
        KernelReport r = board.Node.Report(SimDuration.FromSeconds(6));

        Assert.Equal(2, app.Presses);
        Assert.False(board.Leds!.IsOn(0));
        Assert.Equal(0, r.DeepSleeps);
        Assert.True(r.Wakeups >= 4);
    }

    [Theory]
    [InlineData(AppStyle.Async)]
    [InlineData(AppStyle.Sync)]
    public void SenseApp_BothStyles_ReadPrintAndSleepBetween(AppStyle style)
    {
        (Board board, Simulation sim) = Build(BoardDefinition.Imix with { ProcessConsole = false, RadioOnAtBoot = false });
        var app = new SenseApp(style, periodMs: 1000, readHumidity: true);
        board.Node.Load(app);
        board.Node.Boot();
        var elapsed = SimDuration.FromSeconds(20);

        sim.RunUntil(SimTime.FromStart(elapsed));
        KernelReport r = board.Node.Report(elapsed);

        // Each period: two SI7021 reads of ≥ 20 ms each, a 32-byte console line, then the delay.
        Assert.InRange(app.Readings, 18, 20);
        Assert.Equal(2250, app.LastTemperature);
        Assert.InRange(board.Uart.BytesTransmitted, 32L * app.Readings, 32L * (app.Readings + 1));
        Assert.True(r.DeepSleeps > 0 && r.ShallowSleeps > 0, $"deep {r.DeepSleeps}, shallow {r.ShallowSleeps}");
        Assert.True(r.DeepSleepNs > r.ShallowSleepNs);
    }

    [Fact]
    public void Panic_BusyOrFaultingAppUnderPanicPolicy_KeepsCpuActive()
    {
        (Board board, Simulation sim) = Build(BoardDefinition.Nrf52840Dk with { ProcessConsole = false });
        board.Node.Load(new FaultingApp());
        board.Node.Boot();
        var elapsed = SimDuration.FromSeconds(5);

        sim.RunUntil(SimTime.FromStart(elapsed));
        KernelReport r = board.Node.Report(elapsed);

        Assert.True(r.Panicked);
        Assert.Equal(elapsed.Nanoseconds, r.ActiveNs);
        StateBasedConsumer mcu = board.Node.Mcu;
        Assert.Equal(0, mcu.Residency(ChipModel.ShallowState).Nanoseconds);
    }
}
