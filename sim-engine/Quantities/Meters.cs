using System.Globalization;

namespace SensorNet.SimEngine.Quantities;

/// <summary>Length in metres (SI).</summary>
/// <param name="Value">Length, in m.</param>
public readonly record struct Meters(double Value) : IComparable<Meters>
{
    /// <summary>Sum.</summary>
    public static Meters operator +(Meters a, Meters b) => new(a.Value + b.Value);

    /// <summary>Difference.</summary>
    public static Meters operator -(Meters a, Meters b) => new(a.Value - b.Value);

    /// <summary>Scaling.</summary>
    public static Meters operator *(Meters a, double k) => new(a.Value * k);

    /// <summary>Ratio of two lengths.</summary>
    public static double operator /(Meters a, Meters b) => a.Value / b.Value;

    /// <summary>Orders lengths.</summary>
    public static bool operator <(Meters a, Meters b) => a.Value < b.Value;

    /// <summary>Orders lengths.</summary>
    public static bool operator >(Meters a, Meters b) => a.Value > b.Value;

    /// <summary>Orders lengths.</summary>
    public static bool operator <=(Meters a, Meters b) => a.Value <= b.Value;

    /// <summary>Orders lengths.</summary>
    public static bool operator >=(Meters a, Meters b) => a.Value >= b.Value;

    /// <inheritdoc/>
    public int CompareTo(Meters other) => Value.CompareTo(other.Value);

    /// <summary>Formats with the unit, invariant culture.</summary>
    public override string ToString() => Value.ToString("R", CultureInfo.InvariantCulture) + " m";
}
