using SensorNet.SimEngine;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;

namespace SensorNet.Benchmarks;

/// <summary>
/// An entity of the engine workload: one pending event at a time, re-armed with a fresh exponential delay each
/// time it fires. It keeps the event's handle so that workload (b) can move the event.
/// </summary>
internal sealed class TimerEntity : IEventHandler
{
    private readonly EngineWorkload _workload;
    private readonly Simulation _simulation;
    private readonly RandomStream _delays;
    private readonly SimDuration _meanDelay;
    private readonly long _targetEvents;
    private readonly bool _withCancellation;
    private readonly int _id;
    private EventHandle _pending;

    public TimerEntity(EngineWorkload workload, Simulation simulation, RandomStream delays, int id)
    {
        _workload = workload;
        _simulation = simulation;
        _delays = delays;
        _meanDelay = WorkloadParameters.MeanDelay;
        // Copied so the per-event checks read this object only, as the baseline keeps them in locals.
        _targetEvents = workload.TargetEvents;
        _withCancellation = workload.WithCancellation;
        _id = id;
    }

    /// <summary>Schedules the first event (at t = 0, before the run).</summary>
    public void Start() => _pending = _simulation.Schedule(_simulation.Now + _delays.ExponentialDuration(_meanDelay), this);

    public void OnEvent(SimTime now, long tag)
    {
        // The engine counts the event before dispatching it, so no counter of our own is needed.
        long executed = _simulation.EventsExecuted;
        if (executed <= WorkloadParameters.ChecksumWindow)
        {
            _workload.AddToChecksum(now, _id);
        }

        // The fired event's handle is stale now; scheduling directly skips the pending-check that Timer.Set would do.
        _pending = _simulation.Schedule(now + _delays.ExponentialDuration(_meanDelay), this);
        if (_withCancellation && executed % WorkloadParameters.CancellationPeriod == 0)
        {
            _workload.MoveAnotherTimer(_id, now);
        }

        // Stop() costs nothing per event: the loop tests its flag after every event anyway, whereas RunWhile
        // would add a delegate call per event.
        if (executed == _targetEvents)
        {
            _simulation.Stop();
        }
    }

    /// <summary>Workload (b): cancels the pending event and puts it at <paramref name="time"/> instead.</summary>
    public void MoveTo(SimTime time)
    {
        if (!_simulation.Reschedule(_pending, time))
        {
            throw new InvalidOperationException($"Entity {_id} has no pending event to move.");
        }
    }
}
