using SensorNet.NodeKernel.Processes;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Scheduling;

/// <summary>
/// Round robin with a SysTick timeslice (tock/tock <c>capsules/system/src/scheduler/round_robin.rs</c>):
/// <c>next()</c> rotates the list to the first ready process and gives it a fresh slice, unless the previous run was
/// preempted by kernel work with slice left, in which case the same process resumes with the remainder.
/// </summary>
public sealed class RoundRobinScheduler : IScheduler
{
    /// <summary><c>DEFAULT_TIMESLICE_US</c>.</summary>
    public const uint DefaultTimesliceUs = 10_000;

    private readonly uint _timesliceUs;
    private TockProcess[] _ring = [];
    private int _head;
    private uint _timeRemainingUs;
    private bool _lastRescheduled;

    /// <summary>Creates the scheduler; <c>new_with_time</c> overrides the slice.</summary>
    public RoundRobinScheduler(uint timesliceUs = DefaultTimesliceUs)
    {
        ArgumentOutOfRangeException.ThrowIfZero(timesliceUs);
        _timesliceUs = timesliceUs;
    }

    /// <inheritdoc/>
    public string Name => "round-robin";

    /// <inheritdoc/>
    public void Initialize(IReadOnlyList<TockProcess> processes) => _ring = [.. processes];

    /// <inheritdoc/>
    public SchedulingDecision ChooseNext(SimTime now)
    {
        for (int k = 0; k < _ring.Length; k++)
        {
            if (_ring[_head].IsReady)
            {
                uint slice = _lastRescheduled ? _timeRemainingUs : _timesliceUs;
                _timeRemainingUs = slice;
                return new SchedulingDecision(_ring[_head], slice);
            }

            _head = (_head + 1) % _ring.Length; // pop_head + push_tail
        }

        return SchedulingDecision.TrySleep;
    }

    /// <inheritdoc/>
    public void Result(StoppedReason reason, uint? executedUs)
    {
        uint executed = executedUs ?? 0;
        bool reschedule = reason == StoppedReason.KernelPreemption && _timeRemainingUs > executed;
        if (reschedule)
        {
            _timeRemainingUs -= executed;
        }

        _lastRescheduled = reschedule;
        if (!reschedule && _ring.Length > 0)
        {
            _head = (_head + 1) % _ring.Length;
        }
    }
}
