namespace SensorNet.NodeKernel.Syscalls;

/// <summary>System call classes of Tock's ABI v2 (TRD104; tock/tock <c>kernel/src/syscall.rs</c> <c>enum SyscallClass</c>).</summary>
public enum SyscallClass
{
    /// <summary>Yield (no-wait, wait, wait-for); the only blocking class.</summary>
    Yield = 0,

    /// <summary>Subscribe an upcall to a driver's subscribe number.</summary>
    Subscribe = 1,

    /// <summary>Command a driver.</summary>
    Command = 2,

    /// <summary>Share a read-write buffer with a driver.</summary>
    ReadWriteAllow = 3,

    /// <summary>Share a read-only buffer with a driver.</summary>
    ReadOnlyAllow = 4,

    /// <summary>Memory operations (brk, sbrk, layout queries).</summary>
    Memop = 5,

    /// <summary>Exit: terminate or restart the process.</summary>
    Exit = 6,

    /// <summary>Share a buffer the process may read while the kernel holds it (not grant-managed).</summary>
    UserspaceReadableAllow = 7,
}
