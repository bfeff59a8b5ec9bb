using SensorNet.NodeKernel.Drivers;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Scheduling;
using SensorNet.NodeKernel.Tests.Support;
using SensorNet.NodeKernel.Userspace;
using static SensorNet.NodeKernel.Tests.Support.Residency;
using static SensorNet.NodeKernel.Tests.Support.UserOps;

namespace SensorNet.NodeKernel.Tests.Conformance;

/// <summary>
/// The kernel loop of tock/tock <c>kernel/src/kernel.rs</c> (<c>kernel_loop_operation</c>, <c>do_process</c>) and the
/// default kernel-work policy of <c>kernel/src/scheduler.rs</c>: interrupts first, lowest line first, then deferred
/// calls lowest index first while no interrupt is pending; syscalls handled inline; MPU reprogrammed only on a switch
/// to another process. Costs are zero unless a test sets them, so 1 cycle = 1 µs and times are exact.
/// </summary>
public class KernelLoopConformanceTests
{
    private const uint Fake = FakeDriver.DefaultNumber;

    [Fact]
    [Trait("Category", "TockConformance")]
    public void PendingDeferredCall_VetoesSleep_AndChainedCallsCostCpuButNoWakeup()
    {
        // kernel/src/kernel.rs kernel_loop_operation: chip.sleep() only if !DeferredCall::has_tasks();
        // kernel/src/deferred_call.rs: a deferred call is a software event, serviced without a hardware wake-up.
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free with { DeferredCall = 1_000 }));
        var dc = new FakeDeferredCallClient(h.Kernel, "dc");
        dc.OnService = () =>
        {
            if (dc.ServicedAt.Count < 3)
            {
                dc.Set(); // re-arms itself twice: three calls back to back
            }
        };
        _ = new FakeDriver(h.Kernel) { OnCommand = (_, c, _, _) => c == 7 ? SetAndSucceed(dc) : null };
        TockProcess p = h.Kernel.AddProcess(new ConformanceProgram("app", _ => Then([UserOp.Command(Fake, 7)])));
        h.Kernel.Boot();

        h.RunFor(Ms(1_000));

        Assert.Equal([AtUs(0), AtUs(1_000), AtUs(2_000)], dc.ServicedAt);
        Assert.Equal(1, h.Kernel.Counters.SleepEntries); // first sleep only once the last call ran
        Assert.Equal(0, h.Kernel.Counters.Wakeups);
        Assert.Equal(Ms(3), h.Active);
        Assert.Equal(Ms(997), h.Asleep);
        Assert.Equal(1, p.Counters.Preemptions); // the call set by the command preempted the process (KernelPreemption)
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void PendingInterrupts_AreServicedLowestLineFirst_InOneWakeup()
    {
        // chips/nrf52/src/chip.rs service_pending_interrupts: while nvic::next_pending() takes the lowest-numbered
        // pending line, not by NVIC priority.
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        var log = new List<string>();
        var s40 = new FakeInterruptSource(h.Kernel, 40, 100, log);
        var s9 = new FakeInterruptSource(h.Kernel, 9, 100, log);
        var s3 = new FakeInterruptSource(h.Kernel, 3, 100, log);
        new TimedActions(h.Simulation).AtMicroseconds(10_000, () =>
        {
            s40.Raise();
            s9.Raise();
            s3.Raise();
        });
        h.Kernel.Boot();

        h.RunFor(Ms(20));

        Assert.Equal(["irq3", "irq9", "irq40"], log);
        Assert.Equal([AtUs(10_000)], s3.ServicedAt);
        Assert.Equal([AtUs(10_100)], s9.ServicedAt);
        Assert.Equal([AtUs(10_200)], s40.ServicedAt);
        Assert.Equal(1, h.Kernel.Counters.Wakeups);
        Assert.Equal(Us(300), h.Active);
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void DeferredCalls_RunLowestIndexFirst_AndNotWhileAnInterruptIsPending()
    {
        // kernel/src/deferred_call.rs service_next_pending: lowest set bit (trailing_zeros), i.e. creation order;
        // kernel/src/scheduler.rs execute_kernel_work: interrupts first, then deferred calls while
        // !chip.has_pending_interrupts(); an interrupt raised by a deferred call runs before the next deferred call.
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        var log = new List<string>();
        var dc0 = new FakeDeferredCallClient(h.Kernel, "dc0", 0, log);
        var dc1 = new FakeDeferredCallClient(h.Kernel, "dc1", 0, log);
        var dc2 = new FakeDeferredCallClient(h.Kernel, "dc2", 0, log);
        var s4 = new FakeInterruptSource(h.Kernel, 4, 0, log);
        var s9 = new FakeInterruptSource(h.Kernel, 9, 0, log);
        dc0.OnService = s4.Raise;
        new TimedActions(h.Simulation).AtMicroseconds(10_000, () =>
        {
            dc2.Set();
            dc1.Set();
            dc0.Set();
            s9.Raise();
        });
        h.Kernel.Boot();

        h.RunFor(Ms(20));

        Assert.Equal((0, 1, 2), (dc0.Index, dc1.Index, dc2.Index));
        Assert.Equal(["irq9", "dc0", "irq4", "dc1", "dc2"], log);
        Assert.Equal(1, h.Kernel.Counters.Wakeups);
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void DeferredCall_SetTwiceBeforeService_RunsOnce()
    {
        // kernel/src/deferred_call.rs set(): sets one bit of BITMASK, so setting it again before service is idempotent.
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        var dc = new FakeDeferredCallClient(h.Kernel, "dc");
        bool pendingAfterSets = false;
        new TimedActions(h.Simulation).AtMicroseconds(10_000, () =>
        {
            dc.Set();
            dc.Set();
            pendingAfterSets = h.Kernel.DeferredCalls.IsPending(dc.Index);
        });
        h.Kernel.Boot();

        h.RunFor(Ms(20));

        Assert.True(pendingAfterSets);
        Assert.Equal([AtUs(10_000)], dc.ServicedAt);
        Assert.False(h.Kernel.DeferredCalls.IsPending(dc.Index));
        Assert.Equal(1, h.Kernel.Counters.DeferredCalls);
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void DeferredCalls_MoreThan32_AreRejected()
    {
        // kernel/src/deferred_call.rs: DEFCALLS holds 32 clients; verify_setup() panics "ERROR: too many deferred calls".
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        var clients = Enumerable.Range(0, 32).Select(i => new FakeDeferredCallClient(h.Kernel, $"dc{i}")).ToList();

        InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => new FakeDeferredCallClient(h.Kernel, "dc32"));

        Assert.Equal(31, clients[^1].Index);
        Assert.Contains("too many deferred calls", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void Syscalls_AreHandledInline_WithoutASchedulerDecisionBetweenThem()
    {
        // kernel/src/kernel.rs do_process: SyscallFired → handle_syscall, then the loop continues with the same process.
        // A scheduler decision costs 1 000 µs here, a syscall 100 µs: 3 memops + 5 commands + 1 yield in one dispatch
        // take 0.9 ms, bracketed by the decision to run (1 ms) and the decision to sleep (1 ms).
        var scheduler = new RecordingScheduler(new RoundRobinScheduler());
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free with { Syscall = 100, Scheduler = 1_000 }), scheduler);
        scheduler.Clock = () => h.Simulation.Now;
        TockProcess p = h.Kernel.AddProcess(new ConformanceProgram("app", _ => Then(Enumerable.Repeat(UserOp.Command(AlarmDriver.Number, 0), 5))));
        h.Kernel.Boot();

        h.RunFor(Ms(100));

        Assert.Equal(9, p.Counters.TotalSyscalls);
        Assert.Equal(1, p.Counters.Dispatches);
        Assert.Equal(2, h.Kernel.Counters.LoopIterations);
        Assert.Equal([(AtUs(0), (int?)0, (uint?)10_000), (AtUs(1_900), null, null)], scheduler.Decisions);
        Assert.Equal(Us(2_900), h.Active);
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void Syscall_ThatLeavesAnInterruptPending_IsFollowedByKernelPreemption()
    {
        // kernel/src/kernel.rs do_process: after a syscall, continue_process() is false while an interrupt is pending
        // (kernel/src/scheduler.rs), so do_process returns KernelPreemption and the bottom half runs before the next
        // syscall of the same process.
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        var fake = new FakeDriver(h.Kernel);
        TockProcess p = h.Kernel.AddProcess(new ConformanceProgram("app", _ => Then([UserOp.Command(Fake, 3), UserOp.Command(Fake, 0), UserOp.Command(Fake, 0)])));
        h.Kernel.Boot();

        h.RunFor(Ms(10));

        Assert.Equal(["cmd3", "irq9", "cmd0", "cmd0"], fake.Log);
        Assert.Equal(1, p.Counters.Preemptions);
        Assert.Equal(2, p.Counters.Dispatches);
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void Mpu_IsReprogrammedOnlyWhenSwitchingToAnotherProcess_SingleProcess()
    {
        // arch/cortex-m/src/mpu.rs tracks hardware_is_configured_for: re-entering the same process skips the MPU
        // programming. Context switch 10 µs per entry into userspace, MPU 100 µs per reprogramming.
        // Entries: init, after each of crt0's 3 memops, and for each of 3 rounds after the command and on the
        // Yield-WaitFor wake-up: 10 entries = 100 µs, plus one MPU programming = 200 µs of CPU.
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free with { ContextSwitch = 10, MpuReconfiguration = 100 }));
        _ = new FakeDriver(h.Kernel);
        TockProcess p = h.Kernel.AddProcess(new ConformanceProgram("app", _ => Then(
        [
            UserOp.Command(Fake, 1, 1_000, 1), UserOp.YieldWaitFor(Fake, 0),
            UserOp.Command(Fake, 1, 1_000, 2), UserOp.YieldWaitFor(Fake, 0),
            UserOp.Command(Fake, 1, 1_000, 3), UserOp.YieldWaitFor(Fake, 0),
        ])));
        h.Kernel.Boot();

        h.RunFor(Ms(100));

        Assert.Equal(3, p.Counters.WaitForDeliveries);
        Assert.Equal(4, p.Counters.Dispatches);
        Assert.Equal(1, h.Kernel.Counters.MpuReconfigurations);
        Assert.Equal(Us(200), h.Active);
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void Mpu_IsReprogrammedOnEverySwitchBetweenTwoProcesses()
    {
        // arch/cortex-m/src/mpu.rs configure_mpu: A, B, A, B each finds the MPU set up for the other process.
        // A boots (110 + 3 × 10 + 10 µs), B boots (150 µs), A wakes at 1 140 µs (110), B wakes at 2 290 µs (110).
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free with { ContextSwitch = 10, MpuReconfiguration = 100 }));
        _ = new FakeDriver(h.Kernel);
        TockProcess a = h.Kernel.AddProcess(new ConformanceProgram("a", _ => Then([UserOp.Command(Fake, 1, 1_000, 1), UserOp.YieldWaitFor(Fake, 0)])));
        TockProcess b = h.Kernel.AddProcess(new ConformanceProgram("b", _ => Then([UserOp.Command(Fake, 1, 2_000, 2), UserOp.YieldWaitFor(Fake, 0)])));
        h.Kernel.Boot();

        h.RunFor(Ms(100));

        Assert.Equal((1L, 1L), (a.Counters.WaitForDeliveries, b.Counters.WaitForDeliveries));
        Assert.Equal(4, h.Kernel.Counters.MpuReconfigurations);
        Assert.Equal(Us(520), h.Active);
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void FirstSubscribeOrAllowToADriver_AllocatesItsGrant_Once()
    {
        // kernel/src/kernel.rs Subscribe/Allow arms: on NOMEM from the grant, try_allocate_grant(driver, process) and
        // retry once; later calls find the grant. Two drivers used → two allocations of 200 µs each.
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free with { GrantAllocation = 200 }));
        _ = new FakeDriver(h.Kernel);
        TockProcess p = h.Kernel.AddProcess(new ConformanceProgram("app", ctx =>
        {
            uint fn = ctx.Function(_ => []);
            return Then(
            [
                UserOp.Subscribe(Fake, 0, fn), UserOp.Subscribe(Fake, 1, fn), UserOp.AllowReadWrite(Fake, 0, ctx.RamStart + 256, 16),
                UserOp.Command(Fake, 0), UserOp.Subscribe(AlarmDriver.Number, 0, fn), UserOp.Command(AlarmDriver.Number, 0),
            ]);
        }));
        h.Kernel.Boot();

        h.RunFor(Ms(10));

        Assert.Equal(2, h.Kernel.Counters.GrantAllocations);
        Assert.True(p.HasGrant(Fake));
        Assert.True(p.HasGrant(AlarmDriver.Number));
        Assert.Equal(Us(400), h.Active);
        AssertAccountsForAllTime(h);
    }

    private static CommandResult SetAndSucceed(FakeDeferredCallClient dc)
    {
        dc.Set();
        return CommandResult.Success();
    }
}
