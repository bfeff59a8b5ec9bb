using SensorNet.Energy.Accounting;
using SensorNet.Energy.Consumers;
using SensorNet.Energy.Harvesting;
using SensorNet.Energy.Storage;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy.Tests.Accounting;

public class NodeEnergyHarvestTests
{
    private static readonly PowerStateTable Load = new("load", [new("idle", new Watts(0.001)), new("busy", new Watts(0.05))], "test");

    [Fact]
    public void Harvest_AboveDraw_ChargesUntilFull_ThenRefuses()
    {
        // 1 mW load, 11 mW harvest: the storage gains 10 mW; 5 J of room fill in 500 s; the rest of the hour is refused.
        var sim = new Simulation();
        var energy = new NodeEnergy(sim, new LinearBattery(new Joules(10), new Joules(5), new Volts(3)));
        energy.AddConsumer("mcu", Load, 0);
        energy.AddHarvester(new ConstantHarvester(new Watts(0.011)));

        sim.RunUntil(SimTime.FromStart(SimDuration.FromHours(1)));
        energy.VerifyLedger();

        Assert.Equal(10.0, energy.Storage.Stored.Value, 9);
        Assert.Equal(5.0, energy.StoredFromHarvest.Value, 9);
        Assert.Equal((0.010 * 3600) - 5.0, energy.Refused.Value, 9);
        Assert.Equal(0.011 * 3600, energy.Harvested.Value, 9);
        Assert.True(energy.IsPowered);
    }

    [Fact]
    public void Harvest_BelowDraw_DepletesAtStoredOverNetPower()
    {
        // 50 mW load, 30 mW harvest: net 20 mW from 2 J lasts 100 s.
        var sim = new Simulation();
        var energy = new NodeEnergy(sim, new LinearBattery(new Joules(10), new Joules(2), new Volts(3)));
        energy.AddConsumer("mcu", Load, 1);
        energy.AddHarvester(new ConstantHarvester(new Watts(0.030)));

        sim.RunUntil(SimTime.FromStart(SimDuration.FromMinutes(10)));

        Assert.Equal(SimTime.FromStart(SimDuration.FromSeconds(100)), energy.DepletedAt);
        energy.VerifyLedger();
    }

    [Fact]
    public void ScheduledHarvest_StepChange_ReschedulesDepletion()
    {
        // Load 50 mW from 3 J; harvest 0 until 20 s, then 40 mW: net 50 mW for 20 s (1 J), then 10 mW: 2 J last 200 s → 220 s.
        var sim = new Simulation();
        var energy = new NodeEnergy(sim, new LinearBattery(new Joules(10), new Joules(3), new Volts(3)));
        energy.AddConsumer("mcu", Load, 1);
        energy.AddHarvester(new ScheduledHarvester([(SimTime.FromStart(SimDuration.FromSeconds(20)), new Watts(0.040))]));

        sim.RunUntil(SimTime.FromStart(SimDuration.FromMinutes(10)));

        Assert.Equal(SimTime.FromStart(SimDuration.FromSeconds(220)), energy.DepletedAt);
        energy.VerifyLedger();
    }

    [Fact]
    public void Ledger_RandomLoadsHarvestsBrownoutsAndSaturation_Balances()
    {
        var rng = new RandomStream(5150);
        int depleted = 0;
        int saturated = 0;
        for (int trial = 0; trial < 150; trial++)
        {
            var sim = new Simulation();
            double capacity = rng.Uniform(0.5, 5);
            var battery = new LinearBattery(new Joules(capacity), new Joules(capacity * rng.NextDouble()), new Volts(3)) { ChargeEfficiency = rng.Uniform(0.6, 1.0) };
            var energy = new NodeEnergy(sim, battery);
            var table = new PowerStateTable("t", Enumerable.Range(0, 3).Select(i => new PowerState($"s{i}", new Watts(rng.Uniform(0, 0.1)))), "test");
            StateBasedConsumer c = energy.AddConsumer("c", table, 0);
            var steps = new List<(SimTime, Watts)>();
            long t = 0;
            for (int k = 0; k < 20; k++)
            {
                t += 1 + (long)rng.NextUInt64(20_000_000_000);
                steps.Add((new SimTime(t), new Watts(rng.Uniform(0, 0.12))));
            }

            energy.AddHarvester(new ScheduledHarvester(steps));
            for (int k = 0; k < 40; k++)
            {
                var at = new SimTime((long)rng.NextUInt64((ulong)t));
                int state = rng.NextInt32(3);
                sim.Schedule(at, new Do(() => c.SetState(state)));
            }

            sim.RunUntil(new SimTime(t + 1_000_000_000));
            energy.VerifyLedger();
            depleted += energy.IsPowered ? 0 : 1;
            saturated += energy.Refused.Value > 0 ? 1 : 0;
            Assert.InRange(battery.Stored.Value, 0, capacity + 1e-12);
        }

        // The random cases must actually exercise brown-outs and a full storage.
        Assert.True(depleted > 5, $"depleted {depleted}");
        Assert.True(saturated > 5, $"saturated {saturated}");
    }

    private sealed class Do(Action body) : IEventHandler
    {
        public void OnEvent(SimTime now, long tag) => body();
    }
}
