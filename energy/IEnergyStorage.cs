using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy;

/// <summary>
/// Stores the energy a node runs on (INET <c>IEnergyStorage</c> vocabulary). The node's net power is piecewise constant
/// between events, so a storage is advanced interval by interval with <see cref="Apply"/>, and it predicts analytically
/// when it can no longer deliver the current net power (<see cref="TimeUntilExhausted"/>), which becomes one event.
/// </summary>
public interface IEnergyStorage
{
    /// <summary>Energy stored at the start of the run.</summary>
    Joules Initial { get; }

    /// <summary>Energy stored now (for multi-well models, all wells).</summary>
    Joules Stored { get; }

    /// <summary>Energy when full.</summary>
    Joules Capacity { get; }

    /// <summary>Terminal voltage now.</summary>
    Volts Voltage { get; }

    /// <summary>True if the storage can never run out (mains power, or an ideal source for tests).</summary>
    bool IsUnlimited { get; }

    /// <summary>
    /// Advances the storage by <paramref name="duration"/> at a constant net power drawn from it
    /// (<paramref name="netDischarge"/> &gt; 0 discharges, &lt; 0 charges).
    /// </summary>
    /// <returns>What was delivered, stored, lost and refused over the interval.</returns>
    StorageStep Apply(Watts netDischarge, SimDuration duration);

    /// <summary>
    /// How long the storage can keep delivering <paramref name="netDischarge"/> from now, or null if it can indefinitely
    /// (not discharging, or unlimited). Rounded up to a whole nanosecond.
    /// </summary>
    SimDuration? TimeUntilExhausted(Watts netDischarge);

    /// <summary>
    /// The energy <see cref="Apply"/> would leave stored after <paramref name="duration"/> at <paramref name="netDischarge"/>,
    /// without changing the storage. Power management uses it to find when a threshold is crossed
    /// (<see cref="Storage.StorageLevels"/>).
    /// </summary>
    Joules StoredAfter(Watts netDischarge, SimDuration duration);
}
