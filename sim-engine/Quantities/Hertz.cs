using System.Globalization;
using SensorNet.SimEngine.Time;

namespace SensorNet.SimEngine.Quantities;

/// <summary>Frequency in hertz (SI): carrier frequencies, bandwidths and clock rates.</summary>
/// <param name="Value">Frequency, in Hz.</param>
public readonly record struct Hertz(double Value) : IComparable<Hertz>
{
    /// <summary>Creates a frequency from kilohertz.</summary>
    public static Hertz FromKilohertz(double kilohertz) => new(kilohertz * 1e3);

    /// <summary>Creates a frequency from megahertz.</summary>
    public static Hertz FromMegahertz(double megahertz) => new(megahertz * 1e6);

    /// <summary>Sum.</summary>
    public static Hertz operator +(Hertz a, Hertz b) => new(a.Value + b.Value);

    /// <summary>Difference.</summary>
    public static Hertz operator -(Hertz a, Hertz b) => new(a.Value - b.Value);

    /// <summary>Orders frequencies.</summary>
    public static bool operator <(Hertz a, Hertz b) => a.Value < b.Value;

    /// <summary>Orders frequencies.</summary>
    public static bool operator >(Hertz a, Hertz b) => a.Value > b.Value;

    /// <summary>Orders frequencies.</summary>
    public static bool operator <=(Hertz a, Hertz b) => a.Value <= b.Value;

    /// <summary>Orders frequencies.</summary>
    public static bool operator >=(Hertz a, Hertz b) => a.Value >= b.Value;

    /// <summary>
    /// Time taken by <paramref name="cycles"/> clock cycles at this frequency, rounded up to a whole
    /// nanosecond so that a non-zero amount of work never takes zero time.
    /// </summary>
    public SimDuration CyclesToDuration(long cycles)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cycles);
        return SimDuration.FromNanoseconds((long)Math.Ceiling(cycles * 1e9 / Value));
    }

    /// <inheritdoc/>
    public int CompareTo(Hertz other) => Value.CompareTo(other.Value);

    /// <summary>Formats with the unit, invariant culture.</summary>
    public override string ToString() => Value.ToString("R", CultureInfo.InvariantCulture) + " Hz";
}
