using SensorNet.NodeKernel.Drivers;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Tests.Drivers;

/// <summary>A wire's timed level: read lazily when nobody listens, applied by an event while someone does.</summary>
public class GpioLineTests
{
    private static readonly SimTime Until = At(50);

    [Fact]
    public void TimedLevel_WithoutListeners_IsSeenByReadsAtItsTime_WithoutAnEvent()
    {
        var sim = new Simulation();
        var line = new GpioLine("busy", simulation: sim);
        var seen = new List<(long Us, bool Level)>();
        sim.Schedule(At(10), new Probe(() => line.SetUntil(true, Until)));
        foreach (long us in new long[] { 20, 49 })
        {
            sim.Schedule(At(us), new Probe(() => seen.Add((us, line.Level))));
        }

        sim.RunUntil(At(45));
        Assert.Equal(1, sim.PendingEvents); // the read at 49 µs: the fall has no event of its own
        sim.RunUntil(At(50));
        bool atFall = line.Level;
        sim.RunUntil(At(60));

        Assert.Equal([(20L, true), (49L, true)], seen);
        Assert.False(atFall); // the level is low from its time on, as if an event had run first
        Assert.Equal(2, line.Edges);
        Assert.Null(line.PendingChangeAt);
    }

    [Fact]
    public void TimedLevel_WithAListener_ChangesByAnEventAtItsTime()
    {
        var sim = new Simulation();
        var line = new GpioLine("busy", simulation: sim);
        var changes = new List<(SimTime Time, bool Level)>();
        line.Changed += l => changes.Add((sim.Now, l.Level));
        sim.Schedule(At(10), new Probe(() => line.SetUntil(true, Until)));

        sim.RunUntil(At(100));

        Assert.Equal([(At(10), true), (Until, false)], changes);
        Assert.Equal(0, sim.PendingEvents);
    }

    [Fact]
    public void SubscribingDuringATimedLevel_SchedulesItsChange_UnsubscribingCancelsTheEventButNotTheChange()
    {
        var sim = new Simulation();
        var line = new GpioLine("busy", simulation: sim);
        var changes = new List<(SimTime Time, bool Level)>();
        Action<GpioLine> listener = l => changes.Add((sim.Now, l.Level));
        sim.Schedule(At(10), new Probe(() => line.SetUntil(true, Until)));
        sim.Schedule(At(20), new Probe(() => line.Changed += listener));
        sim.RunUntil(At(30));
        Assert.Equal(1, sim.PendingEvents);

        line.Changed -= listener;
        Assert.Equal(0, sim.PendingEvents);
        line.Changed += listener;
        sim.RunUntil(At(100));

        Assert.Equal([(Until, false)], changes);
    }

    [Fact]
    public void Set_CancelsAPendingTimedChange_AndALaterSetUntilReplacesIt()
    {
        var sim = new Simulation();
        var held = new GpioLine("held", simulation: sim);
        var moved = new GpioLine("moved", simulation: sim);
        var fallsAt = new List<SimTime>();
        moved.Changed += l =>
        {
            if (!l.Level)
            {
                fallsAt.Add(sim.Now);
            }
        };
        sim.Schedule(At(10), new Probe(() =>
        {
            held.SetUntil(true, Until);
            moved.SetUntil(true, Until);
        }));
        sim.Schedule(At(20), new Probe(() =>
        {
            held.Set(true); // e.g. the radio went to sleep: BUSY stays high
            moved.SetUntil(true, At(70));
        }));

        sim.RunUntil(At(100));

        Assert.True(held.Level);
        Assert.Equal(1, held.Edges);
        Assert.Equal([At(70)], fallsAt);
    }

    [Fact]
    public void SetUntil_NeedsAClock_AndATimeNotInThePast()
    {
        var sim = new Simulation();
        sim.RunUntil(At(10));

        Assert.Throws<InvalidOperationException>(() => new GpioLine("plain").SetUntil(true, At(20)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GpioLine("timed", simulation: sim).SetUntil(true, At(5)));
    }

    [Fact]
    public void LevelHeldUntil_IsThePendingChange_EvenWhenDue_AndChangesNothing()
    {
        var sim = new Simulation();
        var line = new GpioLine("busy", simulation: sim);
        Assert.Equal(SimTime.MaxValue, line.LevelHeldUntil); // nothing pending: held until driven
        var held = new List<SimTime>();
        sim.Schedule(At(10), new Probe(() => line.SetUntil(true, Until)));
        sim.Schedule(At(20), new Probe(() => held.Add(line.LevelHeldUntil)));
        sim.Schedule(At(60), new Probe(() => held.Add(line.LevelHeldUntil))); // due, not yet applied: still its time
        sim.RunUntil(At(70));

        Assert.Equal([Until, Until], held);
        Assert.Equal(3, sim.EventsExecuted); // the set and the two probes: asking scheduled nothing
        Assert.False(line.Level); // reading applies the change
        Assert.Equal(SimTime.MaxValue, line.LevelHeldUntil);
    }

    private static SimTime At(long microseconds) => SimTime.FromStart(SimDuration.FromMicroseconds(microseconds));

    private sealed class Probe(Action action) : SensorNet.SimEngine.Events.IEventHandler
    {
        public void OnEvent(SimTime now, long tag) => action();
    }
}
