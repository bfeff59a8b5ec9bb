using SensorNet.RadioModels.Ble;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.RadioModels.Tests.Ble;

public class BleChannelsTests
{
    [Theory]
    [InlineData(37, 2402)]
    [InlineData(38, 2426)]
    [InlineData(39, 2480)]
    [InlineData(0, 2404)]
    [InlineData(10, 2424)]
    [InlineData(11, 2428)]
    [InlineData(36, 2478)]
    public void ChannelIndex_MapsToItsCentreFrequency(int channel, int megahertz) =>
        Assert.Equal(Hertz.FromMegahertz(megahertz), BleChannels.CenterFrequency(channel));

    [Fact]
    public void AllFortyChannels_AreDistinct_TwoMegahertzApart()
    {
        double[] f = [.. Enumerable.Range(0, 40).Select(k => BleChannels.CenterFrequency(k).Value).Order()];
        Assert.Equal(2402e6, f[0]);
        Assert.All(f.Zip(f.Skip(1)), p => Assert.Equal(2e6, p.Second - p.First));
    }

    [Fact]
    public void PduAirtime_IsTenBytesOfOverheadPlusPayload_At8UsPerByte()
    {
        Assert.Equal(80_000, BleChannels.PduAirtime(0).Nanoseconds);
        Assert.Equal(376_000, BleChannels.PduAirtime(37).Nanoseconds); // the longest legacy advertising PDU
        Assert.Throws<ArgumentOutOfRangeException>(() => BleChannels.PduAirtime(256));
        Assert.Throws<ArgumentOutOfRangeException>(() => BleChannels.CenterFrequency(40));
    }
}
