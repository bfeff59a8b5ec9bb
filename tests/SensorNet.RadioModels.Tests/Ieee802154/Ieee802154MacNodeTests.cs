using SensorNet.RadioModels.Ieee802154;
using SensorNet.RadioModels.Medium;
using SensorNet.RadioModels.Propagation;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;

namespace SensorNet.RadioModels.Tests.Ieee802154;

public class Ieee802154MacNodeTests
{
    private const int Ch = 20;
    private readonly Simulation _sim = new();
    private readonly List<PacketRecord> _records = [];
    private readonly WirelessMedium _medium;

    public Ieee802154MacNodeTests()
    {
        _medium = new WirelessMedium(_sim, new UnitDisk(new Meters(1000)), new MediumOptions(new Dbm(10), new Dbm(-120)), 1, new Sink(_records));
    }

    private Ieee802154MacNode Node(int id, double x, bool listening = true)
    {
        var settings = new ReceiverSettings([Ieee802154Phy.ChannelCenterFrequency(Ch)], Ieee802154Phy.ChannelWidth, 0, 1, _ => new Dbm(-100), new CollisionModel());
        RadioPort port = _medium.Attach(id, new Position(new Meters(x), default), settings);
        port.Listening = listening;
        return new Ieee802154MacNode(_sim, port, Ch, new Dbm(0), new RandomStream((ulong)id * 7919));
    }

