using System.Globalization;

namespace SensorNet.SimEngine.Time;

/// <summary>Checked 64-bit arithmetic that reports overflow as <see cref="SimTimeOverflowException"/>.</summary>
internal static class Checked
{
    public static long Add(long a, long b, string operation)
    {
        long r = unchecked(a + b);
        // Overflow iff both operands have the same sign and the result's sign differs.
        if (((a ^ r) & (b ^ r)) < 0)
        {
            throw Overflow(operation, a, b);
        }

        return r;
    }

    public static long Subtract(long a, long b, string operation)
    {
        long r = unchecked(a - b);
        if (((a ^ b) & (a ^ r)) < 0)
        {
            throw Overflow(operation, a, b);
        }

        return r;
    }

    public static long Multiply(long a, long b, string operation)
    {
        long hi = Math.BigMul(a, b, out long lo);
        if ((hi != 0 || lo < 0) && (hi != -1 || lo >= 0))
        {
            throw Overflow(operation, a, b);
        }

        return lo;
    }

    public static string FormatSeconds(long ns)
    {
        long whole = ns / SimDuration.NanosecondsPerSecond;
        long frac = Math.Abs(ns % SimDuration.NanosecondsPerSecond);
        string sign = ns < 0 && whole == 0 ? "-" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{whole}.{frac:D9} s");
    }

    private static SimTimeOverflowException Overflow(string operation, long a, long b) =>
        new(string.Create(
            CultureInfo.InvariantCulture,
            $"Simulated time overflow in {operation} ({a} ns, {b}): the 64-bit nanosecond range covers about ±292 years."));
}
