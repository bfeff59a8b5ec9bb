using SensorNet.NodeKernel.Processes;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Scheduling;

/// <summary>
/// Fixed priority by position in the process array, index 0 highest (tock/tock
/// <c>capsules/system/src/scheduler/priority.rs</c>): no timeslice; a running process is preempted as soon as a
/// higher-priority process becomes ready, besides the usual kernel work.
/// </summary>
public sealed class PriorityScheduler : IScheduler
{
    private TockProcess[] _processes = [];

    /// <inheritdoc/>
    public string Name => "priority";

    /// <inheritdoc/>
    public void Initialize(IReadOnlyList<TockProcess> processes) => _processes = [.. processes];

    /// <inheritdoc/>
    public SchedulingDecision ChooseNext(SimTime now)
    {
        foreach (TockProcess p in _processes)
        {
            if (p.IsReady)
            {
                return new SchedulingDecision(p, null);
            }
        }

        return SchedulingDecision.TrySleep;
    }

    /// <inheritdoc/>
    public void Result(StoppedReason reason, uint? executedUs)
    {
    }

    /// <inheritdoc/>
    public bool ContinueProcess(TockProcess process, bool kernelWorkPending)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (kernelWorkPending)
        {
            return false;
        }

        for (int i = 0; i < process.Index && i < _processes.Length; i++)
        {
            if (_processes[i].IsReady)
            {
                return false;
            }
        }

        return true;
    }
}
