using SensorNet.RadioModels.Medium;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.RadioModels.LoRa.LoRaWan;

/// <summary>
/// The LoRaWAN network server behind a network's gateways: de-duplicates uplinks heard by several gateways, counts
/// each message once, and answers confirmed uplinks with an ACK downlink through the gateway that heard it best, in
/// RX1 (uplink carrier and SF, one second after the uplink) or, when that gateway is busy transmitting or its
/// sub-band is closed by the duty cycle, in RX2 (869.525 MHz, SF12, two seconds after). Downlinks take gateway airtime
/// on the shared medium: a transmitting gateway hears nothing (half-duplex).
/// </summary>
/// <remarks>
/// <para>ACK frames are 12 bytes of PHY payload (MAC header 1, frame header 7, MIC 4) at 14 dBm. Gateways are mains
/// powered: their energy is not modelled.</para>
/// <para>ADR (Semtech's recommended network-side algorithm, as in the ns-3 lorawan <c>AdrComponent</c> and the
/// LoRaWAN 1.0.x §4.3.1.1 rules): for devices that set the ADR bit the server keeps the best SNR of their last 20
/// uplinks (received power over the 125 kHz noise floor with a 6 dB noise figure), and after 20 of them computes the
/// margin SNRmax − required SNR(SF) − 10 dB installation margin; every full 3 dB raises the data rate one step up to
/// DR5 (SF7). A changed data rate goes out as a LinkADRReq (5 more bytes) in the next downlink, sent in RX1 even for
/// unconfirmed uplinks; an uplink with ADRACKReq is always answered. Downlinks use inverted IQ. Transmit-power steps
/// are not sent.</para>
/// <para><b>Not modelled:</b> other MAC commands, application downlinks, join accept, backhaul latency (the server
/// decides instantly).</para>
/// </remarks>
public sealed class NetworkServer : IRadioPortListener, IEventHandler
{
    /// <summary>PHY payload of an ACK downlink.</summary>
    public const int AckPayloadBytes = 12;

    /// <summary>Extra bytes of a LinkADRReq MAC command in a downlink's FOpts.</summary>
    public const int LinkAdrReqBytes = 5;

    private readonly Simulation _simulation;
    private readonly Dictionary<int, (RadioPort Port, DutyCycle DutyCycle)> _gateways = [];
    private readonly Dictionary<long, Pending> _pending = [];
    private readonly HashSet<(int Device, long FCnt)> _seen = [];
    private readonly Dictionary<int, Queue<double>> _snr = [];
    private readonly Dbm _txPower;

    /// <summary>Creates a server; attach its gateways with <see cref="AddGateway"/>.</summary>
    public NetworkServer(Simulation simulation, Dbm gatewayTxPower)
    {
        _simulation = simulation ?? throw new ArgumentNullException(nameof(simulation));
        _txPower = gatewayTxPower;
    }

    /// <summary>Distinct messages received, per device.</summary>
    public Dictionary<int, long> MessagesReceived { get; } = [];

    /// <summary>ACK downlinks sent in RX1 and RX2.</summary>
    public (long Rx1, long Rx2) AcksSent { get; private set; }

    /// <summary>Confirmed uplinks left unanswered (gateway busy or duty cycle closed in both windows).</summary>
    public long AcksMissed { get; private set; }

    /// <summary>Uplinks of ADR devices the server keeps SNRs of.</summary>
    public const int AdrHistory = 20;

    private const long DownlinkFlag = 1L << 62;

    /// <summary>An uplink's tag: 8·FCnt plus the ADRACKReq (4), ADR (2) and confirmed (1) bits.</summary>
    public static long UplinkTag(long fcnt, bool confirmed, bool adr = false, bool adrAckReq = false) =>
        (fcnt * 8) + (adrAckReq ? 4 : 0) + (adr ? 2 : 0) + (confirmed ? 1 : 0);

    /// <summary>
    /// A downlink's tag: a downlink flag (bit 62), device id · 2³², the LinkADRReq data rate + 1 (0: none) · 2²⁴, and
    /// the answered FCnt's low 24 bits.
    /// </summary>
    public static long DownlinkTag(int device, long fcnt, int? dataRate = null) =>
        DownlinkFlag | ((long)device << 32) | ((long)((dataRate ?? -1) + 1) << 24) | (fcnt & 0xFF_FFFF);

    /// <summary>True if a downlink tag answers <paramref name="device"/>'s uplink <paramref name="fcnt"/>.</summary>
    public static bool IsDownlinkFor(long tag, int device, long fcnt) =>
        (tag & DownlinkFlag) != 0 && ((tag & ~DownlinkFlag) >> 32) == device && (tag & 0xFF_FFFF) == (fcnt & 0xFF_FFFF);

    /// <summary>The data rate a downlink's LinkADRReq sets, if it carries one.</summary>
    public static int? DataRateIn(long tag) => ((tag >> 24) & 0xFF) is var dr and > 0 ? (int)dr - 1 : null;

    /// <summary>LinkADRReq commands sent.</summary>
    public long AdrCommands { get; private set; }

    /// <summary>Makes <paramref name="port"/> one of this server's gateways.</summary>
    public void AddGateway(RadioPort port)
    {
        ArgumentNullException.ThrowIfNull(port);
        _gateways.Add(port.NodeId, (port, new DutyCycle()));
    }

