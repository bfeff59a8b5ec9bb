using SensorNet.Energy.Accounting;
using SensorNet.Energy.Storage;
using SensorNet.RadioModels.LoRa;
using SensorNet.RadioModels.LoRa.LoRaWan;
using SensorNet.RadioModels.LoRa.Reception;
using SensorNet.RadioModels.Medium;
using SensorNet.RadioModels.Propagation;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;

namespace SensorNet.RadioModels.Tests.LoRa.LoRaWan;

public class LoRaWanDeviceTests
{
    private static readonly Hertz Bw = Hertz.FromKilohertz(125);
    private readonly Simulation _sim = new();
    private readonly List<PacketRecord> _records = [];

    private (WirelessMedium Medium, NetworkServer Server) Network(int gateways = 1)
    {
        var medium = new WirelessMedium(_sim, new UnitDisk(new Meters(10_000)), MediumOptions.LoRa, 1, new Sink(_records));
        var server = new NetworkServer(_sim, new Dbm(14));
        for (int g = 0; g < gateways; g++)
        {
            RadioPort port = medium.Attach(1000 + g, new Position(new Meters(g), default), Settings(Eu868.DefaultChannels, 0, 8), server);
            server.AddGateway(port);
        }

        return (medium, server);
    }

    private static ReceiverSettings Settings(IReadOnlyList<Hertz> channels, int sf, int demodulators) =>
        new(channels, Bw, sf, demodulators, s => LoRaSensitivity.Sx1272.Get(s, Bw), new LoRaReceptionModel(LoRaReceptionOptions.BorEtAl));

    private LoRaWanDevice Device(WirelessMedium medium, int id, bool confirmed, SimDuration period, int sf = 9, bool adr = false)
    {
        var energy = new NodeEnergy(_sim, new UnlimitedSupply());
        var radio = new LoRaRadio(_sim, energy, LoRaChipProfile.Sx1276, new LoRaModulation(sf, Bw, 1), new Dbm(14));
        RadioPort port = medium.AttachSleeping(id, new Position(new Meters(100 + id), default), Settings(Eu868.DefaultChannels, sf, 1));
        var device = new LoRaWanDevice(_sim, radio, port, new LoRaWanSettings(Eu868.DefaultChannels, period, 20, confirmed, Adr: adr), new RandomStream((ulong)id + 77));
        port.Listener = device;
        device.Start();
        return device;
    }

    [Fact]
    public void ConfirmedUplink_IsAckedInRx1_AndTheReceiverIsOnOnlyForTheAck()
    {
        (WirelessMedium medium, NetworkServer server) = Network();
        LoRaWanDevice d = Device(medium, 1, confirmed: true, SimDuration.FromMinutes(10));

        _sim.RunUntil(SimTime.FromStart(SimDuration.FromHours(10)));

        Assert.Equal(60, d.Messages);
        Assert.Equal(60, d.MessagesAcked);
        Assert.Equal(0, d.Retransmissions);
        Assert.Equal((60L, 0L), d.DownlinksReceived);
        Assert.Equal((60L, 0L), server.AcksSent);
        Assert.Equal(60, server.MessagesReceived[1]);
        // RX1 opens exactly when the ACK starts (one second after the uplink) and closes when it ends: the receiver is
        // on for the ACK's airtime. 12 B at SF9/BW125/CR4/5: 8 + ceil((96 − 36 + 44)/36)·5 = 23 payload symbols,
        // (12.25 + 23) × 4.096 ms = 144.384 ms.
        double ack = LoRaTimeOnAir.Compute(new LoRaModulation(9, Bw, 1), NetworkServer.AckPayloadBytes, LoRaChipFamily.Sx127x).AirtimeSeconds;
        Assert.Equal(0.144384, ack, 9);
        Assert.Equal(60 * ack, d.Radio.Consumer.Residency(LoRaChipProfile.ReceiveState).TotalSeconds, 6);
    }

    [Fact]
    public void UnconfirmedUplink_OpensBothWindowsForTheirPreambleTime()
    {
        (WirelessMedium medium, _) = Network();
        LoRaWanDevice d = Device(medium, 1, confirmed: false, SimDuration.FromMinutes(10));

        _sim.RunUntil(SimTime.FromStart(SimDuration.FromHours(10)));

        // RX1: 8 symbols at SF9 (32.768 ms); RX2: 8 symbols at SF12 (262.144 ms); no downlink arrives.
        Assert.Equal(60 * (0.032768 + 0.262144), d.Radio.Consumer.Residency(LoRaChipProfile.ReceiveState).TotalSeconds, 6);
        Assert.Equal((0L, 0L), d.DownlinksReceived);
    }

