using SensorNet.SimEngine.Time;

namespace SensorNet.SimEngine.Tests.Time;

public class SimTimeTests
{
    [Fact]
    public void Add_WithinRange_AddsNanoseconds()
    {
        SimTime t = new SimTime(1_000) + SimDuration.FromNanoseconds(234);

        Assert.Equal(1_234, t.Nanoseconds);
    }

    [Fact]
    public void Add_PastMaxValue_ThrowsSimTimeOverflowException()
    {
        Assert.Throws<SimTimeOverflowException>(() => SimTime.MaxValue + SimDuration.FromNanoseconds(1));
    }

    [Fact]
    public void Add_LargeDurationToLateInstant_ThrowsInsteadOfWrapping()
    {
        var late = new SimTime(long.MaxValue - 10);

        Assert.Throws<SimTimeOverflowException>(() => late + SimDuration.FromSeconds(1));
    }

    [Fact]
    public void Add_UpToExactlyMaxValue_DoesNotThrow()
    {
        SimTime t = new SimTime(long.MaxValue - 5) + SimDuration.FromNanoseconds(5);

        Assert.Equal(SimTime.MaxValue, t);
    }

    [Fact]
    public void Add_HundredYearsToZero_Works()
    {
        SimDuration century = SimDuration.FromDays(365 * 100);

        SimTime t = SimTime.Zero + century;

        Assert.Equal(3_153_600_000_000_000_000L, t.Nanoseconds);
        Assert.Equal(century, t.SinceStart);
    }

    [Fact]
    public void Subtract_BelowLongMinValue_ThrowsSimTimeOverflowException()
    {
        var t = new SimTime(long.MinValue);

        Assert.Throws<SimTimeOverflowException>(() => t - SimDuration.FromNanoseconds(1));
    }

    [Fact]
    public void Subtract_NegativeDurationPastMaxValue_ThrowsSimTimeOverflowException()
    {
        Assert.Throws<SimTimeOverflowException>(() => SimTime.MaxValue - SimDuration.FromNanoseconds(-1));
    }

    [Fact]
    public void Subtract_Duration_MovesBack()
    {
        SimTime t = new SimTime(5_000) - SimDuration.FromMicroseconds(2);

        Assert.Equal(3_000, t.Nanoseconds);
    }

    [Fact]
    public void SubtractTimes_ReturnsSpanBetweenThem()
    {
        SimDuration d = new SimTime(7_500) - new SimTime(2_000);

        Assert.Equal(5_500, d.Nanoseconds);
    }

    [Fact]
    public void SubtractTimes_Overflowing_ThrowsSimTimeOverflowException()
    {
        Assert.Throws<SimTimeOverflowException>(() => SimTime.MaxValue - new SimTime(-1));
    }

    [Fact]
    public void FromStart_And_SinceStart_RoundTrip()
    {
        SimDuration d = SimDuration.FromMilliseconds(1_234);

        SimTime t = SimTime.FromStart(d);

        Assert.Equal(1_234_000_000, t.Nanoseconds);
        Assert.Equal(d, t.SinceStart);
    }

    [Fact]
    public void TotalSeconds_ConvertsNanoseconds()
    {
        Assert.Equal(2.5, new SimTime(2_500_000_000).TotalSeconds);
    }

    [Fact]
    public void Comparisons_OrderByNanoseconds()
    {
        var early = new SimTime(10);
        var late = new SimTime(11);

        Assert.True(early < late);
        Assert.True(late > early);
        Assert.True(early <= late);
        Assert.True(late >= early);
        Assert.False(late < early);
        Assert.False(early > late);
        Assert.True(early <= new SimTime(10));
        Assert.True(early >= new SimTime(10));
        Assert.True(early.CompareTo(late) < 0);
        Assert.True(late.CompareTo(early) > 0);
        Assert.Equal(0, early.CompareTo(new SimTime(10)));
    }

    [Fact]
    public void MinMax_ReturnEarlierAndLater()
    {
        var a = new SimTime(3);
        var b = new SimTime(9);

        Assert.Equal(a, SimTime.Min(a, b));
        Assert.Equal(a, SimTime.Min(b, a));
        Assert.Equal(b, SimTime.Max(a, b));
        Assert.Equal(b, SimTime.Max(b, a));
    }

    [Fact]
    public void Zero_IsDefault()
    {
        Assert.Equal(0, SimTime.Zero.Nanoseconds);
        Assert.Equal(long.MaxValue, SimTime.MaxValue.Nanoseconds);
    }

    [Theory]
    [InlineData(0L, "t=0.000000000 s")]
    [InlineData(1_500_000_000L, "t=1.500000000 s")]
    [InlineData(12_000_000_001L, "t=12.000000001 s")]
    [InlineData(1L, "t=0.000000001 s")]
    public void ToString_FormatsSecondsWithNanosecondPrecision(long nanoseconds, string expected)
    {
        Assert.Equal(expected, new SimTime(nanoseconds).ToString());
    }
}
