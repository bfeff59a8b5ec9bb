using SensorNet.Energy.Storage;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.Energy.Tests.Storage;

public class LinearBatteryTests
{
    [Fact]
    public void Draw_WithinStoredEnergy_DeliversAll()
    {
        var b = new LinearBattery(new Joules(10), new Joules(8), new Volts(3));

        Joules delivered = b.Draw(new Joules(3));

        Assert.Equal(3.0, delivered.Value);
        Assert.Equal(5.0, b.Stored.Value);
    }

    [Fact]
    public void Draw_MoreThanStored_ClampsAtZero()
    {
        var b = new LinearBattery(new Joules(10), new Joules(2), new Volts(3));

        Joules delivered = b.Draw(new Joules(5));

        Assert.Equal(2.0, delivered.Value);
        Assert.Equal(0.0, b.Stored.Value);
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

    [Fact]
    public void Cr2032Capacity_225mAhAt3V_Is2430J()
    {
        // 225 mAh × 3.6 C/mAh × 3.0 V (models.md §6.2, CR2032 typical capacity).
        Assert.Equal(2430.0, Joules.FromMilliampereHours(225, new Volts(3.0)).Value, 9);
    }
}
