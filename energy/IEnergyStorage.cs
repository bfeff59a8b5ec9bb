using SensorNet.SimEngine.Quantities;

namespace SensorNet.Energy;

/// <summary>Stores the energy a node runs on (INET <c>IEnergyStorage</c> vocabulary).</summary>
public interface IEnergyStorage
{
    /// <summary>Energy stored at the start of the run.</summary>
    Joules Initial { get; }

    /// <summary>Energy stored now.</summary>
    Joules Stored { get; }

    /// <summary>True if the storage can never run out (mains power, or an ideal source for tests).</summary>
    bool IsUnlimited { get; }

    /// <summary>Removes <paramref name="energy"/> (≥ 0); the stored energy never goes below zero.</summary>
    /// <returns>The energy actually delivered, which is less than requested only when the storage ran empty.</returns>
    Joules Draw(Joules energy);
}
