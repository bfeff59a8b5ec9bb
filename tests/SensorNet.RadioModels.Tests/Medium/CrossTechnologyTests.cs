using SensorNet.RadioModels.Ble;
using SensorNet.RadioModels.Ieee802154;
using SensorNet.RadioModels.Medium;
using SensorNet.RadioModels.Propagation;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;
using Xunit.Abstractions;
using static SensorNet.RadioModels.Tests.Medium.TwoPointFourGhz;

namespace SensorNet.RadioModels.Tests.Medium;

/// <summary>
/// An 802.15.4 link 10 m long (free space at 2.44 GHz, 0 dBm: −60.2 dBm received, SNR 44.8 dB) sends a 60-byte PSDU
/// (2112 µs) every 50 ms for 60 s (1200 frames), next to four BLE advertisers 2–5 m from the receiver (0 dBm: −46 to
/// −54 dBm there) that send a 37-byte legacy advertising PDU (376 µs) on 37, 38 and 39, 1 ms apart, every
/// advInterval 20 ms + advDelay uniform in [0, 10) ms.
/// </summary>
/// <remarks>
/// Expected delivery on channel 26 (2480 MHz, the same band as BLE 39): a channel-39 PDU that overlaps an 802.15.4
/// frame is 6–14 dB above it, so the frame is lost (refused at start, or SINR below −5 dB over ≥ 94 bits, PSR ≈ 0).
/// Advertising events form a renewal process of mean period 25 ms; at most one channel-39 PDU of an advertiser can
/// start in any 2112 + 376 = 2488 µs window (&lt; 20 ms), so the chance that one advertiser hits a given frame is
/// 2488 / 25 000 = 0.0995, and with four independent advertisers the PDR is (1 − 0.0995)^4 = 0.657. With 1200 frames
/// its standard deviation is about 0.014: the test allows ±0.07 (5σ). Channel 20 (2455 MHz) overlaps none of 2402,
/// 2426, 2480 MHz, so there the run must equal the run without BLE frame for frame.
/// </remarks>
public class CrossTechnologyTests(ITestOutputHelper output)
{
    private const int Advertisers = 4;
    private static readonly SimDuration Period = SimDuration.FromMilliseconds(50);
    private static readonly SimDuration RunLength = SimDuration.FromSeconds(60);

    [Fact]
    public void BleAdvertising_LowersPdrOnChannel26_AndLeavesChannel20Untouched()
    {
        Run quiet20 = Simulate(20, withBle: false);
        Run busy20 = Simulate(20, withBle: true);
        Run quiet26 = Simulate(26, withBle: false);
        Run busy26 = Simulate(26, withBle: true);
        output.WriteLine($"PDR ch20 without BLE {quiet20.Pdr:F4}, with BLE {busy20.Pdr:F4}; ch26 without {quiet26.Pdr:F4}, with {busy26.Pdr:F4}");
        output.WriteLine($"BLE PDUs sent (ch26 run): {busy26.BlePdus}, of which on 39: {busy26.Channel39Ids.Count}");

        Assert.Equal(1200, quiet20.Outcomes.Count);
        Assert.Equal(1.0, quiet20.Pdr);
        Assert.Equal(1.0, quiet26.Pdr);
        Assert.Equal(quiet20.Frames, busy20.Frames); // frame for frame, not only the ratio
        Assert.True(busy20.BlePdus > 3 * Advertisers * 2000, "the advertisers were on the air");

        // The same at −45 dBm transmit power (−105.2 dBm received, SNR −0.2 dB), where frames are lost to noise at
        // random: the receiver's draws stay aligned, so the same frames are lost with and without BLE.
        Run weakQuiet20 = Simulate(20, withBle: false, new Dbm(-45));
        Run weakBusy20 = Simulate(20, withBle: true, new Dbm(-45));
        output.WriteLine($"PDR ch20 at -45 dBm without BLE {weakQuiet20.Pdr:F4}, with BLE {weakBusy20.Pdr:F4}");
        Assert.InRange(weakQuiet20.Pdr, 0.5, 0.99);
        Assert.Equal(weakQuiet20.Frames, weakBusy20.Frames);

        double expected = Math.Pow(1 - (2488.0 / 25_000), Advertisers);
        Assert.InRange(busy26.Pdr, expected - 0.07, expected + 0.07);
        Assert.True(quiet26.Pdr - busy26.Pdr > 0.2);
        Assert.All(busy26.Losses, r =>
        {
            Assert.Equal(ReceptionOutcome.Interference, r.Outcome);
            Assert.Contains(r.InterfererId, busy26.Channel39Ids);
        });
    }