    [Fact]
    public void LoneSender_IsAckedFirstTime_AfterBackoffCcaAndTurnaround()
    {
        Ieee802154MacNode sink = Node(0, 0);
        Ieee802154MacNode sender = Node(1, 10);
        var traffic = new Periodic(_sim, () => sender.Send(0, 60), SimDuration.FromMilliseconds(100));
        traffic.OnEvent(SimTime.Zero, 0);

        _sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(10)));

        Assert.Equal(100, sender.Offered);
        Assert.Equal((100L, 100L, 0L, 0L), (sender.Acked, sender.Transmissions, sender.NoAck, sender.ChannelAccessFailures));
        Assert.Equal(100, sink.Delivered);
        Assert.Equal(100, sink.AcksSent);
        // Each data frame starts (backoff k·320 µs, k ∈ 0..7) + CCA 128 µs + turnaround 192 µs after it was offered.
        foreach (PacketRecord r in _records.Where(r => r.Sender == 1))
        {
            long offset = r.StartNs % 100_000_000 - 128_000 - 192_000;
            Assert.True(offset % 320_000 == 0 && offset / 320_000 is >= 0 and <= 7, $"frame at {r.StartNs} ns");
            Assert.Equal((60 + 6) * 32_000, r.EndNs - r.StartNs);
        }

        // ACKs: turnaround after the frame, 11 bytes on air.
        foreach (PacketRecord ack in _records.Where(r => r.Sender == 0))
        {
            PacketRecord data = _records.Single(r => r.Sender == 1 && r.EndNs + 192_000 == ack.StartNs);
            Assert.Equal(11 * 32_000, ack.EndNs - ack.StartNs);
            Assert.Equal(ReceptionOutcome.Received, data.Outcome);
        }
    }

    [Fact]
    public void WithTheOqpskReceiver_ALoneLinkAtGoodSnrIsAckedEveryTime()
    {
        var settings = new ReceiverSettings([Ieee802154Phy.ChannelCenterFrequency(Ch)], Ieee802154Phy.ChannelWidth, 0, 1, _ => new Dbm(-100), null!, SymbolTime: Ieee802154Phy.SymbolTime);
        RadioPort sinkPort = _medium.Attach(0, new Position(default, default), settings with { Model = new OqpskReceptionModel(new RandomStream(3)) });
        RadioPort senderPort = _medium.Attach(1, new Position(new Meters(10), default), settings with { Model = new OqpskReceptionModel(new RandomStream(4)) });
        var sink = new Ieee802154MacNode(_sim, sinkPort, Ch, new Dbm(0), new RandomStream(5));
        var sender = new Ieee802154MacNode(_sim, senderPort, Ch, new Dbm(0), new RandomStream(6));
        var traffic = new Periodic(_sim, () => sender.Send(0, 100), SimDuration.FromMilliseconds(20));
        traffic.OnEvent(SimTime.Zero, 0);

        _sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(10)));

        // Unit-disk path loss is 0 dB: SNR ≈ 105 dB, so every frame and every ACK gets through.
        Assert.Equal((500L, 500L, 500L), (sender.Offered, sender.Acked, sink.Delivered));
    }

    [Fact]
    public void CollectionChain_ForwardsHopByHop_AndTheSinkCountsEachMessageOnceWithItsHops()
    {
        // Sink at 0 m, nodes at 40, 80, 120 m, radio range 50 m: node 3's messages need three hops.
        var sim = new Simulation();
        var medium = new WirelessMedium(sim, new UnitDisk(new Meters(50)), new MediumOptions(new Dbm(10), new Dbm(-120)), 1);
        var registry = new CollectionRegistry();
        var settings = new ReceiverSettings([Ieee802154Phy.ChannelCenterFrequency(Ch)], Ieee802154Phy.ChannelWidth, 0, 1, _ => new Dbm(-100), new CollisionModel());
        Ieee802154MacNode[] nodes = [.. Enumerable.Range(0, 4).Select(i => new Ieee802154MacNode(sim, medium.Attach(i, new Position(new Meters(40 * i), default), settings), Ch, new Dbm(0), new RandomStream((ulong)i + 1), registry: registry)
        {
            IsSink = i == 0,
            Parent = i == 0 ? null : i - 1,
        })];
        var traffic = new Periodic(sim, () => nodes[3].SendToParent(40), SimDuration.FromMilliseconds(200));
        traffic.OnEvent(SimTime.Zero, 0);

        sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(20)));

        Assert.Equal(100, nodes[3].Generated);
        Assert.Equal(100, registry.DeliveredByOrigin[3]);
        Assert.Equal(300, registry.HopsByOrigin[3]);
        Assert.Equal((100L, 100L), (nodes[2].Forwarded, nodes[1].Forwarded));
    }

    [Fact]
    public void QueuedFrames_WaitLifsAfterALongFrameAndSifsAfterAShortOne()
    {
        Node(0, 0);
        Ieee802154MacNode sender = Node(1, 10);
        sender.Send(0, 60); // MPDU 60 B > 18 B: LIFS (640 µs) before the next frame's CSMA-CA
        sender.Send(0, 15); // 15 B ≤ 18 B: SIFS (192 µs) before the third
        sender.Send(0, 15);

        _sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(1)));

        PacketRecord[] data = [.. _records.Where(r => r.Sender == 1).OrderBy(r => r.StartNs)];
        PacketRecord[] acks = [.. _records.Where(r => r.Sender == 0).OrderBy(r => r.StartNs)];
        Assert.Equal((3, 3), (data.Length, acks.Length));
        // Next frame start − ACK end = IFS + backoff (k · 320 µs) + CCA 128 µs + turnaround 192 µs.
        long Gap(int i, long ifs) => data[i + 1].StartNs - acks[i].EndNs - ifs - 128_000 - 192_000;
        Assert.True(Gap(0, 640_000) % 320_000 == 0 && Gap(0, 640_000) >= 0, $"gap {Gap(0, 640_000)}");
        Assert.True(Gap(1, 192_000) % 320_000 == 0 && Gap(1, 192_000) >= 0, $"gap {Gap(1, 192_000)}");
    }

    [Fact]
    public void DeafSink_EachFrameIsSentFourTimes_ThenGivenUp()
    {
        Node(0, 0, listening: false);
        Ieee802154MacNode sender = Node(1, 10);
        var traffic = new Periodic(_sim, () => sender.Send(0, 30), SimDuration.FromMilliseconds(100));
        traffic.OnEvent(SimTime.Zero, 0);

        _sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(10)));

        // 1 + macMaxFrameRetries (3) transmissions per frame, each followed by an 864 µs ACK wait.
        Assert.Equal((100L, 400L, 0L), (sender.NoAck, sender.Transmissions, sender.Acked));
    }

    [Fact]
    public void JammedChannel_EndsInChannelAccessFailure_AfterFiveBusyCcas()
    {
        Ieee802154MacNode sender = Node(1, 10);
        RadioPort jammer = _medium.Attach(9, new Position(new Meters(5), default));
        var jam = new Periodic(_sim, () =>
        {
            if (!jammer.IsTransmitting)
            {
                _medium.Transmit(jammer, Ieee802154Phy.ChannelCenterFrequency(Ch), Ieee802154Phy.ChannelWidth, 0, Ieee802154Phy.SymbolTime, 8, new Dbm(0), SimDuration.FromMilliseconds(50), 127);
            }
        }, SimDuration.FromMilliseconds(50));
        jam.OnEvent(SimTime.Zero, 0);
        var traffic = new Periodic(_sim, () => sender.Send(0, 30), SimDuration.FromMilliseconds(100));
        traffic.OnEvent(SimTime.FromStart(SimDuration.FromMilliseconds(1)), 0);

        _sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(5)));

        Assert.Equal(0, sender.Transmissions);
        Assert.Equal(sender.Offered, sender.ChannelAccessFailures);
    }

    [Fact]
    public void Star_PdrFallsAndThroughputPeaksThenCollapses_AsOfferedLoadGrows()
    {
        // N senders around one sink, each offering Poisson traffic of 60-byte frames (2.112 ms on air) at 4 frames/s:
        // 32 to 512 frames/s offered to a channel that carries at most ~300 frame + ACK exchanges a second.
        (double Pdr, double Throughput)[] results = [.. StarSizes.Select(Star)];

        string table = string.Join("; ", results.Select(r => $"PDR {r.Pdr:F3}, {r.Throughput:F1} frames/s"));
        Assert.True(results[0].Pdr > 0.99, table);
        for (int i = 1; i < results.Length; i++)
        {
            Assert.True(results[i].Pdr <= results[i - 1].Pdr, table);
        }

        Assert.True(results[^1].Pdr < 0.3, table);
        // Throughput follows the offered load while the channel is lightly used, peaks far below the offered load and
        // then falls as collisions of simultaneous CCAs and channel-access failures take over (unslotted CSMA-CA).
        Assert.InRange(results[0].Throughput, 0.95 * 32, 1.05 * 32);
        Assert.True(results[1].Throughput > results[0].Throughput && results[2].Throughput > results[1].Throughput, table);
        Assert.True(results[2].Throughput < 0.75 * StarSizes[2] * 4, table);
        Assert.True(results[3].Throughput < results[2].Throughput, table);
    }

    private static readonly int[] StarSizes = [8, 32, 64, 128];

    private static (double Pdr, double Throughput) Star(int n)
    {
        var sim = new Simulation();
        var records = new List<PacketRecord>();
        var medium = new WirelessMedium(sim, new UnitDisk(new Meters(1000)), new MediumOptions(new Dbm(10), new Dbm(-120)), 1, new Sink(records));
        ReceiverSettings settings = new([Ieee802154Phy.ChannelCenterFrequency(Ch)], Ieee802154Phy.ChannelWidth, 0, 1, _ => new Dbm(-100), new CollisionModel());
        var sink = new Ieee802154MacNode(sim, medium.Attach(0, new Position(default, default), settings), Ch, new Dbm(0), new RandomStream(1));
        var senders = new List<Ieee802154MacNode>();
        for (int i = 1; i <= n; i++)
        {
            var node = new Ieee802154MacNode(sim, medium.Attach(i, new Position(new Meters(i % 20), new Meters(i / 20)), settings), Ch, new Dbm(0), new RandomStream((ulong)i * 31));
            senders.Add(node);
            var rng = new RandomStream((ulong)i * 101);
            new Poisson(sim, () => node.Send(0, 60), SimDuration.FromMilliseconds(250), rng).Start();
        }

        sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(30)));
        return ((double)senders.Sum(s => s.Acked) / senders.Sum(s => s.Offered), sink.Delivered / 30.0);
    }

    /// <summary>A frame survives unless another frame on its channel overlapped it (equal powers: no capture).</summary>
    private sealed class CollisionModel : IReceptionModel
    {
        public ReceptionVerdict Decide(in ArrivingSignal wanted, ReadOnlySpan<ArrivingSignal> overlapping, Dbm sensitivity)
        {
            foreach (ArrivingSignal s in overlapping)
            {
                if (s.Transmission.Frequency == wanted.Transmission.Frequency)
                {
                    return new ReceptionVerdict(ReceptionOutcome.Interference, s.Transmission.Id);
                }
            }

            return new ReceptionVerdict(ReceptionOutcome.Received);
        }
    }

    private sealed class Periodic(Simulation sim, Action action, SimDuration period) : IEventHandler
    {
        public void OnEvent(SimTime now, long tag)
        {
            action();
            sim.Schedule(now + period, this);
        }
    }

    private sealed class Poisson(Simulation sim, Action action, SimDuration mean, RandomStream rng) : IEventHandler
    {
        public void Start() => sim.Schedule(sim.Now + rng.ExponentialDuration(mean), this);

        public void OnEvent(SimTime now, long tag)
        {
            action();
            Start();
        }
    }

    private sealed class Sink(List<PacketRecord> records) : IPacketSink
    {
        public void Record(in PacketRecord record) => records.Add(record);
    }
}
