using SensorNet.Energy.Storage;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy.Tests.Storage;

public class CoinCellTests
{
    [Fact]
    public void Cr2032_Is225mAhAt3V_2430J()
    {
        // 225 mAh × 3.6 C/mAh × 3.0 V (models.md §6.2).
        var cell = new CoinCell();

        Assert.Equal(2430.0, cell.Capacity.Value, 9);
        Assert.Equal(2430.0, cell.Initial.Value, 9);
        Assert.Equal(3.0, cell.Voltage.Value);
    }

    [Fact]
    public void WithoutResistance_IsALinearBattery()
    {
        // 2430 J at 30 mW: 81 000 s.
        var cell = new CoinCell();

        Assert.Equal(SimDuration.FromSeconds(81_000), cell.TimeUntilExhausted(new Watts(0.03)));
        StorageStep step = cell.Apply(new Watts(0.03), SimDuration.FromSeconds(40_500));
        Assert.Equal(1215.0, cell.Stored.Value, 9);
        Assert.Equal(0.0, step.Lost.Value);
    }

    [Fact]
    public void InternalResistance_SagsTheVoltage_AndLosesIISquaredR()
    {
        // R = 20 Ω, 30 mW: I = 0.06/(3 + √(9 − 2.4)) = 10.773837107 mA, V = 3 − 20·I = 2.784523258 V,
        // I²R = 2.3215113 mW (8.357440752 J per hour), and 810 C last 810/I = 75 182.128 s.
        var cell = new CoinCell(internalResistanceOhms: 20);
        var power = new Watts(0.03);

        StorageStep step = cell.Apply(power, SimDuration.FromHours(1));

        Assert.Equal(2.784523257866512902, cell.Voltage.Value, 12);
        Assert.Equal(8.357440752083032914, step.Lost.Value, 9);
        Assert.Equal(108.0, step.Delivered.Value, 12);
        Assert.Equal(2430.0 - cell.Stored.Value, step.Delivered.Value + step.Lost.Value, 9);

        var fresh = new CoinCell(internalResistanceOhms: 20);
        Assert.Equal(75182.12796239584835 * 1e9, fresh.TimeUntilExhausted(power)!.Value.Nanoseconds, 2.0);
    }

    [Fact]
    public void LoadBeyondTheCutoff_BrownsOutAtOnce()
    {
        // R = 20 Ω: V ≥ 2 V only for P ≤ 2·(3 − 2)/20 = 0.1 W. A 120 mW load is unserved.
        var cell = new CoinCell(internalResistanceOhms: 20);

        Assert.Equal(0.1, cell.MaximumPower.Value, 12);
        Assert.Equal(SimDuration.Zero, cell.TimeUntilExhausted(new Watts(0.12)));
        StorageStep step = cell.Apply(new Watts(0.12), SimDuration.FromSeconds(1));
        Assert.Equal(0.12, step.Unserved.Value, 12);
        Assert.Equal(2430.0, cell.Stored.Value, 9);
    }

    [Fact]
    public void Charging_IsRefused()
    {
        var cell = new CoinCell(initialStateOfCharge: 0.5);

        StorageStep step = cell.Apply(new Watts(-1), SimDuration.FromSeconds(2));

        Assert.Equal(2.0, step.Refused.Value, 12);
        Assert.Equal(1215.0, cell.Stored.Value, 9);
    }

    [Theory]
    [InlineData(0.0, 0.0, 1.0)]
    [InlineData(225.0, -1.0, 1.0)]
    [InlineData(225.0, 0.0, 1.5)]
    public void Constructor_InvalidParameters_Throw(double mah, double ohms, double soc)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CoinCell(mah, ohms, soc));
    }
}
