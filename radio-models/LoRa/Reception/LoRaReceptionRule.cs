namespace SensorNet.RadioModels.LoRa.Reception;

/// <summary>The rule that decided a reception's outcome.</summary>
public enum LoRaReceptionRule
{
    /// <summary>No rule failed (the packet was received).</summary>
    None,

    /// <summary>Received power below the receiver sensitivity.</summary>
    Sensitivity,

    /// <summary>SNR over the thermal noise floor below the demodulator's required SNR for the SF.</summary>
    RequiredSnr,

    /// <summary>Same-SF interferer not beaten by the capture threshold.</summary>
    SameSpreadingFactorCapture,

    /// <summary>Different-SF interferer not rejected (matrix value not met).</summary>
    InterSpreadingFactorRejection,
}
