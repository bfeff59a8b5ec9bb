using SensorNet.Energy.Storage;
using SensorNet.NodeKernel.Apps;
using SensorNet.NodeKernel.Boards;
using SensorNet.NodeKernel.Chips;
using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Tests.Support;
using SensorNet.NodeKernel.Userspace;
using SensorNet.NodeKernel.Userspace.RadioLib;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Time;
using Libtock = SensorNet.NodeKernel.Userspace.Libtock.Libtock;

namespace SensorNet.NodeKernel.Tests.Kernel;

/// <summary>
/// <see cref="KernelOptions.RepeatPollPasses"/> changes how much work a run takes, never what happens: RadioLib's BUSY
/// waits and the blocking transmit's DIO1 poll (RadioLibSx1262), run pass by pass and with passes repeated in one
/// step, give the same kernel and process reports (syscalls by class, CPU time, residency, wake-ups), the same poll
/// counts, energy, clock and engine step counts, including a wait that ends in RadioLib's 1 s timeout across time
/// slices and waits whose millis() jumps back when the alarm counter wraps.
/// </summary>
public class PollPassRepeatTests
{
    private static readonly RadioLibLoRaSettings Sf9Bw125 = new() { SpreadingFactor = 9, BandwidthKHz = 125, CodingRate = 5, OutputPowerDbm = 14 };

    [Theory]
    [InlineData("apollo3", LoRaTransmitMode.InterruptDriven)]
    [InlineData("apollo3", LoRaTransmitMode.Blocking)]
    [InlineData("lora-e5", LoRaTransmitMode.InterruptDriven)]
    public void SenseAndSend_RepeatedAndPassByPass_RunTheSame(string board, LoRaTransmitMode mode)
    {
        LoRaBoardDefinition definition = board == "apollo3" ? LoRaBoards.Apollo3LoRaThingsPlus : LoRaBoards.LoraE5Mini;
        Outcome repeated = RunApp(definition, mode, repeat: true);
        Outcome plain = RunApp(definition, mode, repeat: false);

        Assert.Equal(plain.Summary, repeated.Summary);
        Assert.Equal(0, plain.PassesRepeated);
        // The LoRa-E5 board has no NRESET pin, so no reset wait: only the PA ramp's short waits repeat there.
        Assert.True(repeated.PassesRepeated > (board == "apollo3" ? 100 : 0), $"{repeated.PassesRepeated} passes repeated");
        if (mode == LoRaTransmitMode.Blocking)
        {
            // About 7,300 DIO1 passes per SF9 frame of 20 bytes (185 ms on air, a pass every 25.4 µs), nearly all repeated.
            Assert.True(repeated.TxDonePolls > 3 * 7_000, $"{repeated.TxDonePolls} DIO1 polls");
            Assert.True(repeated.PassesRepeated > repeated.TxDonePolls * 9 / 10, $"{repeated.PassesRepeated} of {repeated.TxDonePolls} repeated");
        }
    }

    [Fact]
    public void BusyHeldHighUntilTheOneSecondTimeout_TimesOutAtTheSameInstant_AcrossTimeSlices()
    {
        // A sleeping SX1262 holds BUSY high, and this HAL cannot wake it (NSS is not a GPIO): standby() polls for 1 000 ms
        // of millis(), about 40 000 passes, then fails with RADIOLIB_ERR_SPI_CMD_TIMEOUT (LoRaTests).
        Outcome repeated = RunSleepThenStandby(ChipFile.Resolve("apollo3"), TimeSpan.Zero, repeat: true);
        Outcome plain = RunSleepThenStandby(ChipFile.Resolve("apollo3"), TimeSpan.Zero, repeat: false);

        Assert.Equal(RadioLibSx1262.ErrSpiCommandTimeout, plain.State);
        Assert.Equal(plain.Summary, repeated.Summary);
        Assert.True(plain.TimeslicesExpired > 10, $"{plain.TimeslicesExpired} slices expired: the wait should cross many");
        Assert.True(repeated.PassesRepeated > 30_000, $"{repeated.PassesRepeated} passes repeated");
    }

    [Fact]
    public void BusyWaitAcrossAnAlarmCounterWrap_TimesOutAsPassByPass()
    {
        // A 24-bit 32 768 Hz counter, left-justified, wraps every 512 s: millis() then jumps back, and RadioLib's
        // unsigned timeout check (millis() − start ≥ 1 000) fires at once. The reset's BUSY wait starts just before it.
        ChipModel chip = ChipFile.Resolve("apollo3") with { Alarm = new AlarmHardware(32_768, 24, 5, 23) };
        TimeSpan untilWrap = TimeSpan.FromMilliseconds(511_997);
        Outcome repeated = RunSleepThenStandby(chip, untilWrap, repeat: true, beginOnly: true);
        Outcome plain = RunSleepThenStandby(chip, untilWrap, repeat: false, beginOnly: true);

        Assert.Equal(RadioLibSx1262.ErrSpiCommandTimeout, plain.State);
        Assert.Equal(plain.Summary, repeated.Summary);
        Assert.True(repeated.PassesRepeated > 0, "the wait before the wrap should still be repeated");
    }