    [Fact]
    public void DutyCycle_SpacesTransmissionsByAHundredAirtimesOnOneSubBand()
    {
        // Every 5 s a new message at SF12 (1.5 s on air): the 1 % sub-band allows one frame per ~150 s.
        (WirelessMedium medium, _) = Network();
        LoRaWanDevice d = Device(medium, 1, confirmed: false, SimDuration.FromSeconds(5), sf: 12);

        _sim.RunUntil(SimTime.FromStart(SimDuration.FromHours(1)));

        PacketRecord[] uplinks = [.. _records.Where(r => r.Sender == 1).OrderBy(r => r.StartNs)];
        double airtime = (uplinks[0].EndNs - uplinks[0].StartNs) / 1e9;
        for (int i = 1; i < uplinks.Length; i++)
        {
            Assert.True((uplinks[i].StartNs - uplinks[i - 1].StartNs) / 1e9 >= (100 * airtime) - 1e-6, $"frames {i - 1} and {i} are too close");
        }

        Assert.InRange(uplinks.Length, (int)(3600 / (100 * airtime)) - 1, (int)(3600 / (100 * airtime)) + 1);
        Assert.True(d.MessagesDropped > 0);
        Assert.True(d.DutyCycleWait > SimDuration.FromMinutes(30));
    }

    [Fact]
    public void BusyNetwork_AcksFallBackToRx2_AndUnackedMessagesAreRetransmitted()
    {
        (WirelessMedium medium, NetworkServer server) = Network();
        LoRaWanDevice[] devices = [.. Enumerable.Range(1, 100).Select(i => Device(medium, i, confirmed: true, SimDuration.FromMinutes(1)))];

        _sim.RunUntil(SimTime.FromStart(SimDuration.FromHours(6)));

        string stats = $"acks {server.AcksSent}, missed {server.AcksMissed}, retx {devices.Sum(d => d.Retransmissions)}, rx {devices.Sum(d => d.DownlinksReceived.Rx1)}/{devices.Sum(d => d.DownlinksReceived.Rx2)}, acked {devices.Sum(d => d.MessagesAcked)} of {devices.Sum(d => d.Messages)}, halfduplex {_records.Count(r => r.Outcome == ReceptionOutcome.HalfDuplex)}";
        Assert.True(server.AcksSent.Rx2 > 0, "the gateway's 1 % sub-band never pushed an ACK into RX2: " + stats);
        Assert.True(devices.Sum(d => d.Retransmissions) > 0, stats);
        Assert.True(devices.Sum(d => d.DownlinksReceived.Rx2) > 0);
        // A device counts an ACK only if one of the server's ACKs reached it.
        Assert.True(devices.Sum(d => d.MessagesAcked) <= server.AcksSent.Rx1 + server.AcksSent.Rx2);
        Assert.True(devices.Sum(d => d.MessagesAcked) > 0, stats);
        // The gateway's own duty cycle caps its ACKs: one per 100 ACK airtimes in RX1's 1 % sub-band and one per 10 in
        // RX2's 10 % sub-band (LoRaWAN's well-known downlink bottleneck; most of these messages go unacknowledged).
        double rx1Ack = LoRaTimeOnAir.Compute(new LoRaModulation(9, Bw, 1), NetworkServer.AckPayloadBytes, LoRaChipFamily.Sx127x).AirtimeSeconds;
        double rx2Ack = LoRaTimeOnAir.Compute(new LoRaModulation(12, Bw, 1), NetworkServer.AckPayloadBytes, LoRaChipFamily.Sx127x).AirtimeSeconds;
        Assert.InRange(server.AcksSent.Rx1, 1, (6 * 3600 / (100 * rx1Ack)) + 1);
        Assert.InRange(server.AcksSent.Rx2, 1, (6 * 3600 / (10 * rx2Ack)) + 1);
        Assert.True(server.AcksMissed > 0, stats);
        // Gateways are half-duplex: receptions cut by their own ACKs are recorded.
        Assert.Contains(_records, r => r.Outcome == ReceptionOutcome.HalfDuplex);
    }

    [Fact]
    public void Adr_StrongLink_MovesTheDeviceToDr5AfterTwentyUplinks()
    {
        // At 0 dB path loss the SNR is 14 − (−117.0) dBm ≫ the 10 dB margin: the first decision jumps to DR5 (SF7).
        (WirelessMedium medium, NetworkServer server) = Network();
        LoRaWanDevice d = Device(medium, 1, confirmed: false, SimDuration.FromMinutes(10), sf: 12, adr: true);

        _sim.RunUntil(SimTime.FromStart(SimDuration.FromMinutes(10 * 25)));

        Assert.Equal(7, d.SpreadingFactor);
        Assert.Equal((1L, 1L), (server.AdrCommands, d.DataRateChanges));
        // Uplinks before the command went out at SF12, after it at SF7.
        PacketRecord[] uplinks = [.. _records.Where(r => r.Sender == 1).OrderBy(r => r.StartNs)];
        Assert.All(uplinks.Take(20), u => Assert.Equal(12, u.SpreadingFactor));
        Assert.All(uplinks.Skip(20), u => Assert.Equal(7, u.SpreadingFactor));
        Assert.Contains(_records, r => r.Sender == 1000 && r.SpreadingFactor == 12 && r.Outcome == ReceptionOutcome.Received);
    }

