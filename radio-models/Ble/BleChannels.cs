using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.RadioModels.Ble;

/// <summary>
/// Bluetooth Low Energy 1M PHY: channel index to centre frequency, rate, channel width and the on-air time of a PDU.
/// </summary>
/// <remarks>
/// <para><b>Source:</b> Bluetooth Core v5.x Vol 6 Part B as collected in models.md §3 (grade P/U: not verified against
/// the specification PDF, consistent with the Zephyr controller's <c>PDU_US</c>): on-air size = preamble 1 B + access
/// address 4 B + PDU header 2 B + payload + CRC 3 B at 8 µs per byte on the 1M PHY; T_IFS = 150 µs. The channel map
/// (RF channel 2402 + 2·k MHz, k = 0..39; advertising channels 37, 38, 39 on RF channels 0, 12, 39 and data channels
/// 0–10 and 11–36 on the RF channels in between) is the specification's mapping, not listed in models.md (U).</para>
/// <para><b>Scope and limits:</b> 1M PHY only (no 2M, no coded PHY); no MIC (add its 4 bytes to the payload for
/// encrypted links); the 2 MHz channel width is the channel spacing, used as the occupied bandwidth for
/// <see cref="Medium.SpectralOverlap"/> (the GFSK main lobe is narrower, about 1 MHz). Pure, allocation-free.</para>
/// <para><b>Validation:</b> BleChannelsTests.</para>
/// </remarks>
public static class BleChannels
{
    /// <summary>Bit rate of the 1M PHY, bits per second (one bit per symbol).</summary>
    public const int BitRate = 1_000_000;

    /// <summary>The first primary advertising channel (2402 MHz).</summary>
    public const int FirstAdvertisingChannel = 37;

    /// <summary>The last primary advertising channel (2480 MHz).</summary>
    public const int LastAdvertisingChannel = 39;

    /// <summary>The largest PDU payload the 8-bit length field allows, bytes.</summary>
    public const int MaxPayloadBytes = 255;

    /// <summary>Bytes on air around the payload on the 1M PHY: preamble 1 + access address 4 + header 2 + CRC 3.</summary>
    public const int OverheadBytes = 1 + 4 + 2 + 3;

    /// <summary>Symbol (bit) time of the 1M PHY, 1 µs.</summary>
    public static SimDuration SymbolTime => SimDuration.FromMicroseconds(1);

    /// <summary>Channel width (spacing), 2 MHz.</summary>
    public static Hertz ChannelWidth => Hertz.FromMegahertz(2);

    /// <summary>Inter frame space T_IFS, 150 µs.</summary>
    public static SimDuration InterFrameSpace => SimDuration.FromMicroseconds(150);

    /// <summary>
    /// Centre frequency of BLE channel <paramref name="channel"/>: 37 → 2402, 38 → 2426, 39 → 2480 MHz;
    /// data channels 0–10 → 2404 + 2·k MHz and 11–36 → 2428 + 2·(k − 11) MHz.
    /// </summary>
    /// <param name="channel">Channel index, 0–39.</param>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside 0–39.</exception>
    public static Hertz CenterFrequency(int channel) => channel switch
    {
        37 => Hertz.FromMegahertz(2402),
        38 => Hertz.FromMegahertz(2426),
        39 => Hertz.FromMegahertz(2480),
        >= 0 and <= 10 => Hertz.FromMegahertz(2404 + (2 * channel)),
        >= 11 and <= 36 => Hertz.FromMegahertz(2428 + (2 * (channel - 11))),
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "BLE channel indices are 0–39."),
    };

    /// <summary>On-air time of a 1M PDU with <paramref name="payloadBytes"/> payload bytes: (1 + 4 + 2 + payload + 3)·8 µs.</summary>
    /// <param name="payloadBytes">PDU payload, 0–255 bytes (legacy advertising: at most 37).</param>
    /// <exception cref="ArgumentOutOfRangeException">The payload is outside 0–255 bytes.</exception>
    public static SimDuration PduAirtime(int payloadBytes)
    {
        if (payloadBytes is < 0 or > MaxPayloadBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(payloadBytes), payloadBytes, "A BLE PDU payload is 0–255 bytes.");
        }

        return SimDuration.FromMicroseconds((OverheadBytes + payloadBytes) * 8L);
    }
}
