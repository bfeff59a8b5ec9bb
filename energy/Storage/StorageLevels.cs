using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy.Storage;

/// <summary>
/// When a storage's energy crosses a level at a constant net power: the event time of a brown-out or restart
/// threshold, computed from the model itself (<see cref="IEnergyStorage.StoredAfter"/>) rather than by polling.
/// </summary>
/// <remarks>
/// <para>At constant net power every model's stored energy moves monotonically (towards empty or full, or towards the
/// equilibrium of charge and leakage), so the first whole nanosecond at which the level is reached is found by
/// bracketing and then narrowing with interpolation on the model's own prediction, falling back to bisection when the
/// curve is far from linear. Linear models (linear, Peukert, coin cell, KiBaM total charge) settle in a few
/// evaluations; supercapacitor leakage and Li-ion open-circuit curves in a few more.</para>
/// <para><b>Limits:</b> horizons up to 2^62 ns (146 years); beyond that the level counts as never reached.</para>
/// </remarks>
public static class StorageLevels
{
    private const long Horizon = 1L << 62;

    /// <summary>The first whole nanosecond from now at which the stored energy has fallen to ≤ <paramref name="level"/>.</summary>
    /// <returns>Zero if it is there already; null if it never gets there at this net power (charging, the storage stops
    /// delivering first, or it settles above the level).</returns>
    public static SimDuration? TimeUntilFallsTo(IEnergyStorage storage, Watts netDischarge, Joules level) =>
        TimeUntil(storage, netDischarge, level, falling: true);

    /// <summary>The first whole nanosecond from now at which the stored energy has risen to ≥ <paramref name="level"/>.</summary>
    /// <returns>Zero if it is there already; null if it never gets there at this net power (discharging, full below the
    /// level, or leakage balancing the charge below it).</returns>
    public static SimDuration? TimeUntilRisesTo(IEnergyStorage storage, Watts netDischarge, Joules level) =>
        TimeUntil(storage, netDischarge, level, falling: false);

    private static SimDuration? TimeUntil(IEnergyStorage storage, Watts netDischarge, Joules level, bool falling)
    {
        ArgumentNullException.ThrowIfNull(storage);
        if (!double.IsFinite(netDischarge.Value) || !double.IsFinite(level.Value))
        {
            throw new ArgumentOutOfRangeException(nameof(netDischarge), "Net power and level must be finite.");
        }
        // g(n) > 0 until the level is reached; g is non-increasing in n for both directions.
        double G(long n)
        {
            double stored = n == 0 ? storage.Stored.Value : storage.StoredAfter(netDischarge, SimDuration.FromNanoseconds(n)).Value;
            return falling ? stored - level.Value : level.Value - stored;
        }

        double gLo = G(0);
        if (gLo <= 0)
        {
            return SimDuration.Zero;
        }

        // First guess: the time the gap takes at the net power alone; losses make discharge faster and charging slower.
        double rate = falling ? netDischarge.Value : -netDischarge.Value;
        double guessNs = rate > 0 ? gLo / rate * SimDuration.NanosecondsPerSecond : 3600.0 * SimDuration.NanosecondsPerSecond;
        long lo = 0;
        long hi = guessNs >= Horizon ? Horizon : Math.Max(1, (long)Math.Ceiling(guessNs));
        double gHi = G(hi);
        while (gHi > 0)
        {
            // Monotone: a curve that did not approach the level over [lo, hi] never reaches it.
            if (hi == Horizon || gHi >= gLo)
            {
                return null;
            }

            (lo, gLo) = (hi, gHi);
            hi = hi > Horizon / 2 ? Horizon : hi * 2;
            gHi = G(hi);
        }

        // Invariant: g(lo) > 0 ≥ g(hi). Probe the interpolated point and its neighbour on the far side, so a linear
        // curve closes the bracket in one round; bisect when a round did not halve it.
        while (hi - lo > 1)
        {
            long width = hi - lo;
            long m = Interpolate(lo, gLo, hi, gHi);
            double gm = G(m);
            if (gm <= 0)
            {
                (hi, gHi) = (m, gm);
                if (m - 1 > lo && G(m - 1) is var g1 && g1 > 0)
                {
                    (lo, gLo) = (m - 1, g1);
                }
            }
            else
            {
                (lo, gLo) = (m, gm);
                if (m + 1 < hi && G(m + 1) is var g1 && g1 <= 0)
                {
                    (hi, gHi) = (m + 1, g1);
                }
            }

            if (hi - lo > width / 2 && hi - lo > 1)
            {
                long mid = lo + ((hi - lo) / 2);
                double gMid = G(mid);
                if (gMid <= 0)
                {
                    (hi, gHi) = (mid, gMid);
                }
                else
                {
                    (lo, gLo) = (mid, gMid);
                }
            }
        }

        return SimDuration.FromNanoseconds(hi);
    }

    // The root of the chord through (lo, gLo) and (hi, gHi), kept strictly inside (lo, hi).
    private static long Interpolate(long lo, double gLo, long hi, double gHi)
    {
        double fraction = gLo / (gLo - gHi);
        double x = lo + ((hi - lo) * fraction);
        long m = double.IsFinite(x) ? (long)Math.Ceiling(x) : lo + ((hi - lo) / 2);
        return Math.Clamp(m, lo + 1, hi - 1);
    }
}
