namespace SensorNet.NodeKernel.Kernel;

/// <summary>A node's MCU residency and kernel counters at the end of a run; names carry units.</summary>
/// <param name="NodeId">Node id.</param>
/// <param name="Chip">Chip name.</param>
/// <param name="Scheduler">Scheduler name.</param>
/// <param name="ActiveNs">Time the CPU was active (running, or waking up), in ns.</param>
/// <param name="ShallowSleepNs">Time in the shallow (or only) sleep state, in ns.</param>
/// <param name="DeepSleepNs">Time in the deep sleep state, in ns.</param>
/// <param name="OffNs">Time unpowered, in ns.</param>
/// <param name="KernelCpuNs">Active time not spent in or on behalf of a process, in ns.</param>
/// <param name="ProcessCpuNs">Active time spent in or on behalf of processes, in ns.</param>
/// <param name="Wakeups">Wake-ups from sleep.</param>
/// <param name="McuTransitions">MCU power-state transitions.</param>
/// <param name="ShallowSleeps">Entries into the shallow sleep state.</param>
/// <param name="DeepSleeps">Entries into the deep sleep state.</param>
/// <param name="LoopIterations">Kernel loop iterations.</param>
/// <param name="BottomHalves">Interrupt bottom halves serviced.</param>
/// <param name="DeferredCalls">Deferred calls serviced.</param>
/// <param name="Syscalls">System calls handled.</param>
/// <param name="UpcallsDelivered">Upcall functions run, all processes.</param>
/// <param name="UpcallsDropped">Tasks dropped on full queues, all processes.</param>
/// <param name="Faults">Process faults.</param>
/// <param name="Restarts">Process restarts.</param>
/// <param name="Panicked">True if the kernel panicked.</param>
/// <param name="AlarmProgrammings">Times the hardware alarm compare was programmed.</param>
/// <param name="AlarmSplitLegs">Extra wake-ups from alarms split at half the counter range.</param>
public sealed record KernelReport(
    int NodeId,
    string Chip,
    string Scheduler,
    long ActiveNs,
    long ShallowSleepNs,
    long DeepSleepNs,
    long OffNs,
    long KernelCpuNs,
    long ProcessCpuNs,
    long Wakeups,
    long McuTransitions,
    long ShallowSleeps,
    long DeepSleeps,
    long LoopIterations,
    long BottomHalves,
    long DeferredCalls,
    long Syscalls,
    long UpcallsDelivered,
    long UpcallsDropped,
    long Faults,
    long Restarts,
    bool Panicked,
    long AlarmProgrammings,
    long AlarmSplitLegs)
{
    /// <summary>
    /// One report for a node that booted several times (brown-outs): residency and MCU transitions come from the last
    /// boot's report, which already covers the whole run because the MCU consumer outlives the boards; the kernel
    /// counters of each boot are added up.
    /// </summary>
    /// <param name="boots">The reports of each boot, in boot order; the residency of the last one is used.</param>
    public static KernelReport AcrossBoots(IReadOnlyList<KernelReport> boots)
    {
        ArgumentNullException.ThrowIfNull(boots);
        ArgumentOutOfRangeException.ThrowIfZero(boots.Count);
        KernelReport last = boots[^1];
        if (boots.Count == 1)
        {
            return last;
        }

        long Sum(Func<KernelReport, long> counter) => boots.Sum(counter);
        long processCpu = Sum(b => b.ProcessCpuNs);
        return last with
        {
            KernelCpuNs = last.ActiveNs - processCpu,
            ProcessCpuNs = processCpu,
            Wakeups = Sum(b => b.Wakeups),
            ShallowSleeps = Sum(b => b.ShallowSleeps),
            DeepSleeps = Sum(b => b.DeepSleeps),
            LoopIterations = Sum(b => b.LoopIterations),
            BottomHalves = Sum(b => b.BottomHalves),
            DeferredCalls = Sum(b => b.DeferredCalls),
            Syscalls = Sum(b => b.Syscalls),
            UpcallsDelivered = Sum(b => b.UpcallsDelivered),
            UpcallsDropped = Sum(b => b.UpcallsDropped),
            Faults = Sum(b => b.Faults),
            Restarts = Sum(b => b.Restarts),
            Panicked = boots.Any(b => b.Panicked),
            AlarmProgrammings = Sum(b => b.AlarmProgrammings),
            AlarmSplitLegs = Sum(b => b.AlarmSplitLegs),
        };
    }
}
