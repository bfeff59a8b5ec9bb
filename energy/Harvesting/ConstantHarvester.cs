using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy.Harvesting;

/// <summary>A harvester delivering a constant power (a bench supply, or a test).</summary>
/// <param name="power">Power delivered, in W; ≥ 0.</param>
public sealed class ConstantHarvester(Watts power) : IEnergyHarvester
{
    private readonly Watts _power = power.Value >= 0 ? power : throw new ArgumentOutOfRangeException(nameof(power), power, "Harvested power must be ≥ 0 W.");

    /// <inheritdoc/>
    public string Name => "constant";

    /// <inheritdoc/>
    public Watts PowerAt(SimTime time) => _power;

    /// <inheritdoc/>
    public SimTime? NextChange(SimTime time) => null;
}
