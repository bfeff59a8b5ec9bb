using System.Globalization;

namespace SensorNet.SimEngine.Time;

/// <summary>
/// A span of simulated time as a signed integer count of nanoseconds (ns-3 <c>Time</c>, Renode <c>TimeInterval</c>).
/// </summary>
/// <remarks>
/// Range: ±9.22e18 ns, about ±292 years. Every arithmetic operator is checked and throws
/// <see cref="SimTimeOverflowException"/> rather than wrapping. Conversions from floating point are
/// named <c>…Rounded</c> so that the rounding is visible at the call site (the ns-3 rule: integer literals for time).
/// </remarks>
/// <param name="Nanoseconds">Length of the span, in nanoseconds.</param>
public readonly record struct SimDuration(long Nanoseconds) : IComparable<SimDuration>
{
    /// <summary>Nanoseconds per microsecond.</summary>
    public const long NanosecondsPerMicrosecond = 1_000;

    /// <summary>Nanoseconds per millisecond.</summary>
    public const long NanosecondsPerMillisecond = 1_000_000;

    /// <summary>Nanoseconds per second.</summary>
    public const long NanosecondsPerSecond = 1_000_000_000;

    /// <summary>The empty span.</summary>
    public static SimDuration Zero => default;

    /// <summary>The longest representable span (about 292 years).</summary>
    public static SimDuration MaxValue => new(long.MaxValue);

    /// <summary>Length in seconds, as a double (for reporting and physics; not for ordering).</summary>
    public double TotalSeconds => Nanoseconds / (double)NanosecondsPerSecond;

    /// <summary>Length in milliseconds, as a double.</summary>
    public double TotalMilliseconds => Nanoseconds / (double)NanosecondsPerMillisecond;

    /// <summary>Creates a span of <paramref name="value"/> nanoseconds.</summary>
    public static SimDuration FromNanoseconds(long value) => new(value);

    /// <summary>Creates a span of <paramref name="value"/> microseconds.</summary>
    public static SimDuration FromMicroseconds(long value) => Scale(value, NanosecondsPerMicrosecond, "µs");

    /// <summary>Creates a span of <paramref name="value"/> milliseconds.</summary>
    public static SimDuration FromMilliseconds(long value) => Scale(value, NanosecondsPerMillisecond, "ms");

    /// <summary>Creates a span of <paramref name="value"/> seconds.</summary>
    public static SimDuration FromSeconds(long value) => Scale(value, NanosecondsPerSecond, "s");

    /// <summary>Creates a span of <paramref name="value"/> minutes.</summary>
    public static SimDuration FromMinutes(long value) => Scale(value, 60 * NanosecondsPerSecond, "min");

    /// <summary>Creates a span of <paramref name="value"/> hours.</summary>
    public static SimDuration FromHours(long value) => Scale(value, 3_600 * NanosecondsPerSecond, "h");

    /// <summary>Creates a span of <paramref name="value"/> days of 86 400 s.</summary>
    public static SimDuration FromDays(long value) => Scale(value, 86_400 * NanosecondsPerSecond, "d");

    /// <summary>
    /// Converts seconds given as a double to the nearest nanosecond (ties away from zero).
    /// Use for physics results such as a time on air; never for configuration values.
    /// </summary>
    /// <exception cref="SimTimeOverflowException">The value is not finite or out of range.</exception>
    public static SimDuration FromSecondsRounded(double seconds)
    {
        double ns = Math.Round(seconds * NanosecondsPerSecond, MidpointRounding.AwayFromZero);
        if (!double.IsFinite(ns) || ns >= 9.2233720368547758E18 || ns < -9.2233720368547758E18)
        {
            throw new SimTimeOverflowException(
                string.Create(CultureInfo.InvariantCulture, $"{seconds} s does not fit in a 64-bit nanosecond duration."));
        }

        return new((long)ns);
    }

    /// <summary>
    /// Converts an exact decimal number of seconds (for example parsed from "0.1 s") to nanoseconds,
    /// refusing values that are not a whole number of nanoseconds.
    /// </summary>
    /// <exception cref="ArgumentException">The value has a fraction of a nanosecond.</exception>
    /// <exception cref="SimTimeOverflowException">The value is out of range.</exception>
    public static SimDuration FromSecondsExact(decimal seconds)
    {
        decimal ns;
        try
        {
            ns = seconds * NanosecondsPerSecond;
        }
        catch (OverflowException e)
        {
            throw new SimTimeOverflowException(
                string.Create(CultureInfo.InvariantCulture, $"{seconds} s does not fit in a 64-bit nanosecond duration."), e);
        }

        if (ns != decimal.Truncate(ns))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{seconds} s is not a whole number of nanoseconds."), nameof(seconds));
        }

        if (ns > long.MaxValue || ns < long.MinValue)
        {
            throw new SimTimeOverflowException(
                string.Create(CultureInfo.InvariantCulture, $"{seconds} s does not fit in a 64-bit nanosecond duration."));
        }

        return new((long)ns);
    }

    /// <summary>Sum of two spans.</summary>
    public static SimDuration operator +(SimDuration a, SimDuration b) => new(Checked.Add(a.Nanoseconds, b.Nanoseconds, "duration + duration"));

    /// <summary>Difference of two spans.</summary>
    public static SimDuration operator -(SimDuration a, SimDuration b) => new(Checked.Subtract(a.Nanoseconds, b.Nanoseconds, "duration - duration"));

    /// <summary>Negated span.</summary>
    public static SimDuration operator -(SimDuration a) => new(Checked.Subtract(0, a.Nanoseconds, "-duration"));

    /// <summary>Span repeated <paramref name="factor"/> times.</summary>
    public static SimDuration operator *(SimDuration a, long factor) => new(Checked.Multiply(a.Nanoseconds, factor, "duration × integer"));

    /// <summary>Span repeated <paramref name="factor"/> times.</summary>
    public static SimDuration operator *(long factor, SimDuration a) => a * factor;

    /// <summary>Span divided into <paramref name="divisor"/> parts, truncated toward zero.</summary>
    public static SimDuration operator /(SimDuration a, long divisor) =>
        divisor == -1 ? -a : new(a.Nanoseconds / divisor); // long.MinValue / -1 overflows; negation reports it as SimTimeOverflowException.

    /// <summary>Ratio of two spans.</summary>
    public static double operator /(SimDuration a, SimDuration b) => a.Nanoseconds / (double)b.Nanoseconds;

    /// <summary>Orders spans by length.</summary>
    public static bool operator <(SimDuration a, SimDuration b) => a.Nanoseconds < b.Nanoseconds;

    /// <summary>Orders spans by length.</summary>
    public static bool operator >(SimDuration a, SimDuration b) => a.Nanoseconds > b.Nanoseconds;

    /// <summary>Orders spans by length.</summary>
    public static bool operator <=(SimDuration a, SimDuration b) => a.Nanoseconds <= b.Nanoseconds;

    /// <summary>Orders spans by length.</summary>
    public static bool operator >=(SimDuration a, SimDuration b) => a.Nanoseconds >= b.Nanoseconds;

    /// <summary>The shorter of two spans.</summary>
    public static SimDuration Min(SimDuration a, SimDuration b) => a.Nanoseconds <= b.Nanoseconds ? a : b;

    /// <summary>The longer of two spans.</summary>
    public static SimDuration Max(SimDuration a, SimDuration b) => a.Nanoseconds >= b.Nanoseconds ? a : b;

    /// <inheritdoc/>
    public int CompareTo(SimDuration other) => Nanoseconds.CompareTo(other.Nanoseconds);

    /// <summary>Formats as seconds with nanosecond precision, e.g. <c>1.500000000 s</c>.</summary>
    public override string ToString() => Checked.FormatSeconds(Nanoseconds);

    private static SimDuration Scale(long value, long factor, string unit) => new(Checked.Multiply(value, factor, unit));
}
