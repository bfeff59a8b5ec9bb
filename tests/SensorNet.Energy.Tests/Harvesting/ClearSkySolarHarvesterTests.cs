using SensorNet.Energy.Accounting;
using SensorNet.Energy.Harvesting;
using SensorNet.Energy.Solar;
using SensorNet.Energy.Storage;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy.Tests.Harvesting;

public class ClearSkySolarHarvesterTests
{
    // Golden, Colorado (the SPA reference site), local midnight of 17 October 2003 (UTC−7).
    private static readonly SolarSite Golden = new(39.742476, -105.1786, new Meters(1830.14));
    private static readonly DateTimeOffset Midnight = new(2003, 10, 17, 0, 0, 0, TimeSpan.FromHours(-7));

    private static ClearSkySolarHarvester Harvester(SimDuration step) =>
        new(Golden, Midnight, PvPanel.FromAreaAndEfficiency(0.01, 0.2, -0.004), PanelOrientation.FromSpaRotation(30, 0), step);

    private static readonly PvPanel SmallPanel = PvPanel.FromAreaAndEfficiency(0.01, 0.2, -0.004);

    private static CloudCover Clouds(ulong seed, double meanOktas, double persistence, SimDuration step) =>
        new(new RngStreams(seed, 0).For(RngStreams.NetworkWide, RngPurpose.HarvesterWeather), meanOktas, persistence, step);

    private static ClearSkySolarHarvester Cloudy(PanelOrientation orientation, CloudCover? clouds) =>
        new(Golden, Midnight, SmallPanel, orientation, SimDuration.FromMinutes(5), clouds: clouds);

    private static double[] PowerSeries(ClearSkySolarHarvester h, SimDuration every, int count) =>
        [.. Enumerable.Range(0, count).Select(i => h.PowerAt(SimTime.FromStart(every * i)).Value)];

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

    [Fact]
    public void Overcast_HarvestsLessThanClearSky()
    {
        // Mean 8 oktas: Binomial(8, 1) is always 8, so every hour is overcast and GHI is 25 % of the clear sky's.
        ClearSkySolarHarvester overcast = Cloudy(PanelOrientation.FromSpaRotation(30, 0), Clouds(1, 8, 0.5, SimDuration.FromHours(1)));
        ClearSkySolarHarvester clear = Cloudy(PanelOrientation.FromSpaRotation(30, 0), null);
        SimTime noon = SimTime.FromStart(SimDuration.FromMinutes((12 * 60) + 30));

        Assert.InRange(overcast.PowerAt(noon).Value, 0.1 * clear.PowerAt(noon).Value, 0.5 * clear.PowerAt(noon).Value);
        Assert.True(DailyEnergyJ(overcast) < 0.5 * DailyEnergyJ(clear));
    }

    [Fact]
    public void NoClouds_OnAHorizontalPanel_EqualsTheClearSky()
    {
        // 0 oktas keeps the clear-sky GHI (Kasten–Czeplak factor 1). Erbs splits it differently from Ineichen, but a
        // horizontal panel receives DNI·cos z + DHI = GHI with either split, so the power must agree.
        ClearSkySolarHarvester none = Cloudy(PanelOrientation.Horizontal, Clouds(1, 0, 1, SimDuration.FromHours(1)));
        ClearSkySolarHarvester clear = Cloudy(PanelOrientation.Horizontal, null);

        double[] a = PowerSeries(none, SimDuration.FromMinutes(5), 288);
        double[] b = PowerSeries(clear, SimDuration.FromMinutes(5), 288);
        Assert.All(Enumerable.Range(0, 288), i => Assert.Equal(b[i], a[i], 1e-12 + (1e-9 * b[i])));
        Assert.Contains(a, p => p > 1);
    }

    [Fact]
    public void NoClouds_OnATiltedPanel_IsTheErbsIsotropicTranspositionOfTheClearSkyGhi()
    {
        // What the test pins down: with clouds configured, the tilted panel sees Ineichen's GHI re-split by Erbs (not
        // Ineichen's own DNI/DHI), transposed isotropically with the true zenith, at the step's midpoint.
        PanelOrientation tilted = PanelOrientation.FromSpaRotation(30, 0);
        ClearSkySolarHarvester none = Cloudy(tilted, Clouds(1, 0, 1, SimDuration.FromHours(1)));
        DateTimeOffset midpoint = Midnight.AddMinutes((12 * 60) + 2.5);

        SolarPositionResult sun = SolarPosition.Compute(midpoint, Golden, 69);
        ClearSkyIrradiance sky = ClearSky.Ineichen(sun.ZenithDeg, Airmass.Absolute(Airmass.KastenYoung(sun.ZenithDeg), Golden.PressureMbar), 3.0, Golden.Elevation);
        double trueZenith = 90 - sun.ElevationUncorrectedDeg;
        DecomposedIrradiance parts = Erbs.Decompose(sky.GhiWm2, trueZenith, midpoint.UtcDateTime.DayOfYear);
        double poa = PlaneOfArray.Isotropic(tilted, trueZenith, sun.AzimuthDeg, sky.GhiWm2, parts.DniWm2, parts.DhiWm2).GlobalWm2;

        Assert.Equal(SmallPanel.OutputPower(poa, 20, 1).Value, none.PowerAt(SimTime.FromStart(SimDuration.FromHours(12))).Value, 1e-12);
        Assert.NotEqual(Cloudy(tilted, null).PowerAt(SimTime.FromStart(SimDuration.FromHours(12))).Value, none.PowerAt(SimTime.FromStart(SimDuration.FromHours(12))).Value, 1e-6);
    }

    [Fact]
    public void SameSeed_GivesTheSamePowerSeries_AndAnotherSeedAnother()
    {
        double[] Run(ulong seed) => PowerSeries(Cloudy(PanelOrientation.FromSpaRotation(30, 0), Clouds(seed, 4, 0.7, SimDuration.FromHours(1))), SimDuration.FromMinutes(5), 2 * 288);

        Assert.Equal(Run(21), Run(21));
        Assert.NotEqual(Run(21), Run(22));
    }

    [Fact]
    public void NextChange_IsTheEarlierOfTheSunAndCloudSteps_AndPowerIsConstantBetweenChanges()
    {
        // Sun steps of 5 min, cloud steps of 7 min: boundaries at 5, 7, 10, 14, 15, 20, 21, … minutes.
        ClearSkySolarHarvester h = Cloudy(PanelOrientation.FromSpaRotation(30, 0), Clouds(3, 4, 0.2, SimDuration.FromMinutes(7)));
        SimTime Minutes(long m) => SimTime.FromStart(SimDuration.FromMinutes(m));

        Assert.Equal(Minutes(5), h.NextChange(Minutes(0)));
        Assert.Equal(Minutes(7), h.NextChange(Minutes(6)));
        Assert.Equal(Minutes(10), h.NextChange(Minutes(7)));
        Assert.Equal(Minutes(14), h.NextChange(Minutes(10)));
        Assert.Equal(Minutes(15), h.NextChange(Minutes(14)));

        SimTime t = Minutes(10 * 60);
        while (t < Minutes(14 * 60))
        {
            SimTime next = h.NextChange(t)!.Value;
            Assert.Equal(h.PowerAt(t), h.PowerAt(next - SimDuration.FromNanoseconds(1)));
            t = next;
        }
    }
}
