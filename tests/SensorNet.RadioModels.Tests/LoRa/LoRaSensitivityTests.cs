using SensorNet.RadioModels.LoRa;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.RadioModels.Tests.LoRa;

public class LoRaSensitivityTests
{
    private static readonly Hertz Bw125 = Hertz.FromKilohertz(125);
    private static readonly Hertz Bw250 = Hertz.FromKilohertz(250);
    private static readonly Hertz Bw500 = Hertz.FromKilohertz(500);

    // models.md §1.5: SX1272 datasheet Table 10 as used by FLoRa.
    [Theory]
    [InlineData(6, 125, -121)]
    [InlineData(7, 125, -124)]
    [InlineData(12, 125, -137)]
    [InlineData(7, 250, -122)]
    [InlineData(12, 500, -129)]
    public void Sx1272_MatchesDatasheetTable(int sf, double bwKhz, double expected)
    {
        Assert.Equal(expected, LoRaSensitivity.Sx1272.Get(sf, Hertz.FromKilohertz(bwKhz)).Value);
    }

    // models.md §1.3: Bor et al. measured table in loraDir.py; SF12/BW250 is the value the code's sensi[5,2] picks.
    [Fact]
    public void LoRaSim_MatchesTheMeasuredTable()
    {
        Assert.Equal(-126.5, LoRaSensitivity.LoRaSim.Get(7, Bw125).Value);
        Assert.Equal(-133.25, LoRaSensitivity.LoRaSim.Get(12, Bw125).Value);
        Assert.Equal(-132.25, LoRaSensitivity.LoRaSim.Get(12, Bw250).Value);
        Assert.Equal(-128.75, LoRaSensitivity.LoRaSim.Get(11, Bw500).Value);
        Assert.False(LoRaSensitivity.LoRaSim.TryGet(6, Bw125, out _));
    }

    [Fact]
    public void Sx1301_HasOnlyBw125()
    {
        Assert.Equal(-130.0, LoRaSensitivity.Sx1301.Get(7, Bw125).Value);
        Assert.Equal(-142.5, LoRaSensitivity.Sx1301.Get(12, Bw125).Value);
        Assert.False(LoRaSensitivity.Sx1301.TryGet(7, Bw250, out _));
        Assert.False(LoRaSensitivity.Sx1301.TryGet(12, Bw500, out _));
    }

    [Fact]
    public void UnknownCombinations_AreMissing()
    {
        Assert.False(LoRaSensitivity.Sx1272.TryGet(13, Bw125, out _));
        Assert.False(LoRaSensitivity.Sx1272.TryGet(5, Bw125, out _));
        Assert.False(LoRaSensitivity.Sx1272.TryGet(7, Hertz.FromKilohertz(62.5), out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => LoRaSensitivity.Sx1301.Get(7, Bw500));
    }
}
