namespace SensorNet.RadioModels.LoRa;

/// <summary>How low-data-rate optimisation (LDRO, the DE bit) is chosen.</summary>
public enum LdroMode
{
    /// <summary>On when the symbol time exceeds 16 ms (SX1276 datasheet §4.1.1.6: "mandated when the symbol duration exceeds 16 ms").</summary>
    Auto,

    /// <summary>Always on.</summary>
    On,

    /// <summary>Always off.</summary>
    Off,
}
