using System.Globalization;
using Xunit.Sdk;

namespace SensorNet.SimEngine.Tests.Support;

/// <summary>The one helper for floating-point comparisons in this suite.</summary>
internal static class AssertClose
{
    /// <summary>Fails unless |expected − actual| ≤ <paramref name="tolerance"/>.</summary>
    public static void Absolute(double expected, double actual, double tolerance)
    {
        if (!(Math.Abs(expected - actual) <= tolerance))
        {
            throw new XunitException(string.Create(
                CultureInfo.InvariantCulture,
                $"Expected {expected:R} ± {tolerance:R}, but got {actual:R} (difference {actual - expected:R})."));
        }
    }

    /// <summary>Fails unless |expected − actual| ≤ <paramref name="relativeTolerance"/> · |expected|.</summary>
    public static void Relative(double expected, double actual, double relativeTolerance) =>
        Absolute(expected, actual, Math.Abs(expected) * relativeTolerance);
}
