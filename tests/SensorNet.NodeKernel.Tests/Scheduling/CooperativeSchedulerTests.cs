using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Scheduling;
using SensorNet.NodeKernel.Tests.Support;
using SensorNet.NodeKernel.Userspace;
using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;
using static SensorNet.NodeKernel.Tests.Scheduling.SchedulingTestKit;

namespace SensorNet.NodeKernel.Tests.Scheduling;

/// <summary>
/// Cooperative scheduler (tock/tock <c>capsules/system/src/scheduler/cooperative.rs</c>): round robin without a
/// timeslice; a process preempted by kernel work stays at the head and resumes.
/// </summary>
public class CooperativeSchedulerTests
{
    private static readonly SimTime T0 = SimTime.Zero;

    // ----- Direct unit tests -------------------------------------------------------------------------------------

    [Fact]
    public void ChooseNext_RotatesInArrayOrder_WithNoTimeslice()
    {
        (CooperativeScheduler s, _) = Setup(3);

        Assert.Equal("cooperative", s.Name);
        Assert.Equal(Run(0, null), D(s.ChooseNext(T0)));
        s.Result(StoppedReason.NoWorkLeft, null);
        Assert.Equal(Run(1, null), D(s.ChooseNext(T0)));
        s.Result(StoppedReason.TimesliceExpired, null);
        Assert.Equal(Run(2, null), D(s.ChooseNext(T0)));
        s.Result(StoppedReason.Stopped, null);
        Assert.Equal(Run(0, null), D(s.ChooseNext(T0)));
        s.Result(StoppedReason.StoppedFaulted, null);
        Assert.Equal(Run(1, null), D(s.ChooseNext(T0)));
    }

    [Fact]
    public void KernelPreemption_KeepsTheProcessAtTheHead()
    {
        (CooperativeScheduler s, _) = Setup(2);

        Assert.Equal(Run(0, null), D(s.ChooseNext(T0)));
        s.Result(StoppedReason.KernelPreemption, null);
        Assert.Equal(Run(0, null), D(s.ChooseNext(T0)));
        s.Result(StoppedReason.KernelPreemption, null);
        Assert.Equal(Run(0, null), D(s.ChooseNext(T0)));
        s.Result(StoppedReason.NoWorkLeft, null);
        Assert.Equal(Run(1, null), D(s.ChooseNext(T0)));
        s.Result(StoppedReason.KernelPreemption, 5_000); // executed time is ignored
        Assert.Equal(Run(1, null), D(s.ChooseNext(T0)));
    }

    [Fact]
    public void ChooseNext_SkipsNotReady_AndTrySleepsWhenNoneIsReady()
    {
        (CooperativeScheduler s, TockProcess[] p) = Setup(3);
        SetReady(p[0], false);

        Assert.Equal(Run(1, null), D(s.ChooseNext(T0)));   // ring [1,2,0]
        s.Result(StoppedReason.NoWorkLeft, null);           // ring [2,0,1]
        SetReady(p[0], true);
        Assert.Equal(Run(2, null), D(s.ChooseNext(T0)));
        s.Result(StoppedReason.NoWorkLeft, null);           // ring [0,1,2]
        foreach (TockProcess q in p)
        {
            SetReady(q, false);
        }

        Assert.Equal(Sleep, D(s.ChooseNext(T0)));
        SetReady(p[1], true);
        Assert.Equal(Run(1, null), D(s.ChooseNext(T0)));

        var empty = new CooperativeScheduler();
        empty.Initialize([]);
        Assert.Equal(Sleep, D(empty.ChooseNext(T0)));
    }

    // ----- End-to-end schedules through the kernel ----------------------------------------------------------------

