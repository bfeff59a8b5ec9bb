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
}