    [Fact]
    public void BlockingTransmitAcrossAnAlarmCounterWrap_TimesOutAsPassByPass()
    {
        // The same 24-bit counter wraps about 75 ms into the DIO1 poll of a 185 ms frame: millis() jumps back, RadioLib's
        // unsigned check (millis() − start > 5 ms + 5 × time on air) fires, and transmit() fails with a TX timeout.
        ChipModel chip = ChipFile.Resolve("apollo3") with { Alarm = new AlarmHardware(32_768, 24, 5, 23) };
        TimeSpan untilWrap = TimeSpan.FromMilliseconds(511_900);
        Outcome repeated = RunScript(chip, untilWrap, repeat: true, radio => radio.Transmit(new byte[20]));
        Outcome plain = RunScript(chip, untilWrap, repeat: false, radio => radio.Transmit(new byte[20]));

        Assert.Equal(RadioLibSx1262.ErrTxTimeout, plain.State);
        Assert.Equal(plain.Summary, repeated.Summary);
        Assert.True(plain.TxDonePolls > 2_000, $"{plain.TxDonePolls} DIO1 polls before the wrap");
        Assert.True(repeated.PassesRepeated > plain.TxDonePolls / 2, $"{repeated.PassesRepeated} passes repeated");
    }

    [Fact]
    public void BlockingTransmitPollingAPinThatNeverRises_TimesOutAtTheSameInstant()
    {
        // RadioLib told that DIO1 is on GPIO 3, where this board wires the SX1262's DIO3 (never raised here): transmit()
        // polls it until millis() − start > 5 ms + 5 × time on air (931 ms for 185 ms on air), then fails.
        Outcome repeated = RunScript(ChipFile.Resolve("apollo3"), TimeSpan.Zero, repeat: true, radio => radio.Transmit(new byte[20]), dio1: 3);
        Outcome plain = RunScript(ChipFile.Resolve("apollo3"), TimeSpan.Zero, repeat: false, radio => radio.Transmit(new byte[20]), dio1: 3);

        Assert.Equal(RadioLibSx1262.ErrTxTimeout, plain.State);
        Assert.Equal(plain.Summary, repeated.Summary);
        Assert.True(plain.TxDonePolls > 30_000, $"{plain.TxDonePolls} DIO1 polls");
        Assert.True(repeated.PassesRepeated > plain.TxDonePolls * 9 / 10, $"{repeated.PassesRepeated} passes repeated");
    }

    private static Outcome RunApp(LoRaBoardDefinition definition, LoRaTransmitMode mode, bool repeat)
    {
        var sim = new Simulation();
        LoRaBoard board = LoRaBoards.Build(sim, 0, definition, NodeEnergyFor(sim), kernelOptions: new KernelOptions { RepeatPollPasses = repeat });
        var app = new LoRaSenseApp(mode, periodMs: 700, payloadBytes: 20, readSensors: definition.Sensors, Sf9Bw125);
        board.Node.Load(app);
        board.Node.Boot();
        sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(5)));
        Assert.True(board.Radio.FramesSent >= 3, $"{board.Radio.FramesSent} frames");
        return Describe(sim, board, app.Radio!, app.Radio!.State);
    }

    private static Outcome RunSleepThenStandby(ChipModel chip, TimeSpan delay, bool repeat, bool beginOnly = false) =>
        RunScript(chip, delay, repeat, radio => beginOnly ? [] : radio.Sleep().Concat(radio.Standby()));

    // Waits `delay`, then begin() and what `then` does with the radio.
    private static Outcome RunScript(ChipModel chip, TimeSpan delay, bool repeat, Func<RadioLibSx1262, IEnumerable<UserOp>> then, uint dio1 = 2)
    {
        var sim = new Simulation();
        LoRaBoard board = LoRaBoards.Build(sim, 0, LoRaBoards.Apollo3LoRaThingsPlus, NodeEnergyFor(sim), chip: chip, kernelOptions: new KernelOptions { RepeatPollPasses = repeat });
        RadioLibSx1262? radio = null;
        TockProcess p = board.Node.Load(new ScriptedProgram("standby", ctx =>
        {
            var tock = new Libtock(ctx);
            radio = new RadioLibSx1262(ctx, tock, Sf9Bw125, dio1: dio1);
            IEnumerable<UserOp> wait = delay > TimeSpan.Zero ? tock.Sync.AlarmDelayMs((uint)delay.TotalMilliseconds) : [];
            return wait.Concat(radio.Begin()).Concat(Later(() => then(radio)));
        }));
        board.Node.Boot();
        sim.RunUntil(SimTime.FromStart(SimDuration.FromMilliseconds((long)delay.TotalMilliseconds + 3_000)));
        Assert.Equal(ProcessState.Terminated, p.State);
        return Describe(sim, board, radio!, radio!.State);
    }

    private static Outcome Describe(Simulation sim, LoRaBoard board, RadioLibSx1262 radio, int state)
    {
        KernelReport report = board.Node.Report(sim.Now.SinceStart);
        string processes = string.Join("; ", board.Node.ProcessReports());
        string summary = string.Join(
            " | ",
            sim.Now,
            report,
            processes,
            $"busy polls {radio.BusyPolls}, DIO1 polls {radio.TxDonePolls}, state {state}, SPI {radio.SpiTransactions}",
            $"energy {board.Node.Energy.Demanded}",
            $"events {sim.EventsExecuted} + {sim.EventsAdvanced} advanced, {sim.StepsRunAhead} ahead");
        TockProcess p = board.Node.Kernel.Processes[0];
        return new Outcome(summary, board.Node.Kernel.Counters.PassesRepeated, radio.BusyPolls, radio.TxDonePolls, state, p.Counters.TimeslicesExpired);
    }

    // The steps `make` returns, made only when the program gets there (after begin()).
    private static IEnumerable<UserOp> Later(Func<IEnumerable<UserOp>> make)
    {
        yield return UserOp.Call(make());
    }

    private static SensorNet.Energy.Accounting.NodeEnergy NodeEnergyFor(Simulation sim) => new(sim, new UnlimitedSupply());

    private sealed record Outcome(string Summary, long PassesRepeated, long BusyPolls, long TxDonePolls, int State, long TimeslicesExpired);
}
