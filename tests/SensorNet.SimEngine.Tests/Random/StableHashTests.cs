using SensorNet.SimEngine.Random;

namespace SensorNet.SimEngine.Tests.Random;

/// <summary>
/// Golden values come from an independent C implementation (gcc) of the SplitMix64 finaliser and of 64-bit FNV-1a,
/// and, for FNV-1a, from the published FNV test vectors ("" → offset basis, "a", "foobar").
/// </summary>
public class StableHashTests
{
    private const ulong GoldenGamma = 0x9E3779B97F4A7C15UL;

    [Fact]
    public void Mix_OfMultiplesOfGoldenGamma_GivesSplitMix64OutputsForSeedZero()
    {
        // SplitMix64 from state 0 outputs Mix(1·γ), Mix(2·γ), Mix(3·γ), …
        Assert.Equal(0xE220A8397B1DCDAFUL, StableHash.Mix(GoldenGamma));
        Assert.Equal(0x6E789E6AA1B965F4UL, StableHash.Mix(unchecked(2 * GoldenGamma)));
        Assert.Equal(0x06C45D188009454FUL, StableHash.Mix(unchecked(3 * GoldenGamma)));
    }

    [Fact]
    public void Mix_GoldenValues()
    {
        Assert.Equal(0UL, StableHash.Mix(0));
        Assert.Equal(0x5692161D100B05E5UL, StableHash.Mix(1));
    }

    [Fact]
    public void Mix_DistinctInputs_GiveDistinctOutputs()
    {
        var outputs = new HashSet<ulong>();

        for (ulong i = 0; i < 20_000; i++)
        {
            Assert.True(outputs.Add(StableHash.Mix(i)));
        }
    }

    [Fact]
    public void Mix_SingleBitFlip_ChangesAboutHalfTheBits()
    {
        long totalFlipped = 0;
        int samples = 0;
        for (ulong x = 1; x < 200; x++)
        {
            for (int bit = 0; bit < 64; bit++)
            {
                totalFlipped += (long)ulong.PopCount(StableHash.Mix(x) ^ StableHash.Mix(x ^ (1UL << bit)));
                samples++;
            }
        }

        double average = totalFlipped / (double)samples;
        Assert.InRange(average, 31.0, 33.0);
    }

    [Fact]
    public void Combine_GoldenValue()
    {
        // Mix(0 ^ Mix(0 + γ·1)) = Mix(0xE220A8397B1DCDAF), from the C program.
        Assert.Equal(0x48218226FF3CD4BFUL, StableHash.Combine(0, 0, 0));
    }

    [Fact]
    public void Combine_OrderOfComponentsMatters()
    {
        ulong ab = StableHash.Combine(StableHash.Combine(7, 1, 0), 2, 1);
        ulong ba = StableHash.Combine(StableHash.Combine(7, 2, 0), 1, 1);

        Assert.NotEqual(ab, ba);
    }

    [Fact]
    public void Combine_SameComponentInDifferentPositions_Differs()
    {
        Assert.NotEqual(StableHash.Combine(7, 5, 0), StableHash.Combine(7, 5, 1));
    }

    [Fact]
    public void Combine_EqualComponentsDoNotCancel()
    {
        ulong h = StableHash.Combine(StableHash.Combine(123, 5, 0), 5, 1);

        Assert.NotEqual(123UL, h);
        Assert.NotEqual(0UL, h);
    }

    [Fact]
    public void Combine_DependsOnHashAndComponent()
    {
        Assert.NotEqual(StableHash.Combine(1, 9, 0), StableHash.Combine(2, 9, 0));
        Assert.NotEqual(StableHash.Combine(1, 9, 0), StableHash.Combine(1, 10, 0));
        Assert.Equal(StableHash.Combine(1, 9, 0), StableHash.Combine(1, 9, 0));
    }

    [Theory]
    [InlineData("", 0xCBF29CE484222325UL)]
    [InlineData("a", 0xAF63DC4C8601EC8CUL)]
    [InlineData("foobar", 0x85944171F73967E8UL)]
    [InlineData("\u00E9", 0x0AC21707B7181E01UL)]
    public void Fnv1a64_MatchesPublishedAndReferenceVectors(string text, ulong expected)
    {
        Assert.Equal(expected, StableHash.Fnv1a64(text));
    }

    [Fact]
    public void Fnv1a64_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => StableHash.Fnv1a64(null!));
    }
}
