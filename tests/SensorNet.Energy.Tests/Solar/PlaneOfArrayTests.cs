using SensorNet.Energy.Solar;

namespace SensorNet.Energy.Tests.Solar;

public class PlaneOfArrayTests
{
    private const double Zenith = 35.0;
    private const double SunAzimuth = 150.0;

    // A self-consistent clear-sky triple: GHI = DHI + DNI·cos z.
    private static readonly ClearSkyIrradiance Sky = ClearSky.Ineichen(Zenith, Airmass.KastenYoung(Zenith), 3);

    [Fact]
    public void HorizontalPanel_ReceivesGhi()
    {
        PoaIrradiance poa = PlaneOfArray.Isotropic(PanelOrientation.Horizontal, Zenith, SunAzimuth, Sky.GhiWm2, Sky.DniWm2, Sky.DhiWm2, albedo: 0.3);

        Assert.Equal(Sky.GhiWm2, poa.GlobalWm2, 1e-9);
        Assert.Equal(0.0, poa.GroundReflectedWm2, 1e-12);
    }

    [Fact]
    public void VerticalPanelFacingAway_ReceivesOnlyDiffuseAndGround()
    {
        var away = new PanelOrientation(90, SunAzimuth + 180);
        PoaIrradiance poa = PlaneOfArray.Isotropic(away, Zenith, SunAzimuth, Sky.GhiWm2, Sky.DniWm2, Sky.DhiWm2, albedo: 0.2);

        Assert.Equal(0.0, poa.DirectWm2);
        Assert.Equal(Sky.DhiWm2 / 2, poa.SkyDiffuseWm2, 1e-9);
        Assert.Equal(Sky.GhiWm2 * 0.2 / 2, poa.GroundReflectedWm2, 1e-9);
        Assert.Equal((Sky.DhiWm2 / 2) + (Sky.GhiWm2 * 0.1), poa.GlobalWm2, 1e-9);
    }

    [Fact]
    public void PanelFacingTheSun_GetsFullBeam()
    {
        var facing = new PanelOrientation(Zenith, SunAzimuth);
        PoaIrradiance poa = PlaneOfArray.Isotropic(facing, Zenith, SunAzimuth, Sky.GhiWm2, Sky.DniWm2, Sky.DhiWm2);

        Assert.Equal(0.0, PlaneOfArray.AngleOfIncidenceDeg(facing, Zenith, SunAzimuth), 1e-6);
        Assert.Equal(Sky.DniWm2, poa.DirectWm2, 1e-9);
    }

    [Fact]
    public void AngleOfIncidence_HandCalculation()
    {
        // Tilt 30° south, Sun at zenith 60° due east: cos AOI = cos60·cos30 + sin60·sin30·cos(90°) = 0.4330.
        var south30 = new PanelOrientation(30, 180);

        Assert.Equal(Math.Acos(0.5 * Math.Sqrt(3) / 2) * 180 / Math.PI, PlaneOfArray.AngleOfIncidenceDeg(south30, 60, 90), 1e-9);
    }

    [Fact]
    public void InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PlaneOfArray.Isotropic(PanelOrientation.Horizontal, 30, 180, -1, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PlaneOfArray.Isotropic(PanelOrientation.Horizontal, 30, 180, 100, 0, 100, albedo: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PanelOrientation(181, 180));
    }
}