    [Fact]
    public void Adr_NothingHeard_BacksOffOneDataRateAfter96UplinksThenEvery32()
    {
        // No gateway: after ADR_ACK_LIMIT + ADR_ACK_DELAY = 96 silent uplinks the 97th goes out one step slower, and
        // then every 32nd (129th, 161st, 193rd): SF7 → SF11 within 200 uplinks.
        var medium = new WirelessMedium(_sim, new UnitDisk(new Meters(10)), MediumOptions.LoRa, 1, new Sink(_records));
        LoRaWanDevice d = Device(medium, 1, confirmed: false, SimDuration.FromMinutes(10), sf: 7, adr: true);

        _sim.RunUntil(SimTime.FromStart(SimDuration.FromMinutes((10 * 200) + 9)));

        Assert.Equal(200, d.Radio.FramesSent);
        Assert.Equal((11, 4L), (d.SpreadingFactor, d.DataRateChanges));
    }

    [Fact]
    public void LongDownlinkHeldInRx1PastRx2_DoesNotStallTheDevice()
    {
        // Inverted-IQ (downlink-like) SF9 frames of 3 s start every 20 ms on every channel, so RX1 always locks onto one
        // that is still on the air when RX2 would open. The device must give up RX2 and carry on with its messages.
        (WirelessMedium medium, _) = Network();
        LoRaWanDevice d = Device(medium, 1, confirmed: false, SimDuration.FromMinutes(10));
        var jammer = new Jammer(_sim, medium, [.. Enumerable.Range(0, 160).Select(i => medium.Attach(2000 + i, new Position(new Meters(50), default)))]);
        jammer.OnEvent(SimTime.Zero, 0);

        _sim.RunUntil(SimTime.FromStart(SimDuration.FromHours(2)));

        Assert.InRange(d.Radio.FramesSent, d.Messages - 1, d.Messages);
        Assert.True(d.Messages >= 11);
    }

    [Fact]
    public void Adr_AlreadyFastest_AdrAckReqIsAnswered_SoTheDeviceNeverBacksOff()
    {
        // At SF7 the server has nothing to change, so without ADRACKReq the device would hear nothing and back off after
        // 96 uplinks; the request at the 65th uplink gets a downlink that resets its count.
        (WirelessMedium medium, NetworkServer server) = Network();
        LoRaWanDevice d = Device(medium, 1, confirmed: false, SimDuration.FromMinutes(10), sf: 7, adr: true);

        _sim.RunUntil(SimTime.FromStart(SimDuration.FromMinutes((10 * 200) + 9)));

        Assert.Equal((7, 0L), (d.SpreadingFactor, d.DataRateChanges));
        Assert.Equal(0, server.AdrCommands);
        Assert.InRange(d.DownlinksReceived.Rx1, 2, 4); // one answer per 65 uplinks
    }

    [Fact]
    public void UplinkTags_NeverReadAsADownlinkForAnyDevice()
    {
        for (long fcnt = 0; fcnt < 64; fcnt++)
        {
            long uplink = NetworkServer.UplinkTag(fcnt, confirmed: fcnt % 2 == 0, adr: fcnt % 3 == 0, adrAckReq: fcnt % 5 == 0);
            Assert.False(NetworkServer.IsDownlinkFor(uplink, 0, fcnt >> 3));
            Assert.False(NetworkServer.IsDownlinkFor(uplink, 0, fcnt));
            Assert.True(NetworkServer.IsDownlinkFor(NetworkServer.DownlinkTag(0, fcnt), 0, fcnt));
            Assert.Equal(3, NetworkServer.DataRateIn(NetworkServer.DownlinkTag(7, fcnt, 3)));
        }
    }

    private sealed class Jammer(Simulation sim, WirelessMedium medium, RadioPort[] ports) : SensorNet.SimEngine.Events.IEventHandler
    {
        private int _next;

        public void OnEvent(SimTime now, long tag)
        {
            RadioPort p = ports[_next++ % ports.Length];
            if (!p.IsTransmitting)
            {
                Hertz channel = Eu868.DefaultChannels[_next % 3];
                medium.Transmit(p, channel, Bw, 9, SimDuration.FromMicroseconds(4096), 8, new Dbm(14), SimDuration.FromSeconds(3), 20, 0, invertedIq: true);
            }

            sim.ScheduleAfter(SimDuration.FromMilliseconds(20), this);
        }
    }

    private sealed class Sink(List<PacketRecord> records) : IPacketSink
    {
        public void Record(in PacketRecord record) => records.Add(record);
    }
}
