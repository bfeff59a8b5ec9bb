using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Tests.Support;
using SensorNet.SimEngine.Time;

namespace SensorNet.SimEngine.Tests.Random;

/// <summary>
/// Golden values: the expected raw outputs below were printed by a small, independent C program written from the
/// published descriptions of SplitMix64 (Steele, Lea and Flood 2014; Vigna's splitmix64.c) and xoshiro256** 1.0
/// (Blackman and Vigna 2021; xoshiro256starstar.c), compiled with gcc: the 256-bit state is the first four
/// SplitMix64 outputs from the seed, then result = rotl(s1 · 5, 7) · 9; t = s1 &lt;&lt; 17; s2 ^= s0; s3 ^= s1;
/// s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 45). The same program reproduces the well-known SplitMix64 check
/// (state 0 → first output 0xE220A8397B1DCDAF) and Vigna's xoshiro256** outputs for state {1, 2, 3, 4}
/// (11520, 0, 1509978240). None of these numbers were produced by the C# code under test.
/// </summary>
public class RandomStreamTests
{
    private const double TwoPowMinus53 = 1.0 / (1UL << 53);

    [Theory]
    [InlineData(0UL, 0x99EC5F36CB75F2B4UL, 0xBF6E1F784956452AUL, 0x1A5F849D4933E6E0UL, 0x6AA594F1262D2D2CUL, 0xBBA5AD4A1F842E59UL)]
    [InlineData(42UL, 0x15780B2E0C2EC716UL, 0x6104D9866D113A7EUL, 0xAE17533239E499A1UL, 0xECB8AD4703B360A1UL, 0xFDE6DC7FE2EC5E64UL)]
    [InlineData(0xDEADBEEFUL, 0xC5555444A74D7E83UL, 0x65C30D37B4B16E38UL, 0x54F773200A4EFA23UL, 0x429AED75FB958AF7UL, 0xFB0E1DD69C255B2EUL)]
    public void NextUInt64_FirstFiveOutputs_MatchIndependentCImplementation(ulong seed, ulong e0, ulong e1, ulong e2, ulong e3, ulong e4)
    {
        var stream = new RandomStream(seed);

        ulong[] actual = [stream.NextUInt64(), stream.NextUInt64(), stream.NextUInt64(), stream.NextUInt64(), stream.NextUInt64()];

        Assert.Equal([e0, e1, e2, e3, e4], actual);
    }

    [Fact]
    public void SplitMix64Next_StateZero_MatchesPublishedFirstOutputs()
    {
        ulong state = 0;

        ulong first = RandomStream.SplitMix64Next(ref state);
        ulong second = RandomStream.SplitMix64Next(ref state);
        ulong third = RandomStream.SplitMix64Next(ref state);

        // 0xE220A8397B1DCDAF is the widely published first SplitMix64 output for state 0; all three agree with the C program.
        Assert.Equal(0xE220A8397B1DCDAFUL, first);
        Assert.Equal(0x6E789E6AA1B965F4UL, second);
        Assert.Equal(0x06C45D188009454FUL, third);
        Assert.Equal(unchecked(3 * 0x9E3779B97F4A7C15UL), state);
    }

    [Fact]
    public void SameSeed_GivesIdenticalSequence()
    {
        var a = new RandomStream(123_456_789);
        var b = new RandomStream(123_456_789);

        for (int i = 0; i < 1_000; i++)
        {
            Assert.Equal(a.NextUInt64(), b.NextUInt64());
        }
    }

    [Fact]
    public void AdjacentSeeds_GiveDifferentSequences()
    {
        var a = new RandomStream(1);
        var b = new RandomStream(2);

        int equal = 0;
        for (int i = 0; i < 1_000; i++)
        {
            if (a.NextUInt64() == b.NextUInt64())
            {
                equal++;
            }
        }

        Assert.Equal(0, equal);
    }

    [Fact]
    public void NextDouble_UsesTop53BitsOfNextUInt64()
    {
        var raw = new RandomStream(77);
        var doubles = new RandomStream(77);

        for (int i = 0; i < 1_000; i++)
        {
            double expected = (raw.NextUInt64() >> 11) * TwoPowMinus53;
            Assert.Equal(expected, doubles.NextDouble());
        }
    }

    [Fact]
    public void NextDouble_IsInHalfOpenUnitIntervalWithMeanOneHalf()
    {
        var stream = new RandomStream(2024);
        double sum = 0;
        const int N = 100_000;

        for (int i = 0; i < N; i++)
        {
            double u = stream.NextDouble();
            Assert.InRange(u, 0.0, 1.0);
            Assert.True(u < 1.0);
            sum += u;
        }

        AssertClose.Absolute(0.5, sum / N, 0.005);
    }

