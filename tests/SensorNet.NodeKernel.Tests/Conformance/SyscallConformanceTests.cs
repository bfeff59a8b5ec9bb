using SensorNet.NodeKernel.Drivers;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Syscalls;
using SensorNet.NodeKernel.Tests.Support;
using SensorNet.NodeKernel.Userspace;
using SensorNet.SimEngine.Time;
using static SensorNet.NodeKernel.Tests.Support.Residency;
using static SensorNet.NodeKernel.Tests.Support.UserOps;

namespace SensorNet.NodeKernel.Tests.Conformance;

/// <summary>
/// System call semantics of tock/tock <c>kernel/src/kernel.rs</c> <c>handle_syscall</c> and TRD104
/// (<c>doc/reference/trd104-syscalls.md</c>): Yield-NoWait, subscribe and allow swap semantics, command, memop, exit,
/// and grant exhaustion. Zero kernel costs; 1 cycle = 1 µs.
/// </summary>
public class SyscallConformanceTests
{
    private const uint Fake = FakeDriver.DefaultNumber;
    private const uint NoSuchDriver = 0xDEAD;
    private const uint NotAFunction = 0x1234;

    [Fact]
    [Trait("Category", "TockConformance")]
    public void YieldNoWait_WithNoTasks_Returns0_AndTheProcessKeepsRunning()
    {
        // kernel.rs Yield arm, NoWait: has_tasks = false → writes 0, set_yielded_state() is not called.
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        var results = new List<SyscallReturn>();
        TockProcess p = h.Kernel.AddProcess(new ConformanceProgram("app", ctx => Recorded(ctx, results, UserOp.YieldNoWait(), UserOp.Compute(1_000))));
        h.Kernel.Boot();

        h.RunFor(Ms(10));

        Assert.Equal(new SyscallReturn(ReturnVariant.YieldNoWait, 0), results[0]);
        Assert.Equal(1, p.Counters.Dispatches); // it went on computing in the same do_process
        Assert.Equal(Ms(1), h.Active);
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void YieldNoWait_WithTasks_Returns1_AndRunsExactlyOneUpcall()
    {
        // kernel.rs Yield arm, NoWait: has_tasks → writes 1 and set_yielded_state(); do_process runs one upcall, which
        // returns into the code after the yield.
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        _ = new FakeDriver(h.Kernel);
        int upcalls = 0;
        var seen = new List<(uint Result, int Upcalls)>();
        TockProcess p = h.Kernel.AddProcess(new ConformanceProgram("app", ctx => Body(ctx)));
        h.Kernel.Boot();

        h.RunFor(Ms(10));

        Assert.Equal([(1u, 1), (1u, 2), (0u, 2)], seen);
        Assert.Equal(1, p.Counters.Dispatches);
        AssertAccountsForAllTime(h);

        IEnumerable<UserOp> Body(UserContext ctx)
        {
            yield return UserOp.Subscribe(Fake, 0, ctx.Function(_ => Count()));
            yield return UserOp.Command(Fake, 2, 2, 0); // two upcalls queued
            for (int i = 0; i < 3; i++)
            {
                yield return UserOp.YieldNoWait();
                seen.Add((ctx.Result.R1, upcalls));
            }

            foreach (UserOp op in ConformanceProgram.WaitForever())
            {
                yield return op;
            }
        }

        IEnumerable<UserOp> Count()
        {
            upcalls++;
            yield break;
        }
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void YieldNoWait_WithANullUpcallEventAtTheHead_Returns1_DiscardsIt_AndBlocksLikeYieldWait()
    {
        // Reference §5.2 quirk (kernel.rs): has_tasks is true for a ReturnValue task, so 1 is written and the process is
        // Yielded; do_process dequeues the ReturnValue and breaks; the process then waits for a real upcall (5 ms).
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        var fake = new FakeDriver(h.Kernel);
        SimTime? resumedAt = null;
        SyscallReturn result = default;
        TockProcess p = h.Kernel.AddProcess(new ConformanceProgram("app", ctx => Body(ctx)));
        fake.CompleteAtMicroseconds(5_000, p, 1, 9);
        h.Kernel.Boot();

        h.RunFor(Ms(4));
        Assert.Null(resumedAt);
        Assert.Equal((ProcessState.Yielded, false, 1L), (p.State, p.IsReady, p.Counters.ReturnValuesDiscarded));

        h.RunFor(Ms(6));
        Assert.Equal(AtUs(5_000), resumedAt);
        Assert.Equal(new SyscallReturn(ReturnVariant.YieldNoWait, 1), result);
        Assert.Equal(1, p.Counters.UpcallsDelivered);
        AssertAccountsForAllTime(h);

        IEnumerable<UserOp> Body(UserContext ctx)
        {
            yield return UserOp.Subscribe(Fake, 1, ctx.Function(_ => []));
            yield return UserOp.Command(Fake, 2, 1, 0); // one event on subscribe 0, which has the Null Upcall
            yield return UserOp.YieldNoWait();
            result = ctx.Result;
            resumedAt = h.Kernel.Now;
            foreach (UserOp op in ConformanceProgram.WaitForever())
            {
                yield return op;
            }
        }
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void Subscribe_SwapSemantics_AndErrors()
    {
        // TRD104 §4.2 and the kernel.rs Subscribe arm: success returns the previous (fn, appdata), (0, 0) the first time;
        // failure returns what was passed; a non-null pointer that is not a function → INVAL, checked before the driver
        // lookup (unknown driver → NODEVICE); a subscribe number beyond the driver's → NOSUPPORT (grant.rs subscribe).
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        _ = new FakeDriver(h.Kernel);
        var results = new List<SyscallReturn>();
        uint fnA = 0;
        uint fnB = 0;
        h.Kernel.AddProcess(new ConformanceProgram("app", ctx =>
        {
            fnA = ctx.Function(_ => []);
            fnB = ctx.Function(_ => []);
            return Recorded(
                ctx,
                results,
                UserOp.Subscribe(Fake, 0, fnA, 11),
                UserOp.Subscribe(Fake, 0, fnB, 22),
                UserOp.Subscribe(Fake, 0, NotAFunction, 33),
                UserOp.Subscribe(NoSuchDriver, 0, fnA, 44),
                UserOp.Subscribe(Fake, 5, fnA, 55),
                UserOp.Subscribe(NoSuchDriver, 0, NotAFunction, 66),
                UserOp.Subscribe(Fake, 0, 0, 0));
        }));
        h.Kernel.Boot();

        h.RunFor(Ms(1));

        Assert.Equal(
            [
                SyscallReturn.SuccessU32U32(0, 0),
                SyscallReturn.SuccessU32U32(fnA, 11),
                SyscallReturn.FailureU32U32(ErrorCode.Inval, NotAFunction, 33),
                SyscallReturn.FailureU32U32(ErrorCode.NoDevice, fnA, 44),
                SyscallReturn.FailureU32U32(ErrorCode.NoSupport, fnA, 55),
                SyscallReturn.FailureU32U32(ErrorCode.Inval, NotAFunction, 66),
                SyscallReturn.SuccessU32U32(fnB, 22),
            ],
            results);
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void Resubscribe_ClearsQueuedFunctionCallsForThatUpcallIdOnly()
    {
        // kernel.rs Subscribe arm: on success process.remove_pending_upcalls(upcall_id), which keeps ReturnValue tasks
        // and other ids (process_standard.rs); a failed subscribe removes nothing.
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        var fake = new FakeDriver(h.Kernel);
        var log = new List<string>();
        var counts = new List<int>();
        TockProcess? p = null;
        fake.OnCommand = (proc, c, _, _) => c == 20 ? ScheduleAll(fake, proc, (0, 1), (1, 2), (0, 3)) : null;
        p = h.Kernel.AddProcess(new ConformanceProgram("app", ctx => Body(ctx)));
        h.Kernel.Boot();

        h.RunFor(Ms(10));

        Assert.Equal([5, 5, 3], counts);
        Assert.Equal(["C2", "B7"], log);
        Assert.Equal(1, p.Counters.ReturnValuesDiscarded); // the Null-Upcall event survived the re-subscribe
        AssertAccountsForAllTime(h);

        IEnumerable<UserOp> Body(UserContext ctx)
        {
            uint a = ctx.Function(x => Log(log, "A", x));
            uint b = ctx.Function(x => Log(log, "B", x));
            uint c = ctx.Function(x => Log(log, "C", x));
            yield return UserOp.Command(Fake, 2, 1, 0); // a Null-Upcall event on subscribe 0
            yield return UserOp.Subscribe(Fake, 0, a);
            yield return UserOp.Subscribe(Fake, 1, c);
            yield return UserOp.Command(Fake, 20); // A1, C2, A3 queued
            yield return UserOp.Command(Fake, 2, 1, 1); // one more on subscribe 1: C0
            counts.Add(p!.Tasks.Count);
            yield return UserOp.Subscribe(Fake, 0, NotAFunction); // fails: nothing removed
            counts.Add(p.Tasks.Count);
            yield return UserOp.Subscribe(Fake, 0, b); // removes A1 and A3
            counts.Add(p.Tasks.Count);
            yield return UserOp.YieldWait(); // the ReturnValue is discarded first, then C2 runs
            yield return UserOp.Subscribe(Fake, 1, 0); // removes C0 before it runs
            yield return UserOp.Command(Fake, 1, 1_000, 7);
            yield return UserOp.YieldWait(); // B7
            foreach (UserOp op in ConformanceProgram.WaitForever())
            {
                yield return op;
            }
        }
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void Allow_SwapSemantics_AndAddressChecks()
    {
        // TRD104 §4.4/§4.5, kernel.rs Allow arms, process_standard.rs build_readwrite_process_buffer: previous buffer
        // returned ((0, 0) the first time); failure returns what was passed; a buffer not inside the process's
        // app-owned memory → INVAL; zero-length buffers may have any address; unknown driver → NODEVICE; allow
        // number beyond the driver's → NOSUPPORT (grant.rs allow_rw).
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        _ = new FakeDriver(h.Kernel);
        var results = new List<SyscallReturn>();
        uint ram = 0;
        uint brk = 0;
        h.Kernel.AddProcess(new ConformanceProgram("app", ctx =>
        {
            ram = ctx.RamStart;
            brk = ctx.AppBreak;
            return Recorded(
                ctx,
                results,
                UserOp.AllowReadWrite(Fake, 0, ram + 256, 64),
                UserOp.AllowReadWrite(Fake, 0, ram + 512, 32),
                UserOp.AllowReadWrite(Fake, 0, 0x1000_0000, 16),
                UserOp.AllowReadWrite(Fake, 1, brk - 8, 16),
                UserOp.AllowReadWrite(Fake, 1, 0x1000_0000, 0),
                UserOp.AllowReadOnly(Fake, 0, ram + 256, 64),
                UserOp.AllowReadWrite(NoSuchDriver, 0, ram, 4),
                UserOp.AllowReadWrite(Fake, 2, ram, 4),
                UserOp.AllowReadWrite(Fake, 0, 0, 0));
        }));
        h.Kernel.Boot();

        h.RunFor(Ms(1));

        Assert.Equal(
            [
                SyscallReturn.SuccessU32U32(0, 0),
                SyscallReturn.SuccessU32U32(ram + 256, 64),
                SyscallReturn.FailureU32U32(ErrorCode.Inval, 0x1000_0000, 16),
                SyscallReturn.FailureU32U32(ErrorCode.Inval, brk - 8, 16),
                SyscallReturn.SuccessU32U32(0, 0),
                SyscallReturn.SuccessU32U32(0, 0),
                SyscallReturn.FailureU32U32(ErrorCode.NoDevice, ram, 4),
                SyscallReturn.FailureU32U32(ErrorCode.NoSupport, ram, 4),
                SyscallReturn.SuccessU32U32(ram + 512, 32),
            ],
            results);
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void Allow_TheSameBufferTwice_OrExtended_IsAccepted()
    {
        // TRD104 §4.4: "it is possible for userspace to allow the same buffer multiple times" and "userspace may
        // extend a buffer by calling allow with the same pointer and a longer length"; build_readwrite_process_buffer
        // only checks in_app_owned_memory.
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        _ = new FakeDriver(h.Kernel);
        var results = new List<SyscallReturn>();
        uint buf = 0;
        h.Kernel.AddProcess(new ConformanceProgram("app", ctx =>
        {
            buf = ctx.RamStart + 256;
            return Recorded(ctx, results, UserOp.AllowReadWrite(Fake, 0, buf, 64), UserOp.AllowReadWrite(Fake, 1, buf, 64), UserOp.AllowReadWrite(Fake, 0, buf, 128));
        }));
        h.Kernel.Boot();

        h.RunFor(Ms(1));

        Assert.Equal([SyscallReturn.SuccessU32U32(0, 0), SyscallReturn.SuccessU32U32(0, 0), SyscallReturn.SuccessU32U32(buf, 64)], results);
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void Command_ToAnUnknownDriver_ReturnsNoDevice()
    {
        // kernel.rs Command arm: driver None → CommandReturn::failure(ErrorCode::NODEVICE); otherwise the driver's answer.
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        _ = new FakeDriver(h.Kernel);
        var results = new List<SyscallReturn>();
        h.Kernel.AddProcess(new ConformanceProgram("app", ctx => Recorded(ctx, results, UserOp.Command(NoSuchDriver, 0), UserOp.Command(Fake, 99), UserOp.Command(Fake, 0))));
        h.Kernel.Boot();

        h.RunFor(Ms(1));

        Assert.Equal([SyscallReturn.Failure(ErrorCode.NoDevice), SyscallReturn.Failure(ErrorCode.NoSupport), SyscallReturn.Success()], results);
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void Memop_BrkAndSbrk_AndNoMem()
    {
        // kernel/src/memop.rs: 0 brk → Success or NOMEM; 1 sbrk → the old break or NOMEM; 2 → RAM start; unknown →
        // NOSUPPORT. process_standard.rs brk: out of bounds or beyond the kernel break → error → NOMEM.
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        var results = new List<SyscallReturn>();
        uint ram = 0;
        uint brk = 0;
        TockProcess p = h.Kernel.AddProcess(new ConformanceProgram("app", ctx =>
        {
            ram = ctx.RamStart;
            brk = ctx.AppBreak;
            return Recorded(
                ctx,
                results,
                UserOp.Memop(1, 0),
                UserOp.Memop(1, 256),
                UserOp.Memop(1, 0),
                UserOp.Memop(0, ram + 1_024),
                UserOp.Memop(1, 0),
                UserOp.Memop(0, 0x1000),
                UserOp.Memop(1, 0x0100_0000),
                UserOp.Memop(2),
                UserOp.Memop(12));
        }));
        h.Kernel.Boot();

        h.RunFor(Ms(1));

        Assert.Equal(
            [
                SyscallReturn.SuccessU32(brk),
                SyscallReturn.SuccessU32(brk),
                SyscallReturn.SuccessU32(brk + 256),
                SyscallReturn.Success(),
                SyscallReturn.SuccessU32(ram + 1_024),
                SyscallReturn.Failure(ErrorCode.NoMem),
                SyscallReturn.Failure(ErrorCode.NoMem),
                SyscallReturn.SuccessU32(ram),
                SyscallReturn.Failure(ErrorCode.NoSupport),
            ],
            results);
        Assert.Equal(ram + 1_024, p.Memory.AppBreak);
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void Exit_WithAnUnknownVariant_ReturnsNoSupport_AndTheProcessGoesOn()
    {
        // kernel.rs Exit arm: which other than 0/1 → set_syscall_return_value(Failure(NOSUPPORT)).
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        var results = new List<SyscallReturn>();
        TockProcess p = h.Kernel.AddProcess(new ConformanceProgram("app", ctx => Recorded(ctx, results, UserOp.Exit(2, 5), UserOp.Compute(1_000))));
        h.Kernel.Boot();

        h.RunFor(Ms(10));

        Assert.Equal(SyscallReturn.Failure(ErrorCode.NoSupport), results[0]);
        Assert.Equal(2, results.Count);
        Assert.Equal((ProcessState.Yielded, 0), (p.State, p.RestartCount));
        Assert.Null(p.CompletionCode);
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void GrantExhaustion_InOneProcess_GivesItNoMem_WhileAnotherProcessKeepsWorking()
    {
        // grant.rs enter → process::Error::OutOfMemory → NOMEM (capsules return CommandReturn::failure(err.into()));
        // kernel.rs Subscribe/Allow: NOMEM after one failed try_allocate_grant, returning the values passed in.
        // "tiny" asks for 320 B: its 1 KiB block is app memory plus the 704 B the kernel takes at creation, no room
        // for any grant. The other process runs ten 100 ms alarm delays in 1.05 s.
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        _ = new FakeDriver(h.Kernel);
        var results = new List<SyscallReturn>();
        uint fn = 0;
        uint ram = 0;
        TockProcess tiny = h.Kernel.AddProcess(new ConformanceProgram(
            "tiny",
            ctx =>
            {
                fn = ctx.Function(_ => []);
                ram = ctx.RamStart;
                return Recorded(
                    ctx,
                    results,
                    UserOp.Subscribe(Fake, 0, fn, 5),
                    UserOp.AllowReadWrite(Fake, 0, ram + 16, 16),
                    UserOp.Command(Fake, 0),
                    UserOp.Command(AlarmDriver.Number, 1));
            },
            ramBytes: 320));
        var loop = new DelayLoopProgram(100);
        TockProcess good = h.Kernel.AddProcess(loop);
        Assert.Equal((1_024u, 0L), (tiny.Memory.Size, tiny.Memory.FreeBytes));
        h.Kernel.Boot();

        h.RunFor(Ms(1_050));

        Assert.Equal(
            [
                SyscallReturn.FailureU32U32(ErrorCode.NoMem, fn, 5),
                SyscallReturn.FailureU32U32(ErrorCode.NoMem, ram + 16, 16),
                SyscallReturn.Failure(ErrorCode.NoMem),
                SyscallReturn.Failure(ErrorCode.NoMem),
            ],
            results);
        Assert.Equal(10, loop.Iterations);
        Assert.Equal(10, good.Counters.UpcallsDelivered);
        Assert.Equal(1, h.Kernel.Counters.GrantAllocations); // the alarm grant of the good process only
        Assert.Equal((ProcessState.Yielded, 0L), (tiny.State, tiny.Counters.Faults));
        Assert.False(h.Kernel.IsPanicked);
        AssertAccountsForAllTime(h);
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
}
