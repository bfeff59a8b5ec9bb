using SensorNet.RadioModels.LoRa.Reception;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.RadioModels.Tests.LoRa.Reception;

public class LoRaDemodulationLimitsTests
{
    // SX1276 Table 13 (models.md §1.5).
    [Theory]
    [InlineData(7, -7.5)]
    [InlineData(8, -10)]
    [InlineData(9, -12.5)]
    [InlineData(10, -15)]
    [InlineData(11, -17.5)]
    [InlineData(12, -20)]
    public void RequiredSnr_MatchesSx1276Table13(int sf, double expected)
    {
        Assert.Equal(expected, LoRaDemodulationLimits.RequiredSnr(sf).Value);
    }

    [Fact]
    public void RequiredSnr_Sf5_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LoRaDemodulationLimits.RequiredSnr(5));
    }

    [Fact]
    public void NoiseFloor_Bw125Nf6_IsMinus117Point03Dbm()
    {
        // -174 + 10·log10(125000) + 6 = -174 + 50.9691 + 6.
        Dbm floor = LoRaDemodulationLimits.NoiseFloor(Hertz.FromKilohertz(125), LoRaDemodulationLimits.DefaultNoiseFigure);

        Assert.Equal(-117.0309, floor.Value, 4);
    }

    [Fact]
    public void NoiseFloorPlusRequiredSnr_Sf12Bw125_EqualsSx1272Sensitivity()
    {
        Dbm floor = LoRaDemodulationLimits.NoiseFloor(Hertz.FromKilohertz(125), LoRaDemodulationLimits.DefaultNoiseFigure);

        Assert.Equal(-137.0, (floor + LoRaDemodulationLimits.RequiredSnr(12)).Value, 1);
    }
}
