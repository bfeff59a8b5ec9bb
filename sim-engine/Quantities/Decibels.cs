using System.Globalization;

namespace SensorNet.SimEngine.Quantities;

/// <summary>A dimensionless power ratio in decibels (gain, loss, SNR): 10 · log10(ratio).</summary>
/// <param name="Value">Ratio, in dB.</param>
public readonly record struct Decibels(double Value) : IComparable<Decibels>
{
    /// <summary>The linear power ratio, 10^(dB/10).</summary>
    public double ToLinear() => Math.Pow(10.0, Value / 10.0);

    /// <summary>Creates a ratio from a linear power ratio.</summary>
    public static Decibels FromLinear(double ratio) => new(10.0 * Math.Log10(ratio));

    /// <summary>Sum of two ratios (product of linear ratios).</summary>
    public static Decibels operator +(Decibels a, Decibels b) => new(a.Value + b.Value);

    /// <summary>Difference of two ratios.</summary>
    public static Decibels operator -(Decibels a, Decibels b) => new(a.Value - b.Value);

    /// <summary>Orders ratios.</summary>
    public static bool operator <(Decibels a, Decibels b) => a.Value < b.Value;

    /// <summary>Orders ratios.</summary>
    public static bool operator >(Decibels a, Decibels b) => a.Value > b.Value;

    /// <summary>Orders ratios.</summary>
    public static bool operator <=(Decibels a, Decibels b) => a.Value <= b.Value;

    /// <summary>Orders ratios.</summary>
    public static bool operator >=(Decibels a, Decibels b) => a.Value >= b.Value;

    /// <inheritdoc/>
    public int CompareTo(Decibels other) => Value.CompareTo(other.Value);

    /// <summary>Formats with the unit, invariant culture.</summary>
    public override string ToString() => Value.ToString("R", CultureInfo.InvariantCulture) + " dB";
}
