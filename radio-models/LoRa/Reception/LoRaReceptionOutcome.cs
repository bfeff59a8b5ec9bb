namespace SensorNet.RadioModels.LoRa.Reception;

/// <summary>Fate of one LoRa reception.</summary>
public enum LoRaReceptionOutcome
{
    /// <summary>Demodulated.</summary>
    Received,

    /// <summary>Too weak: below the receiver sensitivity or below the required SNR over the noise floor.</summary>
    BelowSensitivity,

    /// <summary>Destroyed by an interferer.</summary>
    Interference,
}
