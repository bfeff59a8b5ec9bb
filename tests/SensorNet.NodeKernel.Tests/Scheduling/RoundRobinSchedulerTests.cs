using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Scheduling;
using SensorNet.NodeKernel.Syscalls;
using SensorNet.NodeKernel.Tests.Support;
using SensorNet.NodeKernel.Userspace;
using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;
using static SensorNet.NodeKernel.Tests.Scheduling.SchedulingTestKit;

namespace SensorNet.NodeKernel.Tests.Scheduling;

/// <summary>
/// Round robin (tock/tock <c>capsules/system/src/scheduler/round_robin.rs</c>): unit tests of the scheduler object,
/// end-to-end schedules through the kernel on the 1 MHz test chip with zero kernel costs, and property tests
/// against a list model transcribed from the Rust code.
/// </summary>
public class RoundRobinSchedulerTests
{
    private static readonly SimTime T0 = SimTime.Zero;

    // ----- Direct unit tests -------------------------------------------------------------------------------------

    [Fact]
    public void ChooseNext_RotatesInArrayOrder_WithAFresh10msSliceEachTime()
    {
        (RoundRobinScheduler s, _) = Setup(3);

        Assert.Equal(10_000u, RoundRobinScheduler.DefaultTimesliceUs);
        Assert.Equal(Run(0, 10_000), D(s.ChooseNext(T0)));
        s.Result(StoppedReason.NoWorkLeft, 1_234);
        Assert.Equal(Run(1, 10_000), D(s.ChooseNext(T0)));
        s.Result(StoppedReason.TimesliceExpired, 10_000);
        Assert.Equal(Run(2, 10_000), D(s.ChooseNext(T0)));
        s.Result(StoppedReason.Stopped, 0);
        Assert.Equal(Run(0, 10_000), D(s.ChooseNext(T0)));
        s.Result(StoppedReason.StoppedFaulted, 7);
        Assert.Equal(Run(1, 10_000), D(s.ChooseNext(T0)));
    }

    [Fact]
    public void ChooseNext_MovesNotReadyProcessesToTheTail()
    {
        (RoundRobinScheduler s, TockProcess[] p) = Setup(4);
        SetReady(p[1], false);

        // Ring [0,1,2,3] → pick 0, tail → [1,2,3,0]; 1 not ready → [2,3,0,1] → pick 2 → [3,0,1,2] → pick 3 → [0,1,2,3].
        var picks = new List<int?>();
        for (int i = 0; i < 3; i++)
        {
            picks.Add(s.ChooseNext(T0).Process?.Index);
            s.Result(StoppedReason.NoWorkLeft, 100);
        }

        SetReady(p[1], true);
        for (int i = 0; i < 2; i++)
        {
            picks.Add(s.ChooseNext(T0).Process?.Index);
            s.Result(StoppedReason.NoWorkLeft, 100);
        }

        Assert.Equal([0, 2, 3, 0, 1], picks);
    }

    [Fact]
    public void ChooseNext_TrySleepWhenNoneReady_AfterAFullRotationThatLeavesTheHeadInPlace()
    {
        (RoundRobinScheduler s, TockProcess[] p) = Setup(3);
        foreach (TockProcess q in p)
        {
            SetReady(q, false);
        }

        Assert.Equal(Sleep, D(s.ChooseNext(T0)));
        Assert.True(s.ChooseNext(T0).IsTrySleep);

        // The full rotation brought the ring back to [0,1,2]: with 1 and 2 ready, 1 comes first.
        SetReady(p[2], true);
        SetReady(p[1], true);
        Assert.Equal(Run(1, 10_000), D(s.ChooseNext(T0)));
        s.Result(StoppedReason.NoWorkLeft, 10);
        Assert.Equal(Run(2, 10_000), D(s.ChooseNext(T0)));
    }

    [Fact]
    public void ChooseNext_WithNoProcesses_IsTrySleep()
    {
        var s = new RoundRobinScheduler();
        s.Initialize([]);

        Assert.Equal(Sleep, D(s.ChooseNext(T0)));
    }

