using SensorNet.NodeKernel.Drivers;
using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Syscalls;
using SensorNet.NodeKernel.Tests.Support;
using SensorNet.NodeKernel.Userspace;
using SensorNet.SimEngine.Time;
using static SensorNet.NodeKernel.Tests.Support.Residency;
using static SensorNet.NodeKernel.Tests.Support.UserOps;

namespace SensorNet.NodeKernel.Tests.Conformance;

/// <summary>
/// The process state machine of tock/tock <c>kernel/src/process_standard.rs</c>: <c>ready()</c>, the 9-task upcall
/// ring, FIFO delivery, Null-Upcall events, Yield-WaitFor, the "last enqueue wins" readiness quirk, exit-terminate and
/// exit-restart, stop and resume. Zero kernel costs; 1 cycle = 1 µs.
/// </summary>
public class ProcessConformanceTests
{
    private const uint Fake = FakeDriver.DefaultNumber;

    [Fact]
    [Trait("Category", "TockConformance")]
    public void Ready_FollowsProcessStandardReadyRulesPerState()
    {
        // process_standard.rs ready(): Running → true; YieldedFor → is_yield_wait_for_ready; Yielded → queue non-empty
        // (a Null-Upcall ReturnValue counts); Stopped, Faulted, Terminated → false.
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        var fake = new FakeDriver(h.Kernel);
        TockProcess waiter = h.Kernel.AddProcess(new ConformanceProgram("waiter", _ => Then(UserOp.Command(Fake, 0))));
        TockProcess waitsFor = h.Kernel.AddProcess(new ConformanceProgram("waits-for", _ => Then(UserOp.Command(Fake, 0), UserOp.YieldWaitFor(Fake, 0))));
        TockProcess exiter = h.Kernel.AddProcess(new ConformanceProgram("exiter", _ => [UserOp.Command(Fake, 0), UserOp.Exit(0, 0)]));

        // Created Yielded with the init function queued (process_standard.rs create): ready.
        Assert.All(new[] { waiter, waitsFor, exiter }, p => Assert.Equal((ProcessState.Yielded, 1, true), (p.State, p.Tasks.Count, p.IsReady)));
        waiter.Stop();
        Assert.Equal((ProcessState.Stopped, false), (waiter.State, waiter.IsReady));
        waiter.Resume();
        Assert.Equal((ProcessState.Yielded, true), (waiter.State, waiter.IsReady));

        h.Kernel.Boot();
        h.RunFor(Ms(1));

        Assert.Equal((ProcessState.Yielded, false), (waiter.State, waiter.IsReady));
        Assert.Equal((ProcessState.YieldedFor, false), (waitsFor.State, waitsFor.IsReady));
        Assert.Equal((ProcessState.Terminated, false), (exiter.State, exiter.IsReady));

        Assert.Null(fake.Schedule(waiter, 0, 1)); // Null Upcall → ReturnValue task: a Yielded process with it is ready
        Assert.True(waiter.IsReady);
        Assert.Null(fake.Schedule(waitsFor, 1, 1)); // not the awaited upcall
        Assert.False(waitsFor.IsReady);
        Assert.Null(fake.Schedule(waitsFor, 0, 1));
        Assert.True(waitsFor.IsReady);
        Assert.Equal(ErrorCode.NoDevice, fake.Schedule(exiter, 0, 1)); // enqueue_task on a dead process: NODEVICE
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void UpcallQueue_HoldsNine_TheTenthIsDroppedAndCounted()
    {
        // process_standard.rs CALLBACK_LEN = 10 in a RingBuffer (ring_buffer.rs: full when head == (tail + 1) % len),
        // so 9 tasks fit; enqueue_task returns NOMEM and increment_dropped_upcall_count() for the tenth.
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        var fake = new FakeDriver(h.Kernel);
        var delivered = new List<uint>();
        uint queued = 0;
        TockProcess p = h.Kernel.AddProcess(new ConformanceProgram("app", ctx => Body(ctx)));
        h.Kernel.Boot();

        h.RunFor(Ms(10));

        Assert.Equal(9u, queued);
        Assert.Equal([null, null, null, null, null, null, null, null, null, ErrorCode.NoMem], fake.ScheduleResults);
        Assert.Equal(1, p.Counters.UpcallsDropped);
        Assert.Equal([0u, 1, 2, 3, 4, 5, 6, 7, 8], delivered); // FIFO
        Assert.Equal(9, p.Counters.UpcallsDelivered);
        Assert.Equal((ProcessState.Yielded, 0), (p.State, p.Tasks.Count)); // the tenth Yield-Wait waits for nothing
        AssertAccountsForAllTime(h);

        IEnumerable<UserOp> Body(UserContext ctx)
        {
            uint fn = ctx.Function(a => Record(a));
            yield return UserOp.Subscribe(Fake, 0, fn);
            yield return UserOp.Command(Fake, 2, 10, 0);
            queued = ctx.Result.R1;
            for (int i = 0; i < 10; i++)
            {
                yield return UserOp.YieldWait();
            }
        }

        IEnumerable<UserOp> Record(UpcallArguments a)
        {
            delivered.Add(a.Argument0);
            yield break;
        }
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void Upcalls_AreDeliveredFifo_AcrossSubscribeNumbers()
    {
        // process_standard.rs dequeue_task: the task ring is FIFO; events are not coalesced (upcall.rs schedule).
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        var fake = new FakeDriver(h.Kernel);
        var log = new List<string>();
        fake.OnCommand = (proc, c, _, _) => c == 20 ? ScheduleAll(fake, proc, (1, 10), (0, 11), (1, 12), (0, 13)) : null;
        TockProcess p = h.Kernel.AddProcess(new ConformanceProgram("app", ctx =>
        {
            uint a = ctx.Function(x => Log(log, "A", x));
            uint b = ctx.Function(x => Log(log, "B", x));
            return Then(UserOp.Subscribe(Fake, 0, a), UserOp.Subscribe(Fake, 1, b), UserOp.Command(Fake, 20), UserOp.YieldWait(), UserOp.YieldWait(), UserOp.YieldWait(), UserOp.YieldWait());
        }));
        h.Kernel.Boot();

        h.RunFor(Ms(10));

        Assert.Equal(["B10", "A11", "B12", "A13"], log);
        Assert.Equal(1, p.Counters.Dispatches); // all four ran back to back in one do_process
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void NullUpcallEvent_DoesNotWakeYieldWait_ButWakesYieldWaitFor()
    {
        // kernel.rs do_process: Yielded + Task::ReturnValue → break ("Yield-Wait does not wake the process for events
        // that generate Null Upcalls"), a kernel-only pass; YieldedFor → remove_upcall → YieldWaitFor(a0, a1, a2).
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        _ = new FakeDriver(h.Kernel);
        bool waiterWoke = false;
        SyscallReturn? got = null;
        TockProcess waiter = h.Kernel.AddProcess(new ConformanceProgram("wait", ctx => WaitThen(ctx, UserOp.YieldWait(), _ => waiterWoke = true)));
        TockProcess waitsFor = h.Kernel.AddProcess(new ConformanceProgram("wait-for", ctx => WaitThen(ctx, UserOp.YieldWaitFor(Fake, 0), r => got = r)));
        h.Kernel.Boot();

        h.RunFor(Ms(100));

        Assert.False(waiterWoke);
        Assert.Equal(1, waiter.Counters.ReturnValuesDiscarded);
        Assert.Equal(2, waiter.Counters.Dispatches); // boot, then the pass that discarded the event
        Assert.Equal((ProcessState.Yielded, false), (waiter.State, waiter.IsReady));
        Assert.Equal(new SyscallReturn(ReturnVariant.YieldWaitFor, 42, 43, 44), got);
        Assert.Equal(1, waitsFor.Counters.WaitForDeliveries);
        Assert.Equal(0, waitsFor.Counters.ReturnValuesDiscarded);
        AssertAccountsForAllTime(h);

        static IEnumerable<UserOp> WaitThen(UserContext ctx, UserOp wait, Action<SyscallReturn> after)
        {
            yield return UserOp.Command(Fake, 1, 5_000, 42);
            yield return wait;
            after(ctx.Result);
            foreach (UserOp op in ConformanceProgram.WaitForever())
            {
                yield return op;
            }
        }
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void YieldWaitFor_ReturnsTheUpcallValues_WithoutInvokingTheSubscribedFunction()
    {
        // kernel.rs do_process YieldedFor: for a Task::FunctionCall "we do not execute it, we just return its
        // arguments values to the application"; the task is removed from the queue.
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        _ = new FakeDriver(h.Kernel);
        bool invoked = false;
        var results = new List<SyscallReturn>();
        TockProcess p = h.Kernel.AddProcess(new ConformanceProgram("app", ctx => Recorded(
            ctx,
            results,
            UserOp.Subscribe(Fake, 0, ctx.Function(_ => Flag(() => invoked = true)), 99),
            UserOp.Command(Fake, 1, 1_000, 7),
            UserOp.YieldWaitFor(Fake, 0),
            UserOp.YieldNoWait())));
        h.Kernel.Boot();

        h.RunFor(Ms(10));

        Assert.False(invoked);
        Assert.Equal(new SyscallReturn(ReturnVariant.YieldWaitFor, 7, 8, 9), results[2]);
        Assert.Equal(new SyscallReturn(ReturnVariant.YieldNoWait, 0), results[3]); // nothing left queued
        Assert.Equal((0L, 1L), (p.Counters.UpcallsDelivered, p.Counters.WaitForDeliveries));
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void YieldWaitFor_TakesTheFirstMatchingTask_AndLeavesTheOthersInOrder()
    {
        // process_standard.rs remove_upcall → tasks.remove_first_matching; the rest stays FIFO for later Yield-Waits.
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        var fake = new FakeDriver(h.Kernel);
        var log = new List<string>();
        fake.OnCommand = (proc, c, _, _) => c == 20 ? ScheduleAll(fake, proc, (1, 1), (0, 2), (1, 3), (0, 4)) : null;
        var results = new List<SyscallReturn>();
        TockProcess p = h.Kernel.AddProcess(new ConformanceProgram("app", ctx => Recorded(
            ctx,
            results,
            UserOp.Subscribe(Fake, 0, ctx.Function(x => Log(log, "A", x))),
            UserOp.Subscribe(Fake, 1, ctx.Function(x => Log(log, "B", x))),
            UserOp.Command(Fake, 20),
            UserOp.YieldWaitFor(Fake, 0),
            UserOp.YieldWait(),
            UserOp.YieldWait(),
            UserOp.YieldWait())));
        h.Kernel.Boot();

        h.RunFor(Ms(10));

        Assert.Equal(new SyscallReturn(ReturnVariant.YieldWaitFor, 2, 0, 0), results[3]);
        Assert.Equal(["B1", "B3", "A4"], log);
        Assert.Equal(0, p.Tasks.Count);
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void YieldedFor_LastEnqueueWins_ANonMatchingTaskHidesAnEarlierMatch()
    {
        // process_standard.rs enqueue_task (line 598): is_yield_wait_for_ready.set(upcall_id == yielded_upcall_id)
        // on every enqueue. At 10 ms a matching then a non-matching event arrive: the process is not ready and the
        // kernel sleeps again; a second matching event at 30 ms wakes it, and it gets the FIRST match (value 1).
        (KernelHarness h, TockProcess p, Func<(SimTime At, SyscallReturn Result)?> got) = WaitForScenario(YieldForReadinessRule.LastEnqueueWins);

        h.RunFor(Ms(20));
        Assert.Null(got());
        Assert.Equal((ProcessState.YieldedFor, false, 2), (p.State, p.IsReady, p.Tasks.Count));

        h.RunFor(Ms(30));
        Assert.Equal((AtUs(30_000), new SyscallReturn(ReturnVariant.YieldWaitFor, 1, 0, 0)), got());
        Assert.Equal(3, h.Kernel.Counters.SleepEntries);
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void YieldedFor_AnyMatchOption_WakesOnTheEarlierMatch()
    {
        // The intended rule (KernelOptions.YieldForReadinessRule = AnyMatch), not tock/tock's enqueue_task: ready
        // once any matching task is queued, so the process gets value 1 at 10 ms.
        (KernelHarness h, _, Func<(SimTime At, SyscallReturn Result)?> got) = WaitForScenario(YieldForReadinessRule.AnyMatch);

        h.RunFor(Ms(50));

        Assert.Equal((AtUs(10_000), new SyscallReturn(ReturnVariant.YieldWaitFor, 1, 0, 0)), got());
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void ExitTerminate_TerminatesWithTheCompletionCode_AndTheProcessIsNeverScheduledAgain()
    {
        // kernel.rs Exit arm, which = 0: process.terminate(Some(code)): tasks emptied, grant pointers nulled, state
        // Terminated; a later schedule_upcall fails (enqueue_task: !is_running() → NODEVICE).
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        var fake = new FakeDriver(h.Kernel);
        TockProcess p = h.Kernel.AddProcess(new ConformanceProgram("app", _ => [UserOp.Command(Fake, 0), UserOp.Exit(0, 7)]));
        h.Kernel.Boot();
        h.RunFor(Ms(1));
        fake.CompleteAtMicroseconds(10_000, p, 0, 1);

        h.RunFor(Ms(19));

        Assert.Equal((ProcessState.Terminated, (uint?)7, false), (p.State, p.CompletionCode, p.IsReady));
        Assert.False(p.HasGrant(Fake));
        Assert.Equal([(ErrorCode?)ErrorCode.NoDevice], fake.ScheduleResults);
        Assert.Equal(1, p.Counters.Dispatches);
        Assert.Equal((1L, 2L), (h.Kernel.Counters.Wakeups, h.Kernel.Counters.SleepEntries));
        Assert.Equal(SimDuration.Zero, h.Active);
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void ExitRestart_CountsARestart_QueuesInitAgain_AndFreesGrants()
    {
        // kernel.rs Exit arm, which = 1: try_restart(Some(code)) → terminate (grants freed) → reset()
        // (restart_count + 1, init FunctionCall queued, Yielded); do_process goes on and runs init again at once.
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        _ = new FakeDriver(h.Kernel);
        int runs = 0;
        TockProcess p = h.Kernel.AddProcess(new ConformanceProgram("app", _ => Body()));
        h.Kernel.Boot();

        h.RunFor(Ms(10));

        Assert.Equal(2, runs);
        Assert.Equal((1, 1L, (uint?)3), (p.RestartCount, p.Counters.Restarts, p.CompletionCode));
        Assert.Equal(2, h.Kernel.Counters.GrantAllocations); // the grant was freed and allocated again
        Assert.True(p.HasGrant(Fake));
        Assert.Equal(1, p.Counters.Dispatches);
        Assert.Equal(10, p.Counters.TotalSyscalls); // 3 memops + command + exit, then 3 memops + command + yield
        Assert.Equal(ProcessState.Yielded, p.State);
        AssertAccountsForAllTime(h);

        IEnumerable<UserOp> Body()
        {
            runs++;
            yield return UserOp.Command(Fake, 0);
            if (runs == 1)
            {
                yield return UserOp.Exit(1, 3);
            }

            foreach (UserOp op in ConformanceProgram.WaitForever())
            {
                yield return op;
            }
        }
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void StoppedProcess_IsNotScheduled_AndResumingAYieldedForProcessRescansItsQueue()
    {
        // process_standard.rs stop(): YieldedFor(id) → Stopped(YieldedFor(id)); ready() is false while stopped;
        // resume() → set_yielded_for_state(id), which scans the queue for the task queued while stopped.
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        var fake = new FakeDriver(h.Kernel);
        (SimTime At, SyscallReturn Result)? got = null;
        TockProcess p = h.Kernel.AddProcess(new ConformanceProgram("app", ctx => Body(ctx)));
        new TimedActions(h.Simulation).AtMicroseconds(1_000, p.Stop);
        fake.CompleteAtMicroseconds(2_000, p, 0, 5);
        var console = new FakeInterruptSource(h.Kernel, 12) { OnService = p.Resume }; // a process console "resume"
        console.RaiseAtMicroseconds(3_000);
        h.Kernel.Boot();

        h.RunFor(Us(2_500));
        Assert.Equal((ProcessState.Stopped, false, 1), (p.State, p.IsReady, p.Tasks.Count));
        Assert.Null(got);

        h.RunFor(Us(7_500));
        Assert.Equal((AtUs(3_000), new SyscallReturn(ReturnVariant.YieldWaitFor, 5, 0, 0)), got);
        Assert.Equal(2, p.Counters.Dispatches);
        AssertAccountsForAllTime(h);

        IEnumerable<UserOp> Body(UserContext ctx)
        {
            yield return UserOp.Command(Fake, 0);
            yield return UserOp.YieldWaitFor(Fake, 0);
            got = (h.Kernel.Now, ctx.Result);
            foreach (UserOp op in ConformanceProgram.WaitForever())
            {
                yield return op;
            }
        }
    }

    private static (KernelHarness H, TockProcess P, Func<(SimTime At, SyscallReturn Result)?> Got) WaitForScenario(YieldForReadinessRule rule)
    {
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free), options: new KernelOptions { YieldForReadinessRule = rule });
        var fake = new FakeDriver(h.Kernel);
        (SimTime At, SyscallReturn Result)? got = null;
        TockProcess p = h.Kernel.AddProcess(new ConformanceProgram("app", ctx => Body(ctx)));
        fake.CompleteAtMicroseconds(10_000, p, 0, 1);
        fake.CompleteAtMicroseconds(10_000, p, 1, 2);
        fake.CompleteAtMicroseconds(30_000, p, 0, 3);
        h.Kernel.Boot();
        return (h, p, () => got);

        IEnumerable<UserOp> Body(UserContext ctx)
        {
            yield return UserOp.Command(Fake, 0);
            yield return UserOp.YieldWaitFor(Fake, 0);
            got = (h.Kernel.Now, ctx.Result);
            foreach (UserOp op in ConformanceProgram.WaitForever())
            {
                yield return op;
            }
        }
    }

    private static CommandResult ScheduleAll(FakeDriver fake, TockProcess p, params (uint Subscribe, uint Value)[] upcalls)
    {
        foreach ((uint subscribe, uint value) in upcalls)
        {
            fake.Schedule(p, subscribe, value);
        }

        return CommandResult.Success();
    }

    private static IEnumerable<UserOp> Log(List<string> log, string name, UpcallArguments a)
    {
        log.Add($"{name}{a.Argument0}");
        yield break;
    }

    private static IEnumerable<UserOp> Flag(Action set)
    {
        set();
        yield break;
    }
}
