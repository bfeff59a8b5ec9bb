using SensorNet.NodeKernel.Processes;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Scheduling;

/// <summary>
/// Cooperative round robin without a timer (tock/tock <c>capsules/system/src/scheduler/cooperative.rs</c>): a process
/// runs until it yields; after kernel preemption it stays at the head and resumes.
/// </summary>
public sealed class CooperativeScheduler : IScheduler
{
    private TockProcess[] _ring = [];
    private int _head;

    /// <inheritdoc/>
    public string Name => "cooperative";

    /// <inheritdoc/>
    public void Initialize(IReadOnlyList<TockProcess> processes) => _ring = [.. processes];

    /// <inheritdoc/>
    public SchedulingDecision ChooseNext(SimTime now)
    {
        for (int k = 0; k < _ring.Length; k++)
        {
            if (_ring[_head].IsReady)
            {
                return new SchedulingDecision(_ring[_head], null);
            }

            _head = (_head + 1) % _ring.Length;
        }

        return SchedulingDecision.TrySleep;
    }

    /// <inheritdoc/>
    public void Result(StoppedReason reason, uint? executedUs)
    {
        if (reason != StoppedReason.KernelPreemption && _ring.Length > 0)
        {
            _head = (_head + 1) % _ring.Length;
        }
    }
}
