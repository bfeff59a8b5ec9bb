namespace SensorNet.NodeKernel.Userspace;

/// <summary>What a userspace step does.</summary>
public enum UserOpKind
{
    /// <summary>Run on the CPU for a number of cycles (interruptible).</summary>
    Compute,

    /// <summary>Trap into the kernel with a system call.</summary>
    Syscall,

    /// <summary>Fault (a bad memory access, a hard fault).</summary>
    Fault,

    /// <summary>
    /// Call a function: run <see cref="UserOp.Callee"/>'s steps to their end, then go on. Takes no time of its own; the
    /// same as yielding every step of the callee (<c>foreach … yield return</c>), but the kernel runs the callee directly
    /// instead of through every caller's iterator.
    /// </summary>
    Call,

    /// <summary>
    /// A hint at the top of a polling loop's pass, not code: it takes no time, and the kernel may run the pass that
    /// just ended again, any number of times, in one step, when nothing it or the program cares about could differ
    /// (see <see cref="UserOp.RepeatPass"/>). The count is in <see cref="UserContext.PassesRepeated"/>.
    /// </summary>
    RepeatPass,
}
