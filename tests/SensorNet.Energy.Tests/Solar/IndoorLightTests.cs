using SensorNet.Energy.Solar;

namespace SensorNet.Energy.Tests.Solar;

public class IndoorLightTests
{
    [Fact]
    public void Irradiance_IsLuxOverEfficacy()
    {
        Assert.Equal(500.0 / 300.0, IndoorLight.IrradianceWm2(500, IndoorLight.WhiteLedEfficacy), 1e-12);
        Assert.Equal(1000.0, IndoorLight.IrradianceWm2(122_000, IndoorLight.DaylightEfficacy), 1e-9);
    }

    [Fact]
    public void CellPower_HandCalculation()
    {
        // 500 lx LED (1.667 W/m²) on 10 cm² at 10 %: 1.667 · 0.001 · 0.1 = 166.7 µW.
        double watts = IndoorLight.CellPower(500, IndoorLight.WhiteLedEfficacy, 0.001, 0.10).Value;

        Assert.Equal(500.0 / 300.0 * 0.001 * 0.10, watts, 1e-15);
    }

    [Fact]
    public void InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IndoorLight.IrradianceWm2(-1, 300));
        Assert.Throws<ArgumentOutOfRangeException>(() => IndoorLight.IrradianceWm2(100, 700));
        Assert.Throws<ArgumentOutOfRangeException>(() => IndoorLight.CellPower(100, 300, 0, 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => IndoorLight.CellPower(100, 300, 0.001, 1.5));
    }
}
