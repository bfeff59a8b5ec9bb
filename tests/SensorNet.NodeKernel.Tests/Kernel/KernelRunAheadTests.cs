using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Syscalls;
using SensorNet.NodeKernel.Tests.Support;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Tests.Kernel;

/// <summary>
/// Lookahead (<see cref="EventDomain.MayRunAhead"/>) changes how many events a run takes, never what happens: three
/// nodes, each in its own domain, whose driver completions, alarms, sleeps and probes interleave at random instants,
/// give every node the same syscall results, counters, residency and probe readings whether their kernels may run
/// ahead of the other nodes' events or keep to the global order. Probes of no domain (a shared model looking at a
/// node) stop a node from running past them.
/// </summary>
public class KernelRunAheadTests
{
    [Theory]
    [InlineData("round-robin", 1UL)]
    [InlineData("mlfq", 2UL)]
    [InlineData("cooperative", 3UL)]
    [InlineData("priority", 4UL)]
    public void RunAheadAndGlobalOrder_GiveEachNodeTheSameRun_WithFewerEvents(string scheduler, ulong seed)
    {
        Outcome ahead = Run(scheduler, seed, allowRunAhead: true);
        Outcome ordered = Run(scheduler, seed, allowRunAhead: false);

        Assert.Equal(0, ordered.StepsRunAhead);
        Assert.True(ahead.StepsRunAhead > 1000, $"{ahead.StepsRunAhead} steps ran ahead");
        for (int node = 0; node < ordered.Results.Length; node++)
        {
            Assert.Equal(ordered.Results[node], ahead.Results[node]);
        }

        Assert.Equal(ordered.Summary, ahead.Summary);
        Assert.True(ahead.Events < ordered.Events * 0.9, $"ahead {ahead.Events} events, ordered {ordered.Events}");
    }

    [Fact]
    public void NodeThatMayNotRunAhead_KeepsToTheGlobalOrder()
    {
        Outcome outcome = Run("round-robin", 7, allowRunAhead: true, mayRunAhead: false);

        Assert.Equal(0, outcome.StepsRunAhead);
    }

    private static Outcome Run(string scheduler, ulong seed, bool allowRunAhead, bool mayRunAhead = true)
    {
        var simulation = new Simulation { AllowRunAhead = allowRunAhead };
        var results = new List<SyscallReturn>[3];
        var nodes = new List<KernelHarness>();
        var probes = new List<string>();
        RandomStream probeTimes = new RngStreams(seed, 0).For(RngStreams.NetworkWide, RngPurpose.Test);
        for (int node = 0; node < results.Length; node++)
        {
            var domain = new EventDomain($"node {node}") { MayRunAhead = () => mayRunAhead };
            results[node] = [];
            KernelHarness h;
            using (simulation.EnterDomain(domain))
            {
                h = new KernelHarness(node == 1 ? TestChips.Wfi1MHz() : TestChips.Sam4lLike(), FoldWorkload.Scheduler(scheduler), options: new KernelOptions { MaxProcesses = 4 }, simulation: simulation);
                _ = new FakeDriver(h.Kernel);
                RandomStream rng = new RngStreams(seed, 0).For(node, RngPurpose.Test);
                List<SyscallReturn> own = results[node];
                h.Kernel.AddProcess(new ConformanceProgram("syscalls", ctx => FoldWorkload.Syscalls(ctx, own, rng, rounds: 300)));
                RandomStream delayRng = new RngStreams(seed, 0).For(node, RngPurpose.Test, 1);
                h.Kernel.AddProcess(new ConformanceProgram("delays", ctx => FoldWorkload.Delays(ctx, own, delayRng)));

                // The node's own probes raise an interrupt and read its state; they are its events, so it never runs past them.
                TockKernel kernel = h.Kernel;
                var actions = new TimedActions(simulation);
                actions.At(SimTime.FromStart(SimDuration.FromMicroseconds(37 * node)), () => kernel.Boot());
                for (int i = 0; i < 200; i++)
                {
                    actions.At(SimTime.FromStart(SimDuration.FromMicroseconds((long)probeTimes.NextUInt64(400_000))), () =>
                    {
                        kernel.Interrupts.Raise(9);
                        probes.Add($"{simulation.Now} {kernel.IsSleeping} {kernel.RunningProcess?.Name}");
                    });
                }
            }

            nodes.Add(h);
        }

        // Probes of no domain: a shared model reading a node's state at instants of its own.
        var shared = new TimedActions(simulation);
        for (int i = 0; i < 100; i++)
        {
            KernelHarness h = nodes[i % nodes.Count];
            shared.At(SimTime.FromStart(SimDuration.FromMicroseconds((long)probeTimes.NextUInt64(400_000))), () => probes.Add($"shared {simulation.Now} {h.Kernel.IsSleeping} {h.Kernel.RunningProcess?.Name} {FoldWorkload.Summary(h)}"));
        }

        simulation.RunUntil(SimTime.FromStart(SimDuration.FromMicroseconds(123_457)));
        simulation.RunUntil(SimTime.FromStart(SimDuration.FromMilliseconds(400)));

        string summary = string.Join(" || ", nodes.Select(FoldWorkload.Summary)) + " @ " + simulation.Now + " probes " + string.Join(", ", probes);
        return new Outcome(results, summary, simulation.EventsExecuted, simulation.StepsRunAhead);
    }

    private sealed record Outcome(List<SyscallReturn>[] Results, string Summary, long Events, long StepsRunAhead);
}
