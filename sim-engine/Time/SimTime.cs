namespace SensorNet.SimEngine.Time;

/// <summary>
/// An instant of simulated time: integer nanoseconds since the start of the simulation (t = 0).
/// </summary>
/// <remarks>
/// Range: 0 to 9.22e18 ns, about 292 years of simulated time. Subtracting a duration may give an earlier,
/// even negative, instant (useful in computations); the simulation refuses to schedule anything before its clock.
/// Arithmetic with <see cref="SimDuration"/>
/// is checked and throws <see cref="SimTimeOverflowException"/> instead of wrapping, so an event can never
/// be scheduled "before" the present by overflow.
/// </remarks>
/// <param name="Nanoseconds">Nanoseconds since the start of the simulation.</param>
public readonly record struct SimTime(long Nanoseconds) : IComparable<SimTime>
{
    /// <summary>The start of the simulation.</summary>
    public static SimTime Zero => default;

    /// <summary>The last representable instant (about 292 years after the start).</summary>
    public static SimTime MaxValue => new(long.MaxValue);

    /// <summary>Seconds since the start, as a double (for reporting and physics; not for ordering).</summary>
    public double TotalSeconds => Nanoseconds / (double)SimDuration.NanosecondsPerSecond;

    /// <summary>The span from the start of the simulation to this instant.</summary>
    public SimDuration SinceStart => new(Nanoseconds);

    /// <summary>Creates the instant <paramref name="duration"/> after the start.</summary>
    public static SimTime FromStart(SimDuration duration) => new(duration.Nanoseconds);

    /// <summary>The instant <paramref name="d"/> after <paramref name="t"/>.</summary>
    public static SimTime operator +(SimTime t, SimDuration d) => new(Checked.Add(t.Nanoseconds, d.Nanoseconds, "time + duration"));

    /// <summary>The instant <paramref name="d"/> before <paramref name="t"/>.</summary>
    public static SimTime operator -(SimTime t, SimDuration d) => new(Checked.Subtract(t.Nanoseconds, d.Nanoseconds, "time - duration"));

    /// <summary>The span from <paramref name="b"/> to <paramref name="a"/>.</summary>
    public static SimDuration operator -(SimTime a, SimTime b) => new(Checked.Subtract(a.Nanoseconds, b.Nanoseconds, "time - time"));

    /// <summary>Orders instants.</summary>
    public static bool operator <(SimTime a, SimTime b) => a.Nanoseconds < b.Nanoseconds;

    /// <summary>Orders instants.</summary>
    public static bool operator >(SimTime a, SimTime b) => a.Nanoseconds > b.Nanoseconds;

    /// <summary>Orders instants.</summary>
    public static bool operator <=(SimTime a, SimTime b) => a.Nanoseconds <= b.Nanoseconds;

    /// <summary>Orders instants.</summary>
    public static bool operator >=(SimTime a, SimTime b) => a.Nanoseconds >= b.Nanoseconds;

    /// <summary>The earlier of two instants.</summary>
    public static SimTime Min(SimTime a, SimTime b) => a.Nanoseconds <= b.Nanoseconds ? a : b;

    /// <summary>The later of two instants.</summary>
    public static SimTime Max(SimTime a, SimTime b) => a.Nanoseconds >= b.Nanoseconds ? a : b;

    /// <inheritdoc/>
    public int CompareTo(SimTime other) => Nanoseconds.CompareTo(other.Nanoseconds);

    /// <summary>Formats as seconds since the start with nanosecond precision, e.g. <c>t=12.000000001 s</c>.</summary>
    public override string ToString() => "t=" + Checked.FormatSeconds(Nanoseconds);
}
