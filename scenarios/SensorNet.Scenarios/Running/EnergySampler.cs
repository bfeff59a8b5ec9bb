using SensorNet.Energy.Accounting;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Time;

namespace SensorNet.Scenarios.Running;

/// <summary>
/// Samples every node's energy state at a fixed interval (including t = 0 and the end), for the energy time series.
/// Sampling changes no model state, but each node integrates up to the sample time first: that splits an interval of
/// constant draw in two (equal up to floating-point rounding, as the storage models are analytical), and the sample
/// events count in the engine's event total.
/// </summary>
internal sealed class EnergySampler : IEventHandler
{
    private readonly Simulation _simulation;
    private readonly IReadOnlyList<(int Id, NodeEnergy Energy)> _nodes;
    private readonly SimDuration _interval;
    private readonly ITraceSink<EnergySample> _sink;
    private long _lastNs = -1;

    public EnergySampler(Simulation simulation, IReadOnlyList<(int Id, NodeEnergy Energy)> nodes, SimDuration interval, ITraceSink<EnergySample> sink)
    {
        _simulation = simulation;
        _nodes = nodes;
        _interval = interval;
        _sink = sink;
    }

    public void Start()
    {
        Record(_simulation.Now);
        _simulation.ScheduleAfter(_interval, this, 0, priority: EventQueue.MaxPriority);
    }

    /// <summary>Samples the end of the run (the clock stands at the end, where no event runs).</summary>
    public void Finish(SimTime end)
    {
        if (_lastNs != end.Nanoseconds)
        {
            Record(end);
        }
    }

    void IEventHandler.OnEvent(SimTime now, long tag)
    {
        Record(now);
        _simulation.ScheduleAfter(_interval, this, 0, priority: EventQueue.MaxPriority);
    }

    private void Record(SimTime now)
    {
        foreach ((int id, NodeEnergy e) in _nodes)
        {
            e.Update();
            _sink.Add(new EnergySample(now.Nanoseconds, id, e.Storage.Stored.Value, e.Storage.Voltage.Value, e.Harvest.Value, e.Draw.Value, e.IsPowered));
        }

        _lastNs = now.Nanoseconds;
    }
}