    private static Run Simulate(int channel, bool withBle, Dbm? txPower = null)
    {
        var sim = new Simulation();
        var sink = new RecordingSink();
        var medium = new WirelessMedium(sim, new FreeSpace(Hertz.FromMegahertz(2440)), new MediumOptions(new Dbm(0), new Dbm(-120)), 1, sink);
        medium.Attach(100, default, Receiver154(channel, new OqpskReceptionModel(new RandomStream(42))));
        var sender = new FrameSender(sim, medium, medium.Attach(1, new Position(new Meters(10), default)), channel, txPower ?? new Dbm(0));
        sim.Schedule(SimTime.FromStart(SimDuration.FromMilliseconds(1)), sender);
        var run = new Run();
        if (withBle)
        {
            double[] distances = [2, 3, 4, 5];
            for (int k = 0; k < Advertisers; k++)
            {
                double angle = (k + 1) * Math.PI / 2.5;
                var at = new Position(new Meters(distances[k] * Math.Cos(angle)), new Meters(distances[k] * Math.Sin(angle)));
                var random = new RandomStream(1000 + (ulong)k);
                var advertiser = new Advertiser(sim, medium, medium.Attach(10 + k, at), random, run);
                sim.Schedule(SimTime.FromStart(random.UniformDuration(SimDuration.FromMilliseconds(20))), advertiser);
            }
        }

        sim.RunUntil(SimTime.FromStart(RunLength));
        Assert.DoesNotContain(sink.Records, r => r.Sender != 1); // BLE frames never lock the 802.15.4 receiver
        run.Outcomes.AddRange(sink.Records.Where(r => r.EndNs <= RunLength.Nanoseconds).OrderBy(r => r.TransmissionId));
        return run;
    }

    private sealed class Run
    {
        public List<PacketRecord> Outcomes { get; } = [];

        public HashSet<long> Channel39Ids { get; } = [];

        public int BlePdus { get; set; }

        // What the receiver saw of each 802.15.4 frame (transmission ids differ between runs with and without BLE).
        public IEnumerable<(long StartNs, ReceptionOutcome Outcome, long InterfererId)> Frames => Outcomes.Select(r => (r.StartNs, r.Outcome, r.InterfererId));

        public double Pdr => Outcomes.Count(r => r.Outcome is ReceptionOutcome.Received or ReceptionOutcome.Captured) / (double)Outcomes.Count;

        public IEnumerable<PacketRecord> Losses => Outcomes.Where(r => r.Outcome is not (ReceptionOutcome.Received or ReceptionOutcome.Captured));
    }

    private sealed class FrameSender(Simulation sim, WirelessMedium medium, RadioPort port, int channel, Dbm power) : IEventHandler
    {
        void IEventHandler.OnEvent(SimTime now, long tag)
        {
            Send154(medium, port, channel, power, 60);
            sim.ScheduleAfter(Period, this);
        }
    }

    // One advertising event: channel 37 now (tag 0), 38 after 1 ms, 39 after 2 ms, then the next event.
    private sealed class Advertiser(Simulation sim, WirelessMedium medium, RadioPort port, RandomStream random, Run run) : IEventHandler
    {
        private SimTime _eventStart;

        void IEventHandler.OnEvent(SimTime now, long tag)
        {
            if (tag == 0)
            {
                _eventStart = now;
            }

            int channel = BleChannels.FirstAdvertisingChannel + (int)tag;
            Transmission tx = SendBle(medium, port, channel, new Dbm(0), 37);
            run.BlePdus++;
            if (channel == BleChannels.LastAdvertisingChannel)
            {
                run.Channel39Ids.Add(tx.Id);
                SimDuration next = SimDuration.FromMilliseconds(20) + random.UniformDuration(SimDuration.FromMilliseconds(10));
                sim.Schedule(_eventStart + next, this, 0);
            }
            else
            {
                sim.ScheduleAfter(SimDuration.FromMilliseconds(1), this, tag + 1);
            }
        }
    }
}
