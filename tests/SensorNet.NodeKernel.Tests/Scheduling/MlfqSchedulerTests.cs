using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Scheduling;
using SensorNet.NodeKernel.Tests.Support;
using SensorNet.NodeKernel.Userspace;
using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;
using static SensorNet.NodeKernel.Tests.Scheduling.SchedulingTestKit;

namespace SensorNet.NodeKernel.Tests.Scheduling;

/// <summary>
/// Multilevel feedback queue (tock/tock <c>capsules/system/src/scheduler/mlfq.rs</c>): three queues with 10, 20 and
/// 50 ms slices, demotion on TimesliceExpired, time used in a queue carried across runs, and the 5 s boost that is
/// checked only in <c>next()</c> and moves only the head of each lower queue.
/// </summary>
public class MlfqSchedulerTests
{
    // ----- Direct unit tests -------------------------------------------------------------------------------------

    [Fact]
    public void Constants_AreThoseOfMlfqRs()
    {
        Assert.Equal(10_000u, MlfqScheduler.TimesliceUs(0));
        Assert.Equal(20_000u, MlfqScheduler.TimesliceUs(1));
        Assert.Equal(50_000u, MlfqScheduler.TimesliceUs(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => MlfqScheduler.TimesliceUs(3));
        Assert.Equal(5_000, MlfqScheduler.PriorityRefreshPeriodMs);
        Assert.Equal(3, MlfqScheduler.QueueCount);
        Assert.Equal("mlfq", new MlfqScheduler().Name);
    }

    [Fact]
    public void TimesliceExpired_DemotesOneQueueAtATime_AndQueue2IsTheBottom()
    {
        (MlfqScheduler s, TockProcess[] p) = Setup(1);

        Assert.Equal(0, s.QueueOf(p[0]));
        Assert.Equal(Run(0, 10_000), D(s.ChooseNext(At(0))));
        s.Result(StoppedReason.TimesliceExpired, 10_000);
        Assert.Equal(1, s.QueueOf(p[0]));
        Assert.Equal(Run(0, 20_000), D(s.ChooseNext(At(10_000))));
        s.Result(StoppedReason.TimesliceExpired, 20_000);
        Assert.Equal(2, s.QueueOf(p[0]));
        Assert.Equal(Run(0, 50_000), D(s.ChooseNext(At(30_000))));
        s.Result(StoppedReason.TimesliceExpired, 50_000);
        Assert.Equal(2, s.QueueOf(p[0]));
        Assert.Equal(Run(0, 50_000), D(s.ChooseNext(At(80_000))));
    }

    [Fact]
    public void UsedTimeAccumulatesPerProcess_AndTheNextSliceIsTheQueueSliceMinusIt()
    {
        (MlfqScheduler s, _) = Setup(2);

        Assert.Equal(Run(0, 10_000), D(s.ChooseNext(At(0))));
        s.Result(StoppedReason.NoWorkLeft, 3_000);               // p0 used 3 000, to the tail
        Assert.Equal(Run(1, 10_000), D(s.ChooseNext(At(3_000))));
        s.Result(StoppedReason.KernelPreemption, 6_000);         // p1 used 6 000, to the tail as well
        Assert.Equal(Run(0, 7_000), D(s.ChooseNext(At(9_000))));
        s.Result(StoppedReason.Stopped, 2_500);                  // p0 used 5 500
        Assert.Equal(Run(1, 4_000), D(s.ChooseNext(At(11_500))));
        s.Result(StoppedReason.TimesliceExpired, 4_000);         // p1 demoted, used reset
        Assert.Equal(Run(0, 4_500), D(s.ChooseNext(At(15_500))));
        s.Result(StoppedReason.NoWorkLeft, 500);                 // p0 used 6 000
        Assert.Equal(Run(0, 4_000), D(s.ChooseNext(At(16_000))));  // queue 0 before queue 1
        s.Result(StoppedReason.TimesliceExpired, 4_000);
        Assert.Equal(Run(1, 20_000), D(s.ChooseNext(At(20_000))));  // queue 1: [p1, p0]
    }

    [Fact]
    public void HigherQueueWins_AndEachQueueIsRoundRobin()
    {
        (MlfqScheduler s, TockProcess[] p) = Setup(3);

        Assert.Equal(Run(0, 10_000), D(s.ChooseNext(At(0))));
        s.Result(StoppedReason.TimesliceExpired, 10_000);        // Q0 [1,2], Q1 [0]
        Assert.Equal(Run(1, 10_000), D(s.ChooseNext(At(10_000))));
        s.Result(StoppedReason.NoWorkLeft, 100);                 // Q0 [2,1]
        Assert.Equal(Run(2, 10_000), D(s.ChooseNext(At(10_100))));
        s.Result(StoppedReason.NoWorkLeft, 200);                 // Q0 [1,2]
        Assert.Equal(Run(1, 9_900), D(s.ChooseNext(At(10_300))));
        s.Result(StoppedReason.NoWorkLeft, 0);                   // Q0 [2,1]

        SetReady(p[1], false);
        SetReady(p[2], false);
        Assert.Equal(Run(0, 20_000), D(s.ChooseNext(At(10_300))));  // only now queue 1
        s.Result(StoppedReason.NoWorkLeft, 50);
        SetReady(p[1], true);
        Assert.Equal(Run(1, 9_900), D(s.ChooseNext(At(10_350))));
        SetReady(p[1], false);
        s.Result(StoppedReason.NoWorkLeft, 0);
        Assert.Equal(Run(0, 19_950), D(s.ChooseNext(At(10_350))));
        SetReady(p[0], false);
        s.Result(StoppedReason.NoWorkLeft, 0);
        Assert.Equal(Sleep, D(s.ChooseNext(At(10_350))));
    }

    [Fact]
    public void ChooseNext_RotatesTheProcessesBeforeTheFirstReadyOneToTheTail()
    {
        (MlfqScheduler s, TockProcess[] p) = Setup(3);
        SetReady(p[0], false);

        Assert.Equal(Run(1, 10_000), D(s.ChooseNext(At(0))));   // Q0 [1,2,0]
        s.Result(StoppedReason.NoWorkLeft, 10);                 // Q0 [2,0,1]
        SetReady(p[0], true);
        Assert.Equal(Run(2, 10_000), D(s.ChooseNext(At(10))));
        s.Result(StoppedReason.NoWorkLeft, 10);                 // Q0 [0,1,2]
        Assert.Equal(Run(0, 10_000), D(s.ChooseNext(At(20))));
        s.Result(StoppedReason.NoWorkLeft, 10);
        Assert.Equal(Run(1, 9_990), D(s.ChooseNext(At(30))));
    }

    [Fact]
    public void Quirk_PriorityBoostMovesOnlyTheHeadOfEachLowerQueue()
    {
        (MlfqScheduler s, TockProcess[] p) = Setup(4);

        // Build Q1 = [2,3] and Q2 = [0,1] within the first 5 s.
        long t = 0;
        foreach (int expected in new[] { 0, 1, 2, 3 })
        {
            Assert.Equal(Run(expected, 10_000), D(s.ChooseNext(At(t))));
            s.Result(StoppedReason.TimesliceExpired, 10_000);
            t += 10_000;
        }

        foreach (int expected in new[] { 0, 1 })
        {
            Assert.Equal(Run(expected, 20_000), D(s.ChooseNext(At(t))));
            s.Result(StoppedReason.TimesliceExpired, 20_000);
            t += 20_000;
        }

        Assert.Equal([2, 2, 1, 1], p.Select(s.QueueOf));

        // At 5 s the boost takes one head per lower queue: 2 from Q1 and 0 from Q2 go to Q0 = [2,0]; 3 and 1 stay.
        Assert.Equal(Run(2, 10_000), D(s.ChooseNext(At(5_000_000))));
        Assert.Equal([0, 2, 0, 1], p.Select(s.QueueOf));
        s.Result(StoppedReason.NoWorkLeft, 1_000);
        Assert.Equal(Run(0, 10_000), D(s.ChooseNext(At(5_001_000))));
    }

    [Fact]
    public void PriorityBoost_IsCheckedOnlyInChooseNext_EveryFiveSecondsFromTheCallThatBoosted_AndKeepsUsedTime()
    {
        (MlfqScheduler s, TockProcess[] p) = Setup(1);

        Assert.Equal(Run(0, 10_000), D(s.ChooseNext(At(0))));    // the first call boosts (empty range); next at 5 s
        s.Result(StoppedReason.TimesliceExpired, 10_000);
        Assert.Equal(Run(0, 20_000), D(s.ChooseNext(At(4_999_999))));
        s.Result(StoppedReason.NoWorkLeft, 1_000);              // used 1 000 in Q1
        Assert.Equal(1, s.QueueOf(p[0]));

        // 5 003 ms: boost. used is not reset: slice 10 000 − 1 000. The next boost is due at 10 003 ms.
        Assert.Equal(Run(0, 9_000), D(s.ChooseNext(At(5_003_000))));
        Assert.Equal(0, s.QueueOf(p[0]));
        s.Result(StoppedReason.TimesliceExpired, 9_000);
        Assert.Equal(Run(0, 20_000), D(s.ChooseNext(At(10_002_999))));
        s.Result(StoppedReason.NoWorkLeft, 0);
        Assert.Equal(1, s.QueueOf(p[0]));
        Assert.Equal(Run(0, 10_000), D(s.ChooseNext(At(10_003_000))));
        Assert.Equal(0, s.QueueOf(p[0]));
    }

    [Fact]
    public void Quirk_UsedTimeEqualToTheQueueSlice_GivesNoTimeslice()
    {
        // NonZeroU32::new(slice − used) is None when they are equal: the process would run cooperatively.
        (MlfqScheduler s, _) = Setup(1);

        Assert.Equal(Run(0, 10_000), D(s.ChooseNext(At(0))));
        s.Result(StoppedReason.NoWorkLeft, 4_000);
        Assert.Equal(Run(0, 6_000), D(s.ChooseNext(At(4_000))));
        s.Result(StoppedReason.KernelPreemption, 6_000);
        Assert.Equal(Run(0, null), D(s.ChooseNext(At(10_000))));
    }

    [Fact]
    public void Quirk_BoostCarriesUsedTimeIntoQueue0_AndTheSliceWrapsAroundAsU32()
    {
        // A process preempted in Q2 after 30 ms keeps used = 30 000 when the boost lifts it to Q0; mlfq.rs computes
        // 10 000 − 30 000 in u32 (no overflow checks in Tock's release profile): 2^32 − 20 000.
        (MlfqScheduler s, _) = Setup(1);

        Assert.Equal(Run(0, 10_000), D(s.ChooseNext(At(0))));
        s.Result(StoppedReason.TimesliceExpired, 10_000);
        Assert.Equal(Run(0, 20_000), D(s.ChooseNext(At(10_000))));
        s.Result(StoppedReason.TimesliceExpired, 20_000);
        Assert.Equal(Run(0, 50_000), D(s.ChooseNext(At(30_000))));
        s.Result(StoppedReason.KernelPreemption, 30_000);
        Assert.Equal(Run(0, 4_294_947_296), D(s.ChooseNext(At(5_000_000))));
    }

    // ----- End-to-end schedules through the kernel ----------------------------------------------------------------

    [Fact]
    public void Kernel_CpuBoundSinksToQueue2_WhileAnEventDrivenProcessStaysInQueue0_ExactSchedule()
    {
        // C (index 0) is CPU-bound; W (index 1) waits on the test device and computes 1 200 µs per event. The device
        // interrupts every 25 ms; its bottom half takes 200 µs. Times in ms:
        //   C Q0 [0,10) expired → Q1 | W init [10,12), used 2.0 | C Q1 [12,25) preempted, used 13
        //   W [25.2,26.4) used 3.2 | C Q1 slice 7 [26.4,33.4) expired → Q2 | C [33.4,50) used 16.6
        //   W [50.2,51.4) used 4.4 | C slice 33.4 [51.4,75) used 40.2 | W [75.2,76.4) used 5.6
        //   C slice 9.8 [76.4,86.2) expired | C [86.2,100) used 13.8 | W [100.2,101.4) used 6.8
        //   C slice 36.2 [101.4,125) used 37.4 | W [125.2,126.4) used 8.0 | C slice 12.6 [126.4,139) expired
        //   C [139,150) used 11 | W slice 2.0 [150.2,151.4) used 9.2 | C slice 39 [151.4,175) used 34.6
        //   W slice 0.8 [175.2,176.0) expired → Q1 (0.4 of its work left) | W Q1 [176.0,176.4) | C slice 15.4 [176.4,…)
        KernelHarness h = Harness(new MlfqScheduler());
        var device = new TestDevice(h.Kernel, serviceCycles: 200);
        TockProcess c = h.Kernel.AddProcess(CpuBound("cpu"));
        TockProcess w = h.Kernel.AddProcess(new ScriptedProgram("events", _ => Waiter(1_200)));
        for (long at = 25_000; at <= 175_000; at += 25_000)
        {
            device.RaiseAt(at);
        }

        var mlfq = (MlfqScheduler)h.Kernel.Scheduler;
        h.Kernel.Boot();

        h.RunFor(Us(140_000));

        Assert.False(h.Kernel.IsPanicked, h.Kernel.PanicReason);
        Assert.Equal(2, mlfq.QueueOf(c));
        Assert.Equal(0, mlfq.QueueOf(w));
        Assert.Equal((10L, 4L, 5L), (c.Counters.Dispatches, c.Counters.TimeslicesExpired, c.Counters.Preemptions));
        Assert.Equal(UsNs(130_000), c.Counters.CpuTimeNs);
        Assert.Equal((6L, 0L), (w.Counters.Dispatches, w.Counters.TimeslicesExpired));
        Assert.Equal(UsNs(8_000), w.Counters.CpuTimeNs);

        h.RunFor(Us(40_000)); // to 180 ms

        Assert.Equal(2, mlfq.QueueOf(c));
        Assert.Equal(1, mlfq.QueueOf(w));   // 10 ms used in Q0 over many short runs: demoted (rule 4)
        Assert.Equal((12L, 4L, 7L), (c.Counters.Dispatches, c.Counters.TimeslicesExpired, c.Counters.Preemptions));
        Assert.Equal(UsNs(164_600), c.Counters.CpuTimeNs);
        Assert.Equal((9L, 1L), (w.Counters.Dispatches, w.Counters.TimeslicesExpired));
        Assert.Equal(UsNs(10_400), w.Counters.CpuTimeNs);
        Assert.Equal(7, device.Services);
    }

    [Fact]
    public void Kernel_CpuBoundSinksToQueue2_WhileAnAlarmDelayProcessStaysInQueue0()
    {
        // C: Q0 [0,10) ms, then the delay loop's crt0 and first alarm set-up [10,12.16) ms, then C Q1 20 ms and Q2
        // from ≈32.2 ms. The 100 ms alarm (3 276 ticks of 32 768 Hz ≈ 99.976 ms, plus 160 µs of driver work per
        // period) fires ≈ 112.0, 212.1, …, 913.1 ms: 9 times in 1 s, each preempting C. C's CPU time in Q2 by 1 s is
        // ≈ 965 ms: 19 expired 50 ms allotments (the leftover ≈ 15 ms is far from a boundary), so 2 + 19 = 21.
        // The delay loop uses ≈ 160 µs per period in Q0 (≈ 3.6 ms of its 10 ms allotment): it never expires.
        KernelHarness h = Harness(new MlfqScheduler());
        TockProcess c = h.Kernel.AddProcess(CpuBound("cpu"));
        var app = new DelayLoopProgram(100);
        TockProcess d = h.Kernel.AddProcess(app);
        var mlfq = (MlfqScheduler)h.Kernel.Scheduler;
        h.Kernel.Boot();

        h.RunFor(SimDuration.FromSeconds(1));

        Assert.False(h.Kernel.IsPanicked, h.Kernel.PanicReason);
        Assert.Equal(2, mlfq.QueueOf(c));
        Assert.Equal(0, mlfq.QueueOf(d));
        Assert.Equal(9, app.Iterations);
        Assert.Equal(9, c.Counters.Preemptions);
        Assert.Equal(21, c.Counters.TimeslicesExpired);
        Assert.Equal(0, d.Counters.TimeslicesExpired);
        Assert.Equal(0, h.Kernel.Counters.SleepEntries);
    }

    [Fact]
    public void Kernel_FaultWith50usLeft_EndsTheSliceAsExpired_SoTheProcessIsDemoted()
    {
        // F: init dispatch 100 µs, crt0 [100,3100), work [3100,9950), fault with 50 µs left; the restart takes 100 µs.
        // In tock/tock do_process loops on after a fault: the slice check finds it expired → TimesliceExpired, F moves
        // to Q1 (and never reaches used == 10 000, which would give it a None slice). G runs Q0 [10050,20050).
        KernelHarness h = Harness(new MlfqScheduler(), new FaultPolicy(FaultPolicyKind.Restart), TestChips.Free with { TaskDispatch = 100 });
        TockProcess f = h.Kernel.AddProcess(new TimedProgram("faulty", 3_000, _ => WorkThenFault(6_850)));
        TockProcess g = h.Kernel.AddProcess(CpuBound("g"));
        var mlfq = (MlfqScheduler)h.Kernel.Scheduler;
        h.Kernel.Boot();

        h.RunFor(Us(15_000));

        Assert.Equal(1, f.Counters.Faults);
        Assert.Equal(1, f.Counters.TimeslicesExpired);
        Assert.Equal(1, mlfq.QueueOf(f));
        Assert.Equal(UsNs(10_050), f.Counters.CpuTimeNs);
        Assert.Equal(1, g.Counters.Dispatches);
    }

    [Fact]
    public void Kernel_BoostRightAfterAPreemptionInQueue2_LiftsTheProcessWithAWrappedSlice()
    {
        // Same schedule as below up to the divergence: at 5.1 s C runs in Q0 (dispatched at 5 010 ms with the
        // wrapped slice); 2 + 99 expiries, dispatches 1 + 1 + 99 + 1 (4 980 ms) + 1 (5 010 ms), 5 010 ms booked.
        KernelHarness h = Harness(new MlfqScheduler());
        var device = new TestDevice(h.Kernel, serviceCycles: 0);
        TockProcess c = h.Kernel.AddProcess(CpuBound("cpu"));
        device.RaiseAt(5_010_000);
        var mlfq = (MlfqScheduler)h.Kernel.Scheduler;
        h.Kernel.Boot();

        h.RunFor(SimDuration.FromMilliseconds(5_100));

        Assert.Equal(0, mlfq.QueueOf(c));
        Assert.Equal((103L, 101L, 1L), (c.Counters.Dispatches, c.Counters.TimeslicesExpired, c.Counters.Preemptions));
        Assert.Equal(Ms(5_010), c.Counters.CpuTimeNs);
    }

    [Fact] // A Cortex-M SysTick keeps only 24 bits of the reload (systick.rs start: RELOAD NUMBITS(24)): at 1 MHz the wrapped slice ends after 16 757 216 µs.
    public void Kernel_WrappedBoostSlice_IsCutToThe24BitSysTickReload()
    {
        // C alone, CPU-bound, SysTick at the 1 MHz CPU clock. Q0 [0,10) ms, Q1 [10,30), Q2 slices end at 30 + 50k ms;
        // the 99th at 4 980 ms. The interrupt at 5 010 ms preempts C after 30 000 µs (used 30 000); the next() at
        // 5 010 ms boosts C to Q0 with slice 10 000 − 30 000 = 4 294 947 296 µs (u32 wrap, as Tock computes it).
        // Tock: reload = 4 294 947 296 ticks, RELOAD keeps 4 294 947 296 mod 2^24 = 16 757 216 → expires at
        // 21 767.216 ms → Q1; the next() then boosts it again (next reset was due at 10 010 ms) → Q0 10 ms → Q1 20 ms
        // → Q2 from 21 797.216 ms: 4 more expiries by 22 s. Expired: 2 + 99 + 1 + 1 + 1 + 4 = 108, ending in Q2.
        KernelHarness h = Harness(new MlfqScheduler());
        var device = new TestDevice(h.Kernel, serviceCycles: 0);
        TockProcess c = h.Kernel.AddProcess(CpuBound("cpu"));
        device.RaiseAt(5_010_000);
        var mlfq = (MlfqScheduler)h.Kernel.Scheduler;
        h.Kernel.Boot();

        h.RunFor(SimDuration.FromSeconds(22));

        Assert.Equal(1, c.Counters.Preemptions);
        Assert.Equal(108, c.Counters.TimeslicesExpired);
        Assert.Equal(2, mlfq.QueueOf(c));
    }

    // ----- Property test -------------------------------------------------------------------------------------------

    [Fact]
    public void Property_DecisionsAndQueuesMatchTheModel_AndNoHigherQueueHasAReadyProcess()
    {
        for (ulong seed = 1; seed <= 40; seed++)
        {
            var rng = new RandomStream(seed + 0xF00D);
            int n = 1 + rng.NextInt32(6);
            (MlfqScheduler s, TockProcess[] p) = Setup(n);
            var model = new QueueModel(n);
            long nowNs = 0;

            for (int step = 0; step < 400; step++)
            {
                foreach (TockProcess q in p)
                {
                    if (rng.NextInt32(4) == 0)
                    {
                        SetReady(q, !q.IsReady);
                    }
                }

                nowNs = rng.NextInt32(10) switch
                {
                    0 => Math.Max(nowNs, model.NextResetNs),            // exactly at the boost instant
                    1 => Math.Max(nowNs, model.NextResetNs - 1),        // 1 ns before it
                    _ => nowNs + (long)rng.NextUInt64(1_500_000_000),   // up to 1.5 s later
                };

                (int? Index, uint? SliceUs) got = D(s.ChooseNext(AtNs(nowNs)));
                Assert.Equal(model.Next(nowNs, i => p[i].IsReady), got);
                for (int i = 0; i < n; i++)
                {
                    Assert.Equal(model.QueueOf(i), s.QueueOf(p[i]));
                }

                if (got.Index is not int chosen)
                {
                    Assert.DoesNotContain(p, q => q.IsReady);
                    continue;
                }

                int queue = s.QueueOf(p[chosen]);
                Assert.True(p[chosen].IsReady);
                Assert.DoesNotContain(p, q => q.IsReady && s.QueueOf(q) < queue);

                StoppedReason reason = RandomReason(rng);
                uint? executed = got.SliceUs switch
                {
                    null => null,
                    uint slice when reason == StoppedReason.TimesliceExpired => slice,
                    uint slice => (uint)rng.NextUInt64(Math.Min(slice, 60_000u)),
                };
                s.Result(reason, executed);
                model.Result(reason, executed);
            }
        }
    }

    private static (MlfqScheduler S, TockProcess[] P) Setup(int count)
    {
        var s = new MlfqScheduler();
        KernelHarness h = Harness(s);
        TockProcess[] p = AddProcesses(h, count);
        s.Initialize(h.Kernel.Processes);
        return (s, p);
    }

    private static IEnumerable<UserOp> WorkThenFault(long workUs)
    {
        yield return UserOp.Compute(workUs);
        yield return UserOp.Fault();
    }

    /// <summary>mlfq.rs transcribed over lists of (process index, µs used in this queue).</summary>
    private sealed class QueueModel
    {
        private const long RefreshNs = 5_000L * 1_000_000;
        private static readonly uint[] Slices = [10_000, 20_000, 50_000];
        private readonly List<Node>[] _queues = [[], [], []];
        private long _lastResetCheckNs;
        private int _lastQueue;

        public QueueModel(int count)
        {
            _queues[0].AddRange(Enumerable.Range(0, count).Select(i => new Node { Id = i }));
        }

        public long NextResetNs { get; private set; }

        public int QueueOf(int id) => Array.FindIndex(_queues, q => q.Exists(n => n.Id == id));

        public (int? Index, uint? SliceUs) Next(long nowNs, Func<int, bool> ready)
        {
            // now.within_range(last_reset_check, next_reset): now − last < next − last (no wrap in the simulation).
            if (!(nowNs - _lastResetCheckNs < NextResetNs - _lastResetCheckNs))
            {
                NextResetNs = nowNs + RefreshNs;
                for (int q = 1; q < _queues.Length; q++)
                {
                    if (_queues[q].Count > 0)
                    {
                        _queues[0].Add(_queues[q][0]);
                        _queues[q].RemoveAt(0);
                    }
                }
            }

            _lastResetCheckNs = nowNs;
            for (int q = 0; q < _queues.Length; q++)
            {
                Node? match = _queues[q].Find(n => ready(n.Id));
                if (match is null)
                {
                    continue;
                }

                while (_queues[q][0] != match)
                {
                    _queues[q].Add(_queues[q][0]);
                    _queues[q].RemoveAt(0);
                }

                _lastQueue = q;
                uint timeslice = unchecked(Slices[q] - match.Used);
                return (match.Id, timeslice == 0 ? null : timeslice);
            }

            return (null, null);
        }

        public void Result(StoppedReason result, uint? executionTimeUs)
        {
            List<Node> queue = _queues[_lastQueue];
            Node head = queue[0];
            queue.RemoveAt(0);
            if (result == StoppedReason.TimesliceExpired)
            {
                head.Used = 0;
                _queues[Math.Min(_lastQueue + 1, _queues.Length - 1)].Add(head);
            }
            else
            {
                head.Used = unchecked(head.Used + (executionTimeUs ?? 0));
                queue.Add(head);
            }
        }

        private sealed class Node
        {
            public int Id { get; init; }

            public uint Used { get; set; }
        }
    }
}
