using SensorNet.Energy.Storage;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy.Tests.Storage;

public class PeukertBatteryTests
{
    private static PeukertBattery LeadAcid(double soc = 1.0) => new(100, 20, 1.2, new Volts(12), soc);

    [Fact]
    public void TimeUntilExhausted_FollowsPeukertsLaw()
    {
        // C = 100 Ah at H = 20 h, k = 1.2, I = 10 A (120 W at 12 V): t = 20·(100/(10·20))^1.2 = 20·0.5^1.2
        // = 8.705505632961 h = 31339.820278660 s (hand / mpmath).
        PeukertBattery b = LeadAcid();

        SimDuration? t = b.TimeUntilExhausted(new Watts(120));

        Assert.Equal(31339.82027866046900 * 1e9, t!.Value.Nanoseconds, 2.0);
    }

    [Fact]
    public void AtTheRatedCurrent_LastsTheRatedHours()
    {
        // I = I_H = C/H = 5 A: t = H = 20 h.
        PeukertBattery b = LeadAcid();

        Assert.Equal(5.0, b.RatedCurrent.Value);
        Assert.Equal(SimDuration.FromHours(20), b.TimeUntilExhausted(new Watts(60)));
    }

    [Fact]
    public void BelowTheRatedCurrent_CapacityIsClampedToRated()
    {
        // 1 A < I_H: I_eff = I, so 100 Ah last 100 h (Peukert alone would promise 20·20^1.2 h).
        PeukertBattery b = LeadAcid();

        Assert.Equal(SimDuration.FromHours(100), b.TimeUntilExhausted(new Watts(12)));
        StorageStep step = b.Apply(new Watts(12), SimDuration.FromHours(50));
        Assert.Equal(0.0, step.Lost.Value);
        Assert.Equal(0.5, b.StateOfCharge, 12);
    }

    [Fact]
    public void Discharge_RateLossIsLost_AndBrownOutIsUnserved()
    {
        // At 10 A the battery drains at I_eff = 10·2^0.2 = 11.486983550 A; over the 31339.82 s lifetime the load gets
        // 120 W × t = 3 760 778.4 J and the remaining 4 320 000 − 3 760 778.4 J of the rated energy is lost to the rate.
        PeukertBattery b = LeadAcid();
        var power = new Watts(120);

        StorageStep step = b.Apply(power, SimDuration.FromHours(10));

        double t = 31339.82027866046900;
        Assert.Equal(120 * t, step.Delivered.Value, 1e-3);
        Assert.Equal(4_320_000 - (120 * t), step.Lost.Value, 1e-3);
        Assert.Equal((120 * 36000) - (120 * t), step.Unserved.Value, 1e-3);
        Assert.Equal(0.0, b.Stored.Value);
        Assert.Equal(11.486983549970350, b.EffectiveCurrent(new Amperes(10)).Value, 1e-12);
    }

    [Fact]
    public void Charging_StoresWithEfficiency_AndRefusesWhenFull()
    {
        // A quarter full (1 080 000 J of 4 320 000 J) charged at 1 kW for 1 h with η = 0.8: 2 880 000 J stored,
        // 720 000 J lost. A second hour fits only the last 360 000 J: 450 000 J used (90 000 J lost), 3 150 000 J refused.
        var b = new PeukertBattery(100, 20, 1.2, new Volts(12), 0.25) { ChargeEfficiency = 0.8 };

        StorageStep first = b.Apply(new Watts(-1000), SimDuration.FromHours(1));
        Assert.Equal(2_880_000, first.Stored.Value, 1e-6);
        Assert.Equal(720_000, first.Lost.Value, 1e-6);
        Assert.Equal(0.0, first.Refused.Value);

        StorageStep second = b.Apply(new Watts(-1000), SimDuration.FromHours(1));
        double room = 4_320_000 - 1_080_000 - 2_880_000;
        Assert.Equal(room, second.Stored.Value, 1e-6);
        Assert.Equal(room / 0.8 * 0.2, second.Lost.Value, 1e-6);
        Assert.Equal(3_600_000 - (room / 0.8), second.Refused.Value, 1e-6);
        Assert.Equal(1.0, b.StateOfCharge, 12);
    }

    [Theory]
    [InlineData(0.0, 20.0, 1.2)]
    [InlineData(100.0, 0.0, 1.2)]
    [InlineData(100.0, 20.0, 0.9)]
    [InlineData(100.0, 20.0, double.PositiveInfinity)]
    public void Constructor_InvalidParameters_Throw(double capacity, double hours, double exponent)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PeukertBattery(capacity, hours, exponent, new Volts(12)));
    }
}
