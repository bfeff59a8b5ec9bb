using SensorNet.NodeKernel.Chips;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Scheduling;
using SensorNet.NodeKernel.Tests.Support;
using SensorNet.NodeKernel.Userspace;
using SensorNet.SimEngine.Time;
using static SensorNet.NodeKernel.Tests.Support.Residency;

namespace SensorNet.NodeKernel.Tests.Conformance;

/// <summary>
/// Preemption of a running process: interrupts and deferred calls preempt it (tock/tock <c>kernel/src/kernel.rs</c>
/// <c>do_process</c>, <c>KernelPreemption</c>), round robin resumes it with the rest of its slice
/// (<c>capsules/system/src/scheduler/round_robin.rs</c> <c>last_rescheduled</c>), SysTick counts CPU time inside
/// <c>do_process</c> only (<c>arch/cortex-m/src/systick.rs</c>), and a process is not entered with ≤ 500 µs left
/// (<c>MIN_QUANTA_THRESHOLD_US</c>). Zero kernel costs unless set; 1 cycle = 1 µs.
/// </summary>
public class PreemptionConformanceTests
{
    private const uint Fake = FakeDriver.DefaultNumber;

    [Fact]
    [Trait("Category", "TockConformance")]
    public void InterruptDuringCompute_PreemptsProcess_WhichResumesWithRemainingSliceAndRemainingCompute()
    {
        // kernel.rs do_process: Interrupted → continue_process() false → KernelPreemption after 3 000 µs;
        // round_robin.rs result(): time_remaining 10 000 > 3 000 → keep at head, next() gives 7 000 µs, not 10 000.
        // The bottom half takes 1 ms; the 19 ms compute continues where it stopped and ends at 20 ms.
        (KernelHarness h, RecordingScheduler s) = Harness();
        var irq = new FakeInterruptSource(h.Kernel, 5, serviceCycles: 1_000);
        irq.RaiseAtMicroseconds(3_000);
        SimTime? done = null;
        TockProcess p = h.Kernel.AddProcess(new ConformanceProgram("app", _ => ComputeThenWait(19_000, () => done = h.Kernel.Now)));
        h.Kernel.Boot();

        h.RunFor(Ms(100));

        Assert.Equal([Run(0, 10_000), Run(4_000, 7_000), Run(11_000, 10_000)], s.Runs);
        Assert.Equal(
            [(AtUs(3_000), StoppedReason.KernelPreemption, (uint?)3_000), (AtUs(11_000), StoppedReason.TimesliceExpired, 7_000), (AtUs(20_000), StoppedReason.NoWorkLeft, 9_000)],
            s.Results);
        Assert.Equal(AtUs(20_000), done);
        Assert.Equal(Ms(19).Nanoseconds, p.Counters.CpuTimeNs);
        Assert.Equal(Ms(20), h.Active);
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void DeferredCallDuringCompute_PreemptsProcess_WhichResumesWithRemainingSlice()
    {
        // kernel/src/scheduler.rs continue_process: false while DeferredCall::has_tasks(); the deferred call (1 ms)
        // runs between the two parts of the slice: 4 000 µs, then the remaining 6 000 µs.
        (KernelHarness h, RecordingScheduler s) = Harness(TestChips.Free with { DeferredCall = 1_000 });
        var dc = new FakeDeferredCallClient(h.Kernel, "dc");
        new TimedActions(h.Simulation).AtMicroseconds(4_000, dc.Set);
        SimTime? done = null;
        TockProcess p = h.Kernel.AddProcess(new ConformanceProgram("app", _ => ComputeThenWait(18_000, () => done = h.Kernel.Now)));
        h.Kernel.Boot();

        h.RunFor(Ms(100));

        Assert.Equal([AtUs(4_000)], dc.ServicedAt);
        Assert.Equal([Run(0, 10_000), Run(5_000, 6_000), Run(11_000, 10_000)], s.Runs);
        Assert.Equal(
            [(AtUs(4_000), StoppedReason.KernelPreemption, (uint?)4_000), (AtUs(11_000), StoppedReason.TimesliceExpired, 6_000), (AtUs(19_000), StoppedReason.NoWorkLeft, 8_000)],
            s.Results);
        Assert.Equal(AtUs(19_000), done);
        Assert.Equal(1, p.Counters.Preemptions);
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void RoundRobinSlice_Is10msOfCpuTime_NotOfWallTime()
    {
        // arch/cortex-m/src/systick.rs: SysTick runs only inside do_process and is restarted with the remaining slice;
        // round_robin.rs DEFAULT_TIMESLICE_US = 10 000. Two interrupts with 4 ms bottom halves cut the process after
        // 2 and 4 ms of CPU; the slice expires after 10 ms of CPU at 18 ms of wall time.
        (KernelHarness h, RecordingScheduler s) = Harness();
        var irq = new FakeInterruptSource(h.Kernel, 5, serviceCycles: 4_000);
        irq.RaiseAtMicroseconds(2_000);
        irq.RaiseAtMicroseconds(8_000);
        TockProcess p = h.Kernel.AddProcess(new ConformanceProgram("app", _ => ComputeThenWait(25_000, () => { })));
        h.Kernel.Boot();

        h.RunFor(Ms(100));

        Assert.Equal(
            [
                (AtUs(2_000), StoppedReason.KernelPreemption, (uint?)2_000),
                (AtUs(8_000), StoppedReason.KernelPreemption, 2_000),
                (AtUs(18_000), StoppedReason.TimesliceExpired, 6_000),
                (AtUs(28_000), StoppedReason.TimesliceExpired, 10_000),
                (AtUs(33_000), StoppedReason.NoWorkLeft, 5_000),
            ],
            s.Results);
        Assert.Equal([Run(0, 10_000), Run(6_000, 8_000), Run(12_000, 6_000), Run(18_000, 10_000), Run(28_000, 10_000)], s.Runs);
        Assert.Equal(2, p.Counters.TimeslicesExpired);
        Assert.Equal(Ms(25).Nanoseconds, p.Counters.CpuTimeNs);
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void TimeAsleep_DoesNotCountTowardTheSlice()
    {
        // kernel.rs do_process resets the scheduler timer before returning "so that it cannot expire while the chip
        // sleeps": 6 ms of CPU, 50 ms asleep, 6 ms of CPU never reach the 10 ms slice.
        (KernelHarness h, RecordingScheduler s) = Harness();
        _ = new FakeDriver(h.Kernel);
        TockProcess p = h.Kernel.AddProcess(new ConformanceProgram("app", _ => Body()));
        h.Kernel.Boot();

        h.RunFor(Ms(100));

        Assert.Equal([(AtUs(6_000), StoppedReason.NoWorkLeft, (uint?)6_000), (AtUs(62_000), StoppedReason.NoWorkLeft, 6_000)], s.Results);
        Assert.Equal(0, p.Counters.TimeslicesExpired);
        Assert.Equal(Ms(12), h.Active);
        Assert.Equal(Ms(88), h.Asleep);
        AssertAccountsForAllTime(h);

        static IEnumerable<UserOp> Body()
        {
            yield return UserOp.Compute(6_000);
            yield return UserOp.Command(Fake, 1, 50_000, 0);
            yield return UserOp.YieldWaitFor(Fake, 0);
            yield return UserOp.Compute(6_000);
            foreach (UserOp op in ConformanceProgram.WaitForever())
            {
                yield return op;
            }
        }
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void Process_IsNotReenteredWith500usOrLessOfItsSliceLeft()
    {
        // kernel/src/kernel.rs MIN_QUANTA_THRESHOLD_US = 500: with 500 µs syscalls the slice check after the 19th
        // syscall (9 500 µs, 500 µs left) gives TimesliceExpired; the executed time reported is the full slice.
        (KernelHarness h, RecordingScheduler s) = Harness(TestChips.Free with { Syscall = 500 });
        TockProcess p = h.Kernel.AddProcess(new ConformanceProgram("app", _ => Commands(100)));
        h.Kernel.Boot();

        h.RunFor(Ms(100));

        Assert.Equal((AtUs(9_500), StoppedReason.TimesliceExpired, (uint?)10_000), s.Results[0]);
        Assert.Equal(Run(9_500, 10_000), s.Runs.ElementAt(1));
        Assert.Equal(104, p.Counters.TotalSyscalls);
        Assert.Equal(Ms(52), h.Active);
        AssertAccountsForAllTime(h);

        static IEnumerable<UserOp> Commands(int n)
        {
            for (int i = 0; i < n; i++)
            {
                yield return UserOp.Command(Fake, 0);
            }

            foreach (UserOp op in ConformanceProgram.WaitForever())
            {
                yield return op;
            }
        }
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void InterruptWith300usOfSliceLeft_EndsTheSliceAsExpired_NotAsAPreemption()
    {
        // kernel.rs do_process: Interrupted with SysTick not expired → continue; the loop then checks the slice FIRST
        // (300 µs ≤ MIN_QUANTA_THRESHOLD_US = 500 → TimesliceExpired, reporting the whole slice) before
        // continue_process(); round robin therefore gives a fresh slice after the bottom half.
        (KernelHarness h, RecordingScheduler s) = Harness();
        var irq = new FakeInterruptSource(h.Kernel, 5);
        irq.RaiseAtMicroseconds(9_700);
        TockProcess p = h.Kernel.AddProcess(new ConformanceProgram("app", _ => ComputeThenWait(20_000, () => { })));
        h.Kernel.Boot();

        h.RunFor(Ms(100));

        Assert.Equal([AtUs(9_700)], irq.ServicedAt);
        Assert.Equal([Run(0, 10_000), Run(9_700, 10_000), Run(19_700, 10_000)], s.Runs);
        Assert.Equal(
            [
                (AtUs(9_700), StoppedReason.TimesliceExpired, (uint?)10_000),
                (AtUs(19_700), StoppedReason.TimesliceExpired, 10_000),
                (AtUs(20_000), StoppedReason.NoWorkLeft, 300),
            ],
            s.Results);
        Assert.Equal((0L, 2L), (p.Counters.Preemptions, p.Counters.TimeslicesExpired));
        AssertAccountsForAllTime(h);
    }

    private static (SimTime At, int? Process, uint? SliceUs) Run(long atUs, uint sliceUs) => (AtUs(atUs), 0, sliceUs);

    private static (KernelHarness Harness, RecordingScheduler Scheduler) Harness(KernelCosts? costs = null)
    {
        var s = new RecordingScheduler(new RoundRobinScheduler());
        var h = new KernelHarness(TestChips.Wfi1MHz(costs ?? TestChips.Free), s);
        s.Clock = () => h.Simulation.Now;
        return (h, s);
    }

    private static IEnumerable<UserOp> ComputeThenWait(long cycles, Action done)
    {
        yield return UserOp.Compute(cycles);
        done();
        foreach (UserOp op in ConformanceProgram.WaitForever())
        {
            yield return op;
        }
    }
}
