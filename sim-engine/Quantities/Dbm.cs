using System.Globalization;

namespace SensorNet.SimEngine.Quantities;

/// <summary>Power level in decibel-milliwatts: P[dBm] = 10 · log10(P[W] / 1 mW).</summary>
/// <param name="Value">Power level, in dBm.</param>
public readonly record struct Dbm(double Value) : IComparable<Dbm>
{
    /// <summary>Converts to linear power.</summary>
    public Watts ToWatts() => new(Math.Pow(10.0, Value / 10.0) / 1000.0);

    /// <summary>Level after a gain (positive) or loss (negative) in dB.</summary>
    public static Dbm operator +(Dbm level, Decibels gain) => new(level.Value + gain.Value);

    /// <summary>Level after a loss in dB (for example a path loss).</summary>
    public static Dbm operator -(Dbm level, Decibels loss) => new(level.Value - loss.Value);

    /// <summary>Ratio of two levels, in dB (for example a signal-to-interference ratio).</summary>
    public static Decibels operator -(Dbm a, Dbm b) => new(a.Value - b.Value);

    /// <summary>Orders levels.</summary>
    public static bool operator <(Dbm a, Dbm b) => a.Value < b.Value;

    /// <summary>Orders levels.</summary>
    public static bool operator >(Dbm a, Dbm b) => a.Value > b.Value;

    /// <summary>Orders levels.</summary>
    public static bool operator <=(Dbm a, Dbm b) => a.Value <= b.Value;

    /// <summary>Orders levels.</summary>
    public static bool operator >=(Dbm a, Dbm b) => a.Value >= b.Value;

    /// <inheritdoc/>
    public int CompareTo(Dbm other) => Value.CompareTo(other.Value);

    /// <summary>Formats with the unit, invariant culture.</summary>
    public override string ToString() => Value.ToString("R", CultureInfo.InvariantCulture) + " dBm";
}
