using SensorNet.Energy.Solar;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.Energy.Tests.Solar;

public class PvPanelTests
{
    [Fact]
    public void PvWattsDc_HandCalculation()
    {
        // 900/1000 · 100 W · (1 − 0.003 · (30 − 25)) = 88.65 W.
        var panel = new PvPanel(new Watts(100), -0.003);

        Assert.Equal(88.65, panel.DcPower(900, 30).Value, 1e-12);
    }

    [Theory]
    [InlineData(100.0, 10.0 - 0.9375)] // err = 0.01·(1 − 0.5⁴) = 0.009375
    [InlineData(200.0, 20.0 - 1.0)] // err = 0.01 (both branches meet)
    [InlineData(600.0, 60.0 - 0.5)] // err = 0.01·400/800
    [InlineData(1000.0, 100.0)] // no loss at STC
    public void MarionLowLight_HandCalculation(double irradiance, double expected)
    {
        var panel = new PvPanel(new Watts(100), -0.004) { LowLightCoefficient = 0.01 };

        Assert.Equal(expected, panel.DcPower(irradiance, 25).Value, 1e-12);
    }

    [Fact]
    public void AreaAndEfficiency_IsPvWattsWithRatedPowerFromArea()
    {
        // 50 cm² at 18 %: P_dc0 = 0.005 · 0.18 · 1000 = 0.9 W.
        PvPanel small = PvPanel.FromAreaAndEfficiency(0.005, 0.18, -0.004);

        Assert.Equal(0.9, small.RatedPower.Value, 1e-12);
        Assert.Equal(0.9 * 0.5, small.DcPower(500, 25).Value, 1e-12);
    }

    [Fact]
    public void OutputPower_UsesCellTemperatureModelAndMppt()
    {
        var panel = new PvPanel(new Watts(100), -0.004) { CellTemperatureModel = new RossCellTemperature(45), MpptEfficiency = 0.9 };

        // Ross at 800 W/m², 20 °C: T_c = 45 °C → 0.8 · 100 · (1 − 0.004 · 20) = 73.6 W, · 0.9 = 66.24 W.
        Assert.Equal(66.24, panel.OutputPower(800, 20, 1).Value, 1e-9);
    }

    [Fact]
    public void Dark_GivesZeroAndNeverNegative()
    {
        var panel = new PvPanel(new Watts(100), -0.004) { LowLightCoefficient = 0.5 };

        Assert.Equal(0.0, panel.DcPower(0, 25).Value);
        Assert.Equal(0.0, panel.DcPower(10, 25).Value); // the loss term exceeds the gain
    }

    [Fact]
    public void InvalidArguments_Throw()
    {
        var panel = new PvPanel(new Watts(100), -0.004);
        Assert.Throws<ArgumentOutOfRangeException>(() => panel.DcPower(-1, 25));
        Assert.Throws<ArgumentOutOfRangeException>(() => panel.DcPower(100, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PvPanel(new Watts(0), -0.004));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PvPanel(new Watts(1), 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PvPanel(new Watts(1), -0.004) { MpptEfficiency = 1.1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => PvPanel.FromAreaAndEfficiency(0.01, 0, -0.004));
    }
}
