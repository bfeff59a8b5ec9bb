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
}
