using SensorNet.Energy.Supply;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.Energy.Tests.Supply;

public class SwitchingRegulatorTests
{
    // TPS63900-like buck-boost, 1.8 V out, 75 nA quiescent current, with a three-point efficiency curve.
    private static readonly EfficiencyPoint[] Curve =
    [
        new(Amperes.FromMicroamperes(1), 0.60),
        new(Amperes.FromMicroamperes(100), 0.80),
        new(Amperes.FromMilliamperes(10), 0.90),
    ];

    private static readonly SwitchingRegulator BuckBoost = SwitchingRegulator.WithEfficiencyCurve(
        Topology.BuckBoost, new Volts(1.8), new Volts(1.8), Amperes.FromMicroamperes(0.075), Curve);

    // TPS62840-like buck, 1.8 V out from at least 2.0 V, 60 nA quiescent current, 90 % at every load.
    private static readonly SwitchingRegulator Buck = SwitchingRegulator.WithConstantEfficiency(
        Topology.Buck, new Volts(1.8), new Volts(2.0), Amperes.FromMicroamperes(0.06), 0.9);

    [Fact]
    public void ConstantEfficiency_InputIsLoadOverEtaPlusQuiescentDraw()
    {
        // 9 mW / 0.9 + 3.0 V · 60 nA = 0.01 + 1.8e-7 W.
        Assert.Equal(0.01000018, Buck.InputPower(new Watts(0.009), new Volts(3.0)).Value, 1e-15);
        Assert.Equal(0.9, Buck.Efficiency(Amperes.FromMicroamperes(1)));
        Assert.Equal(0.9, Buck.Efficiency(new Amperes(1)));
        Assert.Equal("buck", Buck.Kind);
        Assert.Equal(2.0, Buck.MinimumInputVoltage.Value);
    }

    [Fact]
    public void ZeroLoad_DrawsOnlyTheQuiescentCurrent_AtTheInputVoltage()
    {
        // 3.0 V · 60 nA and 4.0 V · 60 nA.
        Assert.Equal(1.8e-7, Buck.InputPower(Watts.Zero, new Volts(3.0)).Value, 1e-20);
        Assert.Equal(2.4e-7, Buck.InputPower(Watts.Zero, new Volts(4.0)).Value, 1e-20);
        Assert.True(Buck.InputDependsOnVoltage);
    }

    [Fact]
    public void WithoutQuiescentCurrent_InputDoesNotDependOnVoltage()
    {
        SwitchingRegulator ideal = SwitchingRegulator.WithConstantEfficiency(Topology.Boost, new Volts(3.3), new Volts(0.7), new Amperes(0), 0.8);

        // 8 mW / 0.8 at any input voltage.
        Assert.False(ideal.InputDependsOnVoltage);
        Assert.Equal(0.01, ideal.InputPower(new Watts(0.008), new Volts(1.2)).Value, 1e-15);
        Assert.Equal(0.01, ideal.InputPower(new Watts(0.008), new Volts(2.4)).Value, 1e-15);
        Assert.Equal("boost", ideal.Kind);
    }

    [Fact]
    public void Curve_BetweenPoints_IsLinearInLog10Current()
    {
        // 20 µA lies between 1 µA (log10 −6, 60 %) and 100 µA (log10 −4, 80 %):
        // log10(20e-6) = log10(2) − 5 = −4.69897, t = (−4.69897 + 6) / 2 = 0.650515, η = 0.6 + 0.650515 · 0.2 = 0.730103.
        double t = (Math.Log10(2) - 5 + 6) / 2;
        double eta = 0.6 + (t * (0.8 - 0.6));
        Assert.Equal(0.730103, eta, 1e-6);
        Assert.Equal(eta, BuckBoost.Efficiency(Amperes.FromMicroamperes(20)), 1e-12);

        // 20 µA at 1.8 V is 36 µW: 36e-6 / 0.730103 + 3.0 V · 75 nA = 4.930811e-5 + 2.25e-7 = 4.953311e-5 W.
        Assert.Equal(4.953311e-5, BuckBoost.InputPower(new Watts(36e-6), new Volts(3.0)).Value, 1e-11);
    }

    [Fact]
    public void Curve_AtAPoint_IsThatPointsEfficiency()
    {
        Assert.Equal(0.8, BuckBoost.Efficiency(Amperes.FromMicroamperes(100)), 1e-15);
        Assert.Equal(0.85, BuckBoost.Efficiency(Amperes.FromMilliamperes(1)), 1e-12); // midway in log10: −3 between −4 and −2
    }

