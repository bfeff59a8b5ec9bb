using System.Globalization;
using SensorNet.SimEngine.Time;

namespace SensorNet.SimEngine.Quantities;

/// <summary>Power in watts (SI).</summary>
/// <param name="Value">Power, in W.</param>
public readonly record struct Watts(double Value) : IComparable<Watts>
{
    /// <summary>No power.</summary>
    public static Watts Zero => default;

    /// <summary>Sum.</summary>
    public static Watts operator +(Watts a, Watts b) => new(a.Value + b.Value);

    /// <summary>Difference.</summary>
    public static Watts operator -(Watts a, Watts b) => new(a.Value - b.Value);

    /// <summary>Scaling.</summary>
    public static Watts operator *(Watts a, double k) => new(a.Value * k);

    /// <summary>Scaling.</summary>
    public static Watts operator *(double k, Watts a) => new(a.Value * k);

    /// <summary>Division by a scalar.</summary>
    public static Watts operator /(Watts a, double k) => new(a.Value / k);

    /// <summary>Energy delivered at constant power over a span: E = P · t, with t taken exactly from integer nanoseconds.</summary>
    public static Joules operator *(Watts p, SimDuration t) => new(p.Value * t.Nanoseconds * 1e-9);

    /// <summary>Energy delivered at constant power over a span.</summary>
    public static Joules operator *(SimDuration t, Watts p) => p * t;

    /// <summary>Current drawn at a supply voltage: I = P / V.</summary>
    public static Amperes operator /(Watts p, Volts v) => new(p.Value / v.Value);

    /// <summary>Orders powers.</summary>
    public static bool operator <(Watts a, Watts b) => a.Value < b.Value;

    /// <summary>Orders powers.</summary>
    public static bool operator >(Watts a, Watts b) => a.Value > b.Value;

    /// <summary>Orders powers.</summary>
    public static bool operator <=(Watts a, Watts b) => a.Value <= b.Value;

    /// <summary>Orders powers.</summary>
    public static bool operator >=(Watts a, Watts b) => a.Value >= b.Value;

    /// <summary>Converts to decibel-milliwatts; zero power gives −∞ dBm.</summary>
    public Dbm ToDbm() => new(10.0 * Math.Log10(Value * 1000.0));

    /// <inheritdoc/>
    public int CompareTo(Watts other) => Value.CompareTo(other.Value);

    /// <summary>Formats with the unit, invariant culture.</summary>
    public override string ToString() => Value.ToString("R", CultureInfo.InvariantCulture) + " W";
}
