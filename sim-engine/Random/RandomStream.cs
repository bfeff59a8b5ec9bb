using System.Numerics;
using SensorNet.SimEngine.Time;

namespace SensorNet.SimEngine.Random;

/// <summary>
/// A pseudo-random stream with a fixed, documented algorithm: xoshiro256** 1.0 (Blackman and Vigna,
/// "Scrambled linear pseudorandom number generators", ACM TOMS 47(4), 2021), seeded by expanding a 64-bit
/// seed with SplitMix64 as its authors recommend. Sequences therefore never change with the .NET version,
/// unlike <see cref="System.Random"/>.
/// </summary>
/// <remarks>
/// <b>Scope and limitations:</b> period 2^256 − 1; not cryptographic. Distribution methods use exact integer
/// techniques where possible (53-bit doubles, Lemire's unbiased bounded integers); those that call
/// <see cref="Math.Log(double)"/>, <see cref="Math.Sqrt"/> or trigonometric functions inherit the platform's
/// last-bit rounding, which is stable on one machine and runtime.
/// <b>Validation:</b> RandomStreamTests compares the raw output with values from an independent C
/// implementation of the reference algorithms.
/// </remarks>
public sealed class RandomStream
{
    private const double TwoPowMinus53 = 1.0 / (1UL << 53);
    private Xoshiro256StarStar _state;

    /// <summary>Creates a stream whose 256-bit state is the next four SplitMix64 outputs from <paramref name="seed"/>.</summary>
    public RandomStream(ulong seed)
    {
        _state = new Xoshiro256StarStar(seed);
    }

    /// <summary>
    /// The first <see cref="Normal"/> variate of <c>new RandomStream(seed)</c>, bit for bit, without creating the
    /// stream: for one-off deviates drawn per event, such as a link's shadowing per frame.
    /// </summary>
    public static double FirstNormal(ulong seed, double mean, double standardDeviation)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(standardDeviation);
        var state = new Xoshiro256StarStar(seed);
        double u1 = ToDoubleNonZero(state.Next());
        return BoxMuller(mean, standardDeviation, u1, ToDouble(state.Next()));
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64() => _state.Next();

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => ToDouble(NextUInt64());

    /// <summary>A uniform double in (0, 1]; safe as the argument of a logarithm.</summary>
    public double NextDoubleNonZero() => ToDoubleNonZero(NextUInt64());

    /// <summary>A uniform double in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public double Uniform(double low, double high) => low + ((high - low) * NextDouble());

    /// <summary>
    /// A uniform integer in [0, <paramref name="maxExclusive"/>), without bias (Lemire, "Fast random integer
    /// generation in an interval", ACM TOMACS 29(1), 2019).
    /// </summary>
    public ulong NextUInt64(ulong maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfZero(maxExclusive);
        ulong hi = Math.BigMul(NextUInt64(), maxExclusive, out ulong lo);
        if (lo < maxExclusive)
        {
            ulong threshold = (0UL - maxExclusive) % maxExclusive;
            while (lo < threshold)
            {
                hi = Math.BigMul(NextUInt64(), maxExclusive, out lo);
            }
        }

        return hi;
    }

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>).</summary>
    public int NextInt32(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (int)NextUInt64((ulong)maxExclusive);
    }

    /// <summary>An exponential variate with the given mean (inversion: −mean · ln U, U in (0, 1]).</summary>
    /// <param name="mean">Mean; must be &gt; 0.</param>
    public double Exponential(double mean)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(mean);
        return -Math.Log(NextDoubleNonZero()) * mean;
    }

    /// <summary>An exponentially distributed duration with the given mean, rounded to the nanosecond.</summary>
    public SimDuration ExponentialDuration(SimDuration mean) =>
        SimDuration.FromNanoseconds((long)Math.Round(Exponential(mean.Nanoseconds), MidpointRounding.AwayFromZero));

    /// <summary>A uniformly distributed duration in [0, <paramref name="maxExclusive"/>), to the nanosecond.</summary>
    public SimDuration UniformDuration(SimDuration maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive.Nanoseconds, nameof(maxExclusive));
        return SimDuration.FromNanoseconds((long)NextUInt64((ulong)maxExclusive.Nanoseconds));
    }

    /// <summary>A normal variate (Box–Muller transform; one variate per two uniforms, no hidden cached state).</summary>
    /// <param name="mean">Mean.</param>
    /// <param name="standardDeviation">Standard deviation; ≥ 0.</param>
    public double Normal(double mean, double standardDeviation)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(standardDeviation);
        double u1 = NextDoubleNonZero();
        return BoxMuller(mean, standardDeviation, u1, NextDouble());
    }

    private static double BoxMuller(double mean, double standardDeviation, double u1, double u2) =>
        mean + (standardDeviation * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));

    private static double ToDouble(ulong bits) => (bits >> 11) * TwoPowMinus53;

    private static double ToDoubleNonZero(ulong bits) => ((bits >> 11) + 1) * TwoPowMinus53;

    internal static ulong SplitMix64Next(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return StableHash.Mix(state);
    }

    // The generator's state as a value, so that a one-off draw (FirstNormal) needs no object.
    private struct Xoshiro256StarStar
    {
        private ulong _s0;
        private ulong _s1;
        private ulong _s2;
        private ulong _s3;

        public Xoshiro256StarStar(ulong seed)
        {
            ulong x = seed;
            _s0 = SplitMix64Next(ref x);
            _s1 = SplitMix64Next(ref x);
            _s2 = SplitMix64Next(ref x);
            _s3 = SplitMix64Next(ref x);
        }

        public ulong Next()
        {
            ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
            ulong t = _s1 << 17;
            _s2 ^= _s0;
            _s3 ^= _s1;
            _s1 ^= _s2;
            _s0 ^= _s3;
            _s2 ^= t;
            _s3 = BitOperations.RotateLeft(_s3, 45);
            return result;
        }
    }
}
