using SensorNet.Energy.Supply;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.Energy.Tests.Supply;

public class LinearRegulatorTests
{
    // TPS7A02-like: 1.8 V out, 25 nA ground current, 100 mV dropout.
    private static readonly LinearRegulator Ldo = new(new Volts(1.8), Amperes.FromMicroamperes(0.025), new Volts(0.1));

    [Theory]
    [InlineData(0.018, 3.0, 0.030000075)] // 10 mA load: 3.0 V · (0.018 W / 1.8 V + 25 nA) = 3.0 · 0.010000025 A
    [InlineData(0.018, 2.0, 0.02000005)] // same load, lower input: 2.0 · 0.010000025 A
    [InlineData(1.8e-6, 3.6, 3.69e-6)] // 1 µA load: 3.6 V · (1 µA + 0.025 µA) = 3.6 · 1.025e-6
    [InlineData(0.0, 3.0, 7.5e-8)] // no load: 3.0 V · 25 nA
    public void InputPower_IsInputVoltageTimesLoadPlusGroundCurrent(double loadW, double inputV, double expectedW)
    {
        Assert.Equal(expectedW, Ldo.InputPower(new Watts(loadW), new Volts(inputV)).Value, 1e-15);
    }

    [Fact]
    public void Efficiency_IsOutputOverInputVoltage_AtLoadsFarAboveIq_AndLowerAtLightLoad()
    {
        // 10 mA at 3.0 V in: 0.018 / 0.030000075 = 0.5999985 ≈ V_out / V_in = 0.6.
        double heavy = 0.018 / Ldo.InputPower(new Watts(0.018), new Volts(3.0)).Value;
        Assert.Equal(0.5999985, heavy, 1e-7);

        // 1 µA at 3.6 V in: 1.8e-6 / 3.69e-6 = 0.487805, below V_out / V_in = 0.5 because of the 25 nA.
        double light = 1.8e-6 / Ldo.InputPower(new Watts(1.8e-6), new Volts(3.6)).Value;
        Assert.Equal(0.487805, light, 1e-6);
    }

    [Fact]
    public void MinimumInput_IsOutputPlusDropout()
    {
        // 1.8 V + 0.1 V.
        Assert.Equal(1.9, Ldo.MinimumInputVoltage.Value, 1e-12);
        Assert.Equal(1.8, Ldo.OutputVoltage.Value);
        Assert.Equal("ldo", Ldo.Kind);
        Assert.True(Ldo.InputDependsOnVoltage);
    }

    [Fact]
    public void InvalidArguments_ThrowNamingTheParameter()
    {
        Amperes iq = Amperes.FromMicroamperes(0.025);

        ArgumentAssert.ThrowsNaming("outputVoltage", () => _ = new LinearRegulator(new Volts(0), iq, new Volts(0.1)));
        ArgumentAssert.ThrowsNaming("quiescentCurrent", () => _ = new LinearRegulator(new Volts(1.8), new Amperes(-1e-9), new Volts(0.1)));
        ArgumentAssert.ThrowsNaming("dropoutVoltage", () => _ = new LinearRegulator(new Volts(1.8), iq, new Volts(double.NaN)));
        ArgumentAssert.ThrowsNaming("load", () => Ldo.InputPower(new Watts(-1e-3), new Volts(3.0)));
        ArgumentAssert.ThrowsNaming("load", () => Ldo.InputPower(new Watts(double.PositiveInfinity), new Volts(3.0)));
        ArgumentAssert.ThrowsNaming("load", () => Ldo.InputPower(new Watts(double.NaN), new Volts(3.0)));
        ArgumentAssert.ThrowsNaming("input", () => Ldo.InputPower(new Watts(1e-3), new Volts(0)));
        ArgumentAssert.ThrowsNaming("input", () => Ldo.InputPower(new Watts(1e-3), new Volts(-3.0)));
    }
}
