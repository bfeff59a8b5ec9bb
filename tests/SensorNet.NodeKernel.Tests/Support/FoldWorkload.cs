using SensorNet.NodeKernel.Drivers;
using SensorNet.NodeKernel.Scheduling;
using SensorNet.NodeKernel.Syscalls;
using SensorNet.NodeKernel.Userspace;
using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;
using LibtockC = SensorNet.NodeKernel.Userspace.Libtock.Libtock;

namespace SensorNet.NodeKernel.Tests.Support;

/// <summary>
/// Programs and a run summary for the fold equivalence tests: runs with a fold on and off must agree on every syscall
/// result and every counter.
/// </summary>
internal static class FoldWorkload
{
    private const uint Fake = FakeDriver.DefaultNumber;

    /// <summary>
    /// Many cheap syscalls (foldable returns) between commands whose completion interrupts arrive 1–300 µs later, with a
    /// wait for the completion after about 30 % of them; every result is recorded.
    /// </summary>
    public static IEnumerable<UserOp> Syscalls(UserContext ctx, List<SyscallReturn> results, RandomStream rng, int rounds = 400)
    {
        long[] delays = [.. Enumerable.Range(0, rounds).Select(_ => 1 + (long)rng.NextUInt64(300))];
        bool[] waits = [.. Enumerable.Range(0, rounds).Select(_ => rng.NextDouble() < 0.3)];
        for (int i = 0; i < delays.Length; i++)
        {
            yield return UserOp.Command(Fake, 1, (uint)delays[i], (uint)i);
            results.Add(ctx.Result);
            for (int k = 0; k < 6; k++)
            {
                yield return UserOp.Command(AlarmDriver.Number, 2);
                results.Add(ctx.Result);
                yield return UserOp.Compute(10 + (30 * ((i + k) % 3))); // 10, 40 or 70 cycles
            }

            if (waits[i])
            {
                yield return UserOp.YieldWaitFor(Fake, 0);
                results.Add(ctx.Result);
            }
        }
    }

    /// <summary>libtock-c synchronous alarm delays of 0–2 ms (sleep, wake-up, upcall), each after a time read.</summary>
    public static IEnumerable<UserOp> Delays(UserContext ctx, List<SyscallReturn> results, RandomStream rng, int rounds = 200)
    {
        var tock = new LibtockC(ctx);
        for (int i = 0; i < rounds; i++)
        {
            yield return UserOp.Command(AlarmDriver.Number, 2);
            results.Add(ctx.Result);
            yield return UserOp.Call(tock.Sync.AlarmDelayMs((uint)rng.NextUInt64(3)));
        }
    }

    /// <summary>A new scheduler by name: "mlfq", "cooperative", "priority", else round robin.</summary>
    public static IScheduler Scheduler(string name) => name switch
    {
        "mlfq" => new MlfqScheduler(),
        "cooperative" => new CooperativeScheduler(),
        "priority" => new PriorityScheduler(),
        _ => new RoundRobinScheduler(),
    };

    /// <summary>
    /// The fold changed nothing but the event count: the same syscall results and summary, and at most
    /// <paramref name="maxEventShare"/> of the unfolded run's events.
    /// </summary>
    public static void AssertSameWithFewerEvents(List<SyscallReturn> plainResults, string plainSummary, long plainEvents, List<SyscallReturn> foldedResults, string foldedSummary, long foldedEvents, double maxEventShare)
    {
        Assert.Equal(plainResults, foldedResults);
        Assert.Equal(plainSummary, foldedSummary);
        Assert.True(foldedEvents <= plainEvents * maxEventShare, $"folded {foldedEvents} events, unfolded {plainEvents}");
    }

    /// <summary>Every counter of the kernel and its processes, the residency and the process states, as text.</summary>
    public static string Summary(KernelHarness h) =>
        string.Join(" | ", Properties(h.Kernel.Counters), h.Active, h.Asleep, string.Join(" / ", h.Kernel.Processes.Select(p => $"{Properties(p.Counters)} {p.State}")));

    // Every public counter of the object, so a change anywhere shows up in the comparison.
    private static string Properties(object o) => string.Join(", ", o.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0 && (p.PropertyType.IsPrimitive || p.PropertyType == typeof(SimDuration))).Select(p => $"{p.Name}={p.GetValue(o)}"));
}
