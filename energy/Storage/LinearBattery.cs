using System.Globalization;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy.Storage;

/// <summary>
/// A battery whose stored energy falls linearly with the energy drawn: no rate-capacity effect, no recovery,
/// no self-discharge, constant terminal voltage (ns-3 <c>BasicEnergySource</c>, INET <c>SimpleEpEnergyStorage</c>).
/// </summary>
/// <remarks>
/// <b>Scope and limitations:</b> adequate when the load current is far below the battery's rated current (the
/// typical sensor-node case); KiBaM and Peukert models cover rate effects (issue 5).
/// <b>Validation:</b> LinearBatteryTests (drain, clamping at zero, mAh conversion).
/// </remarks>
public sealed class LinearBattery : IEnergyStorage
{
    private readonly double _chargeEfficiency = 1.0;

    /// <summary>Creates a battery.</summary>
    /// <param name="capacity">Full energy, in J; &gt; 0.</param>
    /// <param name="initial">Energy at the start, in J; in [0, capacity].</param>
    /// <param name="nominalVoltage">Terminal voltage, in V; &gt; 0.</param>
    public LinearBattery(Joules capacity, Joules initial, Volts nominalVoltage)
    {
        if (!(capacity.Value > 0) || !double.IsFinite(capacity.Value))
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "Battery capacity must be a finite energy > 0 J.");
        }

        if (!(initial.Value >= 0) || initial > capacity)
        {
            throw new ArgumentOutOfRangeException(
                nameof(initial),
                initial,
                string.Create(CultureInfo.InvariantCulture, $"Initial energy must lie in [0, {capacity}]."));
        }

        if (!(nominalVoltage.Value > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(nominalVoltage), nominalVoltage, "Battery voltage must be > 0 V.");
        }

        Capacity = capacity;
        Initial = initial;
        Stored = initial;
        NominalVoltage = nominalVoltage;
    }

    /// <inheritdoc/>
    public Joules Capacity { get; }

    /// <summary>Terminal voltage.</summary>
    public Volts NominalVoltage { get; }

    /// <inheritdoc/>
    public Joules Initial { get; }

    /// <inheritdoc/>
    public Joules Stored { get; private set; }

    /// <inheritdoc/>
    public bool IsUnlimited => false;

    /// <inheritdoc/>
    public Volts Voltage => NominalVoltage;

    /// <summary>Fraction of charging energy that is stored (the rest is lost), in (0, 1]; 1 for an ideal battery.</summary>
    public double ChargeEfficiency
    {
        get => _chargeEfficiency;
        init => _chargeEfficiency = StorageMath.CheckChargeEfficiency(value);
    }

    /// <inheritdoc/>
    public StorageStep Apply(Watts netDischarge, SimDuration duration)
    {
        Joules energy = netDischarge * duration;
        if (energy.Value >= 0)
        {
            Joules delivered = energy <= Stored ? energy : Stored;
            Stored -= delivered;
            return new StorageStep(delivered, Joules.Zero, Joules.Zero, Joules.Zero, energy - delivered);
        }

        Joules offered = -energy;
        Joules room = Capacity - Stored;
        Joules wanted = offered * ChargeEfficiency;
        Joules stored = wanted <= room ? wanted : room;
        Joules used = stored / ChargeEfficiency;
        Stored += stored;
        return new StorageStep(Joules.Zero, stored, used - stored, offered - used, Joules.Zero);
    }

    /// <inheritdoc/>
    public Joules StoredAfter(Watts netDischarge, SimDuration duration)
    {
        Joules before = Stored;
        Apply(netDischarge, duration);
        Joules after = Stored;
        Stored = before;
        return after;
    }

    /// <inheritdoc/>
    public SimDuration? TimeUntilExhausted(Watts netDischarge)
    {
        if (netDischarge.Value <= 0)
        {
            return null;
        }

        double ns = Math.Ceiling(Stored.Value / netDischarge.Value * SimDuration.NanosecondsPerSecond);
        return ns >= long.MaxValue ? null : SimDuration.FromNanoseconds((long)ns);
    }
}
