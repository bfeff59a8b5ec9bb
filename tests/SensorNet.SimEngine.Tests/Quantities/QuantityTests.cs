using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Tests.Support;
using SensorNet.SimEngine.Time;

namespace SensorNet.SimEngine.Tests.Quantities;

public class QuantityTests
{
    private const double Tight = 1e-12;

    [Fact]
    public void WattsTimesDuration_TwoWattsForOneAndAHalfSeconds_IsThreeJoules()
    {
        Joules e = new Watts(2.0) * SimDuration.FromMilliseconds(1_500);

        AssertClose.Absolute(3.0, e.Value, Tight);
    }

    [Fact]
    public void DurationTimesWatts_IsCommutative()
    {
        Joules a = new Watts(0.25) * SimDuration.FromSeconds(8);
        Joules b = SimDuration.FromSeconds(8) * new Watts(0.25);

        Assert.Equal(a, b);
        AssertClose.Absolute(2.0, a.Value, Tight);
    }

    [Fact]
    public void WattsTimesDuration_UsesWholeNanoseconds()
    {
        // 1 ns at 1 W is 1 nJ; 100 years at 1 mW is 3.1536e6 J: both ends of the range are exact to double precision.
        AssertClose.Relative(1e-9, (new Watts(1.0) * SimDuration.FromNanoseconds(1)).Value, 1e-15);
        AssertClose.Relative(3.1536e6, (new Watts(1e-3) * SimDuration.FromDays(365 * 100)).Value, 1e-15);
        AssertClose.Relative(3.000000001, (new Watts(1.0) * SimDuration.FromNanoseconds(3_000_000_001)).Value, 1e-15);
    }

    [Fact]
    public void AmperesTimesVolts_IsWatts()
    {
        Watts p = Amperes.FromMilliamperes(20) * new Volts(3.0);
        Watts q = new Volts(3.0) * Amperes.FromMilliamperes(20);

        AssertClose.Absolute(0.06, p.Value, Tight);
        Assert.Equal(p, q);
    }

    [Fact]
    public void WattsOverVolts_IsAmperes()
    {
        Amperes i = new Watts(0.06) / new Volts(3.0);

        AssertClose.Absolute(0.02, i.Value, Tight);
        AssertClose.Absolute(20.0, i.Milliamperes, 1e-9);
    }

    [Fact]
    public void JoulesOverDuration_IsAveragePower()
    {
        Watts p = new Joules(3.0) / SimDuration.FromMilliseconds(1_500);

        AssertClose.Absolute(2.0, p.Value, Tight);
    }

    [Fact]
    public void JoulesFromMilliampereHours_225mAhAt3V_Is2430Joules()
    {
        Joules e = Joules.FromMilliampereHours(225, new Volts(3.0));

        AssertClose.Absolute(2_430.0, e.Value, 1e-9);
    }

    [Fact]
    public void Joules_Arithmetic()
    {
        var a = new Joules(5.0);
        var b = new Joules(2.0);

        Assert.Equal(new Joules(7.0), a + b);
        Assert.Equal(new Joules(3.0), a - b);
        Assert.Equal(new Joules(-5.0), -a);
        Assert.Equal(new Joules(10.0), a * 2.0);
        Assert.Equal(new Joules(10.0), 2.0 * a);
        Assert.Equal(new Joules(2.5), a / 2.0);
        Assert.Equal(2.5, a / b);
        Assert.True(b < a && a > b && b <= a && a >= b);
        Assert.True(a.CompareTo(b) > 0);
        Assert.Equal(0.0, Joules.Zero.Value);
    }

    [Fact]
    public void Watts_Arithmetic()
    {
        var a = new Watts(0.5);
        var b = new Watts(0.25);

        Assert.Equal(new Watts(0.75), a + b);
        Assert.Equal(new Watts(0.25), a - b);
        Assert.Equal(new Watts(1.5), a * 3.0);
        Assert.Equal(new Watts(1.5), 3.0 * a);
        Assert.Equal(new Watts(0.125), a / 4.0);
        Assert.True(b < a && a > b && b <= a && a >= b);
        Assert.Equal(0.0, Watts.Zero.Value);
    }