    [Fact]
    public void NextDoubleNonZero_IsInUnitIntervalOpenAtZeroAndUsesTop53BitsPlusOne()
    {
        var raw = new RandomStream(99);
        var stream = new RandomStream(99);

        for (int i = 0; i < 100_000; i++)
        {
            double expected = ((raw.NextUInt64() >> 11) + 1) * TwoPowMinus53;
            double u = stream.NextDoubleNonZero();
            Assert.Equal(expected, u);
            Assert.True(u > 0.0 && u <= 1.0);
        }
    }

    [Fact]
    public void NextUInt64Bounded_TenBuckets_PassesChiSquare()
    {
        var stream = new RandomStream(31_337);
        const int N = 100_000;
        const int Buckets = 10;
        long[] counts = new long[Buckets];

        for (int i = 0; i < N; i++)
        {
            counts[stream.NextUInt64(Buckets)]++;
        }

        double expected = N / (double)Buckets;
        double chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);

        // 9 degrees of freedom: P(χ² > 30) ≈ 4e-4. Generous, and deterministic with a fixed seed.
        Assert.True(chiSquare < 30.0, $"chi-square {chiSquare} too large; counts: {string.Join(", ", counts)}");
        Assert.All(counts, c => Assert.True(c > 0));
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    [InlineData(7UL)]
    [InlineData(1_000UL)]
    [InlineData((1UL << 32) + 1)]
    [InlineData((1UL << 63) + 1)]
    [InlineData(ulong.MaxValue)]
    public void NextUInt64Bounded_AlwaysBelowBound(ulong bound)
    {
        var stream = new RandomStream(bound);

        for (int i = 0; i < 5_000; i++)
        {
            Assert.True(stream.NextUInt64(bound) < bound);
        }
    }

