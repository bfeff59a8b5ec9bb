using System.Globalization;

namespace SensorNet.SimEngine.Quantities;

/// <summary>Electric potential in volts (SI).</summary>
/// <param name="Value">Voltage, in V.</param>
public readonly record struct Volts(double Value) : IComparable<Volts>
{
    /// <summary>Power drawn by a current at this voltage: P = V · I.</summary>
    public static Watts operator *(Volts v, Amperes i) => new(v.Value * i.Value);

    /// <summary>Sum.</summary>
    public static Volts operator +(Volts a, Volts b) => new(a.Value + b.Value);

    /// <summary>Difference.</summary>
    public static Volts operator -(Volts a, Volts b) => new(a.Value - b.Value);

    /// <summary>Orders voltages.</summary>
    public static bool operator <(Volts a, Volts b) => a.Value < b.Value;

    /// <summary>Orders voltages.</summary>
    public static bool operator >(Volts a, Volts b) => a.Value > b.Value;

    /// <summary>Orders voltages.</summary>
    public static bool operator <=(Volts a, Volts b) => a.Value <= b.Value;

    /// <summary>Orders voltages.</summary>
    public static bool operator >=(Volts a, Volts b) => a.Value >= b.Value;

    /// <inheritdoc/>
    public int CompareTo(Volts other) => Value.CompareTo(other.Value);

    /// <summary>Formats with the unit, invariant culture.</summary>
    public override string ToString() => Value.ToString("R", CultureInfo.InvariantCulture) + " V";
}
