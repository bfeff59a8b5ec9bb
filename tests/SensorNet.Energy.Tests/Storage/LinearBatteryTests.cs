using SensorNet.Energy.Storage;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy.Tests.Storage;

public class LinearBatteryTests
{
    [Fact]
    public void Draw_WithinStoredEnergy_DeliversAll()
    {
        var b = new LinearBattery(new Joules(10), new Joules(8), new Volts(3));

        StorageStep step = b.Apply(new Watts(3), SimDuration.FromSeconds(1));

        Assert.Equal(3.0, step.Delivered.Value);
        Assert.Equal(5.0, b.Stored.Value);
    }

    [Fact]
    public void Draw_MoreThanStored_ClampsAtZero()
    {
        var b = new LinearBattery(new Joules(10), new Joules(2), new Volts(3));

        StorageStep step = b.Apply(new Watts(5), SimDuration.FromSeconds(1));

        Assert.Equal(2.0, step.Delivered.Value);
        Assert.Equal(3.0, step.Unserved.Value);
        Assert.Equal(0.0, b.Stored.Value);
    }

    [Fact]
    public void Apply_Charging_StoresWithEfficiency_AndRefusesWhenFull()
    {
        var b = new LinearBattery(new Joules(10), new Joules(8), new Volts(3)) { ChargeEfficiency = 0.8 };

        StorageStep step = b.Apply(new Watts(-5), SimDuration.FromSeconds(1));

        // 5 J offered: 2 J of room takes 2.5 J at 80 %; 0.5 J lost, 2.5 J refused.
        Assert.Equal(2.0, step.Stored.Value, 12);
        Assert.Equal(0.5, step.Lost.Value, 12);
        Assert.Equal(2.5, step.Refused.Value, 12);
        Assert.Equal(10.0, b.Stored.Value, 12);
    }

    [Fact]
    public void TimeUntilExhausted_IsStoredOverPower_RoundedUp()
    {
        var b = new LinearBattery(new Joules(10), new Joules(1), new Volts(3));

        Assert.Equal(SimDuration.FromNanoseconds(333_333_334), b.TimeUntilExhausted(new Watts(3)));
        Assert.Null(b.TimeUntilExhausted(new Watts(-1)));
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(-1.0, 0.0)]
    [InlineData(10.0, 11.0)]
    [InlineData(10.0, -0.5)]
    public void Constructor_InvalidCapacityOrInitial_Throws(double capacityJ, double initialJ)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinearBattery(new Joules(capacityJ), new Joules(initialJ), new Volts(3)));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void ChargeEfficiency_OutsideZeroToOne_Throws(double eta)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinearBattery(new Joules(10), new Joules(5), new Volts(3)) { ChargeEfficiency = eta });
    }

    [Fact]
    public void Cr2032Capacity_225mAhAt3V_Is2430J()
    {
        // 225 mAh × 3.6 C/mAh × 3.0 V (models.md §6.2, CR2032 typical capacity).
        Assert.Equal(2430.0, Joules.FromMilliampereHours(225, new Volts(3.0)).Value, 9);
    }
}
