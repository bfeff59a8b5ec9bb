using SensorNet.SimEngine.Quantities;

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
    public Joules Draw(Joules energy)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(energy.Value, nameof(energy));
        Stored -= energy;
        return energy;
    }
}