    [Fact]
    public void Kernel_CpuBoundProcess_StarvesTheOther_AndResumesAfterAnInterrupt()
    {
        // A runs from 0 with no timeslice. The interrupt at 30 ms preempts it (CPU time 30 ms booked); after the
        // 200 µs bottom half A, still at the head, resumes at 30.2 ms and runs on. B never runs.
        KernelHarness h = Harness(new CooperativeScheduler());
        var device = new TestDevice(h.Kernel, serviceCycles: 200);
        TockProcess a = h.Kernel.AddProcess(CpuBound("a"));
        TockProcess b = h.Kernel.AddProcess(CpuBound("b"));
        device.RaiseAt(30_000);
        h.Kernel.Boot();

        h.RunFor(Us(100_000));

        Assert.Equal(2, a.Counters.Dispatches);
        Assert.Equal(1, a.Counters.Preemptions);
        Assert.Equal(0, a.Counters.TimeslicesExpired);
        Assert.Equal(Ms(30), a.Counters.CpuTimeNs);
        Assert.Equal(0, b.Counters.Dispatches);
        Assert.Equal(0, b.Counters.CpuTimeNs);
        Assert.Equal(SimDuration.FromMilliseconds(100), h.Active);
    }

    [Fact]
    public void Kernel_TheOtherProcessRunsOnlyOnceTheFirstYields()
    {
        // A: crt0 2 000 µs + 15 000 µs of work (far beyond a 10 ms slice), then Yield-Wait with nothing to wait for:
        // NoWorkLeft at 17 ms. B runs from 17 ms; the interrupt at 40 ms preempts it (23 ms booked) and it resumes.
        KernelHarness h = Harness(new CooperativeScheduler());
        var device = new TestDevice(h.Kernel, serviceCycles: 200);
        TockProcess a = h.Kernel.AddProcess(new ScriptedProgram("a", _ => WorkThenWait(15_000)));
        TockProcess b = h.Kernel.AddProcess(CpuBound("b"));
        device.RaiseAt(40_000);
        h.Kernel.Boot();

        h.RunFor(Us(60_000));

        Assert.Equal((1L, Ms(17), 0L), (a.Counters.Dispatches, a.Counters.CpuTimeNs, a.Counters.TimeslicesExpired));
        Assert.Equal((2L, Ms(23), 1L), (b.Counters.Dispatches, b.Counters.CpuTimeNs, b.Counters.Preemptions));
    }

    // ----- Property test -------------------------------------------------------------------------------------------

    [Fact]
    public void Property_DecisionsMatchTheListModel_AndOnlyReadyProcessesArePicked()
    {
        for (ulong seed = 1; seed <= 40; seed++)
        {
            var rng = new RandomStream(seed ^ 0xC0_0C0C);
            int n = 1 + rng.NextInt32(6);
            (CooperativeScheduler s, TockProcess[] p) = Setup(n);
            var ring = new List<int>(Enumerable.Range(0, n));

            for (int step = 0; step < 400; step++)
            {
                foreach (TockProcess q in p)
                {
                    if (rng.NextInt32(4) == 0)
                    {
                        SetReady(q, !q.IsReady);
                    }
                }

                (int? Index, uint? SliceUs) got = D(s.ChooseNext(T0));
                Assert.Equal(ModelNext(ring, i => p[i].IsReady), got);
                if (got.Index is not int chosen)
                {
                    Assert.DoesNotContain(p, q => q.IsReady);
                    continue;
                }

                Assert.True(p[chosen].IsReady);
                StoppedReason reason = RandomReason(rng);
                s.Result(reason, null);
                if (reason != StoppedReason.KernelPreemption)
                {
                    ring.Add(ring[0]);
                    ring.RemoveAt(0);
                }
            }
        }
    }

    // cooperative.rs next(): walk from the head, moving not-ready processes to the tail, at most one full turn.
    private static (int? Index, uint? SliceUs) ModelNext(List<int> ring, Func<int, bool> ready)
    {
        int? firstHead = null;
        while (ring.Count > 0)
        {
            int node = ring[0];
            if (firstHead is null)
            {
                firstHead = node;
            }
            else if (firstHead == node)
            {
                return (null, null);
            }

            if (ready(node))
            {
                return (node, null);
            }

            ring.RemoveAt(0);
            ring.Add(node);
        }

        return (null, null);
    }

    private static (CooperativeScheduler S, TockProcess[] P) Setup(int count)
    {
        var s = new CooperativeScheduler();
        KernelHarness h = Harness(s);
        TockProcess[] p = AddProcesses(h, count);
        s.Initialize(h.Kernel.Processes);
        return (s, p);
    }

    private static IEnumerable<UserOp> WorkThenWait(long workUs)
    {
        yield return UserOp.Compute(workUs);
        while (true)
        {
            yield return UserOp.YieldWait();
        }
    }
}
