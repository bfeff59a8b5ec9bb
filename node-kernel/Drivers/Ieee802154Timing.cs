using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Drivers;

/// <summary>IEEE 802.15.4 2.4 GHz O-QPSK timing (250 kb/s, 16 µs symbols; models.md §2).</summary>
public static class Ieee802154Timing
{
    /// <summary>Synchronisation header and PHY header bytes (preamble 4, SFD 1, PHR 1).</summary>
    public const int ShrPhrBytes = 6;

    /// <summary>One symbol.</summary>
    public static SimDuration Symbol { get; } = SimDuration.FromMicroseconds(16);

    /// <summary>CCA: 8 symbols of energy detection.</summary>
    public static SimDuration Cca { get; } = SimDuration.FromMicroseconds(128);

    /// <summary>Frame duration on air: (PSDU + 6) × 32 µs.</summary>
    public static SimDuration FrameDuration(int psduBytes) => SimDuration.FromMicroseconds((psduBytes + ShrPhrBytes) * 32L);
}
