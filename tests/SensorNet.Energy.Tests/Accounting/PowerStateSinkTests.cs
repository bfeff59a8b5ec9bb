using SensorNet.Energy.Accounting;
using SensorNet.Energy.Consumers;
using SensorNet.Energy.Storage;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy.Tests.Accounting;

public class PowerStateSinkTests
{
    private static readonly PowerStateTable TwoStates = new("test", [new("low", new Watts(1)), new("high", new Watts(4))], "test");

    [Fact]
    public void Intervals_TileTheRun_SkipZeroLengthStates_AndIncludeOffAfterDepletion()
    {
        // 10 J: 1 W for 2 s (8 J left), then 4 W for 2 s → empty at 4 s, off until the 6 s flush.
        var sim = new Simulation();
        var energy = new NodeEnergy(sim, new LinearBattery(new Joules(10), new Joules(10), new Volts(3)));
        var sink = new Recorder();
        energy.PowerStateSink = sink;
        StateBasedConsumer c = energy.AddConsumer("c", TwoStates, 0);
        sim.Schedule(SimTime.FromStart(SimDuration.FromSeconds(2)), new Call(() =>
        {
            c.SetState(1);
            c.SetState(0); // zero-length visits are not intervals
            c.SetState(1);
        }));

        sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(6)));
        energy.FlushPowerStates();

        Assert.Equal(
            [("low", 0L, 2_000_000_000L), ("high", 2_000_000_000L, 4_000_000_000L), ("off", 4_000_000_000L, 6_000_000_000L)],
            sink.Rows.Select(r => (r.State, r.StartNs, r.EndNs)));
        double traced = sink.Rows.Sum(r => r.PowerW * (r.EndNs - r.StartNs) / 1e9);
        Assert.Equal(c.TotalEnergy().Value, traced, 12);
    }

    [Fact]
    public void NoSink_RecordsNothing_AndChangesNothing()
    {
        var sim = new Simulation();
        var energy = new NodeEnergy(sim, new UnlimitedSupply());
        StateBasedConsumer c = energy.AddConsumer("c", TwoStates, 0);
        sim.Schedule(SimTime.FromStart(SimDuration.FromSeconds(1)), new Call(() => c.SetState(1)));

        sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(3)));
        energy.FlushPowerStates();

        Assert.Equal(9.0, c.TotalEnergy().Value, 12);
    }

    private sealed class Call(System.Action body) : IEventHandler
    {
        public void OnEvent(SimTime now, long tag) => body();
    }

    private sealed class Recorder : IPowerStateSink
    {
        public List<(string State, long StartNs, long EndNs, double PowerW)> Rows { get; } = [];

        public void Interval(StateBasedConsumer consumer, int state, SimTime start, SimTime end) =>
            Rows.Add((consumer.StateName(state), start.Nanoseconds, end.Nanoseconds, state == consumer.OffState ? 0 : consumer.Table[state].Power.Value));
    }
}