    /// <inheritdoc/>
    void IRadioPortListener.OnReceived(RadioPort receiver, Transmission transmission, Dbm power, ReceptionVerdict verdict, SimTime now)
    {
        if (verdict.Outcome is not (ReceptionOutcome.Received or ReceptionOutcome.Captured) || _gateways.ContainsKey(transmission.Sender.NodeId))
        {
            return; // lost, or another gateway's downlink
        }

        int device = transmission.Sender.NodeId;
        long fcnt = transmission.Tag >> 3;
        bool confirmed = (transmission.Tag & 1) != 0;
        bool adr = (transmission.Tag & 2) != 0;
        bool adrAckReq = (transmission.Tag & 4) != 0;
        if (_seen.Add((device, fcnt)))
        {
            MessagesReceived[device] = MessagesReceived.GetValueOrDefault(device) + 1;
        }

        if (!confirmed && !adr)
        {
            return;
        }

        // Every gateway that heard this transmission reports it at the same instant: keep the strongest.
        if (_pending.TryGetValue(transmission.Id, out Pending p))
        {
            if (power > p.Power)
            {
                _pending[transmission.Id] = p with { Gateway = receiver, Power = power };
            }

            return;
        }

        _pending[transmission.Id] = new Pending(device, fcnt, confirmed, adr, adrAckReq, transmission.Frequency, transmission.Bandwidth, transmission.SpreadingFactor, receiver, power, now, Rx2: false);
        _simulation.Schedule(now + Eu868.Rx1Delay, this, transmission.Id);
    }

    // Semtech's recommended ADR: the data rate the device should use, or null to leave it.
    private int? AdrDecision(in Pending p)
    {
        if (!p.Adr)
        {
            return null;
        }

        double snr = p.Power.Value - LoRa.Reception.LoRaDemodulationLimits.NoiseFloor(p.Bandwidth, LoRa.Reception.LoRaDemodulationLimits.DefaultNoiseFigure).Value;
        if (!_snr.TryGetValue(p.Device, out Queue<double>? history))
        {
            _snr[p.Device] = history = new Queue<double>(AdrHistory);
        }

        history.Enqueue(snr);
        if (history.Count > AdrHistory)
        {
            history.Dequeue();
        }

        if (history.Count < AdrHistory)
        {
            return null;
        }

        double margin = history.Max() - LoRa.Reception.LoRaDemodulationLimits.RequiredSnr(p.SpreadingFactor).Value - 10;
        int dataRate = 12 - p.SpreadingFactor;
        int target = Math.Min(5, dataRate + Math.Max(0, (int)Math.Floor(margin / 3)));
        if (target == dataRate)
        {
            return null;
        }

        history.Clear(); // judge the new data rate on its own uplinks
        return target;
    }

    /// <inheritdoc/>
    void IEventHandler.OnEvent(SimTime now, long tag)
    {
        if (!_pending.Remove(tag, out Pending p))
        {
            return;
        }

        int? dataRate = p.Rx2 ? p.DataRate : AdrDecision(p);
        if (!p.Confirmed && !p.AdrAckReq && dataRate is null)
        {
            return; // nothing to say
        }

        (RadioPort gateway, DutyCycle dutyCycle) = _gateways[p.Gateway.NodeId];
        Hertz frequency = p.Rx2 ? Eu868.Rx2Frequency : p.Frequency;
        int sf = p.Rx2 ? Eu868.Rx2SpreadingFactor : p.SpreadingFactor;
        if (gateway.IsTransmitting || dutyCycle.EarliestStart(frequency, now) > now)
        {
            if (p.Rx2)
            {
                AcksMissed += p.Confirmed ? 1 : 0;
                return;
            }

            _pending[tag] = p with { Rx2 = true, DataRate = dataRate };
            _simulation.Schedule(p.UplinkEnd + Eu868.Rx2Delay, this, tag);
            return;
        }

        int payload = AckPayloadBytes + (dataRate is null ? 0 : LinkAdrReqBytes);
        var modulation = new LoRaModulation(sf, p.Bandwidth, 1);
        SimDuration airtime = LoRaTimeOnAir.Compute(modulation, payload, LoRaChipFamily.Sx127x).Duration;
        gateway.Medium.Transmit(gateway, frequency, p.Bandwidth, sf, SimDuration.FromSecondsRounded(modulation.SymbolTimeSeconds), modulation.PreambleSymbols, _txPower, airtime, payload, DownlinkTag(p.Device, p.FCnt, dataRate), invertedIq: true);
        dutyCycle.Record(frequency, now, airtime);
        AdrCommands += dataRate is null ? 0 : 1;
        if (p.Confirmed)
        {
            AcksSent = p.Rx2 ? (AcksSent.Rx1, AcksSent.Rx2 + 1) : (AcksSent.Rx1 + 1, AcksSent.Rx2);
        }
    }

    private readonly record struct Pending(int Device, long FCnt, bool Confirmed, bool Adr, bool AdrAckReq, Hertz Frequency, Hertz Bandwidth, int SpreadingFactor, RadioPort Gateway, Dbm Power, SimTime UplinkEnd, bool Rx2, int? DataRate = null);
}
