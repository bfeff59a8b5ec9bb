using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Syscalls;
using SensorNet.NodeKernel.Tests.Scheduling;
using SensorNet.NodeKernel.Tests.Support;
using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Tests.Kernel;

/// <summary>
/// <see cref="KernelOptions.FoldSyscallReturns"/> changes how many events a run takes, never what happens: the same
/// programs with interrupts landing at random instants (inside folded syscall returns too) give the same syscall
/// results, counters, residency and end time with the fold on and off. <see cref="KernelOptions.FoldKernelSteps"/> is
/// off here, since it would run most of these returns without events either way (<see cref="KernelStepFoldTests"/>).
/// </summary>
public class SyscallReturnFoldTests
{
    [Theory]
    [InlineData("round-robin", 1UL)]
    [InlineData("round-robin", 2UL)]
    [InlineData("mlfq", 3UL)]
    [InlineData("cooperative", 4UL)]
    public void FoldedAndUnfolded_RunsAreIdentical_WithFewerEventsFolded(string scheduler, ulong seed)
    {
        Outcome folded = Run(scheduler, seed, fold: true);
        Outcome plain = Run(scheduler, seed, fold: false);

        // Most syscall returns fold (one event each saved); those interrupted or ending a time slice do not.
        double share = 1 - (folded.Syscalls / 2.0 / plain.Events);
        FoldWorkload.AssertSameWithFewerEvents(plain.Results, plain.Summary, plain.Events, folded.Results, folded.Summary, folded.Events, share);
    }

    private static Outcome Run(string scheduler, ulong seed, bool fold)
    {
        var h = new KernelHarness(TestChips.Sam4lLike(), FoldWorkload.Scheduler(scheduler), options: new KernelOptions { MaxProcesses = 4, FoldSyscallReturns = fold, FoldKernelSteps = false });
        _ = new FakeDriver(h.Kernel);
        var results = new List<SyscallReturn>();
        RandomStream rng = new RngStreams(seed, 0).For(0, RngPurpose.Test);
        h.Kernel.AddProcess(new ConformanceProgram("syscalls", ctx => FoldWorkload.Syscalls(ctx, results, rng)));
        h.Kernel.AddProcess(new ConformanceProgram("spin", _ => SchedulingTestKit.Spin()));

        h.Kernel.Boot();
        h.RunFor(SimDuration.FromMilliseconds(400));

        return new Outcome(results, FoldWorkload.Summary(h) + " @ " + h.Simulation.Now, h.Simulation.EventsExecuted, h.Kernel.Counters.Syscalls);
    }

    private sealed record Outcome(List<SyscallReturn> Results, string Summary, long Events, long Syscalls);
}
