using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy.Storage;

/// <summary>
/// A supply that never runs out (mains power, a bench supply): it delivers whatever is drawn and only counts it.
/// <see cref="Stored"/> reports −(energy drawn), so the ledger initial − drawn = stored still balances.
/// </summary>
public sealed class UnlimitedSupply : IEnergyStorage
{
    /// <inheritdoc/>
    public Joules Initial => Joules.Zero;

    /// <inheritdoc/>
    public Joules Stored { get; private set; }

    /// <inheritdoc/>
    public bool IsUnlimited => true;

    /// <inheritdoc/>
    public Joules Capacity => Joules.Zero;

    /// <inheritdoc/>
    public Volts Voltage { get; init; } = new(3.0);

    /// <inheritdoc/>
    public StorageStep Apply(Watts netDischarge, SimDuration duration)
    {
        Joules energy = netDischarge * duration;
        Stored -= energy;
        return energy.Value >= 0
            ? new StorageStep(energy, Joules.Zero, Joules.Zero, Joules.Zero, Joules.Zero)
            : new StorageStep(Joules.Zero, -energy, Joules.Zero, Joules.Zero, Joules.Zero);
    }

    /// <inheritdoc/>
    public SimDuration? TimeUntilExhausted(Watts netDischarge) => null;

    /// <inheritdoc/>
    public Joules StoredAfter(Watts netDischarge, SimDuration duration) => Stored - (netDischarge * duration);
}
