using SensorNet.Energy;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.RadioModels.Chips;

/// <summary>
/// Currents and timing of a packet radio (802.15.4 or BLE transceiver): off, receiving, transmitting at one power,
/// and the ramp-up before RX or TX. Grades as in models.md (P primary, S secondary, U placeholder).
/// </summary>
/// <param name="Name">Chip and mode, e.g. <c>nrf52840-802154</c>.</param>
/// <param name="Supply">Supply voltage the currents refer to.</param>
/// <param name="Off">Current when off.</param>
/// <param name="Receive">Current while receiving (or listening).</param>
/// <param name="Transmit">Current while transmitting.</param>
/// <param name="RampUp">Time from enabling to ready (RXEN/TXEN to READY), spent at the receive current.</param>
/// <param name="Source">Sources and grades.</param>
public sealed record PacketRadioProfile(string Name, Volts Supply, Amperes Off, Amperes Receive, Amperes Transmit, SimDuration RampUp, string Source)
{
    /// <summary>State index of off.</summary>
    public const int OffState = 0;

    /// <summary>State index of receive.</summary>
    public const int ReceiveState = 1;

    /// <summary>State index of transmit.</summary>
    public const int TransmitState = 2;

    /// <summary>Occupied channel width on the medium (2 MHz for 802.15.4 and BLE 1M).</summary>
    public Hertz ChannelWidth { get; init; } = Hertz.FromMegahertz(2);

    /// <summary>Symbol time of the mode (802.15.4 O-QPSK 16 µs, BLE 1M 1 µs), so receivers lock only onto their own technology.</summary>
    public SimDuration SymbolTime { get; init; } = SimDuration.FromMicroseconds(16);

    /// <summary>
    /// nRF52840 RADIO in 802.15.4 mode with DC/DC at 3 V: RX 6.53 mA (IRADIO_RX2), TX 0 dBm 6.40 mA (IRADIO_TX5),
    /// Nordic product specification (P); ramp-up 40 µs (U).
    /// </summary>
    public static PacketRadioProfile Nrf52840Ieee802154 { get; } = new(
        "nrf52840-802154", new Volts(3.0), new Amperes(0), Amperes.FromMilliamperes(6.53), Amperes.FromMilliamperes(6.40), SimDuration.FromMicroseconds(40),
        "RX 6.53 mA, TX 0 dBm 6.40 mA: nRF52840 PS IRADIO_RX2/IRADIO_TX5 (P); ramp-up 40 µs (U)");

    /// <summary>
    /// nRF52840 RADIO in BLE 1M mode with DC/DC at 3 V: RX 6.26 mA (IRADIO_RX0), TX 0 dBm 6.40 mA (IRADIO_TX1),
    /// Nordic product specification (P); ramp-up 40 µs (U).
    /// </summary>
    public static PacketRadioProfile Nrf52840Ble { get; } = new(
        "nrf52840-ble", new Volts(3.0), new Amperes(0), Amperes.FromMilliamperes(6.26), Amperes.FromMilliamperes(6.40), SimDuration.FromMicroseconds(40),
        "RX 6.26 mA, TX 0 dBm 6.40 mA: nRF52840 PS IRADIO_RX0/IRADIO_TX1 (P); ramp-up 40 µs (U)")
    {
        SymbolTime = SimDuration.FromMicroseconds(1),
    };

    /// <summary>
    /// AT86RF233: RX_ON ≈ 11.8 mA, TX +4 dBm ≈ 13.8 mA, TRX_OFF ≈ 0.3 mA (all U, models.md §4.5); PLL ramp 110 µs (U).
    /// </summary>
    public static PacketRadioProfile At86rf233 { get; } = new(
        "at86rf233", new Volts(3.3), Amperes.FromMicroamperes(0.02), Amperes.FromMilliamperes(11.8), Amperes.FromMilliamperes(13.8), SimDuration.FromMicroseconds(110),
        "RX_ON 11.8 mA, TX +4 dBm 13.8 mA, SLEEP 0.02 µA, ramp 110 µs: U placeholders (models.md §4.5)");

    /// <summary>
    /// nRF52840 RADIO in 802.15.4 mode on the internal LDO at 3 V: the product specification lists LDO currents only for
    /// BLE 1M, RX 10.10 mA (IRADIO_RX1) and TX 0 dBm 10.80 mA (IRADIO_TX3) (P), used here for 802.15.4 as well (an
    /// approximation: with DC/DC the two modes differ by under 5 %); ramp-up 40 µs (U).
    /// </summary>
    public static PacketRadioProfile Nrf52840Ieee802154Ldo { get; } = new(
        "nrf52840-802154-ldo", new Volts(3.0), new Amperes(0), Amperes.FromMilliamperes(10.10), Amperes.FromMilliamperes(10.80), SimDuration.FromMicroseconds(40),
        "RX 10.10 mA, TX 0 dBm 10.80 mA: nRF52840 PS IRADIO_RX1/IRADIO_TX3 (BLE 1M, LDO; used for 802.15.4) (P); ramp-up 40 µs (U)");

    /// <summary>
    /// CC2420 at 0 dBm: RX 18.8 mA, TX 17.4 mA (S: lequana2/wsn-energy <c>cc2420-const.h</c>, models.md §4.4),
    /// power-down 20 µA (U: datasheet Table 9); ramp-up 192 µs, the 12-symbol RX/TX turnaround (U).
    /// </summary>
    public static PacketRadioProfile Cc2420 { get; } = new(
        "cc2420", new Volts(3.0), Amperes.FromMicroamperes(20), Amperes.FromMilliamperes(18.8), Amperes.FromMilliamperes(17.4), SimDuration.FromMicroseconds(192),
        "RX 18.8 mA, TX 0 dBm 17.4 mA: wsn-energy cc2420-const.h (S); power-down 20 uA, ramp 192 us (U)");

    /// <summary>The power-state table (off, rx, tx).</summary>
    public PowerStateTable PowerStates() =>
        PowerStateTable.FromCurrents(Name, Supply, [("off", Off), ("rx", Receive), ("tx", Transmit)], Source);
}
