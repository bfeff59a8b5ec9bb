using SensorNet.NodeKernel.Processes;

namespace SensorNet.NodeKernel.Scheduling;

/// <summary>What a scheduler tells the kernel loop (tock/tock <c>kernel/src/scheduler.rs</c> <c>SchedulingDecision</c>).</summary>
/// <param name="Process">The process to run, or null for TrySleep.</param>
/// <param name="TimesliceUs">Timeslice in µs, or null to run cooperatively (no SysTick).</param>
public readonly record struct SchedulingDecision(TockProcess? Process, uint? TimesliceUs)
{
    /// <summary>No process is ready: try to sleep.</summary>
    public static SchedulingDecision TrySleep => default;

    /// <summary>True for TrySleep.</summary>
    public bool IsTrySleep => Process is null;
}
