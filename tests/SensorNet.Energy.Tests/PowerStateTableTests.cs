using SensorNet.SimEngine.Quantities;

namespace SensorNet.Energy.Tests;

public class PowerStateTableTests
{
    [Fact]
    public void FromCurrents_MultipliesByTheSupplyVoltage()
    {
        PowerStateTable t = PowerStateTable.FromCurrents("chip", new Volts(3.0), [("a", Amperes.FromMilliamperes(2)), ("b", Amperes.FromMicroamperes(5))], "test");

        Assert.Equal(0.006, t[0].Power.Value, 15);
        Assert.Equal(15e-6, t[1].Power.Value, 15);
        Assert.Equal(1, t.IndexOf("b"));
    }

    [Fact]
    public void Constructor_DuplicateName_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new PowerStateTable("chip", [new("a", new Watts(1)), new("a", new Watts(2))], "test"));
        Assert.Contains("'a' twice", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_InvalidPower_Throws(double watts)
    {
        Assert.Throws<ArgumentException>(() => new PowerStateTable("chip", [new("a", new Watts(watts))], "test"));
    }

    [Fact]
    public void IndexOf_UnknownState_Throws()
    {
        var t = new PowerStateTable("chip", [new("a", new Watts(1))], "test");
        Assert.Throws<KeyNotFoundException>(() => t.IndexOf("z"));
    }
}
