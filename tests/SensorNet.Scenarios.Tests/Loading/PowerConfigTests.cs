using SensorNet.Energy.Accounting;
using SensorNet.Energy.Supply;
using SensorNet.Scenarios.Loading;
using SensorNet.Scenarios.Tests.Support;
using SensorNet.SimEngine.Configuration;

namespace SensorNet.Scenarios.Tests.Loading;

/// <summary>The <c>power:</c> block of a node group: brown-out thresholds and the regulator.</summary>
public class PowerConfigTests
{
    private static string SolarMonth => File.ReadAllText(RepoPaths.Example("solar-month.yaml"));

    [Fact]
    public void VoltageThresholds_OnASupercapacitor_AreHalfCVSquared()
    {
        NodeGroupConfig g = ScenarioLoader.Parse(SolarMonth, "s.yaml").Groups[0];

        PowerConfig power = Assert.IsType<PowerConfig>(g.Power);
        BrownOutThresholds t = Assert.IsType<BrownOutThresholds>(power.Thresholds(g.Storage.Create()));
        Assert.Equal(0.5 * 10 * 2.2 * 2.2, t.Shutdown.Value, 12);
        Assert.Equal(0.5 * 10 * 3.0 * 3.0, t.Start.Value, 12);
        var regulator = Assert.IsType<SwitchingRegulator>(power.Regulator!.Create());
        Assert.Equal((3.3, 1.8, 0.9), (regulator.OutputVoltage.Value, regulator.MinimumInputVoltage.Value, regulator.Efficiency(new SimEngine.Quantities.Amperes(1e-3))));
    }

    [Theory]
    [InlineData("20 %", "50 %", 0.2, 0.5)]
    [InlineData("0.5 J", "1 J", 0.5 / 125.0, 1 / 125.0)]
    public void PercentAndJouleThresholds_AreFractionsOfCapacityOrEnergies(string shutdown, string start, double shutdownFraction, double startFraction)
    {
        string text = SolarMonth.Replace("shutdown: 2.2 V", $"shutdown: {shutdown}", StringComparison.Ordinal).Replace("start: 3.0 V", $"start: {start}", StringComparison.Ordinal);

        NodeGroupConfig g = ScenarioLoader.Parse(text, "s.yaml").Groups[0];

        BrownOutThresholds t = g.Power!.Thresholds(g.Storage.Create())!;
        Assert.Equal(125.0 * shutdownFraction, t.Shutdown.Value, 9); // ½ · 10 F · (5 V)² = 125 J
        Assert.Equal(125.0 * startFraction, t.Start.Value, 9);
    }

    [Theory]
    [InlineData("start: 3.0 V", "start: 2.0 V", "nodes[0].power.start", "above the shutdown level")]
    [InlineData("      start: 3.0 V\n", "", "nodes[0].power.start", "both 'shutdown' and 'start'")]
    [InlineData("shutdown: 2.2 V", "shutdown: 1.5 V", "nodes[0].power.shutdown", "minimum input voltage")]
    [InlineData("shutdown: 2.2 V", "shutdown: 2.2 volts", "nodes[0].power.shutdown", "expected a level such as")]
    [InlineData("start: 3.0 V", "start: 6.0 V", "nodes[0].power.start", "rated 5")]
    [InlineData("efficiency: 0.9", "efficiency: 1.2", "nodes[0].power.regulator.efficiency", "(0, 1]")]
    [InlineData("{ kind: buckBoost,", "{ kind: flyback,", "nodes[0].power.regulator.kind", "buckBoost")]
    [InlineData("      shutdown: 2.2 V\n", "      shutdown: 2.2 V\n      hysteresis: 1 V\n", "nodes[0].power.hysteresis", "unknown")]
    public void InvalidPowerBlock_NamesTheFieldAndWhatWasExpected(string from, string to, string path, string expected)
    {
        LoaderAssert.RejectsEdit(SolarMonth, from, to, path, expected);
    }

    [Fact]
    public void EfficiencyCurve_ReplacesTheConstantEfficiency()
    {
        string text = SolarMonth.Replace("efficiency: 0.9,", "efficiencyCurve: [\"1 uA: 0.60\", \"100 uA: 0.80\"],", StringComparison.Ordinal);
        Assert.NotEqual(SolarMonth, text);

        var regulator = Assert.IsType<SwitchingRegulator>(ScenarioLoader.Parse(text, "s.yaml").Groups[0].Power!.Regulator!.Create());

        Assert.Equal(0.6, regulator.Efficiency(new SimEngine.Quantities.Amperes(1e-6)), 12);
        Assert.Equal(0.7, regulator.Efficiency(new SimEngine.Quantities.Amperes(1e-5)), 12); // halfway in log10 current
    }

    [Theory]
    [InlineData("\"1 uA 0.60\"", "'output current: efficiency'")]
    [InlineData("\"100 uA: 0.80\", \"1 uA: 0.60\"", "efficiencyCurve")]
    public void EfficiencyCurve_Invalid_NamesTheField(string points, string expected)
    {
        string text = SolarMonth.Replace("efficiency: 0.9,", $"efficiencyCurve: [{points}],", StringComparison.Ordinal);

        var e = Assert.Throws<ConfigurationException>(() => ScenarioLoader.Parse(text, "s.yaml"));

        Assert.Equal("nodes[0].power.regulator.efficiencyCurve", e.FieldPath);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VoltageThreshold_OnAStorageWithoutAVoltageCurve_AsksForPercentOrJoules()
    {
        string text = SolarMonth.Replace(
            "{ kind: supercapacitor, capacitance: 10 F, maximumVoltage: 5.0 V, minimumVoltage: 1.8 V, initialVoltage: 3.5 V }",
            "{ kind: linearBattery, capacity: 100 mAh, voltage: 3.7 V }",
            StringComparison.Ordinal);
        Assert.NotEqual(SolarMonth, text);

        var e = Assert.Throws<ConfigurationException>(() => ScenarioLoader.Parse(text, "s.yaml"));

        Assert.Equal("nodes[0].power.shutdown", e.FieldPath);
        Assert.Contains("give % or J instead", e.Message, StringComparison.Ordinal);
    }
}
