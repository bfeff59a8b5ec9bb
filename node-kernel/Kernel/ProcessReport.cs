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
    int GrantBytes)
{
    /// <summary>
    /// One row per process for a node that booted several times: the counters of each boot's instance of the process
    /// (same index) are added up; name, final state and grant bytes come from the last boot.
    /// </summary>
    /// <param name="boots">Each boot's process reports, in boot order.</param>
    public static IReadOnlyList<ProcessReport> AcrossBoots(IReadOnlyList<IReadOnlyList<ProcessReport>> boots)
    {
        ArgumentNullException.ThrowIfNull(boots);
        ArgumentOutOfRangeException.ThrowIfZero(boots.Count);
        if (boots.Count == 1)
        {
            return boots[0];
        }

        return [.. boots[^1].Select(last =>
        {
            ProcessReport[] all = [.. boots.SelectMany(b => b).Where(p => p.ProcessIndex == last.ProcessIndex)];
            long Sum(Func<ProcessReport, long> counter) => all.Sum(counter);
            return last with
            {
                SyscallsYield = Sum(p => p.SyscallsYield),
                SyscallsSubscribe = Sum(p => p.SyscallsSubscribe),
                SyscallsCommand = Sum(p => p.SyscallsCommand),
                SyscallsAllowRw = Sum(p => p.SyscallsAllowRw),
                SyscallsAllowRo = Sum(p => p.SyscallsAllowRo),
                SyscallsMemop = Sum(p => p.SyscallsMemop),
                SyscallsExit = Sum(p => p.SyscallsExit),
                SyscallsAllowUr = Sum(p => p.SyscallsAllowUr),
                UpcallsDelivered = Sum(p => p.UpcallsDelivered),
                WaitForDeliveries = Sum(p => p.WaitForDeliveries),
                ReturnValuesDiscarded = Sum(p => p.ReturnValuesDiscarded),
                UpcallsDropped = Sum(p => p.UpcallsDropped),
                CpuTimeNs = Sum(p => p.CpuTimeNs),
                Dispatches = Sum(p => p.Dispatches),
                TimeslicesExpired = Sum(p => p.TimeslicesExpired),
                Preemptions = Sum(p => p.Preemptions),
                Faults = Sum(p => p.Faults),
                Restarts = Sum(p => p.Restarts),
            };
        })];
    }
}
