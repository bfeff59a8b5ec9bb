using SensorNet.SimEngine;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;

namespace SensorNet.Scenarios.Running;

/// <summary>Calls an action every period, the first time at a uniformly random offset within one period.</summary>
internal sealed class PeriodicSource(Simulation simulation, SimDuration period, Action action, RandomStream offset) : IEventHandler
{

    public void Start() => simulation.Schedule(simulation.Now + offset.UniformDuration(period), this);

    public void OnEvent(SimTime now, long tag)
    {
        action();
        simulation.Schedule(now + period, this);
    }
}
