using SensorNet.Energy.Solar;

namespace SensorNet.Energy.Tests.Solar;

public class CellTemperatureTests
{
    [Fact]
    public void Sapm_OpenRackGlassGlass_HandCalculation()
    {
        // 900 W/m², 20 °C, 5 m/s (pvlib test_sapm_cell conditions): 900·e^(−3.47 − 0.297) + 20 + 0.9·3 = 43.509 °C.
        double tc = SapmCellTemperature.OpenRackGlassGlass.CellTemperatureC(900, 20, 5);

        Assert.Equal(43.509190983665746, tc, 1e-9);
    }

    [Fact]
    public void Faiman_Defaults_HandCalculation()
    {
        // 20 + 900 / (25 + 6.84·5) = 35.2027 °C (pvlib test_faiman_default conditions).
        Assert.Equal(35.2027027027027, new FaimanCellTemperature().CellTemperatureC(900, 20, 5), 1e-9);
    }

    [Fact]
    public void Ross_AtNoctConditionsReturnsNoct()
    {
        var ross = new RossCellTemperature(47);

        Assert.Equal(47.0, ross.CellTemperatureC(800, 20, 1), 1e-12);
        Assert.Equal(25 + (27.0 / 800 * 1000), ross.CellTemperatureC(1000, 25, 0), 1e-12);
    }

    [Fact]
    public void AllModels_ReturnAmbientInTheDark()
    {
        ICellTemperatureModel[] models = [SapmCellTemperature.OpenRackGlassGlass, new FaimanCellTemperature(), new RossCellTemperature(45)];

        foreach (ICellTemperatureModel m in models)
        {
            Assert.Equal(12.5, m.CellTemperatureC(0, 12.5, 3), 1e-12);
        }
    }

    [Fact]
    public void InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaimanCellTemperature().CellTemperatureC(-1, 20, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaimanCellTemperature().CellTemperatureC(100, 20, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaimanCellTemperature(u0: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RossCellTemperature(10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SapmCellTemperature(-3.47, 0.1, 3));
    }
}
