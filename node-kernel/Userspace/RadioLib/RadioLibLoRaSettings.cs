namespace SensorNet.NodeKernel.Userspace.RadioLib;

/// <summary>
/// The LoRa settings <c>SX1262::begin(freq, bw, sf, cr, syncWord, power, preambleLength)</c> takes (RadioLib
/// <c>src/modules/SX126x/SX1262.h</c> at 7.1.1, the version libtock-c pins as its <c>RadioLib/RadioLib</c> submodule,
/// commit <c>6622a0ac</c>). Defaults follow libtock-c <c>examples/lora/sensor-transmit/main.cc</c>
/// (<c>radio-&gt;begin(915.0)</c>, so RadioLib's defaults: 125 kHz, SF9, CR 4/7, private sync word 0x12, preamble 8,
/// CRC on, explicit header), except the output power: RadioLib's default is 10 dBm, below the lowest transmit current
/// of <c>LoRaChipProfile.Sx1262</c> (14 dBm, U), so 14 dBm is the default here.
/// </summary>
public sealed record RadioLibLoRaSettings
{
    /// <summary>Carrier frequency, in MHz.</summary>
    public double FrequencyMHz { get; init; } = 915.0;

    /// <summary>Bandwidth, in kHz: 7.8, 10.4, 15.6, 20.8, 31.25, 41.7, 62.5, 125, 250 or 500.</summary>
    public double BandwidthKHz { get; init; } = 125.0;

    /// <summary>Spreading factor, 5–12.</summary>
    public int SpreadingFactor { get; init; } = 9;

    /// <summary>Coding-rate denominator, 5–8 (4/5–4/8), as RadioLib's <c>cr</c> argument.</summary>
    public int CodingRate { get; init; } = 7;

    /// <summary>Sync word (0x12 private, 0x34 LoRaWAN).</summary>
    public byte SyncWord { get; init; } = 0x12;

    /// <summary>Output power, in dBm (SX1262: −9…22).</summary>
    public int OutputPowerDbm { get; init; } = 14;

    /// <summary>Preamble length, in symbols.</summary>
    public ushort PreambleLength { get; init; } = 8;

    /// <summary>Payload CRC on (RadioLib's <c>setCRC(2)</c> in <c>begin</c>).</summary>
    public bool Crc { get; init; } = true;

    /// <summary>
    /// Low-data-rate optimisation as RadioLib's automatic rule sets it (<c>SX126x::setModulationParams</c>): on when the
    /// symbol time 2^SF / BW is at least 16 ms.
    /// </summary>
    public bool LowDataRateOptimize => (1 << SpreadingFactor) / BandwidthKHz >= 16.0;
}
