using SensorNet.Energy.Accounting;
using SensorNet.Energy.Harvesting;
using SensorNet.Energy.Solar;
using SensorNet.Energy.Storage;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy.Tests.Harvesting;

public class IrradianceTraceHarvesterTests
{
    private static readonly PvPanel Panel = new(new Watts(1.0), -0.004);

    private static SimTime Hours(double h) => SimTime.FromStart(SimDuration.FromMinutes((long)(h * 60)));

    private static IrradianceSample[] Trace() =>
    [
        new(Hours(0), 0, 12),
        new(Hours(6), 200, 15),
        new(Hours(9), 800, 22),
        new(Hours(12), 1000, 28),
        new(Hours(15), 300, 26),
        new(Hours(18), 0, 20),
    ];

    [Fact]
    public void EachRecord_HoldsUntilTheNext_WithThePanelsOutputForItsIrradianceAndTemperature()
    {
        var h = new IrradianceTraceHarvester(Trace(), Panel, windSpeedMs: 2);

        Assert.Equal(Watts.Zero, h.PowerAt(Hours(3)));
        Assert.Equal(Panel.OutputPower(800, 22, 2), h.PowerAt(Hours(9)));
        Assert.Equal(Panel.OutputPower(800, 22, 2), h.PowerAt(Hours(11.9)));
        Assert.Equal(Panel.OutputPower(1000, 28, 2), h.PowerAt(Hours(12)));
        Assert.Equal(Hours(12), h.NextChange(Hours(9)));
        Assert.Equal(Hours(6), h.NextChange(SimTime.Zero));
        Assert.Null(h.NextChange(Hours(20)));
        Assert.True(Panel.OutputPower(1000, 28, 2).Value is > 0.8 and < 1.0, "1 kW/m² on a 1 W panel, a little above 25 °C");
    }

    [Fact]
    public void InANode_TheHarvestedEnergyIsTheSumOfPowerTimesRecordLength()
    {
        var sim = new Simulation();
        var energy = new NodeEnergy(sim, new LinearBattery(new Joules(100_000), new Joules(1), new Volts(3.7)));
        energy.AddHarvester(new IrradianceTraceHarvester(Trace(), Panel));

        sim.RunUntil(Hours(24));
        energy.Update();

        double expected = 3 * 3600 * (Panel.OutputPower(200, 15, 1) + Panel.OutputPower(800, 22, 1) + Panel.OutputPower(1000, 28, 1) + Panel.OutputPower(300, 26, 1)).Value;
        Assert.Equal(expected, energy.Harvested.Value, 1e-9 * expected);
        energy.VerifyLedger();
    }

    [Theory]
    [InlineData(1, 0.0)]  // the first record is not at 0
    [InlineData(0, -1.0)] // negative irradiance
    [InlineData(2, 0.0)]  // times not increasing
    public void InvalidTrace_IsRejected(int flaw, double irradiance)
    {
        IrradianceSample[] trace = flaw switch
        {
            1 => [new(Hours(1), 0, 20)],
            2 => [new(Hours(0), 0, 20), new(Hours(2), 10, 20), new(Hours(2), 20, 20)],
            _ => [new(Hours(0), irradiance, 20)],
        };

        Assert.Throws<ArgumentException>(() => new IrradianceTraceHarvester(trace, Panel));
    }

    [Fact]
    public void GhiTrace_OnAHorizontalPanel_HarvestsThePanelsOutputForTheGhiItself()
    {
        // Closure: a horizontal panel receives DNI·cos z + DHI = GHI whatever Erbs's split, ground reflection being 0.
        var site = new SolarSite(37.87, -122.27, new Meters(50));
        var start = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.FromHours(-7));
        IrradianceTraceHarvester h = IrradianceTraceHarvester.FromGlobalHorizontal(Trace(), Panel, site, start, PanelOrientation.Horizontal, windSpeedMs: 2);

        Assert.Equal(Panel.OutputPower(800, 22, 2).Value, h.PowerAt(Hours(10)).Value, 1e-9);
        Assert.Equal(Panel.OutputPower(300, 26, 2).Value, h.PowerAt(Hours(15)).Value, 1e-9);
        Assert.Equal(Hours(12), h.NextChange(Hours(9)));
    }

    [Fact]
    public void GhiTrace_OnATiltedPanel_UsesTheSunAtEachRecordsInstant()
    {
        var site = new SolarSite(37.87, -122.27, new Meters(50));
        var start = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.FromHours(-7));
        var tilted = new PanelOrientation(30, 180);
        IrradianceTraceHarvester h = IrradianceTraceHarvester.FromGlobalHorizontal(Trace(), Panel, site, start, tilted);

        // The 09:00 record (800 W/m², 22 °C): Sun at 09:00 local, Erbs split with the true zenith, isotropic transposition.
        DateTimeOffset nine = start.AddHours(9);
        SolarPositionResult sun = SolarPosition.Compute(nine, site, 69);
        double zenith = 90 - sun.ElevationUncorrectedDeg;
        DecomposedIrradiance parts = Erbs.Decompose(800, zenith, 153);
        double poa = PlaneOfArray.Isotropic(tilted, zenith, sun.AzimuthDeg, 800, parts.DniWm2, parts.DhiWm2).GlobalWm2;

        Assert.Equal(Panel.OutputPower(poa, 22, 1).Value, h.PowerAt(Hours(11)).Value, 1e-12);
        Assert.NotEqual(Panel.OutputPower(800, 22, 1).Value, h.PowerAt(Hours(11)).Value, 1e-3);
    }
}
