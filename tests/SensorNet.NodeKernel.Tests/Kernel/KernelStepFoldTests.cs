using SensorNet.NodeKernel.Drivers;
using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Scheduling;
using SensorNet.NodeKernel.Syscalls;
using SensorNet.NodeKernel.Tests.Scheduling;
using SensorNet.NodeKernel.Tests.Support;
using SensorNet.NodeKernel.Userspace;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;
using LibtockC = SensorNet.NodeKernel.Userspace.Libtock.Libtock;

namespace SensorNet.NodeKernel.Tests.Kernel;

/// <summary>
/// <see cref="KernelOptions.FoldKernelSteps"/> changes how many events a run takes, never what happens: three nodes in
/// one simulation, whose driver completions, alarms and sleeps interleave at random instants, give the same syscall
/// results, counters, residency and end time with the kernel's steps folded and with one event per step; the run is
/// split in two at an instant where a folded chain would otherwise cross the end of the first part.
/// </summary>
public class KernelStepFoldTests
{
    private const uint Fake = FakeDriver.DefaultNumber;

    [Theory]
    [InlineData("round-robin", 1UL)]
    [InlineData("round-robin", 2UL)]
    [InlineData("mlfq", 3UL)]
    [InlineData("cooperative", 4UL)]
    [InlineData("priority", 5UL)]
    public void FoldedAndUnfolded_RunsAreIdentical_WithFewerEventsFolded(string scheduler, ulong seed)
    {
        Outcome folded = Run(scheduler, seed, fold: true);
        Outcome plain = Run(scheduler, seed, fold: false);

        Assert.Equal(plain.Results, folded.Results);
        Assert.Equal(plain.Summary, folded.Summary);
        Assert.True(folded.Events * 2 < plain.Events, $"folded {folded.Events} events, unfolded {plain.Events}");
    }

    private static Outcome Run(string scheduler, ulong seed, bool fold)
    {
        var simulation = new Simulation();
        var results = new List<SyscallReturn>();
        var nodes = new List<KernelHarness>();
        for (int node = 0; node < 3; node++)
        {
            IScheduler s = scheduler switch
            {
                "mlfq" => new MlfqScheduler(),
                "cooperative" => new CooperativeScheduler(),
                "priority" => new PriorityScheduler(),
                _ => new RoundRobinScheduler(),
            };
            var h = new KernelHarness(node == 1 ? TestChips.Wfi1MHz() : TestChips.Sam4lLike(), s, options: new KernelOptions { MaxProcesses = 4, FoldKernelSteps = fold }, simulation: simulation);
            _ = new FakeDriver(h.Kernel);
            RandomStream rng = new RngStreams(seed, 0).For(node, RngPurpose.Test);
            long[] delays = [.. Enumerable.Range(0, 300).Select(_ => 1 + (long)rng.NextUInt64(300))];
            int[] kinds = [.. Enumerable.Range(0, 300).Select(_ => (int)rng.NextUInt64(4))];
            h.Kernel.AddProcess(new ConformanceProgram("syscalls", ctx => Busy(ctx, results, delays, kinds)));
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
                actions.At(SimTime.FromStart(SimDuration.FromNanoseconds((long)probeTimes.NextUInt64(400_000_000))), () =>
                {
                    kernel.Interrupts.Raise(9); // the fake driver's line: a bottom half with nothing due
                    probes.Add($"{simulation.Now} {kernel.IsSleeping} {kernel.RunningProcess?.Name}");
                });
            }
        }

        simulation.RunUntil(SimTime.FromStart(SimDuration.FromMicroseconds(123_457)));
        simulation.RunUntil(SimTime.FromStart(SimDuration.FromMilliseconds(400)));

        string summary = string.Join(" || ", nodes.Select(h => string.Join(" | ", Properties(h.Kernel.Counters), h.Active, h.Asleep, string.Join(" / ", h.Kernel.Processes.Select(p => Properties(p.Counters) + p.State)))));
        return new Outcome(results, summary + " @ " + simulation.Now + " probes " + string.Join(", ", probes), simulation.EventsExecuted);
    }

    // Every public counter of the object, so a change anywhere shows up in the comparison.
    private static string Properties(object o) => string.Join(", ", o.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0 && (p.PropertyType.IsPrimitive || p.PropertyType == typeof(SimDuration))).Select(p => $"{p.Name}={p.GetValue(o)}"));

    // Commands whose completions interrupt 1–300 µs later, runs of synchronous syscalls and compute, waits for the
    // completions, and libtock-c alarm delays (sleep, wake-up, upcall).
    private static IEnumerable<UserOp> Busy(UserContext ctx, List<SyscallReturn> results, long[] delays, int[] kinds)
    {
        var tock = new LibtockC(ctx);
        for (int i = 0; i < delays.Length; i++)
        {
            yield return UserOp.Command(Fake, 1, (uint)delays[i], (uint)i);
            results.Add(ctx.Result);
            for (int k = 0; k < 4; k++)
            {
                yield return UserOp.Command(AlarmDriver.Number, 2);
                results.Add(ctx.Result);
                yield return UserOp.Compute(30 * kinds[i]);
            }

            if (kinds[i] >= 2)
            {
                yield return UserOp.YieldWaitFor(Fake, 0);
                results.Add(ctx.Result);
            }

            if (kinds[i] is 0 or 3)
            {
                foreach (UserOp op in tock.Sync.AlarmDelayMs((uint)(delays[i] % 3)))
                {
                    yield return op;
                    results.Add(ctx.Result);
                }
            }
        }
    }

    private sealed record Outcome(List<SyscallReturn> Results, string Summary, long Events);
}
