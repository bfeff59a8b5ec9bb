using System.Globalization;
using SensorNet.SimEngine.Time;

namespace SensorNet.SimEngine.Quantities;

/// <summary>Energy in joules (SI); SensorNet's canonical energy unit.</summary>
/// <param name="Value">Energy, in J.</param>
public readonly record struct Joules(double Value) : IComparable<Joules>
{
    /// <summary>No energy.</summary>
    public static Joules Zero => default;

    /// <summary>Charge in milliampere-hours delivered at a constant <paramref name="voltage"/>, as energy (1 mAh = 3.6 C).</summary>
    public static Joules FromMilliampereHours(double milliampereHours, Volts voltage) => new(milliampereHours * 3.6 * voltage.Value);

    /// <summary>Sum.</summary>
    public static Joules operator +(Joules a, Joules b) => new(a.Value + b.Value);

    /// <summary>Difference.</summary>
    public static Joules operator -(Joules a, Joules b) => new(a.Value - b.Value);

    /// <summary>Negation.</summary>
    public static Joules operator -(Joules a) => new(-a.Value);

    /// <summary>Scaling.</summary>
    public static Joules operator *(Joules a, double k) => new(a.Value * k);

    /// <summary>Scaling.</summary>
    public static Joules operator *(double k, Joules a) => new(a.Value * k);

    /// <summary>Division by a scalar.</summary>
    public static Joules operator /(Joules a, double k) => new(a.Value / k);

    /// <summary>Ratio of two energies.</summary>
    public static double operator /(Joules a, Joules b) => a.Value / b.Value;

    /// <summary>Average power over a span: E / t.</summary>
    public static Watts operator /(Joules e, SimDuration t) => new(e.Value / t.TotalSeconds);

    /// <summary>Orders energies.</summary>
    public static bool operator <(Joules a, Joules b) => a.Value < b.Value;

    /// <summary>Orders energies.</summary>
    public static bool operator >(Joules a, Joules b) => a.Value > b.Value;

    /// <summary>Orders energies.</summary>
    public static bool operator <=(Joules a, Joules b) => a.Value <= b.Value;

    /// <summary>Orders energies.</summary>
    public static bool operator >=(Joules a, Joules b) => a.Value >= b.Value;

    /// <inheritdoc/>
    public int CompareTo(Joules other) => Value.CompareTo(other.Value);

    /// <summary>Formats with the unit, invariant culture.</summary>
    public override string ToString() => Value.ToString("R", CultureInfo.InvariantCulture) + " J";
}
