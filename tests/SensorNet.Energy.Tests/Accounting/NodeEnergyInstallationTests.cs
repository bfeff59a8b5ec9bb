using SensorNet.Energy.Accounting;
using SensorNet.Energy.Consumers;
using SensorNet.Energy.Harvesting;
using SensorNet.Energy.Storage;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy.Tests.Accounting;

/// <summary><see cref="NodeEnergy.PowerOnAt"/>: a node installed later in the run.</summary>
public class NodeEnergyInstallationTests
{
    private static readonly PowerStateTable Load = new("load", [new("idle", new Watts(0.001)), new("busy", new Watts(1.0))], "test");

    [Fact]
    public void UntilInstalled_NothingDraws_ThenPowerComesOnWithoutCountingAnOutage()
    {
        // Off for 30 s, then busy at 1 W for 20 s; the 0.1 W harvest charges throughout: 50 + 0.1 × 50 − 20 = 35 J.
        var sim = new Simulation();
        var energy = new NodeEnergy(sim, new LinearBattery(new Joules(100), new Joules(50), new Volts(3)), new BrownOutThresholds(new Joules(10), new Joules(20)));
        StateBasedConsumer mcu = energy.AddConsumer("mcu", Load, 1);
        energy.AddHarvester(new ConstantHarvester(new Watts(0.1)));
        var restored = new List<SimTime>();
        energy.PowerRestored += t =>
        {
            restored.Add(t);
            energy.AddConsumer("mcu", Load, 1); // the board built at installation reattaches its component
        };

        energy.PowerOnAt(SimTime.FromStart(SimDuration.FromSeconds(30)));
        sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(50)));
        energy.VerifyLedger();

        Assert.Equal([SimTime.FromStart(SimDuration.FromSeconds(30))], restored);
        Assert.True(energy.IsPowered);
        Assert.Equal((0, 0), (energy.Outages, energy.Restarts));
        Assert.Equal(SimDuration.Zero, energy.Downtime);
        Assert.Null(energy.DepletedAt);
        Assert.Equal(SimDuration.FromSeconds(30), mcu.Residency(mcu.OffState));
        Assert.Equal(SimDuration.FromSeconds(20), mcu.Residency(1));
        Assert.Equal(35.0, energy.Storage.Stored.Value, 9);
    }

    [Fact]
    public void OnlyOnce_AndNeverInThePast()
    {
        var sim = new Simulation();
        var energy = new NodeEnergy(sim, new LinearBattery(new Joules(100), new Joules(50), new Volts(3)));
        energy.AddConsumer("mcu", Load, 1);
        sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(5)));

        Assert.Throws<ArgumentOutOfRangeException>(() => energy.PowerOnAt(SimTime.FromStart(SimDuration.FromSeconds(1))));
        energy.PowerOnAt(SimTime.FromStart(SimDuration.FromSeconds(10)));
        Assert.Throws<InvalidOperationException>(() => energy.PowerOnAt(SimTime.FromStart(SimDuration.FromSeconds(20))));
    }
}