    [Fact]
    public void Amperes_Factories()
    {
        AssertClose.Absolute(0.015, Amperes.FromMilliamperes(15).Value, Tight);
        AssertClose.Absolute(2.5e-6, Amperes.FromMicroamperes(2.5).Value, 1e-18);
        Assert.Equal(new Amperes(0.75), new Amperes(0.5) + new Amperes(0.25));
        Assert.Equal(new Amperes(0.25), new Amperes(0.5) - new Amperes(0.25));
    }

    [Fact]
    public void DbmToWatts_ZeroDbmIsOneMilliwattAndThirtyDbmIsOneWatt()
    {
        AssertClose.Relative(1e-3, new Dbm(0).ToWatts().Value, 1e-12);
        AssertClose.Relative(1.0, new Dbm(30).ToWatts().Value, 1e-12);
        AssertClose.Relative(1e-12, new Dbm(-90).ToWatts().Value, 1e-12);
        AssertClose.Relative(2e-3, new Dbm(3.0103).ToWatts().Value, 1e-5);
    }

    [Fact]
    public void WattsToDbm_InvertsDbmToWatts()
    {
        AssertClose.Absolute(30.0, new Watts(1.0).ToDbm().Value, Tight);
        AssertClose.Absolute(0.0, new Watts(1e-3).ToDbm().Value, Tight);
        AssertClose.Absolute(-100.0, new Watts(1e-13).ToDbm().Value, 1e-9);
        AssertClose.Absolute(-17.3, new Dbm(-17.3).ToWatts().ToDbm().Value, 1e-9);
    }

    [Fact]
    public void WattsToDbm_ZeroPower_IsNegativeInfinity()
    {
        Assert.Equal(double.NegativeInfinity, Watts.Zero.ToDbm().Value);
    }

    [Fact]
    public void Dbm_PlusAndMinusDecibels_ShiftLevel()
    {
        Assert.Equal(new Dbm(-77.0), new Dbm(-80.0) + new Decibels(3.0));
        Assert.Equal(new Dbm(-100.0), new Dbm(14.0) - new Decibels(114.0));
        Assert.Equal(new Decibels(12.0), new Dbm(-70.0) - new Dbm(-82.0));
        Assert.True(new Dbm(-82) < new Dbm(-70));
    }

    [Fact]
    public void Decibels_LinearConversions()
    {
        AssertClose.Absolute(20.0, Decibels.FromLinear(100.0).Value, Tight);
        AssertClose.Absolute(-10.0, Decibels.FromLinear(0.1).Value, Tight);
        AssertClose.Absolute(0.0, Decibels.FromLinear(1.0).Value, Tight);
        AssertClose.Relative(1_000.0, new Decibels(30.0).ToLinear(), 1e-12);
        AssertClose.Relative(0.1, new Decibels(-10.0).ToLinear(), 1e-12);
        AssertClose.Relative(1.9952623149688795, new Decibels(3.0).ToLinear(), 1e-12);
        AssertClose.Absolute(7.25, Decibels.FromLinear(new Decibels(7.25).ToLinear()).Value, 1e-12);
    }

    [Fact]
    public void Decibels_SumIsProductOfLinearRatios()
    {
        Decibels sum = new Decibels(3.0) + new Decibels(7.0);

        AssertClose.Relative(new Decibels(3.0).ToLinear() * new Decibels(7.0).ToLinear(), sum.ToLinear(), 1e-12);
        Assert.Equal(new Decibels(-4.0), new Decibels(3.0) - new Decibels(7.0));
    }

