namespace SensorNet.NodeKernel.Drivers;

/// <summary>
/// Operating modes of an SX126x, as its status byte reports them (chip-mode field, bits 6:4: 0x2 STBY_RC, 0x3
/// STBY_XOSC, 0x4 FS, 0x5 RX, 0x6 TX; RadioLib <c>src/modules/SX126x/SX126x.h</c>
/// <c>RADIOLIB_SX126X_STATUS_MODE_*</c>, S). Sleep answers nothing on SPI.
/// </summary>
public enum Sx1262Mode
{
    /// <summary>Sleep (warm or cold start); BUSY stays high until woken by NSS.</summary>
    Sleep,

    /// <summary>Standby on the 13 MHz RC oscillator (the mode after reset, wake-up and every transmission).</summary>
    StandbyRc,

    /// <summary>Standby on the 32 MHz crystal.</summary>
    StandbyXosc,

    /// <summary>Frequency synthesis (PLL on).</summary>
    FrequencySynthesis,

    /// <summary>Transmitting (including the PA ramp-up after SetTx).</summary>
    Transmit,

    /// <summary>Receiving.</summary>
    Receive,
}
