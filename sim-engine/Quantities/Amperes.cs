using System.Globalization;

namespace SensorNet.SimEngine.Quantities;

/// <summary>Electric current in amperes (SI).</summary>
/// <param name="Value">Current, in A.</param>
public readonly record struct Amperes(double Value) : IComparable<Amperes>
{
    /// <summary>Creates a current from milliamperes.</summary>
    public static Amperes FromMilliamperes(double milliamperes) => new(milliamperes * 1e-3);

    /// <summary>Creates a current from microamperes.</summary>
    public static Amperes FromMicroamperes(double microamperes) => new(microamperes * 1e-6);

    /// <summary>Current in milliamperes.</summary>
    public double Milliamperes => Value * 1e3;

    /// <summary>Power drawn at a supply voltage: P = I · V.</summary>
    public static Watts operator *(Amperes i, Volts v) => new(i.Value * v.Value);

    /// <summary>Sum.</summary>
    public static Amperes operator +(Amperes a, Amperes b) => new(a.Value + b.Value);

    /// <summary>Difference.</summary>
    public static Amperes operator -(Amperes a, Amperes b) => new(a.Value - b.Value);

    /// <summary>Orders currents.</summary>
    public static bool operator <(Amperes a, Amperes b) => a.Value < b.Value;

    /// <summary>Orders currents.</summary>
    public static bool operator >(Amperes a, Amperes b) => a.Value > b.Value;

    /// <summary>Orders currents.</summary>
    public static bool operator <=(Amperes a, Amperes b) => a.Value <= b.Value;

    /// <summary>Orders currents.</summary>
    public static bool operator >=(Amperes a, Amperes b) => a.Value >= b.Value;

    /// <inheritdoc/>
    public int CompareTo(Amperes other) => Value.CompareTo(other.Value);

    /// <summary>Formats with the unit, invariant culture.</summary>
    public override string ToString() => Value.ToString("R", CultureInfo.InvariantCulture) + " A";
}
