using System.Globalization;
using System.Text.RegularExpressions;
using SensorNet.SimEngine.Time;

namespace SensorNet.SimEngine.Quantities;

/// <summary>
/// Parses unit-bearing values as written in scenario files ("10 min", "3.0 V", "225 mAh", "14 dBm", "868.1 MHz").
/// Bare numbers are refused for dimensional values, and durations are converted exactly to integer nanoseconds
/// through <see cref="decimal"/> ("0.1 s" is exactly 100 000 000 ns).
/// </summary>
public static partial class QuantityText
{
    /// <summary>
    /// The number part of a quantity as the parser accepts it (sign, digits, optional fraction and exponent), as a regular
    /// expression that means the same in .NET and ECMA-262 (JSON Schema patterns).
    /// </summary>
    public const string NumberPattern = @"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?";

    private const string DbmUnit = "dBm";
    private const string DecibelUnit = "dB";
    private const string ByteUnit = "B";

    private static readonly Dictionary<string, decimal> SecondsPerUnit = new(StringComparer.Ordinal)
    {
        ["ns"] = 1e-9m, ["us"] = 1e-6m, ["µs"] = 1e-6m, ["ms"] = 1e-3m, ["s"] = 1m,
        ["min"] = 60m, ["h"] = 3600m, ["d"] = 86400m,
    };

    private static readonly Dictionary<string, double> JoulesPerUnit = new(StringComparer.Ordinal)
    {
        ["J"] = 1, ["mJ"] = 1e-3, ["uJ"] = 1e-6, ["µJ"] = 1e-6, ["kJ"] = 1e3, ["Wh"] = 3600, ["mWh"] = 3.6,
    };

    private static readonly Dictionary<string, double> CoulombsPerUnit = new(StringComparer.Ordinal)
    {
        ["mAh"] = 3.6, ["Ah"] = 3600, ["C"] = 1,
    };

    private static readonly Dictionary<string, double> VoltsPerUnit = new(StringComparer.Ordinal) { ["V"] = 1, ["mV"] = 1e-3 };

    private static readonly Dictionary<string, double> HertzPerUnit = new(StringComparer.Ordinal)
    {
        ["Hz"] = 1, ["kHz"] = 1e3, ["MHz"] = 1e6, ["GHz"] = 1e9,
    };

    private static readonly Dictionary<string, double> AmperesPerUnit = new(StringComparer.Ordinal)
    {
        ["A"] = 1, ["mA"] = 1e-3, ["uA"] = 1e-6, ["µA"] = 1e-6, ["nA"] = 1e-9,
    };

    private static readonly Dictionary<string, double> FaradsPerUnit = new(StringComparer.Ordinal)
    {
        ["F"] = 1, ["mF"] = 1e-3, ["uF"] = 1e-6, ["µF"] = 1e-6,
    };

    private static readonly Dictionary<string, double> OhmsPerUnit = new(StringComparer.Ordinal)
    {
        ["ohm"] = 1, ["Ω"] = 1, ["mohm"] = 1e-3, ["mΩ"] = 1e-3, ["kohm"] = 1e3, ["kΩ"] = 1e3,
    };

    private static readonly Dictionary<string, double> WattsPerUnit = new(StringComparer.Ordinal)
    {
        ["W"] = 1, ["mW"] = 1e-3, ["uW"] = 1e-6, ["µW"] = 1e-6, ["kW"] = 1e3,
    };

    private static readonly Dictionary<string, double> MetersPerUnit = new(StringComparer.Ordinal) { ["m"] = 1, ["km"] = 1e3, ["cm"] = 1e-2 };

    /// <summary>The units the parser of <paramref name="dimension"/> accepts, exactly as they must be written.</summary>
    public static IReadOnlyList<string> Units(QuantityDimension dimension) => dimension switch
    {
        QuantityDimension.Duration => [.. SecondsPerUnit.Keys],
        QuantityDimension.Energy => [.. JoulesPerUnit.Keys],
        QuantityDimension.Charge => [.. CoulombsPerUnit.Keys],
        QuantityDimension.EnergyOrCharge => [.. JoulesPerUnit.Keys, .. CoulombsPerUnit.Keys],
        QuantityDimension.Voltage => [.. VoltsPerUnit.Keys],
        QuantityDimension.Current => [.. AmperesPerUnit.Keys],
        QuantityDimension.Power => [.. WattsPerUnit.Keys],
        QuantityDimension.Frequency => [.. HertzPerUnit.Keys],
        QuantityDimension.Length => [.. MetersPerUnit.Keys],
        QuantityDimension.Capacitance => [.. FaradsPerUnit.Keys],
        QuantityDimension.Resistance => [.. OhmsPerUnit.Keys],
        QuantityDimension.PowerLevel => [DbmUnit],
        QuantityDimension.Ratio => [DecibelUnit],
        QuantityDimension.Size => [ByteUnit],
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Unknown dimension."),
    };

