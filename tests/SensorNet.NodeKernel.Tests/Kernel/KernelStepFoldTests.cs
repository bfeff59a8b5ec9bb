using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Syscalls;
using SensorNet.NodeKernel.Tests.Scheduling;
using SensorNet.NodeKernel.Tests.Support;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Tests.Kernel;

/// <summary>
/// <see cref="KernelOptions.FoldKernelSteps"/> changes how many events a run takes, never what happens: three nodes in
/// one simulation, whose driver completions, alarms and sleeps interleave at random instants, give the same syscall
/// results, counters, residency and end time with the kernel's steps folded and with one event per step; the run is
/// split in two at an instant where a folded chain would otherwise cross the end of the first part.
/// </summary>
public class KernelStepFoldTests
{
    [Theory]
    [InlineData("round-robin", 1UL)]
    [InlineData("round-robin", 2UL)]
    [InlineData("mlfq", 3UL)]
    [InlineData("cooperative", 4UL)]
    [InlineData("priority", 5UL)]
    public void FoldedAndUnfolded_RunsAreIdentical_WithFewerEventsFolded(string scheduler, ulong seed)
    {
        (List<SyscallReturn> results, string summary, long events) folded = Run(scheduler, seed, fold: true);
        (List<SyscallReturn> results, string summary, long events) plain = Run(scheduler, seed, fold: false);

        FoldWorkload.AssertSameWithFewerEvents(plain.results, plain.summary, plain.events, folded.results, folded.summary, folded.events, maxEventShare: 2.0 / 3);
    }

    private static (List<SyscallReturn> Results, string Summary, long Events) Run(string scheduler, ulong seed, bool fold)
    {
        var simulation = new Simulation();
        var results = new List<SyscallReturn>();
        var nodes = new List<KernelHarness>();
        for (int node = 0; node < 3; node++)
        {
            var h = new KernelHarness(node == 1 ? TestChips.Wfi1MHz() : TestChips.Sam4lLike(), FoldWorkload.Scheduler(scheduler), options: new KernelOptions { MaxProcesses = 4, FoldKernelSteps = fold }, simulation: simulation);
            _ = new FakeDriver(h.Kernel);
            RandomStream rng = new RngStreams(seed, 0).For(node, RngPurpose.Test);
            h.Kernel.AddProcess(new ConformanceProgram("syscalls", ctx => FoldWorkload.Syscalls(ctx, results, rng, rounds: 300)));
            RandomStream delayRng = new RngStreams(seed, 0).For(node, RngPurpose.Test, 1);
            h.Kernel.AddProcess(new ConformanceProgram("delays", ctx => FoldWorkload.Delays(ctx, results, delayRng)));
            if (node == 1)
            {
                h.Kernel.AddProcess(new ConformanceProgram("spin", _ => SchedulingTestKit.Spin())); // 1 ms compute steps
            }

            nodes.Add(h);
        }

        // Boot the nodes 37 µs apart from inside events, as a scenario switches nodes on. Other handlers raise interrupts
        // at random instants and look at the clock afterwards: a kernel called from them must not run ahead.
        var probes = new List<string>();
        RandomStream probeTimes = new RngStreams(seed, 0).For(RngStreams.NetworkWide, RngPurpose.Test);
        for (int node = 0; node < nodes.Count; node++)
        {
            TockKernel kernel = nodes[node].Kernel;
            var actions = new TimedActions(simulation);
            actions.At(SimTime.FromStart(SimDuration.FromMicroseconds(37 * node)), () => kernel.Boot());
            for (int i = 0; i < 300; i++)
            {
                // Whole microseconds: node 1's 1 MHz CPU ends its steps there too, so probes tie with kernel steps.
                actions.At(SimTime.FromStart(SimDuration.FromMicroseconds((long)probeTimes.NextUInt64(400_000))), () =>
                {
                    kernel.Interrupts.Raise(9); // the fake driver's line: a bottom half with nothing due
                    probes.Add($"{simulation.Now} {kernel.IsSleeping} {kernel.RunningProcess?.Name}");
                });
            }
        }

        simulation.RunUntil(SimTime.FromStart(SimDuration.FromMicroseconds(123_457)));
        simulation.RunUntil(SimTime.FromStart(SimDuration.FromMilliseconds(400)));

        string summary = string.Join(" || ", nodes.Select(FoldWorkload.Summary));
        return (results, summary + " @ " + simulation.Now + " probes " + string.Join(", ", probes), simulation.EventsExecuted);
    }
}
