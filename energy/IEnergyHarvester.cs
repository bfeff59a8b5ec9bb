using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy;

/// <summary>
/// Supplies power to a node's storage bus (after its converter). Power is piecewise constant: the node integrates it
/// exactly between changes and schedules one event at each change, so threshold crossings stay analytic.
/// </summary>
public interface IEnergyHarvester
{
    /// <summary>Name for reports, e.g. <c>solar</c>.</summary>
    string Name { get; }

    /// <summary>Power delivered from <paramref name="time"/> until the next change (≥ 0).</summary>
    Watts PowerAt(SimTime time);

    /// <summary>The next instant after <paramref name="time"/> at which the power changes, or null if it never does.</summary>
    SimTime? NextChange(SimTime time);
}
