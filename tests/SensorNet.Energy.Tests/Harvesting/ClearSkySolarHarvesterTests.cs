using SensorNet.Energy.Accounting;
using SensorNet.Energy.Harvesting;
using SensorNet.Energy.Solar;
using SensorNet.Energy.Storage;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy.Tests.Harvesting;

public class ClearSkySolarHarvesterTests
{
    // Golden, Colorado (the SPA reference site), local midnight of 17 October 2003 (UTC−7).
    private static readonly SolarSite Golden = new(39.742476, -105.1786, new Meters(1830.14));
    private static readonly DateTimeOffset Midnight = new(2003, 10, 17, 0, 0, 0, TimeSpan.FromHours(-7));

    private static ClearSkySolarHarvester Harvester(SimDuration step) =>
        new(Golden, Midnight, PvPanel.FromAreaAndEfficiency(0.01, 0.2, -0.004), PanelOrientation.FromSpaRotation(30, 0), step);

    private static double DailyEnergyJ(ClearSkySolarHarvester h)
    {
        double joules = 0;
        SimTime t = SimTime.Zero;
        SimTime end = SimTime.FromStart(SimDuration.FromDays(1));
        while (t < end)
        {
            SimTime next = SimTime.Min(h.NextChange(t)!.Value, end);
            joules += (h.PowerAt(t) * (next - t)).Value;
            t = next;
        }

        return joules;
    }

    [Fact]
    public void Power_IsZeroAtNight_AndPeaksNearSolarNoon()
    {
        ClearSkySolarHarvester h = Harvester(SimDuration.FromMinutes(5));

        Assert.Equal(Watts.Zero, h.PowerAt(SimTime.FromStart(SimDuration.FromHours(2))));
        Assert.Equal(Watts.Zero, h.PowerAt(SimTime.FromStart(SimDuration.FromHours(22))));
        double noon = h.PowerAt(SimTime.FromStart(SimDuration.FromMinutes((12 * 60) + 30))).Value;
        double morning = h.PowerAt(SimTime.FromStart(SimDuration.FromHours(9))).Value;
        // A 100 cm² panel at 20 % under ~1 000 W/m² of clear-sky POA gives about 2 W at noon.
        Assert.InRange(noon, 1.5, 2.3);
        Assert.True(morning > 0 && morning < noon);
    }

    [Fact]
    public void DailyEnergy_IsInsensitiveToTheStep()
    {
        double fine = DailyEnergyJ(Harvester(SimDuration.FromMinutes(1)));
        double coarse = DailyEnergyJ(Harvester(SimDuration.FromMinutes(15)));

        // A clear October day at 40° N on a 30° south-facing panel receives 4–8 kWh/m² in its plane; the panel turns
        // 0.01 m² × 20 % of it into power: 4–8 × 3.6 MJ × 0.002 = 28.8–57.6 kJ.
        Assert.InRange(fine, 4 * 3.6e6 * 0.002, 8 * 3.6e6 * 0.002);
        Assert.Equal(fine, coarse, fine * 0.01);
    }

    [Fact]
    public void Node_OnSolar_ChargesByDayAndDischargesByNight()
    {
        var sim = new Simulation();
        var energy = new NodeEnergy(sim, new LinearBattery(new Joules(200_000), new Joules(5_000), new Volts(3.7)));
        energy.AddConsumer("load", new PowerStateTable("load", [new("on", new Watts(0.05))], "test"));
        energy.AddHarvester(Harvester(SimDuration.FromMinutes(5)));

        var stored = new List<double>();
        for (int hour = 1; hour <= 48; hour++)
        {
            sim.RunUntil(SimTime.FromStart(SimDuration.FromHours(hour)));
            energy.Update();
            stored.Add(energy.Storage.Stored.Value);
        }

        energy.VerifyLedger();
        // stored[i] is the energy at hour i + 1. Between 01:00 and 06:00 only the 50 mW load acts: −900 J.
        Assert.Equal(-0.05 * 3600 * 5, stored[5] - stored[0], 1e-6);
        // Midday charging on both days (09:00 → 15:00), night discharging again on the second night.
        Assert.True(stored[14] > stored[8]);
        Assert.True(stored[24 + 14] > stored[24 + 8]);
        Assert.Equal(-0.05 * 3600 * 4, stored[24 + 5] - stored[24 + 1], 1e-6);
    }
}
