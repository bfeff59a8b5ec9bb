namespace SensorNet.RadioModels.LoRa;

/// <summary>Semtech LoRa transceiver families, which differ in time on air for SF5/SF6 and in supported spreading factors.</summary>
public enum LoRaChipFamily
{
    /// <summary>SX1272/SX1276/SX1278 (SF6–SF12; SF6 requires an implicit header).</summary>
    Sx127x,

    /// <summary>SX1261/SX1262/LLCC68 (SF5–SF12).</summary>
    Sx126x,
}