    [Fact]
    public void KernelPreemption_WithSliceLeft_KeepsTheProcessAtTheHeadWithTheRemainder()
    {
        (RoundRobinScheduler s, _) = Setup(2);

        Assert.Equal(Run(0, 10_000), D(s.ChooseNext(T0)));
        s.Result(StoppedReason.KernelPreemption, 3_000);
        Assert.Equal(Run(0, 7_000), D(s.ChooseNext(T0)));      // 10 000 − 3 000
        s.Result(StoppedReason.KernelPreemption, 2_500);
        Assert.Equal(Run(0, 4_500), D(s.ChooseNext(T0)));      // 7 000 − 2 500
        s.Result(StoppedReason.TimesliceExpired, 4_500);
        Assert.Equal(Run(1, 10_000), D(s.ChooseNext(T0)));     // fresh slice for the next one
        s.Result(StoppedReason.NoWorkLeft, 100);
        Assert.Equal(Run(0, 10_000), D(s.ChooseNext(T0)));     // and a fresh one again
    }

    [Fact]
    public void KernelPreemption_WithNoSliceLeft_MovesTheProcessToTheTail()
    {
        (RoundRobinScheduler s, _) = Setup(2);

        Assert.Equal(Run(0, 10_000), D(s.ChooseNext(T0)));
        s.Result(StoppedReason.KernelPreemption, 10_000);       // time_remaining > executed is false
        Assert.Equal(Run(1, 10_000), D(s.ChooseNext(T0)));
        s.Result(StoppedReason.KernelPreemption, 4_000);
        Assert.Equal(Run(1, 6_000), D(s.ChooseNext(T0)));
        s.Result(StoppedReason.KernelPreemption, 6_000);        // 6 000 > 6 000 is false
        Assert.Equal(Run(0, 10_000), D(s.ChooseNext(T0)));
        s.Result(StoppedReason.KernelPreemption, 12_000);
        Assert.Equal(Run(1, 10_000), D(s.ChooseNext(T0)));
    }

    [Fact]
    public void NoWorkLeftAndTimesliceExpired_MoveToTheTail_EvenWithSliceLeft()
    {
        (RoundRobinScheduler s, _) = Setup(3);

        Assert.Equal(Run(0, 10_000), D(s.ChooseNext(T0)));
        s.Result(StoppedReason.NoWorkLeft, 300);
        Assert.Equal(Run(1, 10_000), D(s.ChooseNext(T0)));
        s.Result(StoppedReason.TimesliceExpired, 10_000);
        Assert.Equal(Run(2, 10_000), D(s.ChooseNext(T0)));
    }

    [Fact]
    public void Quirk_TheRemainderOfAPreemptedSliceGoesToWhicheverProcessIsPickedNext()
    {
        // next() hands out time_remaining whenever last_rescheduled is set, whoever is at the head by then.
        (RoundRobinScheduler s, TockProcess[] p) = Setup(2);

        Assert.Equal(Run(0, 10_000), D(s.ChooseNext(T0)));
        s.Result(StoppedReason.KernelPreemption, 3_000);
        SetReady(p[0], false);
        Assert.Equal(Run(1, 7_000), D(s.ChooseNext(T0)));
        s.Result(StoppedReason.NoWorkLeft, 1_000);
        Assert.Equal(Run(1, 10_000), D(s.ChooseNext(T0)));     // p0 still not ready; fresh slice now
    }

