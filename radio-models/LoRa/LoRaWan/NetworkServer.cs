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
/// <para><b>Not modelled:</b> ADR and other MAC commands, downlink queues for unconfirmed traffic, join accept, backhaul
/// latency (the server decides instantly).</para>
/// </remarks>
public sealed class NetworkServer : IRadioPortListener, IEventHandler
{
    /// <summary>PHY payload of an ACK downlink.</summary>
    public const int AckPayloadBytes = 12;

    private readonly Simulation _simulation;
    private readonly Dictionary<int, (RadioPort Port, DutyCycle DutyCycle)> _gateways = [];
    private readonly Dictionary<long, Pending> _pending = [];
    private readonly HashSet<(int Device, long FCnt)> _seen = [];
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

    /// <summary>An uplink's tag: 2·FCnt plus the confirmed bit.</summary>
    public static long UplinkTag(long fcnt, bool confirmed) => (fcnt * 2) + (confirmed ? 1 : 0);

    /// <summary>A downlink's tag: device id · 2³² + FCnt of the uplink it answers.</summary>
    public static long DownlinkTag(int device, long fcnt) => ((long)device << 32) | (fcnt & 0xFFFF_FFFF);

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
        long fcnt = transmission.Tag >> 1;
        if (_seen.Add((device, fcnt)))
        {
            MessagesReceived[device] = MessagesReceived.GetValueOrDefault(device) + 1;
        }

        if ((transmission.Tag & 1) == 0)
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

        _pending[transmission.Id] = new Pending(device, fcnt, transmission.Frequency, transmission.Bandwidth, transmission.SpreadingFactor, receiver, power, now, Rx2: false);
        _simulation.Schedule(now + Eu868.Rx1Delay, this, transmission.Id);
    }

    /// <inheritdoc/>
    void IEventHandler.OnEvent(SimTime now, long tag)
    {
        if (!_pending.Remove(tag, out Pending p))
        {
            return;
        }

        (RadioPort gateway, DutyCycle dutyCycle) = _gateways[p.Gateway.NodeId];
        Hertz frequency = p.Rx2 ? Eu868.Rx2Frequency : p.Frequency;
        int sf = p.Rx2 ? Eu868.Rx2SpreadingFactor : p.SpreadingFactor;
        if (gateway.IsTransmitting || dutyCycle.EarliestStart(frequency, now) > now)
        {
            if (p.Rx2)
            {
                AcksMissed++;
                return;
            }

            _pending[tag] = p with { Rx2 = true };
            _simulation.Schedule(p.UplinkEnd + Eu868.Rx2Delay, this, tag);
            return;
        }

        var modulation = new LoRaModulation(sf, p.Bandwidth, 1);
        SimDuration airtime = LoRaTimeOnAir.Compute(modulation, AckPayloadBytes, LoRaChipFamily.Sx127x).Duration;
        gateway.Medium.Transmit(gateway, frequency, p.Bandwidth, sf, SimDuration.FromSecondsRounded(modulation.SymbolTimeSeconds), modulation.PreambleSymbols, _txPower, airtime, AckPayloadBytes, DownlinkTag(p.Device, p.FCnt));
        dutyCycle.Record(frequency, now, airtime);
        AcksSent = p.Rx2 ? (AcksSent.Rx1, AcksSent.Rx2 + 1) : (AcksSent.Rx1 + 1, AcksSent.Rx2);
    }

    private readonly record struct Pending(int Device, long FCnt, Hertz Frequency, Hertz Bandwidth, int SpreadingFactor, RadioPort Gateway, Dbm Power, SimTime UplinkEnd, bool Rx2);
}
