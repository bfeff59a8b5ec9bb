using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Time;

namespace SensorNet.SimEngine.Tests.Support;

/// <summary>An event handler that records every (time, tag) it receives and optionally runs an action.</summary>
internal sealed class EventRecorder : IEventHandler
{
    private readonly List<(SimTime Time, long Tag)> _events = [];

    /// <summary>Runs after each event has been recorded.</summary>
    public Action<SimTime, long>? OnFired { get; set; }

    /// <summary>The received events in dispatch order.</summary>
    public IReadOnlyList<(SimTime Time, long Tag)> Events => _events;

    /// <summary>The tags of the received events in dispatch order.</summary>
    public List<long> Tags => _events.Select(e => e.Tag).ToList();

    /// <summary>The times of the received events in dispatch order.</summary>
    public List<SimTime> Times => _events.Select(e => e.Time).ToList();

    public void OnEvent(SimTime now, long tag)
    {
        _events.Add((now, tag));
        OnFired?.Invoke(now, tag);
    }
}
