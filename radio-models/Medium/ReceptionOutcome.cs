namespace SensorNet.RadioModels.Medium;

/// <summary>What became of one transmission at one receiver.</summary>
public enum ReceptionOutcome
{
    /// <summary>Received intact with no overlapping signal on the channel.</summary>
    Received,

    /// <summary>Received intact although another signal overlapped it (capture or sufficient isolation).</summary>
    Captured,

    /// <summary>Arrived below the receiver's sensitivity (or its required SNR).</summary>
    BelowSensitivity,

    /// <summary>Destroyed by an overlapping transmission (the interferer is recorded).</summary>
    Interference,

    /// <summary>The receiver was already locked onto another frame.</summary>
    ReceiverBusy,

    /// <summary>The receiver was transmitting, or started transmitting before the frame ended (half-duplex).</summary>
    HalfDuplex,

    /// <summary>A gateway had no free demodulation path (SX1301: eight).</summary>
    NoFreeDemodulator,
}
