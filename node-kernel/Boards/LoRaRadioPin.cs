namespace SensorNet.NodeKernel.Boards;

/// <summary>A radio control line a board exposes through the LoRa GPIO driver (0x30004).</summary>
public enum LoRaRadioPin
{
    /// <summary>SPI chip select (also driven by the SPI controller).</summary>
    Nss,

    /// <summary>BUSY (radio output).</summary>
    Busy,

    /// <summary>DIO1, the IRQ line RadioLib uses (radio output).</summary>
    Dio1,

    /// <summary>DIO3 (radio output).</summary>
    Dio3,

    /// <summary>NRESET (MCU output, active low).</summary>
    Reset,
}
