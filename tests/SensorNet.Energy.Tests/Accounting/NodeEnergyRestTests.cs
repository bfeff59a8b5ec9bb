using SensorNet.Energy.Accounting;
using SensorNet.Energy.Storage;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy.Tests.Accounting;

public class NodeEnergyRestTests
{
    [Fact]
    public void LeakingSupercapacitor_SleepLoad_BrownsOutAtTheClosedFormTime()
    {
        // 10 F from 5 V to V_min 2 V, leakage R = 100 Ω, a 1 mW sleep load: E(t) = −pτ + (E₀ + pτ)e^(−t/τ) with
        // τ = RC/2 = 500 s, E₀ = 125 J, E_min = 20 J, pτ = 0.5 J → t = 500 · ln(125.5 / 20.5) = 905.9744 s.
        var sim = new Simulation();
        var cap = new Supercapacitor(10, new Volts(5), new Volts(2), new Volts(5)) { LeakageResistanceOhms = 100 };
        var energy = new NodeEnergy(sim, cap);
        energy.AddConsumer("mcu", new PowerStateTable("mcu", [new("sleep", new Watts(0.001))], "test"));

        sim.RunUntil(SimTime.FromStart(SimDuration.FromMinutes(30)));

        Assert.False(energy.IsPowered);
        Assert.Equal(500 * Math.Log(125.5 / 20.5), energy.DepletedAt!.Value.TotalSeconds, 1e-6);
        energy.VerifyLedger();
    }

    [Fact]
    public void Kibam_AfterBrownout_AvailableChargeRecoversWhileTheNodeIsOff()
    {
        // A heavy load empties the available well; with the node off (no draw, no harvest) the wells equalise, which
        // only happens if the node applies the rest intervals to the storage.
        var sim = new Simulation();
        var battery = new KibamBattery(0.01, 0.4, 0.8, new Volts(3.0));
        var energy = new NodeEnergy(sim, battery);
        energy.AddConsumer("load", new PowerStateTable("load", [new("heavy", new Watts(1.0))], "test"));

        sim.RunUntil(SimTime.FromStart(SimDuration.FromHours(1)));
        Assert.False(energy.IsPowered);
        double atBrownout = battery.AvailableChargeAmpereHours;
        sim.RunUntil(SimTime.FromStart(SimDuration.FromHours(3)));
        energy.Update();

        Assert.True(battery.AvailableChargeAmpereHours > atBrownout + 1e-4, $"{atBrownout} → {battery.AvailableChargeAmpereHours}");
        energy.VerifyLedger();
    }
}
