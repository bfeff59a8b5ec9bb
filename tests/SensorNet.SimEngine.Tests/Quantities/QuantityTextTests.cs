
using SensorNet.SimEngine.Quantities;

namespace SensorNet.SimEngine.Tests.Quantities;

public class QuantityTextTests
{
    [Theory]
    [InlineData("0.1 s", 100_000_000L)]
    [InlineData("10 min", 600_000_000_000L)]
    [InlineData("1 d", 86_400_000_000_000L)]
    [InlineData("1.5h", 5_400_000_000_000L)]
    [InlineData("250 us", 250_000L)]
    [InlineData("250 µs", 250_000L)]
    [InlineData("7 ns", 7L)]
    public void ParseDuration_IsExactInNanoseconds(string text, long ns)
    {
        Assert.Equal(ns, QuantityText.ParseDuration(text).Nanoseconds);
    }

    [Theory]
    [InlineData("10")]
    [InlineData("10 parsecs")]
    [InlineData("ten s")]
    [InlineData("0.5 ns")]
    public void ParseDuration_BareNumberBadUnitOrSubNanosecond_Throws(string text)
    {
        Assert.ThrowsAny<Exception>(() => QuantityText.ParseDuration(text));
    }

    [Fact]
    public void ParseEnergyOrCharge_MilliampereHoursUseTheVoltage()
    {
        Assert.Equal(2430.0, QuantityText.ParseEnergyOrCharge("225 mAh", new Volts(3.0)).Value, 9);
        Assert.Equal(7200.0, QuantityText.ParseEnergyOrCharge("2 Wh", new Volts(3.0)).Value, 9);
        Assert.Equal(0.5, QuantityText.ParseEnergyOrCharge("500 mJ", new Volts(3.0)).Value, 12);
    }

