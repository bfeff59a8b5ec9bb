using SensorNet.NodeKernel.Chips;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Scheduling;
using SensorNet.NodeKernel.Syscalls;
using SensorNet.NodeKernel.Tests.Support;
using SensorNet.NodeKernel.Userspace;
using SensorNet.SimEngine.Time;
using static SensorNet.NodeKernel.Tests.Support.Residency;
using static SensorNet.NodeKernel.Tests.Support.UserOps;

namespace SensorNet.NodeKernel.Tests.Conformance;

/// <summary>
/// Process faults: tock/tock <c>kernel/src/process_standard.rs</c> <c>set_fault_state</c> applies the board's policy
/// from <c>capsules/system/src/process_policies.rs</c> (panic, stop, restart, threshold restart, threshold restart then
/// panic) and <c>kernel/src/kernel.rs</c> <c>do_process</c> goes on with the same process afterwards. Zero kernel
/// costs; 1 cycle = 1 µs.
/// </summary>
public class FaultConformanceTests
{
    private const uint Fake = FakeDriver.DefaultNumber;

    [Fact]
    [Trait("Category", "TockConformance")]
    public void PanicPolicy_AFaultKeepsTheCpuActiveFromThenOn()
    {
        // process_policies.rs PanicFaultPolicy → FaultAction::Panic: state Faulted, panic!("Process {} had a fault");
        // the board's panic handler ends in debug.rs panic_blink_forever, a busy loop. Asleep 0–100 ms, then active
        // until the end; the other process never runs again.
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free), faultPolicy: new FaultPolicy(FaultPolicyKind.Panic));
        _ = new FakeDriver(h.Kernel);
        TockProcess faulty = h.Kernel.AddProcess(new ConformanceProgram("faulty", _ => [UserOp.Command(Fake, 1, 100_000, 0), UserOp.YieldWaitFor(Fake, 0), UserOp.Fault()]));
        TockProcess other = h.Kernel.AddProcess(new ConformanceProgram("other", _ => Then(UserOp.Command(Fake, 1, 200_000, 0), UserOp.YieldWaitFor(Fake, 0))));
        h.Kernel.Boot();

        h.RunFor(Ms(1_000));

        Assert.True(h.Kernel.IsPanicked);
        Assert.Equal("Process faulty had a fault", h.Kernel.PanicReason);
        Assert.Equal((1L, ProcessState.Faulted), (h.Kernel.Counters.Panics, faulty.State));
        Assert.Equal(0, other.Counters.WaitForDeliveries);
        Assert.Equal(Ms(100), h.Asleep);
        Assert.Equal(Ms(900), h.Active);
        Assert.Equal(ChipModel.ActiveState, h.Cpu.State);
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void StopPolicy_TerminatesAndLeavesTheProcessFaulted_WhileOthersRun()
    {
        // process_policies.rs StopFaultPolicy → FaultAction::Stop: terminate(None) then state Faulted; ready() is
        // false, so do_process ends with NoWorkLeft (it never reports StoppedFaulted); grants and tasks are gone.
        var scheduler = new RecordingScheduler(new RoundRobinScheduler());
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free), scheduler, new FaultPolicy(FaultPolicyKind.Stop));
        scheduler.Clock = () => h.Simulation.Now;
        var fake = new FakeDriver(h.Kernel);
        TockProcess faulty = h.Kernel.AddProcess(new ConformanceProgram("faulty", _ => [UserOp.Command(Fake, 1, 10_000, 0), UserOp.YieldWaitFor(Fake, 0), UserOp.Fault()]));
        SimTime? otherWoke = null;
        TockProcess other = h.Kernel.AddProcess(new ConformanceProgram("other", _ => OtherBody()));
        h.Kernel.Boot();

        h.RunFor(Ms(100));

        Assert.Equal((ProcessState.Faulted, 0, 1L), (faulty.State, faulty.RestartCount, faulty.Counters.Faults));
        Assert.Equal((0, false), (faulty.Tasks.Count, faulty.HasGrant(Fake)));
        Assert.Null(faulty.CompletionCode);
        Assert.Contains((AtUs(10_000), StoppedReason.NoWorkLeft, (uint?)0), scheduler.Results);
        Assert.DoesNotContain(scheduler.Results, r => r.Reason == StoppedReason.StoppedFaulted);
        Assert.Equal(AtUs(20_000), otherWoke);
        Assert.Equal(ErrorCode.NoDevice, fake.Schedule(faulty, 0, 1));
        Assert.False(h.Kernel.IsPanicked);
        Assert.Equal(1, other.Counters.WaitForDeliveries);
        AssertAccountsForAllTime(h);

        IEnumerable<UserOp> OtherBody()
        {
            yield return UserOp.Command(Fake, 1, 20_000, 0);
            yield return UserOp.YieldWaitFor(Fake, 0);
            otherWoke = h.Kernel.Now;
            foreach (UserOp op in ConformanceProgram.WaitForever())
            {
                yield return op;
            }
        }
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void RestartPolicy_RestartsAfterEveryFault_AndRunsInitAgain()
    {
        // process_policies.rs RestartFaultPolicy → try_restart(None): terminate, reset() (restart_count + 1, init
        // queued, Yielded). Three faulting runs of 1 ms, then a fourth that waits: 4 ms of CPU in one dispatch.
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free), faultPolicy: new FaultPolicy(FaultPolicyKind.Restart));
        int runs = 0;
        TockProcess p = h.Kernel.AddProcess(new ConformanceProgram("app", _ => FaultingRuns(() => ++runs, faultWhile: n => n <= 3)));
        h.Kernel.Boot();

        h.RunFor(Ms(100));

        Assert.Equal(4, runs);
        Assert.Equal((3, 3L, 3L), (p.RestartCount, p.Counters.Restarts, p.Counters.Faults));
        Assert.Equal(ProcessState.Yielded, p.State);
        Assert.Equal(1, p.Counters.Dispatches);
        Assert.Equal(12, p.Counters.Syscalls(SyscallClass.Memop)); // crt0 ran four times
        Assert.Equal(Ms(4), h.Active);
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void RestartedProcess_RunsInitAgainInTheSameDoProcess_BeforeOtherProcesses()
    {
        // kernel.rs do_process: after set_fault_state() the loop continues; the restarted process is ready (init
        // queued) and runs again before the scheduler picks the next process.
        var scheduler = new RecordingScheduler(new RoundRobinScheduler());
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free), scheduler, new FaultPolicy(FaultPolicyKind.Restart));
        var log = new List<string>();
        int runs = 0;
        TockProcess a = h.Kernel.AddProcess(new ConformanceProgram("a", _ => Logged(log, "a", faults: ++runs == 1)));
        h.Kernel.AddProcess(new ConformanceProgram("b", _ => Logged(log, "b", faults: false)));
        h.Kernel.Boot();

        h.RunFor(Ms(10));

        Assert.Equal(["a", "a", "b"], log);
        Assert.Equal(1, a.Counters.Dispatches);
        Assert.Equal([(AtUs(0), (int?)0, (uint?)10_000), (AtUs(0), 1, 10_000), (AtUs(0), null, null)], scheduler.Decisions);
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void ThresholdRestartPolicy_RestartsWhileRestartCountIsAtMostTheThreshold_ThenStops()
    {
        // process_policies.rs ThresholdRestartFaultPolicy: get_restart_count() <= threshold → Restart, else Stop.
        // Threshold 2: faults at restart counts 0, 1, 2 restart; the fourth fault (count 3) stops it.
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free), faultPolicy: new FaultPolicy(FaultPolicyKind.ThresholdRestart, 2));
        int runs = 0;
        TockProcess p = h.Kernel.AddProcess(new ConformanceProgram("app", _ => FaultingRuns(() => ++runs, faultWhile: _ => true)));
        h.Kernel.Boot();

        h.RunFor(Ms(100));

        Assert.Equal(4, runs);
        Assert.Equal((3, 4L, ProcessState.Faulted), (p.RestartCount, p.Counters.Faults, p.State));
        Assert.False(h.Kernel.IsPanicked);
        Assert.Equal(Ms(4), h.Active);
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void ThresholdRestartThenPanicPolicy_PanicsOnceTheThresholdIsPassed()
    {
        // process_policies.rs ThresholdRestartThenPanicFaultPolicy (hail: new(4)): restart while the count is ≤ 4,
        // then Panic: five restarts, the sixth fault (at 6 ms) panics and the CPU stays active.
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free), faultPolicy: new FaultPolicy(FaultPolicyKind.ThresholdRestartThenPanic, 4));
        int runs = 0;
        TockProcess p = h.Kernel.AddProcess(new ConformanceProgram("app", _ => FaultingRuns(() => ++runs, faultWhile: _ => true)));
        h.Kernel.Boot();

        h.RunFor(Ms(100));

        Assert.Equal(6, runs);
        Assert.Equal((5, 6L, ProcessState.Faulted), (p.RestartCount, p.Counters.Faults, p.State));
        Assert.True(h.Kernel.IsPanicked);
        Assert.Equal(Ms(100), h.Active);
        AssertAccountsForAllTime(h);
    }

    private static IEnumerable<UserOp> FaultingRuns(Func<int> countRun, Func<int, bool> faultWhile)
    {
        int run = countRun();
        yield return UserOp.Compute(1_000);
        if (faultWhile(run))
        {
            yield return UserOp.Fault();
        }

        foreach (UserOp op in ConformanceProgram.WaitForever())
        {
            yield return op;
        }
    }

    private static IEnumerable<UserOp> Logged(List<string> log, string name, bool faults)
    {
        log.Add(name);
        if (faults)
        {
            yield return UserOp.Fault();
        }

        foreach (UserOp op in ConformanceProgram.WaitForever())
        {
            yield return op;
        }
    }
}
