using SensorNet.SimEngine;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Tests.Support;

/// <summary>Runs test code at chosen simulated times (outside the kernel: it does not wake a sleeping MCU by itself).</summary>
internal sealed class TimedActions(Simulation simulation) : IEventHandler
{
    private readonly Dictionary<long, Action> _actions = [];
    private long _next;

    /// <summary>Runs <paramref name="action"/> at <paramref name="time"/>.</summary>
    public void At(SimTime time, Action action)
    {
        long tag = _next++;
        _actions[tag] = action;
        simulation.Schedule(time, this, tag);
    }

    /// <summary>Runs <paramref name="action"/> at <paramref name="microseconds"/> µs from the start.</summary>
    public void AtMicroseconds(long microseconds, Action action) => At(SimTime.FromStart(SimDuration.FromMicroseconds(microseconds)), action);

    void IEventHandler.OnEvent(SimTime now, long tag)
    {
        Action action = _actions[tag];
        _actions.Remove(tag);
        action();
    }
}
