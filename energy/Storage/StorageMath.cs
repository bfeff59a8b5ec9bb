namespace SensorNet.Energy.Storage;

/// <summary>
/// Numerical helpers shared by the storage models: exponential and logarithmic differences without cancellation,
/// bracketed root finding and the conversion of an exhaustion time to whole nanoseconds.
/// </summary>
/// <remarks>
/// .NET's <c>double.ExpM1</c> and <c>double.LogP1</c> are computed as <c>Exp(x) − 1</c> and <c>Log(1 + x)</c>, which lose
/// every digit for small arguments; the closed forms here subtract nearly equal quantities over 1 ns steps, so they
/// use Kahan's compensated forms (Goldberg, "What every computer scientist should know about floating-point
/// arithmetic", ACM Computing Surveys 23(1), 1991, Theorem 4) and short Taylor series.
/// </remarks>
internal static class StorageMath
{
    /// <summary>Seconds per nanosecond.</summary>
    public const double SecondsPerNanosecond = 1e-9;

    /// <summary>Seconds per hour.</summary>
    public const double SecondsPerHour = 3600.0;

    /// <summary>Coulombs per milliampere-hour.</summary>
    public const double CoulombsPerMilliampereHour = 3.6;

    /// <summary>Returns <paramref name="value"/> if it is a valid charge efficiency, in (0, 1]; throws otherwise.</summary>
    public static double CheckChargeEfficiency(double value) =>
        value > 0 && value <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Charge efficiency must lie in (0, 1].");

    /// <summary>A duration in whole nanoseconds as seconds (the same product <c>Watts × SimDuration</c> uses).</summary>
    public static double Seconds(long nanoseconds) => nanoseconds * SecondsPerNanosecond;

    /// <summary>eˣ − 1, accurate to a few ulps for all x.</summary>
    public static double ExpM1(double x)
    {
        double u = Math.Exp(x);
        if (u == 1.0)
        {
            return x;
        }

        double um1 = u - 1.0;
        if (um1 == -1.0 || double.IsPositiveInfinity(u))
        {
            return um1;
        }

        // (u − 1)·x / ln u cancels the rounding error of u (Kahan).
        return um1 * x / Math.Log(u);
    }

    /// <summary>ln(1 + x) for x &gt; −1, accurate to a few ulps for all x.</summary>
    public static double Log1P(double x)
    {
        double u = 1.0 + x;
        if (u == 1.0)
        {
            return x;
        }

        if (double.IsPositiveInfinity(u))
        {
            return u;
        }

        return Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>1 − e⁻ˣ.</summary>
    public static double OneMinusExpNeg(double x) => -ExpM1(-x);

    /// <summary>
    /// G(x) = x − 1 + e⁻ˣ (≥ 0 for x ≥ 0), the KiBaM and RC-leakage kernel; a series below 0.5 because the direct form
    /// subtracts two numbers that agree in all but their x²/2 part.
    /// </summary>
    public static double XMinusOneMinusExpNeg(double x)
    {
        if (Math.Abs(x) < 0.5)
        {
            double term = x * x / 2.0;
            double sum = term;
            for (int n = 3; n < 40; n++)
            {
                term *= -x / n;
                sum += term;
                if (Math.Abs(term) <= 1e-18 * Math.Abs(sum))
                {
                    break;
                }
            }

            return sum;
        }

        return x + ExpM1(-x);
    }

    /// <summary>ln(1 + y) − y for y &gt; −1 (≤ 0), with a series below 0.1 where the direct form cancels.</summary>
    public static double Log1PMinusX(double y)
    {
        if (Math.Abs(y) < 0.1)
        {
            double power = y;
            double sum = 0.0;
            for (int n = 2; n < 60; n++)
            {
                power *= -y;
                double term = power / n;
                sum += term;
                if (Math.Abs(term) <= 1e-18 * Math.Abs(sum))
                {
                    break;
                }
            }

            return sum;
        }

        return Log1P(y) - y;
    }

    /// <summary>
    /// Rounds an exhaustion time up to whole nanoseconds; null when it does not fit in a <see cref="long"/>
    /// (more than about 292 years, or infinite). A strictly positive time is at least 1 ns, so a storage that is not yet
    /// exhausted never reports zero.
    /// </summary>
    public static long? CeilingNanoseconds(double seconds)
    {
        double ns = Math.Ceiling(seconds / SecondsPerNanosecond);
        if (!(ns < 9.2233720368547758E18))
        {
            return null;
        }

        if (ns < 1.0)
        {
            return seconds > 0 ? 1 : 0;
        }

        return (long)ns;
    }

    /// <summary>
    /// The smallest n in (<paramref name="falseAt"/>, <paramref name="trueAt"/>] with <paramref name="predicate"/>(n) true,
    /// by integer bisection; requires predicate(falseAt) false and predicate(trueAt) true. The result m always satisfies
    /// predicate(m) and not predicate(m − 1), even if rounding makes the predicate non-monotone near the root.
    /// </summary>
    public static long FirstTrue(Func<long, bool> predicate, long falseAt, long trueAt)
    {
        long lo = falseAt;
        long hi = trueAt;
        while (hi - lo > 1)
        {
            long mid = lo + ((hi - lo) / 2);
            if (predicate(mid))
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return hi;
    }

    /// <summary>
    /// Bisects [<paramref name="falseAt"/>, <paramref name="trueAt"/>] down to adjacent doubles and returns the end where
    /// <paramref name="predicate"/> holds.
    /// </summary>
    public static double Bisect(Func<double, bool> predicate, double falseAt, double trueAt)
    {
        double lo = falseAt;
        double hi = trueAt;
        for (int i = 0; i < 2200; i++)
        {
            double mid = lo + ((hi - lo) / 2.0);
            if (mid == lo || mid == hi)
            {
                break;
            }

            if (predicate(mid))
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return hi;
    }

    /// <summary>
    /// Solves f(x) = 0 on [lo, hi] for f monotone (<paramref name="increasing"/> or decreasing) with its root inside,
    /// by Newton's method kept inside a shrinking bracket (bisection when a Newton step leaves it); f is evaluated only
    /// strictly inside the bracket, so it may be infinite or undefined at the ends. Converges to adjacent doubles.
    /// </summary>
    public static double SolveBracketed(Func<double, double> f, Func<double, double> derivative, double lo, double hi, bool increasing)
    {
        double x = lo + ((hi - lo) / 2.0);
        for (int i = 0; i < 400; i++)
        {
            double fx = f(x);
            if (fx == 0)
            {
                return x;
            }

            if ((fx > 0) == increasing)
            {
                hi = x;
            }
            else
            {
                lo = x;
            }

            double mid = lo + ((hi - lo) / 2.0);
            if (mid == lo || mid == hi)
            {
                return x;
            }

            double next = x - (fx / derivative(x));
            if (next == x)
            {
                return x;
            }

            x = next > lo && next < hi ? next : mid;
        }

        return x;
    }
}
