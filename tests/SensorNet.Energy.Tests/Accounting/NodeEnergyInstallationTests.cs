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
    public void ReattachConsumers_BringsEveryComponentBackInTheStateItWasAddedIn()
    {
        // The board built at the start boots as built: mcu busy (1 W) and radio idle (1 mW) from 30 s to 50 s.
        var sim = new Simulation();
        var energy = new NodeEnergy(sim, new LinearBattery(new Joules(100), new Joules(50), new Volts(3)));
        StateBasedConsumer mcu = energy.AddConsumer("mcu", Load, 1);
        StateBasedConsumer radio = energy.AddConsumer("radio", Load, 0);
        energy.PowerRestored += _ => energy.ReattachConsumers();

        energy.PowerOnAt(SimTime.FromStart(SimDuration.FromSeconds(30)));
        sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(50)));
        energy.VerifyLedger();

        Assert.True(mcu.IsAttached && radio.IsAttached);
        Assert.Equal((SimDuration.FromSeconds(30), SimDuration.FromSeconds(20)), (mcu.Residency(mcu.OffState), mcu.Residency(1)));
        Assert.Equal((SimDuration.FromSeconds(30), SimDuration.FromSeconds(20)), (radio.Residency(radio.OffState), radio.Residency(0)));
        Assert.Equal((2L, 2L), (mcu.Entries(1), radio.Entries(0))); // each entered when added and again when reattached
        Assert.Equal(50.0 - 20.0 - 0.02, energy.Storage.Stored.Value, 9);
    }

    [Fact]
    public void ReattachConsumers_WhileAComponentIsAttachedOrWithoutPower_IsRefused()
    {
        var sim = new Simulation();
        var energy = new NodeEnergy(sim, new LinearBattery(new Joules(100), new Joules(50), new Volts(3)));
        energy.AddConsumer("mcu", Load, 1);

        Assert.Throws<InvalidOperationException>(energy.ReattachConsumers); // attached and powered
        energy.PowerOnAt(SimTime.FromStart(SimDuration.FromSeconds(10)));
        Assert.Throws<InvalidOperationException>(energy.ReattachConsumers); // awaiting installation
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
