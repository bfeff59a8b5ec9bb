using SensorNet.Energy.Accounting;
using SensorNet.Energy.Consumers;
using SensorNet.Energy.Storage;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy.Tests.Accounting;

public class NodeEnergyTests
{
    private static readonly PowerStateTable TwoStates = new("test", [new("low", new Watts(1)), new("high", new Watts(4))], "test");

    [Fact]
    public void Depletion_AtConstantDraw_FiresAtStoredOverPower()
    {
        var sim = new Simulation();
        var energy = new NodeEnergy(sim, new LinearBattery(new Joules(10), new Joules(10), new Volts(3)));
        SimTime? depletedAt = null;
        energy.PowerLost += t => depletedAt = t;
        energy.AddConsumer("c", TwoStates, 0);

        sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(60)));

        Assert.Equal(SimTime.FromStart(SimDuration.FromSeconds(10)), depletedAt);
        Assert.False(energy.IsPowered);
        Assert.Equal(0.0, energy.Storage.Stored.Value, 12);
    }

    [Fact]
    public void Depletion_AfterPowerChange_IsRescheduledAnalytically()
    {
        // 10 J at 1 W for 2 s leaves 8 J; at 4 W that lasts 2 s more, so depletion is at 4 s, not at 10 s.
        var sim = new Simulation();
        var energy = new NodeEnergy(sim, new LinearBattery(new Joules(10), new Joules(10), new Volts(3)));
        StateBasedConsumer c = energy.AddConsumer("c", TwoStates, 0);
        sim.Schedule(SimTime.FromStart(SimDuration.FromSeconds(2)), new Action(() => c.SetState(1)));

        sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(60)));

        Assert.Equal(SimTime.FromStart(SimDuration.FromSeconds(4)), energy.DepletedAt);
        Assert.Equal(SimDuration.FromSeconds(2), c.Residency(0));
        Assert.Equal(SimDuration.FromSeconds(2), c.Residency(1));
        Assert.Equal(SimDuration.FromSeconds(56), c.Residency(c.OffState));
        energy.VerifyLedger();
    }

    [Fact]
    public void Depletion_WhenTheDrawFallsAfterAnEarlierPrediction_HappensOnlyAtTheLaterInstant()
    {
        // 10 J: at 4 W from 0 s the storage would run out at 2.5 s; at 1 s the draw falls to 1 W with 6 J left, which
        // lasts until 7 s. The earlier prediction must not cut power, and the later one must, to the nanosecond.
        var sim = new Simulation();
        var energy = new NodeEnergy(sim, new LinearBattery(new Joules(10), new Joules(10), new Volts(3)));
        StateBasedConsumer c = energy.AddConsumer("c", TwoStates, 1);
        sim.Schedule(SimTime.FromStart(SimDuration.FromSeconds(1)), new Action(() => c.SetState(0)));

        sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(7)) - SimDuration.FromNanoseconds(1));
        Assert.True(energy.IsPowered);

        sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(60)));
        Assert.Equal(SimTime.FromStart(SimDuration.FromSeconds(7)), energy.DepletedAt);
        Assert.Equal(1, energy.Outages);
        energy.VerifyLedger();
    }

    [Fact]
    public void Depletion_RisingAgainAfterAFall_IsAtTheInstantOfTheLastDraw()
    {
        // 10 J: 4 W for 1 s (6 J left), 1 W for 1 s (5 J left), then 4 W again: empty at 2 s + 1.25 s.
        var sim = new Simulation();
        var energy = new NodeEnergy(sim, new LinearBattery(new Joules(10), new Joules(10), new Volts(3)));
        StateBasedConsumer c = energy.AddConsumer("c", TwoStates, 1);
        sim.Schedule(SimTime.FromStart(SimDuration.FromSeconds(1)), new Action(() => c.SetState(0)));
        sim.Schedule(SimTime.FromStart(SimDuration.FromSeconds(2)), new Action(() => c.SetState(1)));

        sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(60)));

        Assert.Equal(SimTime.FromStart(SimDuration.FromMilliseconds(3250)), energy.DepletedAt);
        Assert.Equal(1, energy.Outages);
        energy.VerifyLedger();
    }

    [Fact]
    public void Depletion_AfterTheTimerFiredWhileNothingWasDrawn_IsPredictedAgainWhenTheDrawReturns()
    {
        // 10 J: 4 W for 1 s (6 J left) arms the timer for 2.5 s; from 1 s to 10 s nothing is drawn, so the timer fires at
        // 2.5 s for nothing; at 10 s 4 W again, so empty at 11.5 s. The new prediction is later than the deadline that
        // already passed, and must still arm the timer.
        var sim = new Simulation();
        var energy = new NodeEnergy(sim, new LinearBattery(new Joules(10), new Joules(10), new Volts(3)));
        var states = new PowerStateTable("test", [new("off", Watts.Zero), new("high", new Watts(4))], "test");
        StateBasedConsumer c = energy.AddConsumer("c", states, 1);
        sim.Schedule(SimTime.FromStart(SimDuration.FromSeconds(1)), new Action(() => c.SetState(0)));
        sim.Schedule(SimTime.FromStart(SimDuration.FromSeconds(10)), new Action(() => c.SetState(1)));

        sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(60)));

        Assert.Equal(SimTime.FromStart(SimDuration.FromMilliseconds(11_500)), energy.DepletedAt);
        Assert.Equal(1, energy.Outages);
        energy.VerifyLedger();
    }

    [Fact]
    public void SetState_AfterDepletion_IsIgnored()
    {
        var sim = new Simulation();
        var energy = new NodeEnergy(sim, new LinearBattery(new Joules(1), new Joules(1), new Volts(3)));
        StateBasedConsumer c = energy.AddConsumer("c", TwoStates, 0);
        sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(2)));

        c.SetState(1);

        Assert.Equal(c.OffState, c.State);
        Assert.Equal(Watts.Zero, energy.Draw);
    }

    [Fact]
    public void UnlimitedSupply_NeverDepletes_AndCountsEnergy()
    {
        var sim = new Simulation();
        var energy = new NodeEnergy(sim, new UnlimitedSupply());
        energy.AddConsumer("c", TwoStates, 1);

        sim.RunUntil(SimTime.FromStart(SimDuration.FromDays(1)));
        energy.VerifyLedger();

        Assert.True(energy.IsPowered);
        Assert.Equal(4.0 * 86400, energy.Delivered.Value, 6);
        Assert.Equal(0, sim.PendingEvents);
    }

    [Fact]
    public void VerifyLedger_StorageThatLosesEnergy_Throws()
    {
        // A storage that reports delivery but does not lower its stored energy breaks conservation; the check must catch it.
        var sim = new Simulation();
        var energy = new NodeEnergy(sim, new LeakyBookkeepingStorage());
        energy.AddConsumer("c", TwoStates, 0);
        sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(5)));

        var e = Assert.Throws<InvalidOperationException>(energy.VerifyLedger);
        Assert.Contains("Energy ledger violated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ledger_RandomLoadsAndDepletions_BalancesAndResidencySumsExactly()
    {
        var rng = new RandomStream(2024);
        for (int trial = 0; trial < 200; trial++)
        {
            var sim = new Simulation();
            double capacity = rng.Uniform(0.5, 50);
            var energy = new NodeEnergy(sim, new LinearBattery(new Joules(capacity), new Joules(capacity * rng.NextDouble()), new Volts(3)));
            var table = new PowerStateTable("t", Enumerable.Range(0, 4).Select(i => new PowerState($"s{i}", new Watts(rng.Uniform(0, 2)))), "test");
            StateBasedConsumer[] consumers = [energy.AddConsumer("a", table, 0), energy.AddConsumer("b", table, 1)];
            for (int k = 0; k < 50; k++)
            {
                var at = SimTime.FromStart(SimDuration.FromNanoseconds((long)rng.NextUInt64(30_000_000_000)));
                StateBasedConsumer target = consumers[rng.NextInt32(2)];
                int state = rng.NextInt32(4);
                sim.Schedule(at, new Action(() => target.SetState(state)));
            }

            SimTime end = SimTime.FromStart(SimDuration.FromSeconds(40));
            sim.RunUntil(end);

            energy.VerifyLedger();
            foreach (StateBasedConsumer c in consumers)
            {
                long sum = Enumerable.Range(0, c.OffState + 1).Sum(s => c.Residency(s).Nanoseconds);
                Assert.Equal(end.Nanoseconds, sum);
            }

            Assert.True(energy.Storage.Stored.Value >= 0);
        }
    }

    private sealed class Action(System.Action body) : IEventHandler
    {
        public void OnEvent(SimTime now, long tag) => body();
    }

    private sealed class LeakyBookkeepingStorage : IEnergyStorage
    {
        public Joules Initial => new(100);

        public Joules Stored => new(100);

        public bool IsUnlimited => false;

        public Joules Capacity => new(100);

        public Volts Voltage => new(3);

        public StorageStep Apply(Watts netDischarge, SimDuration duration) =>
            new(netDischarge * duration, Joules.Zero, Joules.Zero, Joules.Zero, Joules.Zero);

        public SimDuration? TimeUntilExhausted(Watts netDischarge) => null;

        public Joules StoredAfter(Watts netDischarge, SimDuration duration) => Stored;
    }
}
