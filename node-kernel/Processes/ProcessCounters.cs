using SensorNet.NodeKernel.Syscalls;

namespace SensorNet.NodeKernel.Processes;

/// <summary>What a process did over a run.</summary>
public sealed class ProcessCounters
{
    private readonly long[] _syscalls = new long[8];

    /// <summary>System calls made, by class.</summary>
    public long Syscalls(SyscallClass syscallClass) => _syscalls[(int)syscallClass];

    /// <summary>All system calls made.</summary>
    public long TotalSyscalls => _syscalls.Sum();

    /// <summary>Upcall functions run (Yield-WaitFor deliveries and init calls not included).</summary>
    public long UpcallsDelivered { get; internal set; }

    /// <summary>Tasks taken by Yield-WaitFor.</summary>
    public long WaitForDeliveries { get; internal set; }

    /// <summary>Null-Upcall return values discarded by a Yield-Wait process.</summary>
    public long ReturnValuesDiscarded { get; internal set; }

    /// <summary>Tasks dropped because the queue was full.</summary>
    public long UpcallsDropped { get; internal set; }

    /// <summary>CPU time spent in or on behalf of this process (userspace, syscalls, context switches), in ns.</summary>
    public long CpuTimeNs { get; internal set; }

    /// <summary>Times the process was scheduled (<c>do_process</c> calls).</summary>
    public long Dispatches { get; internal set; }

    /// <summary>Times its timeslice expired.</summary>
    public long TimeslicesExpired { get; internal set; }

    /// <summary>Times it was preempted by kernel work.</summary>
    public long Preemptions { get; internal set; }

    /// <summary>Faults.</summary>
    public long Faults { get; internal set; }

    /// <summary>Restarts.</summary>
    public long Restarts { get; internal set; }

    internal void CountSyscall(SyscallClass syscallClass) => _syscalls[(int)syscallClass]++;

    internal void CountSyscalls(SyscallClass syscallClass, long count) => _syscalls[(int)syscallClass] += count;
}
