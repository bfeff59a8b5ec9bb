using SensorNet.Energy.Solar;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.Energy.Tests.Solar;

public class ClearSkyTests
{
    [Theory]
    [InlineData(30.0, 487.894132885425)] // pvlib test_haurwitz (apparent elevation 30°)
    [InlineData(90.0, 1035.09203253450)] // pvlib test_haurwitz (apparent elevation 90°)
    public void Haurwitz_MatchesPvlibVectors(double apparentElevationDeg, double expectedGhi)
    {
        Assert.Equal(expectedGhi, ClearSky.HaurwitzGhi(90.0 - apparentElevationDeg), 1e-9);
    }

    [Theory]
    [InlineData(90.0)]
    [InlineData(120.0)]
    public void Haurwitz_IsZeroAtAndBelowTheHorizon(double zenithDeg)
    {
        Assert.Equal(0.0, ClearSky.HaurwitzGhi(zenithDeg));
    }

    [Fact]
    public void Ineichen_MatchesPvlibScalarVector()
    {
        // pvlib test_ineichen_scalar_input: z 10°, AM 1, TL 3, altitude 0, I0 1364 W/m².
        ClearSkyIrradiance cs = ClearSky.Ineichen(10, 1, 3, new Meters(0), 1364);

        Assert.Equal(1038.159219, cs.GhiWm2, 1e-6);
        Assert.Equal(942.2081860378344, cs.DniWm2, 1e-9);
        Assert.Equal(110.26529293612793, cs.DhiWm2, 1e-9);
    }

    [Fact]
    public void Ineichen_ComponentsCloseAndDarkBelowHorizon()
    {
        ClearSkyIrradiance cs = ClearSky.Ineichen(50, Airmass.KastenYoung(50), 3.5, new Meters(1500));
        ClearSkyIrradiance night = ClearSky.Ineichen(95, double.NaN, 3.5);

        Assert.Equal(cs.GhiWm2, cs.DhiWm2 + (cs.DniWm2 * Math.Cos(50 * Math.PI / 180)), 1e-9);
        Assert.True(cs.DniWm2 > 0 && cs.DhiWm2 > 0);
        Assert.Equal(ClearSkyIrradiance.Dark, night);
    }

    [Fact]
    public void Ineichen_HigherTurbidityGivesLessBeam()
    {
        ClearSkyIrradiance clean = ClearSky.Ineichen(30, 1.15, 2);
        ClearSkyIrradiance hazy = ClearSky.Ineichen(30, 1.15, 6);

        Assert.True(hazy.DniWm2 < clean.DniWm2);
        Assert.True(hazy.GhiWm2 < clean.GhiWm2);
    }

    [Fact]
    public void Ineichen_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ClearSky.Ineichen(10, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClearSky.Ineichen(10, -1, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClearSky.Ineichen(10, 1, 3, dniExtraWm2: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClearSky.HaurwitzGhi(double.NaN));
    }
}