    /// <summary>Splits "12.5 kHz" into the number and the unit.</summary>
    /// <returns>False if the text is not a number followed by a unit.</returns>
    public static bool TrySplit(string text, out decimal number, out string unit)
    {
        Match m = NumberAndUnit().Match(text ?? string.Empty);
        unit = m.Success ? m.Groups["unit"].Value : string.Empty;
        number = 0;
        return m.Success && decimal.TryParse(m.Groups["number"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }

    /// <summary>Parses a duration; units ns, us/µs, ms, s, min, h, d.</summary>
    public static SimDuration ParseDuration(string text)
    {
        (decimal n, string unit) = Split(text, SecondsPerUnit.Keys, "a duration");
        return SimDuration.FromSecondsExact(n * SecondsPerUnit[unit]);
    }

    /// <summary>Parses a voltage; units V, mV.</summary>
    public static Volts ParseVoltage(string text) => new(Scaled(text, VoltsPerUnit, "a voltage"));

    /// <summary>Parses a frequency; units Hz, kHz, MHz, GHz.</summary>
    public static Hertz ParseFrequency(string text) => new(Scaled(text, HertzPerUnit, "a frequency"));

    /// <summary>Parses a length; units m, km, cm.</summary>
    public static Meters ParseLength(string text) => new(Scaled(text, MetersPerUnit, "a length"));

    /// <summary>Parses a power level in dBm.</summary>
    public static Dbm ParseDbm(string text)
    {
        (decimal n, _) = Split(text, [DbmUnit], "a power level");
        return new Dbm((double)n);
    }

    /// <summary>Parses a ratio in dB.</summary>
    public static Decibels ParseDecibels(string text)
    {
        (decimal n, _) = Split(text, [DecibelUnit], "a ratio in dB");
        return new Decibels((double)n);
    }

    /// <summary>Parses a power; units W, mW, uW/µW, kW.</summary>
    public static Watts ParsePower(string text) => new(Scaled(text, WattsPerUnit, "a power"));

    /// <summary>Parses a current; units A, mA, uA/µA, nA.</summary>
    public static Amperes ParseCurrent(string text) => new(Scaled(text, AmperesPerUnit, "a current"));

    /// <summary>Parses a capacitance in farads; units F, mF, uF/µF (no typed quantity: only storage models use it).</summary>
    public static double ParseCapacitanceFarads(string text) => Scaled(text, FaradsPerUnit, "a capacitance");

    /// <summary>Parses a resistance in ohms; units ohm/Ω, mohm/mΩ, kohm/kΩ.</summary>
    public static double ParseResistanceOhms(string text) => Scaled(text, OhmsPerUnit, "a resistance");

    /// <summary>Parses a charge in coulombs; units mAh, Ah, C (no energy units: a charge needs no voltage).</summary>
    public static double ParseChargeCoulombs(string text) => Scaled(text, CoulombsPerUnit, "a charge");

    /// <summary>Parses a size in bytes ("20 B").</summary>
    public static int ParseBytes(string text)
    {
        (decimal n, _) = Split(text, [ByteUnit], "a size");
        if (n != decimal.Truncate(n) || n < 0 || n > int.MaxValue)
        {
            throw new FormatException($"'{text}' is not a whole number of bytes.");
        }

        return (int)n;
    }

    /// <summary>
    /// Parses an energy (J, mJ, kJ, Wh, mWh) or a charge (mAh, Ah, C) converted to energy at <paramref name="voltage"/>.
    /// </summary>
    public static Joules ParseEnergyOrCharge(string text, Volts voltage)
    {
        if (TrySplit(text, out decimal n, out string unit) && CoulombsPerUnit.TryGetValue(unit, out double coulombs))
        {
            return new Joules((double)(n * (decimal)coulombs) * voltage.Value);
        }

        return new Joules(Scaled(text, JoulesPerUnit, "an energy or a charge (mAh, Ah)", CoulombsPerUnit.Keys));
    }

    private static double Scaled(string text, Dictionary<string, double> units, string what, IEnumerable<string>? alsoAccepted = null)
    {
        (decimal n, string unit) = Split(text, alsoAccepted is null ? units.Keys : units.Keys.Concat(alsoAccepted), what);
        // In decimal, so "10 uW" is the double nearest 1e-5 rather than 10 × 1e-6 = 9.999999999999999e-6.
        return (double)(n * (decimal)units[unit]);
    }

    private static (decimal Number, string Unit) Split(string text, IEnumerable<string> units, string what)
    {
        string[] accepted = [.. units];
        if (!TrySplit(text, out decimal n, out string unit))
        {
            throw new FormatException($"expected {what} with a unit ({string.Join(", ", accepted)}), e.g. '{Example(accepted[0])}', got '{text}'");
        }

        if (!accepted.Contains(unit, StringComparer.Ordinal))
        {
            throw new FormatException($"expected {what}: unit '{unit}' is not one of {string.Join(", ", accepted)}");
        }

        return (n, unit);
    }

    private static string Example(string unit) => "10 " + unit;

    [GeneratedRegex(@"^\s*(?<number>" + NumberPattern + @")\s*(?<unit>[A-Za-zµΩ]+)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberAndUnit();
}
