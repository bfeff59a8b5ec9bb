using SensorNet.NodeKernel.Drivers;
using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Scheduling;
using SensorNet.NodeKernel.Syscalls;
using SensorNet.NodeKernel.Tests.Scheduling;
using SensorNet.NodeKernel.Tests.Support;
using SensorNet.NodeKernel.Userspace;
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
    private const uint Fake = FakeDriver.DefaultNumber;

    [Theory]
    [InlineData("round-robin", 1UL)]
    [InlineData("round-robin", 2UL)]
    [InlineData("mlfq", 3UL)]
    [InlineData("cooperative", 4UL)]
    public void FoldedAndUnfolded_RunsAreIdentical_WithFewerEventsFolded(string scheduler, ulong seed)
    {
        Outcome folded = Run(scheduler, seed, fold: true);
        Outcome plain = Run(scheduler, seed, fold: false);

        Assert.Equal(plain.Results, folded.Results);
        Assert.Equal(plain.Summary, folded.Summary);
        // Most syscall returns fold (one event each saved); those interrupted or ending a time slice do not.
        Assert.True(plain.Events - folded.Events > folded.Syscalls / 2, $"folded {folded.Events} events, unfolded {plain.Events}, {folded.Syscalls} syscalls");
    }

    private static Outcome Run(string scheduler, ulong seed, bool fold)
    {
        IScheduler s = scheduler switch
        {
            "mlfq" => new MlfqScheduler(),
            "cooperative" => new CooperativeScheduler(),
            _ => new RoundRobinScheduler(),
        };
        var h = new KernelHarness(TestChips.Sam4lLike(), s, options: new KernelOptions { MaxProcesses = 4, FoldSyscallReturns = fold, FoldKernelSteps = false });
        _ = new FakeDriver(h.Kernel);
        var results = new List<SyscallReturn>();
        RandomStream rng = new RngStreams(seed, 0).For(0, RngPurpose.Test);
        long[] delays = [.. Enumerable.Range(0, 400).Select(_ => 1 + (long)rng.NextUInt64(300))];
        bool[] waits = [.. Enumerable.Range(0, 400).Select(_ => rng.NextDouble() < 0.3)];
        h.Kernel.AddProcess(new ConformanceProgram("syscalls", ctx => Busy(ctx, results, delays, waits)));
        h.Kernel.AddProcess(new ConformanceProgram("spin", _ => SchedulingTestKit.Spin()));

        h.Kernel.Boot();
        h.RunFor(SimDuration.FromMilliseconds(400));

        string summary = string.Join(" | ", Properties(h.Kernel.Counters), h.Active, h.Asleep, h.Simulation.Now, string.Join(" / ", h.Kernel.Processes.Select(p => Properties(p.Counters))));
        return new Outcome(results, summary, h.Simulation.EventsExecuted, h.Kernel.Counters.Syscalls);
    }

    // Every public counter of the object, so a change anywhere shows up in the comparison.
    private static string Properties(object o) => string.Join(", ", o.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0 && (p.PropertyType.IsPrimitive || p.PropertyType == typeof(SimDuration))).Select(p => $"{p.Name}={p.GetValue(o)}"));

    // Many cheap syscalls (foldable returns) between commands whose completion interrupts arrive 1–300 µs later.
    private static IEnumerable<UserOp> Busy(UserContext ctx, List<SyscallReturn> results, long[] delays, bool[] waits)
    {
        for (int i = 0; i < delays.Length; i++)
        {
            yield return UserOp.Command(Fake, 1, (uint)delays[i], (uint)i);
            results.Add(ctx.Result);
            for (int k = 0; k < 6; k++)
            {
                yield return UserOp.Command(AlarmDriver.Number, 2);
                results.Add(ctx.Result);
                yield return UserOp.Compute(40);
            }

            if (waits[i])
            {
                yield return UserOp.YieldWaitFor(Fake, 0);
                results.Add(ctx.Result);
            }
        }
    }

    private sealed record Outcome(List<SyscallReturn> Results, string Summary, long Events, long Syscalls);
}