    [Theory]
    [InlineData(64e6, 1L, 16L)]
    [InlineData(64e6, 64L, 1_000L)]
    [InlineData(64e6, 65L, 1_016L)]
    [InlineData(1e9, 3L, 3L)]
    [InlineData(3e9, 1L, 1L)]
    [InlineData(3e9, 3L, 1L)]
    [InlineData(3e9, 4L, 2L)]
    [InlineData(32_768.0, 1L, 30_518L)]
    [InlineData(32_768.0, 32_768L, 1_000_000_000L)]
    [InlineData(1e6, 0L, 0L)]
    public void CyclesToDuration_RoundsUpToWholeNanoseconds(double hertz, long cycles, long expectedNs)
    {
        Assert.Equal(expectedNs, new Hertz(hertz).CyclesToDuration(cycles).Nanoseconds);
    }

    [Fact]
    public void CyclesToDuration_64MHzFromFactory_OneCycleIs16Ns()
    {
        Assert.Equal(SimDuration.FromNanoseconds(16), Hertz.FromMegahertz(64).CyclesToDuration(1));
    }

    [Fact]
    public void CyclesToDuration_NegativeCycles_ThrowsArgumentOutOfRangeException()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Hertz.FromMegahertz(64).CyclesToDuration(-1));
    }

    [Fact]
    public void Hertz_FactoriesAndArithmetic()
    {
        Assert.Equal(64e6, Hertz.FromMegahertz(64).Value);
        Assert.Equal(32_768.0, Hertz.FromKilohertz(32.768).Value);
        Assert.Equal(new Hertz(2_402e6), Hertz.FromMegahertz(2_400) + Hertz.FromMegahertz(2));
        Assert.Equal(new Hertz(1e6), Hertz.FromMegahertz(2) - Hertz.FromMegahertz(1));
        Assert.True(Hertz.FromKilohertz(1) < Hertz.FromMegahertz(1));
    }

    [Fact]
    public void Meters_Arithmetic()
    {
        Assert.Equal(new Meters(7.5), new Meters(5.0) + new Meters(2.5));
        Assert.Equal(new Meters(2.5), new Meters(5.0) - new Meters(2.5));
        Assert.Equal(new Meters(10.0), new Meters(5.0) * 2.0);
        Assert.Equal(2.0, new Meters(5.0) / new Meters(2.5));
        Assert.True(new Meters(1) < new Meters(2));
    }

    [Fact]
    public void Volts_Arithmetic()
    {
        Assert.Equal(new Volts(3.3), new Volts(3.0) + new Volts(0.3));
        Assert.Equal(new Volts(2.5), new Volts(3.0) - new Volts(0.5));
        Assert.True(new Volts(1.8) < new Volts(3.3));
    }

    [Fact]
    public void ToString_IsInvariantWithUnit()
    {
        Assert.Equal("2.5 W", new Watts(2.5).ToString());
        Assert.Equal("2430 J", new Joules(2_430).ToString());
        Assert.Equal("0.125 A", new Amperes(0.125).ToString());
        Assert.Equal("3.3 V", new Volts(3.3).ToString());
        Assert.Equal("-90.5 dBm", new Dbm(-90.5).ToString());
        Assert.Equal("3 dB", new Decibels(3).ToString());
        Assert.Equal("64000000 Hz", Hertz.FromMegahertz(64).ToString());
        Assert.Equal("12.25 m", new Meters(12.25).ToString());
    }

    [Fact]
    public void CompareTo_OrdersByValue()
    {
        Assert.True(new Watts(1).CompareTo(new Watts(2)) < 0);
        Assert.True(new Amperes(2).CompareTo(new Amperes(1)) > 0);
        Assert.Equal(0, new Volts(1).CompareTo(new Volts(1)));
        Assert.True(new Dbm(-1).CompareTo(new Dbm(0)) < 0);
        Assert.True(new Decibels(1).CompareTo(new Decibels(0)) > 0);
        Assert.True(new Hertz(1).CompareTo(new Hertz(2)) < 0);
        Assert.True(new Meters(3).CompareTo(new Meters(2)) > 0);
        Assert.True(new Joules(3).CompareTo(new Joules(4)) < 0);
    }
}