    [Fact]
    public void NextUInt64Bounded_BoundOne_AlwaysZero()
    {
        var stream = new RandomStream(5);

        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(0UL, stream.NextUInt64(1));
        }
    }

    [Fact]
    public void NextUInt64Bounded_HugeBound_IsNotBiasedLikeModulo()
    {
        // With bound = 3·2^62, "x % bound" would put half of all draws below 2^62 instead of one third.
        const ulong Bound = 3UL << 62;
        var stream = new RandomStream(8);
        const int N = 60_000;
        int low = 0;

        for (int i = 0; i < N; i++)
        {
            if (stream.NextUInt64(Bound) < (1UL << 62))
            {
                low++;
            }
        }

        AssertClose.Absolute(1.0 / 3.0, low / (double)N, 0.01);
    }

    [Fact]
    public void NextUInt64Bounded_HugeBound_IsNotBiasedLikeMultiplyShiftWithoutRejection()
    {
        // With bound = 3·2^62, a bare multiply-shift floor(x · bound / 2^64) = floor(3x / 4) hits the multiples of 3
        // twice as often as the other residues (probability 1/2 instead of 1/3); Lemire's rejection step removes that.
        const ulong Bound = 3UL << 62;
        var stream = new RandomStream(9);
        const int N = 60_000;
        int multiplesOfThree = 0;

        for (int i = 0; i < N; i++)
        {
            if (stream.NextUInt64(Bound) % 3 == 0)
            {
                multiplesOfThree++;
            }
        }

        AssertClose.Absolute(1.0 / 3.0, multiplesOfThree / (double)N, 0.01);
    }

    [Fact]
    public void NextUInt64Bounded_Zero_ThrowsArgumentOutOfRangeException()
    {
        var stream = new RandomStream(1);

        Assert.Throws<ArgumentOutOfRangeException>(() => stream.NextUInt64(0));
    }

    [Fact]
    public void NextInt32_IsInRangeAndCoversIt()
    {
        var stream = new RandomStream(3);
        var seen = new HashSet<int>();

        for (int i = 0; i < 2_000; i++)
        {
            int v = stream.NextInt32(6);
            Assert.InRange(v, 0, 5);
            seen.Add(v);
        }

        Assert.Equal(6, seen.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void NextInt32_NonPositiveBound_ThrowsArgumentOutOfRangeException(int bound)
    {
        var stream = new RandomStream(1);

        Assert.Throws<ArgumentOutOfRangeException>(() => stream.NextInt32(bound));
    }

    [Fact]
    public void Uniform_IsWithinBounds()
    {
        var stream = new RandomStream(11);
        double min = double.MaxValue;
        double max = double.MinValue;

        for (int i = 0; i < 20_000; i++)
        {
            double v = stream.Uniform(-3.0, 5.0);
            Assert.True(v >= -3.0 && v < 5.0);
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        Assert.True(min < -2.9 && max > 4.9, "draws should spread over the whole interval");
    }

    [Fact]
    public void Exponential_MeanWithinTwoPercentOver200kDraws()
    {
        var stream = new RandomStream(1_234);
        const int N = 200_000;
        const double Mean = 2.5;
        double sum = 0;

        for (int i = 0; i < N; i++)
        {
            double x = stream.Exponential(Mean);
            Assert.True(x >= 0 && double.IsFinite(x));
            sum += x;
        }

        AssertClose.Relative(Mean, sum / N, 0.02);
    }

    [Fact]
    public void Exponential_FollowsInversionOfNextDoubleNonZero()
    {
        var raw = new RandomStream(4);
        var stream = new RandomStream(4);

        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(-Math.Log(raw.NextDoubleNonZero()) * 3.0, stream.Exponential(3.0));
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    public void Exponential_NonPositiveMean_ThrowsArgumentOutOfRangeException(double mean)
    {
        var stream = new RandomStream(1);

        Assert.Throws<ArgumentOutOfRangeException>(() => stream.Exponential(mean));
    }

    [Fact]
    public void ExponentialDuration_MeanWithinTwoPercent()
    {
        var stream = new RandomStream(55);
        SimDuration mean = SimDuration.FromMilliseconds(40);
        const int N = 100_000;
        double sumNs = 0;

        for (int i = 0; i < N; i++)
        {
            SimDuration d = stream.ExponentialDuration(mean);
            Assert.True(d >= SimDuration.Zero);
            sumNs += d.Nanoseconds;
        }

        AssertClose.Relative(mean.Nanoseconds, sumNs / N, 0.02);
    }

    [Fact]
    public void Normal_MeanAndStandardDeviationWithinTolerance()
    {
        var stream = new RandomStream(9_001);
        const int N = 200_000;
        const double Mean = 5.0;
        const double Sd = 2.0;
        double sum = 0;
        double sumSq = 0;

        for (int i = 0; i < N; i++)
        {
            double x = stream.Normal(Mean, Sd);
            sum += x;
            sumSq += x * x;
        }

        double mean = sum / N;
        double sd = Math.Sqrt((sumSq / N) - (mean * mean));
        AssertClose.Absolute(Mean, mean, 0.02);
        AssertClose.Relative(Sd, sd, 0.02);
    }

    [Fact]
    public void Normal_ZeroStandardDeviation_ReturnsMean()
    {
        var stream = new RandomStream(6);

        Assert.Equal(-1.25, stream.Normal(-1.25, 0.0));
    }

    [Fact]
    public void FirstNormal_IsBitForBitTheFirstNormalOfAFreshStream()
    {
        foreach (ulong seed in Enumerable.Range(0, 2_000).Select(i => ((ulong)i * 0x9E3779B97F4A7C15UL) ^ (ulong)i))
        {
            double expected = new RandomStream(seed).Normal(-3.5, 4.0);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(RandomStream.FirstNormal(seed, -3.5, 4.0)));
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => RandomStream.FirstNormal(1, 0, -1));
    }

    [Fact]
    public void Normal_NegativeStandardDeviation_ThrowsArgumentOutOfRangeException()
    {
        var stream = new RandomStream(6);

        Assert.Throws<ArgumentOutOfRangeException>(() => stream.Normal(0, -1));
    }

    [Fact]
    public void UniformDuration_StaysWithinBoundsAndHitsBothEnds()
    {
        var stream = new RandomStream(21);
        SimDuration max = SimDuration.FromNanoseconds(3);
        var seen = new HashSet<long>();

        for (int i = 0; i < 1_000; i++)
        {
            SimDuration d = stream.UniformDuration(max);
            Assert.InRange(d.Nanoseconds, 0, 2);
            seen.Add(d.Nanoseconds);
        }

        Assert.Equal([0L, 1, 2], seen.Order());
    }

    [Fact]
    public void UniformDuration_LargeBound_StaysBelowIt()
    {
        var stream = new RandomStream(22);
        SimDuration max = SimDuration.FromDays(365 * 100);

        for (int i = 0; i < 10_000; i++)
        {
            SimDuration d = stream.UniformDuration(max);
            Assert.True(d >= SimDuration.Zero && d < max);
        }
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-5L)]
    public void UniformDuration_NonPositiveBound_ThrowsArgumentOutOfRangeException(long nanoseconds)
    {
        var stream = new RandomStream(1);

        Assert.Throws<ArgumentOutOfRangeException>(() => stream.UniformDuration(SimDuration.FromNanoseconds(nanoseconds)));
    }
}
