using SensorNet.RadioModels.LoRa.Reception;

namespace SensorNet.RadioModels.Tests.LoRa.Reception;

public class InterferenceMatrixTests
{
    // Spot values from models.md §1.4 (rows wanted SF, columns interferer SF).
    [Theory]
    [InlineData(7, 7, 1)]
    [InlineData(7, 8, -8)]
    [InlineData(8, 12, -13)]
    [InlineData(12, 7, -25)]
    [InlineData(12, 11, -23)]
    public void CroceFLoRa_Threshold_MatchesFLoRaTable(int wanted, int interferer, double expected)
    {
        Assert.Equal(expected, InterferenceMatrix.CroceFLoRa.Threshold(wanted, interferer).Value);
    }

    [Theory]
    [InlineData(7, 7, 6)]
    [InlineData(7, 12, -20)]
    [InlineData(9, 10, -23)]
    [InlineData(12, 7, -36)]
    [InlineData(11, 12, -29)]
    public void GoursaudNs3_Threshold_MatchesNs3Table(int wanted, int interferer, double expected)
    {
        Assert.Equal(expected, InterferenceMatrix.GoursaudNs3.Threshold(wanted, interferer).Value);
    }

    [Fact]
    public void Orthogonal_Threshold_IsCaptureOnDiagonalAndMinusInfinityElsewhere()
    {
        Assert.Equal(6.0, InterferenceMatrix.Orthogonal.Threshold(9, 9).Value);
        Assert.Equal(double.NegativeInfinity, InterferenceMatrix.Orthogonal.Threshold(9, 10).Value);
        Assert.True(InterferenceMatrix.Orthogonal.Covers(5, 6));
    }

    [Fact]
    public void PublishedMatrices_RejectSfOutside7To12()
    {
        Assert.False(InterferenceMatrix.CroceFLoRa.Covers(6, 7));
        Assert.Throws<ArgumentOutOfRangeException>(() => InterferenceMatrix.GoursaudNs3.Threshold(7, 6));
    }
}