    [Theory]
    [InlineData("1 F", 1.0)]
    [InlineData("470 mF", 0.47)]
    [InlineData("22 uF", 22e-6)]
    [InlineData("22 µF", 22e-6)]
    public void ParseCapacitanceFarads_ConvertsPrefixes(string text, double farads)
    {
        Assert.Equal(farads, QuantityText.ParseCapacitanceFarads(text), 15);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1 H")]
    public void ParseCapacitanceFarads_BareNumberOrOtherUnit_Throws(string text)
    {
        Assert.Throws<FormatException>(() => QuantityText.ParseCapacitanceFarads(text));
    }

    [Fact]
    public void Prefixes_AreAppliedInDecimal_SoValuesAreTheNearestDoubles()
    {
        Assert.Equal(1e-5, QuantityText.ParsePower("10 uW").Value);
        Assert.Equal(0.15, QuantityText.ParseResistanceOhms("150 mΩ"));
        Assert.Equal(3e-5, QuantityText.ParseCurrent("30 uA").Value);
    }

    [Theory]
    [InlineData("15 ohm", 15.0)]
    [InlineData("15 Ω", 15.0)]
    [InlineData("150 mΩ", 0.15)]
    [InlineData("2.2 kohm", 2200.0)]
    public void ParseResistanceOhms_ConvertsPrefixes(string text, double ohms)
    {
        Assert.Equal(ohms, QuantityText.ParseResistanceOhms(text), 12);
    }

    [Fact]
    public void ParseChargeCoulombs_AcceptsChargesOnly()
    {
        Assert.Equal(810.0, QuantityText.ParseChargeCoulombs("225 mAh"), 9);
        Assert.Equal(7200.0, QuantityText.ParseChargeCoulombs("2 Ah"), 9);
        Assert.Throws<FormatException>(() => QuantityText.ParseChargeCoulombs("2430 J"));
    }

    [Fact]
    public void ParseOthers_ConvertToSi()
    {
        Assert.Equal(868.1e6, QuantityText.ParseFrequency("868.1 MHz").Value, 3);
        Assert.Equal(125e3, QuantityText.ParseFrequency("125 kHz").Value);
        Assert.Equal(3.0, QuantityText.ParseVoltage("3000 mV").Value, 12);
        Assert.Equal(14.0, QuantityText.ParseDbm("14 dBm").Value);
        Assert.Equal(-3.5, QuantityText.ParseDbm("-3.5 dBm").Value);
        Assert.Equal(1500.0, QuantityText.ParseLength("1.5 km").Value, 9);
        Assert.Equal(20, QuantityText.ParseBytes("20 B"));
    }

    [Fact]
    public void ParseVoltage_WrongUnit_SaysWhichUnitsAreAccepted()
    {
        var e = Assert.Throws<FormatException>(() => QuantityText.ParseVoltage("3 A"));
        Assert.Contains("V, mV", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(QuantityDimension.Duration)]
    [InlineData(QuantityDimension.Energy)]
    [InlineData(QuantityDimension.Charge)]
    [InlineData(QuantityDimension.EnergyOrCharge)]
    [InlineData(QuantityDimension.Voltage)]
    [InlineData(QuantityDimension.Current)]
    [InlineData(QuantityDimension.Power)]
    [InlineData(QuantityDimension.Frequency)]
    [InlineData(QuantityDimension.Length)]
    [InlineData(QuantityDimension.Capacitance)]
    [InlineData(QuantityDimension.Resistance)]
    [InlineData(QuantityDimension.PowerLevel)]
    [InlineData(QuantityDimension.Ratio)]
    [InlineData(QuantityDimension.Size)]
    public void Units_AreExactlyTheUnitsItsParserAccepts(QuantityDimension dimension)
    {
        Func<string, object> parse = dimension switch
        {
            QuantityDimension.Duration => t => QuantityText.ParseDuration(t),
            QuantityDimension.Energy => t => QuantityText.ParseEnergyOrCharge(t, new Volts(1)),
            QuantityDimension.Charge => t => QuantityText.ParseChargeCoulombs(t),
            QuantityDimension.EnergyOrCharge => t => QuantityText.ParseEnergyOrCharge(t, new Volts(1)),
            QuantityDimension.Voltage => t => QuantityText.ParseVoltage(t),
            QuantityDimension.Current => t => QuantityText.ParseCurrent(t),
            QuantityDimension.Power => t => QuantityText.ParsePower(t),
            QuantityDimension.Frequency => t => QuantityText.ParseFrequency(t),
            QuantityDimension.Length => t => QuantityText.ParseLength(t),
            QuantityDimension.Capacitance => t => QuantityText.ParseCapacitanceFarads(t),
            QuantityDimension.Resistance => t => QuantityText.ParseResistanceOhms(t),
            QuantityDimension.PowerLevel => t => QuantityText.ParseDbm(t),
            QuantityDimension.Ratio => t => QuantityText.ParseDecibels(t),
            _ => t => QuantityText.ParseBytes(t),
        };
        IReadOnlyList<string> units = QuantityText.Units(dimension);
        string[] others = ["s", "J", "mAh", "V", "A", "W", "Hz", "m", "F", "ohm", "dBm", "dB", "B", "xyz"];

        Assert.NotEmpty(units);
        Assert.All(units, u => parse("2 " + u));
        // An energy parser also takes charges (at a voltage); every other unit is refused.
        IEnumerable<string> refused = others.Except(units).Except(dimension == QuantityDimension.Energy ? QuantityText.Units(QuantityDimension.Charge) : []);
        Assert.All(refused, u => Assert.ThrowsAny<FormatException>(() => parse("2 " + u)));
    }

    [Theory]
    [InlineData("12.5 kHz", true)]
    [InlineData("-1e3 m", true)]
    [InlineData(".5 s", true)]
    [InlineData("5. s", true)]
    [InlineData("5", false)]
    [InlineData("e5 s", false)]
    [InlineData("1,5 s", false)]
    public void NumberPattern_AcceptsWhatTrySplitAccepts(string text, bool accepted)
    {
        bool matches = System.Text.RegularExpressions.Regex.IsMatch(text, $@"^\s*{QuantityText.NumberPattern}\s*[A-Za-zµΩ]+\s*$", System.Text.RegularExpressions.RegexOptions.ECMAScript);

        Assert.Equal(accepted, matches);
        Assert.Equal(accepted, QuantityText.TrySplit(text, out _, out _));
    }
}
