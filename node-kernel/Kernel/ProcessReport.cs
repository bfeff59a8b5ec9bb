namespace SensorNet.NodeKernel.Kernel;

/// <summary>One process's counters at the end of a run; names carry units as result columns do.</summary>
/// <param name="NodeId">Node id.</param>
/// <param name="ProcessIndex">Index in the process array.</param>
/// <param name="Name">Program name.</param>
/// <param name="State">Final process state.</param>
/// <param name="SyscallsYield">Yield calls.</param>
/// <param name="SyscallsSubscribe">Subscribe calls.</param>
/// <param name="SyscallsCommand">Command calls.</param>
/// <param name="SyscallsAllowRw">Read-write allow calls.</param>
/// <param name="SyscallsAllowRo">Read-only allow calls.</param>
/// <param name="SyscallsMemop">Memop calls.</param>
/// <param name="SyscallsExit">Exit calls.</param>
/// <param name="SyscallsAllowUr">Userspace-readable allow calls.</param>
/// <param name="UpcallsDelivered">Upcall functions run.</param>
/// <param name="WaitForDeliveries">Tasks taken by Yield-WaitFor.</param>
/// <param name="ReturnValuesDiscarded">Null-Upcall values discarded.</param>
/// <param name="UpcallsDropped">Tasks dropped on a full queue.</param>
/// <param name="CpuTimeNs">CPU time in or on behalf of the process, in ns.</param>
/// <param name="Dispatches">Times scheduled.</param>
/// <param name="TimeslicesExpired">Times its slice ran out.</param>
/// <param name="Preemptions">Times kernel work preempted it.</param>
/// <param name="Faults">Faults.</param>
/// <param name="Restarts">Restarts.</param>
/// <param name="GrantBytes">Bytes of grants allocated at the end.</param>
public sealed record ProcessReport(
    int NodeId,
    int ProcessIndex,
    string Name,
    string State,
    long SyscallsYield,
    long SyscallsSubscribe,
    long SyscallsCommand,
    long SyscallsAllowRw,
    long SyscallsAllowRo,
    long SyscallsMemop,
    long SyscallsExit,
    long SyscallsAllowUr,
    long UpcallsDelivered,
    long WaitForDeliveries,
    long ReturnValuesDiscarded,
    long UpcallsDropped,
    long CpuTimeNs,
    long Dispatches,
    long TimeslicesExpired,
    long Preemptions,
    long Faults,
    long Restarts,
    int GrantBytes);
