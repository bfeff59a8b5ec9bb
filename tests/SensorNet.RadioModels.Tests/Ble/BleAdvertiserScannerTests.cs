using SensorNet.Energy.Accounting;
using SensorNet.Energy.Consumers;
using SensorNet.Energy.Storage;
using SensorNet.RadioModels.Ble;
using SensorNet.RadioModels.Chips;
using SensorNet.RadioModels.Medium;
using SensorNet.RadioModels.Propagation;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;

namespace SensorNet.RadioModels.Tests.Ble;

public class BleAdvertiserScannerTests
{
    private readonly Simulation _sim = new();
    private readonly List<PacketRecord> _records = [];
    private readonly WirelessMedium _medium;

    public BleAdvertiserScannerTests()
    {
        _medium = new WirelessMedium(_sim, new FreeSpace(Hertz.FromMegahertz(2440)), new MediumOptions(new Dbm(8), new Dbm(-130)), 1, new Sink(_records));
    }

    private BleAdvertiser Advertiser(int id, double x, SimDuration interval, StateBasedConsumer? radio = null) =>
        new(_sim, _medium.Attach(id, new Position(new Meters(x), default)), interval, 37, new Dbm(0), new RandomStream((ulong)id + 11), radio);

    private BleScanner Scanner(int id, SimDuration interval, SimDuration window, StateBasedConsumer? radio = null)
    {
        var settings = new ReceiverSettings([BleChannels.CenterFrequency(37)], BleChannels.ChannelWidth, 0, 1, _ => new Dbm(-95), new BleReceptionModel(), SymbolTime: BleChannels.SymbolTime);
        return new BleScanner(_sim, _medium.AttachSleeping(id, new Position(default, default), settings), interval, window, radio);
    }

    [Fact]
    public void Advertiser_SendsThreePdusPerEvent_EveryIntervalPlusUpTo10msDelay()
    {
        BleAdvertiser a = Advertiser(1, 3, SimDuration.FromMilliseconds(100));
        a.Start();

        _sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(60)));

        // Events every 100 ms + U(0, 10 ms): 60 s / 105 ms ≈ 571 on average.
        Assert.InRange(a.Events, 60_000 / 110, 60_000 / 100);
        Assert.InRange(a.Pdus, (3 * a.Events) - 3, 3 * a.Events);
        // 37-byte payload: (1 + 4 + 2 + 37 + 3) × 8 µs = 376 µs per PDU on 37, 38 and 39 in turn, 150 µs apart.
        PacketRecord[] pdus = [.. _records.OrderBy(r => r.StartNs)];
        Assert.Empty(pdus); // nobody listens: nothing is recorded
        Assert.Equal(SimDuration.FromMicroseconds(376) * a.Pdus, a.Airtime);
    }

    [Fact]
    public void SteadyState_OnAShadowedMedium_AllocatesNothingPerFrameOrScanWindow()
    {
        // Per frame the medium draws each link's shadowing and checks tuning; per window the scanner retunes. None of it
        // may allocate (a fresh random stream per link and frame did: ~100 B per frame).
        var sim = new Simulation();
        var medium = new WirelessMedium(sim, new LogDistance(new Meters(1), new Decibels(40), 2.5, new Decibels(4)), new MediumOptions(new Dbm(8), new Dbm(-130)), 3);
        var settings = new ReceiverSettings([BleChannels.CenterFrequency(37)], BleChannels.ChannelWidth, 0, 1, _ => new Dbm(-95), new BleReceptionModel(), SymbolTime: BleChannels.SymbolTime);
        var scanner = new BleScanner(sim, medium.AttachSleeping(100, new Position(default, default), settings), SimDuration.FromMilliseconds(30), SimDuration.FromMilliseconds(20));
        BleAdvertiser[] advertisers = [.. Enumerable.Range(1, 3).Select(id =>
            new BleAdvertiser(sim, medium.Attach(id, new Position(new Meters(id * 5), default)), SimDuration.FromMilliseconds(20), 37, new Dbm(0), new RandomStream((ulong)id)))];
        scanner.Start();
        foreach (BleAdvertiser a in advertisers)
        {
            a.Start();
        }

        sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(2))); // warm-up: lists and pools reach their size
        long pdus = advertisers.Sum(a => a.Pdus);
        long received = scanner.PdusReceived;
        long before = GC.GetAllocatedBytesForCurrentThread();
        sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(12)));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(advertisers.Sum(a => a.Pdus) - pdus > 3_000);
        Assert.True(scanner.PdusReceived - received > 500);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void ContinuousScanner_HearsEveryEventOfALoneAdvertiser_AndItsRadioIsAlwaysOn()
    {
        var energy = new NodeEnergy(_sim, new UnlimitedSupply());
        StateBasedConsumer rx = energy.AddConsumer("radio", PacketRadioProfile.Nrf52840Ble.PowerStates(), PacketRadioProfile.OffState);
        BleScanner s = Scanner(100, SimDuration.FromMilliseconds(100), SimDuration.FromMilliseconds(100), rx);
        BleAdvertiser a = Advertiser(1, 3, SimDuration.FromMilliseconds(100));
        s.Start();
        a.Start();

        _sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(60)));

        // The scanner listens on one channel at a time; every event sends on all three, so nearly every event is heard
        // once. An event is missed when the switch to the next channel falls between the PDUs of the channels
        // already scanned and the next one: the 1.05 ms of an event against 100 ms per switch, about 1 %.
        Assert.InRange(s.EventsHeard[1], a.Events * 0.98, a.Events);
        Assert.Equal(SimDuration.FromSeconds(60), rx.Residency(PacketRadioProfile.ReceiveState));
    }

    [Fact]
    public void DutyCycledScanner_HearsAboutWindowOverIntervalOfTheEvents()
    {
        // Window 30 ms of every 100 ms: an event is heard when its PDU on the scanned channel starts inside the window.
        BleScanner s = Scanner(100, SimDuration.FromMilliseconds(100), SimDuration.FromMilliseconds(30));
        BleAdvertiser a = Advertiser(1, 3, SimDuration.FromMilliseconds(200));
        s.Start();
        a.Start();

        _sim.RunUntil(SimTime.FromStart(SimDuration.FromMinutes(10)));

        double fraction = (double)s.EventsHeard.GetValueOrDefault(1) / a.Events;
        // Binomial-ish over ~2,900 events: ±0.05 is more than 5 standard errors around 0.3.
        Assert.InRange(fraction, 0.25, 0.35);
    }

    [Fact]
    public void ManyAdvertisers_CollideOnTheScannedChannel_AndLoseEvents()
    {
        BleScanner s = Scanner(100, SimDuration.FromMilliseconds(100), SimDuration.FromMilliseconds(100));
        BleAdvertiser[] ads = [.. Enumerable.Range(1, 60).Select(i => Advertiser(i, 2 + (i % 5), SimDuration.FromMilliseconds(20)))];
        s.Start();
        foreach (BleAdvertiser a in ads)
        {
            a.Start();
        }

        _sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(10)));

        long events = ads.Sum(a => a.Events);
        long heard = s.EventsHeard.Values.Sum();
        Assert.True(heard < 0.9 * events, $"{heard} of {events}");
        Assert.Contains(_records, r => r.Outcome == ReceptionOutcome.Interference || r.Outcome == ReceptionOutcome.ReceiverBusy);
    }

    private sealed class Sink(List<PacketRecord> records) : IPacketSink
    {
        public void Record(in PacketRecord record) => records.Add(record);
    }
}
