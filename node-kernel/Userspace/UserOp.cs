using SensorNet.NodeKernel.Syscalls;

namespace SensorNet.NodeKernel.Userspace;

/// <summary>
/// One step of userspace code, yielded by a program's iterator: compute for some cycles, make a system call
/// (the result is then in <see cref="UserContext.Result"/>), or fault. A value type: yielding allocates nothing.
/// </summary>
public readonly record struct UserOp(UserOpKind Kind, long Cycles, SyscallClass Class, uint R0, uint R1, uint R2, uint R3)
{
    /// <summary>The function a <see cref="UserOpKind.Call"/> runs; null for other kinds.</summary>
    public IEnumerable<UserOp>? Callee { get; init; }

    /// <summary>Runs for <paramref name="cycles"/> CPU cycles.</summary>
    public static UserOp Compute(long cycles)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cycles);
        return new(UserOpKind.Compute, cycles, default, 0, 0, 0, 0);
    }

    /// <summary>Yield-Wait: block until one upcall has run.</summary>
    public static UserOp YieldWait() => Syscall(SyscallClass.Yield, (uint)YieldVariant.Wait);

    /// <summary>Yield-NoWait: run a pending upcall if any; the result says whether one ran.</summary>
    public static UserOp YieldNoWait() => Syscall(SyscallClass.Yield, (uint)YieldVariant.NoWait, 1);

    /// <summary>Yield-WaitFor: block until a task for (driver, subscribe number) is queued; its values are the result.</summary>
    public static UserOp YieldWaitFor(uint driver, uint subscribeNumber) => Syscall(SyscallClass.Yield, (uint)YieldVariant.WaitFor, driver, subscribeNumber);

    /// <summary>Subscribe <paramref name="function"/> (0 = the Null Upcall, i.e. unsubscribe) with <paramref name="appData"/>.</summary>
    public static UserOp Subscribe(uint driver, uint subscribeNumber, uint function, uint appData = 0) =>
        Syscall(SyscallClass.Subscribe, driver, subscribeNumber, function, appData);

    /// <summary>Command <paramref name="command"/> of a driver with two arguments.</summary>
    public static UserOp Command(uint driver, uint command, uint argument1 = 0, uint argument2 = 0) =>
        Syscall(SyscallClass.Command, driver, command, argument1, argument2);

    /// <summary>Read-write allow of a buffer (address 0 and length 0 un-allow).</summary>
    public static UserOp AllowReadWrite(uint driver, uint allowNumber, uint address, uint length) =>
        Syscall(SyscallClass.ReadWriteAllow, driver, allowNumber, address, length);

    /// <summary>Read-only allow of a buffer (address 0 and length 0 un-allow).</summary>
    public static UserOp AllowReadOnly(uint driver, uint allowNumber, uint address, uint length) =>
        Syscall(SyscallClass.ReadOnlyAllow, driver, allowNumber, address, length);

    /// <summary>Userspace-readable allow of a buffer.</summary>
    public static UserOp AllowUserspaceReadable(uint driver, uint allowNumber, uint address, uint length) =>
        Syscall(SyscallClass.UserspaceReadableAllow, driver, allowNumber, address, length);

    /// <summary>Memory operation <paramref name="operation"/> (0 brk, 1 sbrk, 2–11 layout queries).</summary>
    public static UserOp Memop(uint operation, uint argument = 0) => Syscall(SyscallClass.Memop, operation, argument);

    /// <summary>Exit: 0 terminates with <paramref name="completionCode"/>, 1 restarts.</summary>
    public static UserOp Exit(uint which, uint completionCode = 0) => Syscall(SyscallClass.Exit, which, completionCode);

    /// <summary>
    /// Runs <paramref name="callee"/> to its end, then goes on: <c>yield return UserOp.Call(F())</c> does what
    /// <c>foreach (UserOp op in F()) yield return op;</c> does, at the cost of one step instead of one per step of
    /// <c>F</c> in every caller up the chain (libraries nest deeply: RadioLib's SPI command is six calls down).
    /// </summary>
    public static UserOp Call(IEnumerable<UserOp> callee)
    {
        ArgumentNullException.ThrowIfNull(callee);
        return new(UserOpKind.Call, 0, default, 0, 0, 0, 0) { Callee = callee };
    }

    /// <summary>
    /// Marks the top of a polling loop (<c>while (digitalRead(BUSY)) { yield(); … }</c>): the steps since the last such
    /// mark are one pass, and the kernel may repeat that pass at once as many times as it finds that each repetition
    /// would make the same system calls at the same costs with the same answers, instead of running every step.
    /// </summary>
    /// <remarks>
    /// <para>The kernel repeats a pass only when the pass before it was the same (syscall classes, arguments and
    /// durations), every syscall of it returned to the process at once (no event, no kernel work, time slice left), it
    /// holds only Yield-NoWait calls and commands, no upcall is queued, and every command's driver promises its answer
    /// for the time the repetitions take (<see cref="Drivers.ISyscallDriver.CommandAnswerUnchangedUntil"/>). The
    /// engine's clock and counters, the process's and kernel's syscall counts end as if each step had run; only what
    /// the program keeps of the answers is not replayed, so it must keep nothing of a repeated pass but what the
    /// pass's last syscall answers (it is then in <see cref="UserContext.Result"/>, as it would be).</para>
    /// <para>Answers the program lets change: those of the commands at the bit positions of
    /// <paramref name="answersMayChange"/> (bit i = the pass's i-th syscall). One of them may be a counter the program
    /// compares with a timeout: at <paramref name="countingStep"/> (or <see cref="uint.MaxValue"/> for none) the
    /// answer's first value must keep rising from at least <paramref name="low"/> without wrapping and stay below
    /// <paramref name="high"/> (<see cref="Drivers.ISyscallDriver.CountingAnswerInRangeUntil"/>).</para>
    /// </remarks>
    public static UserOp RepeatPass(uint answersMayChange = 0, uint countingStep = uint.MaxValue, uint low = 0, uint high = uint.MaxValue) =>
        new(UserOpKind.RepeatPass, 0, default, answersMayChange, countingStep, low, high);

    /// <summary>A fault, as a bad memory access would raise.</summary>
    public static UserOp Fault() => new(UserOpKind.Fault, 0, default, 0, 0, 0, 0);

    /// <summary>Any system call with raw register values.</summary>
    public static UserOp Syscall(SyscallClass syscallClass, uint r0 = 0, uint r1 = 0, uint r2 = 0, uint r3 = 0) =>
        new(UserOpKind.Syscall, 0, syscallClass, r0, r1, r2, r3);
}