    [Fact]
    public void NewWithTime_UsesTheGivenSlice()
    {
        (RoundRobinScheduler s, _) = Setup(2, 2_500);

        Assert.Equal(Run(0, 2_500), D(s.ChooseNext(T0)));
        s.Result(StoppedReason.KernelPreemption, 1_000);
        Assert.Equal(Run(0, 1_500), D(s.ChooseNext(T0)));
        s.Result(StoppedReason.TimesliceExpired, 1_500);
        Assert.Equal(Run(1, 2_500), D(s.ChooseNext(T0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RoundRobinScheduler(0));
    }

    // ----- End-to-end schedules through the kernel ----------------------------------------------------------------

    [Fact]
    public void Kernel_TwoCpuBoundProcesses_AlternateInExact10msSlices()
    {
        // A: [0,10) [20,30) [40,50) [60,70) [80,90) [100,…) ms; B: [10,20) … [90,100) ms. At 105 ms A's sixth
        // slice is in progress (CPU time is booked when do_process returns).
        KernelHarness h = Harness(new RoundRobinScheduler());
        TockProcess a = h.Kernel.AddProcess(CpuBound("a"));
        TockProcess b = h.Kernel.AddProcess(CpuBound("b"));
        h.Kernel.Boot();

        h.RunFor(Us(105_000));

        Assert.False(h.Kernel.IsPanicked, h.Kernel.PanicReason);
        Assert.Equal(6, a.Counters.Dispatches);
        Assert.Equal(5, a.Counters.TimeslicesExpired);
        Assert.Equal(Ms(50), a.Counters.CpuTimeNs);
        Assert.Equal(0, a.Counters.Preemptions);
        Assert.Equal(5, b.Counters.Dispatches);
        Assert.Equal(5, b.Counters.TimeslicesExpired);
        Assert.Equal(Ms(50), b.Counters.CpuTimeNs);
        Assert.Equal(11, h.Kernel.Counters.LoopIterations);
        Assert.Equal(0, h.Kernel.Counters.SleepEntries);
        Assert.Equal(SimDuration.FromMilliseconds(105), h.Active);
    }

    [Fact]
    public void Kernel_NewWithTime4ms_ThreeProcessesRotate()
    {
        // Slices of 4 ms: A [0,4) [12,16) [24,28); B [4,8) [16,20) [28,…); C [8,12) [20,24). Stop at 30 ms.
        KernelHarness h = Harness(new RoundRobinScheduler(4_000));
        TockProcess a = h.Kernel.AddProcess(CpuBound("a"));
        TockProcess b = h.Kernel.AddProcess(CpuBound("b"));
        TockProcess c = h.Kernel.AddProcess(CpuBound("c"));
        h.Kernel.Boot();

        h.RunFor(Us(30_000));

        Assert.Equal((3L, 3L, Ms(12)), (a.Counters.Dispatches, a.Counters.TimeslicesExpired, a.Counters.CpuTimeNs));
        Assert.Equal((3L, 2L, Ms(8)), (b.Counters.Dispatches, b.Counters.TimeslicesExpired, b.Counters.CpuTimeNs));
        Assert.Equal((2L, 2L, Ms(8)), (c.Counters.Dispatches, c.Counters.TimeslicesExpired, c.Counters.CpuTimeNs));
    }

    [Theory]
    [InlineData(7_500, 19_500, 2, 2)] // syscall at 9 500 µs: 500 µs left ≤ MIN_QUANTA → expired; B runs [9.5,19.5), A [19.5,29.5)
    [InlineData(7_499, 10_000, 1, 1)] // syscall at 9 499 µs: 501 µs left → A goes on to 10 000; B [10,20), A [20,30) in progress
    public void Kernel_ProcessWith500usOrLessLeft_IsNotReentered(long computeBeforeSyscallUs, long expectedCpuAUs, long expectedExpiredA, long expectedDispatchesB)
    {
        // A: crt0 (2 000 µs), compute, one memop (a syscall, which returns to the do_process checks), then CPU-bound.
        KernelHarness h = Harness(new RoundRobinScheduler());
        TockProcess a = h.Kernel.AddProcess(new ScriptedProgram("a", _ => SyscallThenSpin(computeBeforeSyscallUs)));
        TockProcess b = h.Kernel.AddProcess(CpuBound("b"));
        h.Kernel.Boot();

        h.RunFor(Us(29_700));

        Assert.Equal(UsNs(expectedCpuAUs), a.Counters.CpuTimeNs);
        Assert.Equal(expectedExpiredA, a.Counters.TimeslicesExpired);
        Assert.Equal(2, a.Counters.Dispatches);
        Assert.Equal(Ms(10), b.Counters.CpuTimeNs);
        Assert.Equal(expectedDispatchesB, b.Counters.Dispatches);
    }

    [Fact]
    public void Kernel_InterruptMidSlice_PreemptsAndTheSameProcessResumesWithTheRemainder()
    {
        // A [0,3000) preempted (executed 3 000), bottom half [3000,3200), A resumes with 7 000 µs: [3200,10200),
        // B [10200,20200), A [20200,…). Stop at 25 ms.
        KernelHarness h = Harness(new RoundRobinScheduler());
        var device = new TestDevice(h.Kernel, serviceCycles: 200);
        TockProcess a = h.Kernel.AddProcess(CpuBound("a"));
        TockProcess b = h.Kernel.AddProcess(CpuBound("b"));
        device.RaiseAt(3_000);
        h.Kernel.Boot();

        h.RunFor(Us(25_000));

        Assert.Equal(3, a.Counters.Dispatches);
        Assert.Equal(1, a.Counters.Preemptions);
        Assert.Equal(1, a.Counters.TimeslicesExpired);
        Assert.Equal(Ms(10), a.Counters.CpuTimeNs);
        Assert.Equal(1, b.Counters.Dispatches);
        Assert.Equal(Ms(10), b.Counters.CpuTimeNs);
        Assert.Equal(1, h.Kernel.Counters.BottomHalves);
        Assert.Equal(1, device.Services);
    }

    [Fact]
    public void Kernel_InterruptWith400usLeft_EndsTheSliceAsExpiredNotAsPreemption()
    {
        // A is interrupted at 9 600 µs: the slice check comes before the kernel-work check, 400 ≤ 500 → expired
        // (executed = full slice) and A goes to the tail. Bottom half [9600,9800), B [9800,19800), A [19800,…).
        KernelHarness h = Harness(new RoundRobinScheduler());
        var device = new TestDevice(h.Kernel, serviceCycles: 200);
        TockProcess a = h.Kernel.AddProcess(CpuBound("a"));
        TockProcess b = h.Kernel.AddProcess(CpuBound("b"));
        device.RaiseAt(9_600);
        h.Kernel.Boot();

        h.RunFor(Us(25_000));

        Assert.Equal(0, a.Counters.Preemptions);
        Assert.Equal(1, a.Counters.TimeslicesExpired);
        Assert.Equal(UsNs(9_600), a.Counters.CpuTimeNs);
        Assert.Equal(2, a.Counters.Dispatches);
        Assert.Equal(1, b.Counters.Dispatches);
        Assert.Equal(Ms(10), b.Counters.CpuTimeNs);
    }

    [Fact]
    public void Kernel_SliceOf500us_NeverEntersAProcess()
    {
        // new_with_time(500): the first do_process check finds 500 ≤ MIN_QUANTA, so nothing runs. With a 100-cycle
        // scheduler step, do_process starts at 100, 200, …, 10 000 µs alternating A (odd) and B (even).
        KernelHarness h = Harness(new RoundRobinScheduler(500), costs: TestChips.Free with { Scheduler = 100 });
        TockProcess a = h.Kernel.AddProcess(CpuBound("a"));
        TockProcess b = h.Kernel.AddProcess(CpuBound("b"));
        h.Kernel.Boot();

        h.RunFor(Us(10_050));

        Assert.Equal((50L, 50L, 0L), (a.Counters.Dispatches, a.Counters.TimeslicesExpired, a.Counters.CpuTimeNs));
        Assert.Equal((50L, 50L, 0L), (b.Counters.Dispatches, b.Counters.TimeslicesExpired, b.Counters.CpuTimeNs));
        Assert.Equal(0, a.Counters.Syscalls(SyscallClass.Memop));
    }

    [Fact]
    public void Kernel_SliceOf501us_RunsEachProcess501us()
    {
        // Each round: 100 µs scheduler step, then 501 µs of A or B: run k (A for even k) spans
        // [100 + 601k, 601(k+1)). By 10 050 µs runs 0..15 have ended and run 16 (A) started at 9 716.
        KernelHarness h = Harness(new RoundRobinScheduler(501), costs: TestChips.Free with { Scheduler = 100 });
        TockProcess a = h.Kernel.AddProcess(CpuBound("a"));
        TockProcess b = h.Kernel.AddProcess(CpuBound("b"));
        h.Kernel.Boot();

        h.RunFor(Us(10_050));

        Assert.Equal((9L, 8L, UsNs(8 * 501)), (a.Counters.Dispatches, a.Counters.TimeslicesExpired, a.Counters.CpuTimeNs));
        Assert.Equal((8L, 8L, UsNs(8 * 501)), (b.Counters.Dispatches, b.Counters.TimeslicesExpired, b.Counters.CpuTimeNs));
    }

    [Fact]
    public void Kernel_RestartedProcess_KeepsRunningInItsSlice_AsInTock()
    {
        // tock/tock kernel.rs do_process applies the fault policy and loops on (it never returns StoppedFaulted).
        // Tock: A faults at 3 000, 6 000 and 9 000 µs (crt0 of 3 000 µs, then a fault), is restarted each time and,
        // being ready again, re-enters in the same do_process; after the third restart 1 000 µs are left (> 500),
        // so it runs until the slice expires at 10 000. B starts at 10 000. Stop at 15 ms.
        KernelHarness h = Harness(new RoundRobinScheduler(), new FaultPolicy(FaultPolicyKind.Restart));
        TockProcess a = h.Kernel.AddProcess(new TimedProgram("faulty", 3_000, _ => [UserOp.Fault()]));
        TockProcess b = h.Kernel.AddProcess(CpuBound("b"));
        h.Kernel.Boot();

        h.RunFor(Us(15_000));

        Assert.Equal(3, a.Counters.Faults);
        Assert.Equal(3, a.Counters.Restarts);
        Assert.Equal(1, a.Counters.Dispatches);
        Assert.Equal(1, a.Counters.TimeslicesExpired);
        Assert.Equal(Ms(10), a.Counters.CpuTimeNs);
        Assert.Equal(1, b.Counters.Dispatches);
    }

    // ----- Property tests -----------------------------------------------------------------------------------------

    [Fact]
    public void Property_DecisionsMatchTheListModel_AndOnlyReadyProcessesArePicked()
    {
        for (ulong seed = 1; seed <= 40; seed++)
        {
            var rng = new RandomStream(seed);
            int n = 1 + rng.NextInt32(6);
            uint slice = rng.NextInt32(2) == 0 ? RoundRobinScheduler.DefaultTimesliceUs : (uint)(1 + rng.NextInt32(20_000));
            (RoundRobinScheduler s, TockProcess[] p) = Setup(n, slice);
            var model = new ListModel(n, slice);

            for (int step = 0; step < 400; step++)
            {
                RandomizeReadiness(rng, p);
                (int? Index, uint? SliceUs) got = D(s.ChooseNext(T0));
                (int? Index, uint? SliceUs) want = model.Next(i => p[i].IsReady);
                Assert.Equal(want, got);
                if (got.Index is not int chosen)
                {
                    Assert.DoesNotContain(p, q => q.IsReady);
                    continue;
                }

                Assert.True(p[chosen].IsReady);
                StoppedReason reason = RandomReason(rng);
                uint given = got.SliceUs!.Value;
                uint executed = reason == StoppedReason.TimesliceExpired
                    ? given
                    : rng.NextInt32(4) switch
                    {
                        0 => given,                 // boundary: time_remaining > executed is false
                        1 => given - 1,             // boundary: 1 µs left
                        _ => (uint)rng.NextUInt64(given + 1UL),
                    };
                s.Result(reason, executed);
                model.Result(reason, executed);
            }
        }
    }

    [Fact]
    public void Property_AProcessReadyAtEveryDecision_IsPickedWithinNDecisions()
    {
        // Without kernel preemption every run ends with a rotation, so a continuously ready process gets nearer
        // the head at each decision and is picked within n decisions.
        StoppedReason[] reasons = [StoppedReason.NoWorkLeft, StoppedReason.TimesliceExpired, StoppedReason.Stopped, StoppedReason.StoppedFaulted];
        for (ulong seed = 100; seed < 140; seed++)
        {
            var rng = new RandomStream(seed);
            int n = 2 + rng.NextInt32(5);
            (RoundRobinScheduler s, TockProcess[] p) = Setup(n);
            int[] waiting = new int[n];
            for (int step = 0; step < 400; step++)
            {
                RandomizeReadiness(rng, p);
                TockProcess? chosen = s.ChooseNext(T0).Process;
                for (int i = 0; i < n; i++)
                {
                    waiting[i] = p[i].IsReady && chosen != p[i] ? waiting[i] + 1 : 0;
                    Assert.True(waiting[i] < n, $"seed {seed}: process {i} ready for {waiting[i]} decisions without being picked");
                }

                if (chosen is not null)
                {
                    s.Result(reasons[rng.NextInt32(reasons.Length)], 0);
                }
            }
        }
    }

    private static (RoundRobinScheduler S, TockProcess[] P) Setup(int count, uint sliceUs = RoundRobinScheduler.DefaultTimesliceUs)
    {
        var s = new RoundRobinScheduler(sliceUs);
        KernelHarness h = Harness(s);
        TockProcess[] p = AddProcesses(h, count);
        s.Initialize(h.Kernel.Processes);
        return (s, p);
    }

    private static void RandomizeReadiness(RandomStream rng, TockProcess[] p)
    {
        foreach (TockProcess q in p)
        {
            if (rng.NextInt32(4) == 0)
            {
                SetReady(q, !q.IsReady);
            }
        }
    }

    private static IEnumerable<UserOp> SyscallThenSpin(long computeUs)
    {
        yield return UserOp.Compute(computeUs);
        yield return UserOp.Memop(2);
        foreach (UserOp op in Spin())
        {
            yield return op;
        }
    }

    /// <summary>The Rust code of round_robin.rs over a list of process indices (pop_head / push_tail).</summary>
    private sealed class ListModel
    {
        private readonly List<int> _processes;
        private readonly uint _timesliceLength;
        private uint _timeRemaining;
        private bool _lastRescheduled;

        public ListModel(int count, uint timesliceLength)
        {
            _processes = [.. Enumerable.Range(0, count)];
            _timesliceLength = timesliceLength;
            _timeRemaining = timesliceLength;
        }

        public (int? Index, uint? SliceUs) Next(Func<int, bool> ready)
        {
            int? firstHead = null;
            int? next = null;
            while (_processes.Count > 0)
            {
                int node = _processes[0];
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
                    next = node;
                    break;
                }

                _processes.RemoveAt(0);
                _processes.Add(node);
            }

            if (next is null)
            {
                return (null, null);
            }

            uint timeslice;
            if (_lastRescheduled)
            {
                timeslice = _timeRemaining;
            }
            else
            {
                _timeRemaining = _timesliceLength;
                timeslice = _timesliceLength;
            }

            return (next, timeslice);
        }

        public void Result(StoppedReason result, uint executionTimeUs)
        {
            bool reschedule = false;
            if (result == StoppedReason.KernelPreemption && _timeRemaining > executionTimeUs)
            {
                _timeRemaining -= executionTimeUs;
                reschedule = true;
            }

            _lastRescheduled = reschedule;
            if (!reschedule)
            {
                int head = _processes[0];
                _processes.RemoveAt(0);
                _processes.Add(head);
            }
        }
    }
}
