using SensorNet.Energy.Storage;
using SensorNet.NodeKernel.Boards;
using SensorNet.NodeKernel.Drivers;
using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Tests.Support;
using SensorNet.NodeKernel.Userspace;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Tests.Drivers;

public class AdcDriverTests
{
    [Fact]
    public void SingleSample_ArrivesAsUpcall0WithModeChannelAndCode()
    {
        var sim = new Simulation();
        Board board = Board.Build(sim, 0, BoardDefinition.Nrf52840Dk with { ProcessConsole = false }, new UnlimitedSupply());
        uint[] values = [];
        TockProcess p = board.Node.Load(new ScriptedProgram("adc", ctx => Sample(ctx, v => values = v)));
        board.Node.Boot();

        sim.RunUntil(SimTime.FromStart(SimDuration.FromMilliseconds(10)));

        Assert.Equal([0u, 3u, 2048u], values); // single-sample mode 0, channel 3, mid-scale 12-bit code
        Assert.Equal(ProcessState.Terminated, p.State);
        Assert.Equal(1, board.Adc!.Samples);
    }

    [Fact]
    public void ContinuousSampling_Sam4l_SleepsShallowWhileConvertingAndDeepBetweenSamples()
    {
        // 100 Hz on the 16 kHz AST: a sample every 160 ticks = 10 ms; the ADCIFE clock is held only for the 10 µs
        // conversion, so the SAM4L still deep-sleeps between samples.
        var sim = new Simulation();
        Board board = Board.Build(sim, 0, BoardDefinition.Imix with { ProcessConsole = false, RadioOnAtBoot = false }, new UnlimitedSupply());
        board.Node.Load(new ScriptedProgram("adc-100hz", Continuous));
        board.Node.Boot();
        var elapsed = SimDuration.FromSeconds(2);

        sim.RunUntil(SimTime.FromStart(elapsed));
        KernelReport r = board.Node.Report(elapsed);

        Assert.InRange(board.Adc!.Samples, 198, 201);
        // Per sample: shallow sleep while converting (clock held), then deep sleep until the next sample.
        Assert.InRange(r.DeepSleeps, 198, 202);
        Assert.InRange(r.ShallowSleeps, 198, 202);
        Assert.True(r.DeepSleepNs > elapsed.Nanoseconds * 99 / 100, $"deep {r.DeepSleepNs} ns");
        Assert.Equal(board.Adc.Samples, board.Node.ProcessReports()[0].UpcallsDelivered);
    }

    private static IEnumerable<UserOp> Sample(UserContext ctx, Action<uint[]> result)
    {
        yield return UserOp.Command(AdcDriver.Number, 1, 3);
        yield return UserOp.YieldWaitFor(AdcDriver.Number, 0);
        result([ctx.Result.R1, ctx.Result.R2, ctx.Result.R3]);
    }

    private static IEnumerable<UserOp> Continuous(UserContext ctx)
    {
        uint f = ctx.Function(_ => Nothing());
        yield return UserOp.Subscribe(AdcDriver.Number, 0, f);
        yield return UserOp.Command(AdcDriver.Number, 2, 0, 100);
        while (true)
        {
            yield return UserOp.YieldWait();
        }
    }

    private static IEnumerable<UserOp> Nothing()
    {
        yield break;
    }
}
