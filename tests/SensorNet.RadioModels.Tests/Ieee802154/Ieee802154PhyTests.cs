using SensorNet.RadioModels.Ieee802154;

namespace SensorNet.RadioModels.Tests.Ieee802154;

public class Ieee802154PhyTests
{
    [Fact]
    public void Constants_MatchTheStandard()
    {
        // models.md §2: 16 µs symbols, SHR 10 symbols, turnaround 12, unit backoff 20, CCA 8 symbols.
        Assert.Equal(16_000, Ieee802154Phy.SymbolTime.Nanoseconds);
        Assert.Equal(160_000, Ieee802154Phy.ShrDuration.Nanoseconds);
        Assert.Equal(32_000, Ieee802154Phy.PhrDuration.Nanoseconds);
        Assert.Equal(192_000, Ieee802154Phy.TurnaroundTime.Nanoseconds);
        Assert.Equal(320_000, Ieee802154Phy.UnitBackoffPeriod.Nanoseconds);
        Assert.Equal(128_000, Ieee802154Phy.CcaDuration.Nanoseconds);
        Assert.Equal(6, Ieee802154Phy.PpduHeaderBytes);
        Assert.Equal(127, Ieee802154Phy.MaxPhyPacketSize);
        Assert.Equal(2e6, Ieee802154Phy.ChannelWidth.Value);
        Assert.Equal(-5.0, Ieee802154Phy.ReceptionThreshold.Value);

        // 4 bits per 16 µs symbol = 250 kb/s.
        Assert.Equal(Ieee802154Phy.BitRate, Ieee802154Phy.BitsPerSymbol * 1_000_000 / Ieee802154Phy.SymbolTimeMicroseconds);
    }

    [Fact]
    public void MacAckWaitDuration_Is54SymbolsOr864Microseconds()
    {
        Assert.Equal(54, Ieee802154Phy.MacAckWaitSymbols);
        Assert.Equal(864_000, Ieee802154Phy.MacAckWaitDuration.Nanoseconds);
    }

    [Theory]
    [InlineData(11, 2405.0)]
    [InlineData(15, 2425.0)]
    [InlineData(26, 2480.0)]
    public void ChannelCenterFrequency_Is2405Plus5PerChannel(int channel, double expectedMhz)
    {
        Assert.Equal(expectedMhz * 1e6, Ieee802154Phy.ChannelCenterFrequency(channel).Value);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(27)]
    public void ChannelCenterFrequency_OutsideBand_Throws(int channel)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Ieee802154Phy.ChannelCenterFrequency(channel));
    }

    [Theory]
    [InlineData(0, 192)]      // SHR + PHR alone
    [InlineData(5, 352)]      // an immediate ACK (MPDU 5 B)
    [InlineData(127, 4256)]   // aMaxPHYPacketSize: 133 B · 32 µs
    public void FrameDuration_IsPsduPlusSixBytesAt32MicrosecondsEach(int psdu, long expectedMicroseconds)
    {
        Assert.Equal(expectedMicroseconds * 1000, Ieee802154Phy.FrameDuration(psdu).Nanoseconds);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(128)]
    public void FrameDurationAndSpacing_RejectLengthsOutside0To127(int bytes)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Ieee802154Phy.FrameDuration(bytes));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ieee802154Phy.InterframeSpacing(bytes));
    }

    [Theory]
    [InlineData(5, 192)]
    [InlineData(18, 192)]
    [InlineData(19, 640)]
    [InlineData(127, 640)]
    public void InterframeSpacing_IsSifsUpTo18BytesElseLifs(int mpdu, long expectedMicroseconds)
    {
        Assert.Equal(expectedMicroseconds * 1000, Ieee802154Phy.InterframeSpacing(mpdu).Nanoseconds);
    }
}