    [Theory]
    [InlineData(0.0, 0.60)] // no load: below the first point
    [InlineData(1e-7, 0.60)] // 0.1 µA: below the first point
    [InlineData(1e-6, 0.60)] // the first point
    [InlineData(1e-2, 0.90)] // the last point
    [InlineData(0.5, 0.90)] // 500 mA: above the last point
    public void Curve_OutsideItsEnds_IsHeldFlat(double currentA, double expected)
    {
        Assert.Equal(expected, BuckBoost.Efficiency(new Amperes(currentA)));
    }

    [Fact]
    public void Curve_ZeroLoad_DrawsOnlyTheQuiescentCurrent()
    {
        // 3.0 V · 75 nA.
        Assert.Equal(2.25e-7, BuckBoost.InputPower(Watts.Zero, new Volts(3.0)).Value, 1e-20);
        Assert.Equal("buckBoost", BuckBoost.Kind);
    }

    [Fact]
    public void InvalidParameters_ThrowNamingTheParameter()
    {
        Volts vout = new(1.8);
        Volts vmin = new(2.0);
        Amperes iq = Amperes.FromMicroamperes(0.06);

        ArgumentAssert.ThrowsNaming("efficiency", () => SwitchingRegulator.WithConstantEfficiency(Topology.Buck, vout, vmin, iq, 0.0));
        ArgumentAssert.ThrowsNaming("efficiency", () => SwitchingRegulator.WithConstantEfficiency(Topology.Buck, vout, vmin, iq, 1.1));
        ArgumentAssert.ThrowsNaming("efficiency", () => SwitchingRegulator.WithConstantEfficiency(Topology.Buck, vout, vmin, iq, double.NaN));
        ArgumentAssert.ThrowsNaming("outputVoltage", () => SwitchingRegulator.WithConstantEfficiency(Topology.Buck, new Volts(0), vmin, iq, 0.9));
        ArgumentAssert.ThrowsNaming("minimumInputVoltage", () => SwitchingRegulator.WithConstantEfficiency(Topology.Boost, vout, new Volts(-1), iq, 0.9));
        ArgumentAssert.ThrowsNaming("minimumInputVoltage", () => SwitchingRegulator.WithConstantEfficiency(Topology.Buck, vout, new Volts(1.5), iq, 0.9));
        ArgumentAssert.ThrowsNaming("quiescentCurrent", () => SwitchingRegulator.WithConstantEfficiency(Topology.Buck, vout, vmin, new Amperes(-1e-9), 0.9));
        ArgumentAssert.ThrowsNaming("topology", () => SwitchingRegulator.WithConstantEfficiency((Topology)7, vout, vmin, iq, 0.9));
        ArgumentAssert.ThrowsNaming("load", () => Buck.InputPower(new Watts(-1e-3), new Volts(3.0)));
        ArgumentAssert.ThrowsNaming("input", () => Buck.InputPower(new Watts(1e-3), new Volts(0)));
        ArgumentAssert.ThrowsNaming("outputCurrent", () => Buck.Efficiency(new Amperes(-1e-3)));
    }

    [Theory]
    [InlineData(0.0, 0.6, 1e-4, 0.8)] // a current of 0
    [InlineData(1e-4, 0.6, 1e-4, 0.8)] // currents not strictly increasing
    [InlineData(1e-4, 0.6, 1e-6, 0.8)] // currents decreasing
    [InlineData(1e-6, 0.0, 1e-4, 0.8)] // an efficiency of 0
    [InlineData(1e-6, 0.6, 1e-4, 1.5)] // an efficiency above 1
    public void InvalidCurve_ThrowsNamingTheCurve(double i1, double eta1, double i2, double eta2)
    {
        EfficiencyPoint[] curve = [new(new Amperes(i1), eta1), new(new Amperes(i2), eta2)];

        ArgumentAssert.ThrowsNaming("efficiencyCurve", () => SwitchingRegulator.WithEfficiencyCurve(Topology.BuckBoost, new Volts(1.8), new Volts(1.8), new Amperes(0), curve));
    }

    [Fact]
    public void EmptyCurve_ThrowsNamingTheCurve()
    {
        ArgumentAssert.ThrowsNaming("efficiencyCurve", () => SwitchingRegulator.WithEfficiencyCurve(Topology.BuckBoost, new Volts(1.8), new Volts(1.8), new Amperes(0), []));
    }
}
