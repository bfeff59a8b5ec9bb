using SensorNet.Energy.Solar;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.Energy.Tests.Solar;

public class AirmassTests
{
    [Theory]
    [InlineData(0.0, 0.9997119918558381)] // hand calculation of Kasten & Young (1989)
    [InlineData(60.0, 1.9942928525292494)]
    [InlineData(89.0, 26.31055506838526)]
    public void KastenYoung_MatchesHandCalculation(double zenithDeg, double expected)
    {
        Assert.Equal(expected, Airmass.KastenYoung(zenithDeg), 1e-12);
    }

    [Fact]
    public void KastenYoung_IsNaNBelowHorizon()
    {
        Assert.True(double.IsNaN(Airmass.KastenYoung(90.5)));
    }

    [Fact]
    public void Absolute_ScalesWithPressure()
    {
        Assert.Equal(2.0, Airmass.Absolute(2.0, Airmass.SeaLevelPressureMbar), 1e-15);
        Assert.Equal(1.0, Airmass.Absolute(2.0, Airmass.SeaLevelPressureMbar / 2), 1e-15);
    }

    [Fact]
    public void StandardPressure_SeaLevelAndOneKilometre()
    {
        Assert.Equal(1013.25, Airmass.StandardPressureMbar(new Meters(0)), 1e-12);
        Assert.Equal(898.7456042735427, Airmass.StandardPressureMbar(new Meters(1000)), 1e-9);
    }
}
