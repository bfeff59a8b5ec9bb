using SensorNet.SimEngine.Time;

namespace SensorNet.SimEngine.Events;

/// <summary>
/// A reusable one-shot timer that owns at most one pending event: setting it again moves the event
/// (O(log n), no allocation), cancelling removes it. Models keep one per purpose (a hardware compare,
/// a MAC backoff, a depletion deadline).
/// </summary>
public sealed class SimTimer
{
    private readonly Simulation _simulation;
    private readonly IEventHandler _target;
    private readonly long _tag;
    private readonly int _priority;
    private readonly EventDomain? _domain;
    private EventHandle _handle;

    /// <summary>
    /// Creates a disarmed timer that delivers to <paramref name="target"/> with <paramref name="tag"/>. Its events belong
    /// to the <see cref="EventDomain"/> current now, wherever it is later set from.
    /// </summary>
    public SimTimer(Simulation simulation, IEventHandler target, long tag = 0, int priority = 0)
    {
        _simulation = simulation ?? throw new ArgumentNullException(nameof(simulation));
        _target = target ?? throw new ArgumentNullException(nameof(target));
        _tag = tag;
        _priority = priority;
        _domain = simulation.CurrentDomain; // a timer is part of the hardware that was being built or running
    }

    /// <summary>True while the timer's event is pending.</summary>
    public bool IsArmed => _simulation.IsPending(_handle);

    /// <summary>When the pending event is due.</summary>
    /// <exception cref="InvalidOperationException">The timer is not armed.</exception>
    public SimTime Deadline => _simulation.TimeOf(_handle);

    /// <summary>Arms the timer for <paramref name="time"/>, moving the pending event if there is one.</summary>
    public void Set(SimTime time)
    {
        if (!_simulation.Reschedule(_handle, time))
        {
            _handle = _simulation.ScheduleIn(_domain, time, _target, _tag, _priority);
        }
    }

    /// <summary>Arms the timer <paramref name="delay"/> from now.</summary>
    public void SetAfter(SimDuration delay) => Set(_simulation.Now + delay);

    /// <summary>Disarms the timer.</summary>
    /// <returns>False if it was not armed.</returns>
    public bool Cancel() => _simulation.Cancel(_handle);
}
