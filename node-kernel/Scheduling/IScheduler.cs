using SensorNet.NodeKernel.Processes;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Scheduling;

/// <summary>
/// A Tock process scheduler (tock/tock <c>kernel/src/scheduler.rs</c> trait <c>Scheduler</c>). Kernel work always
/// comes first: none of Tock's schedulers overrides <c>do_kernel_work_now</c> or <c>execute_kernel_work</c>.
/// </summary>
public interface IScheduler
{
    /// <summary>Scheduler name, e.g. <c>round-robin</c>.</summary>
    string Name { get; }

    /// <summary>Receives the board's processes in array order.</summary>
    void Initialize(IReadOnlyList<TockProcess> processes);

    /// <summary>Chooses the next process or TrySleep; <paramref name="now"/> is the alarm time (MLFQ's priority boost).</summary>
    SchedulingDecision ChooseNext(SimTime now);

    /// <summary>Learns how the last run ended and how long it ran (µs, null when cooperative).</summary>
    void Result(StoppedReason reason, uint? executedUs);

    /// <summary>
    /// Whether the running process may continue (<c>continue_process</c>): by default only when no interrupt and no
    /// deferred call is pending.
    /// </summary>
    bool ContinueProcess(TockProcess process, bool kernelWorkPending) => !kernelWorkPending;
}
