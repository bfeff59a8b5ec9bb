using SensorNet.SimEngine.Random;

namespace SensorNet.SimEngine.Tests.Random;

public class RngStreamsTests
{
    /// <summary>
    /// These values were computed once with the C# implementation (and cross-checked with a C transcription of the
    /// documented derivation: Mix(seed), then Combine with replication, node, purpose and substream at positions 0–3).
    /// They pin the seed-derivation format: any change of the derivation changes every result of every scenario,
    /// so it must show up here as a deliberate, visible test change.
    /// </summary>
    [Theory]
    [InlineData(42UL, 0, 3L, RngPurpose.Traffic, 0, 0xF64F7FC4F02E642AUL)]
    [InlineData(0xDEADBEEFUL, 2, RngStreams.NetworkWide, RngPurpose.Fading, 1, 0xB0A7A4B83DA8D07DUL)]
    [InlineData(1UL, 0, 0L, RngPurpose.MacBackoff, 0, 0xF9E538E60A97F790UL)]
    public void SeedFor_GoldenValues_PinTheDerivationFormat(ulong seed, int replication, long node, RngPurpose purpose, int substream, ulong expected)
    {
        var streams = new RngStreams(seed, replication);

        Assert.Equal(expected, streams.SeedFor(node, purpose, substream));
    }

    [Fact]
    public void For_GoldenFirstDraw_PinsStreamConstruction()
    {
        RandomStream stream = new RngStreams(42, 0).For(3, RngPurpose.Traffic);

        Assert.Equal(0x4DCBA63B4C032D46UL, stream.NextUInt64());
    }

    [Fact]
    public void For_IsRandomStreamSeededWithSeedFor()
    {
        var streams = new RngStreams(2_026, 4);
        RandomStream viaFor = streams.For(11, RngPurpose.SensorNoise, 2);
        var direct = new RandomStream(streams.SeedFor(11, RngPurpose.SensorNoise, 2));

        Assert.Equal(Draw(direct, 16), Draw(viaFor, 16));
    }

    [Fact]
    public void Properties_ReturnConstructorArguments()
    {
        var streams = new RngStreams(0xABCDEFUL, 3);

        Assert.Equal(0xABCDEFUL, streams.ScenarioSeed);
        Assert.Equal(3, streams.Replication);
    }

    [Fact]
    public void For_SameArguments_GiveIdenticalSequences()
    {
        ulong[] a = Draw(new RngStreams(7, 1).For(3, RngPurpose.Traffic, 1), 100);
        ulong[] b = Draw(new RngStreams(7, 1).For(3, RngPurpose.Traffic, 1), 100);

        Assert.Equal(a, b);
    }

    [Fact]
    public void For_Node3Traffic_IndependentOfOtherStreamsCreatedOrDrawnBefore()
    {
        ulong[] alone = Draw(new RngStreams(99, 0).For(3, RngPurpose.Traffic), 50);

        var busy = new RngStreams(99, 0);
        RandomStream node7Traffic = busy.For(7, RngPurpose.Traffic);
        RandomStream node7Backoff = busy.For(7, RngPurpose.MacBackoff);
        Draw(node7Traffic, 1_000);
        Draw(node7Backoff, 123);
        RandomStream node3Backoff = busy.For(3, RngPurpose.MacBackoff);
        Draw(node3Backoff, 77);
        RandomStream node3Traffic = busy.For(3, RngPurpose.Traffic);
        Draw(busy.For(7, RngPurpose.Traffic), 10);

        Assert.Equal(alone, Draw(node3Traffic, 50));
    }

    [Fact]
    public void For_InterleavedDrawsFromTwoStreams_DoNotAffectEachOther()
    {
        var streams = new RngStreams(5, 0);
        ulong[] expectedA = Draw(streams.For(1, RngPurpose.Fading), 20);
        ulong[] expectedB = Draw(streams.For(2, RngPurpose.Fading), 20);

        RandomStream a = streams.For(1, RngPurpose.Fading);
        RandomStream b = streams.For(2, RngPurpose.Fading);
        var actualA = new List<ulong>();
        var actualB = new List<ulong>();
        for (int i = 0; i < 20; i++)
        {
            actualB.Add(b.NextUInt64());
            actualA.Add(a.NextUInt64());
        }

        Assert.Equal(expectedA, actualA);
        Assert.Equal(expectedB, actualB);
    }

    [Fact]
    public void For_DifferentNodes_GiveDifferentSequences()
    {
        var streams = new RngStreams(42, 0);

        AssertDifferent(streams.For(3, RngPurpose.Traffic), streams.For(4, RngPurpose.Traffic));
        AssertDifferent(streams.For(0, RngPurpose.Traffic), streams.For(RngStreams.NetworkWide, RngPurpose.Traffic));
    }

    [Fact]
    public void For_DifferentPurposes_GiveDifferentSequences()
    {
        var streams = new RngStreams(42, 0);

        AssertDifferent(streams.For(3, RngPurpose.Traffic), streams.For(3, RngPurpose.MacBackoff));
    }

    [Fact]
    public void For_DifferentSubstreams_GiveDifferentSequences()
    {
        var streams = new RngStreams(42, 0);

        AssertDifferent(streams.For(3, RngPurpose.Traffic, 0), streams.For(3, RngPurpose.Traffic, 1));
    }

    [Fact]
    public void For_DifferentReplications_GiveDifferentSequences()
    {
        AssertDifferent(new RngStreams(42, 0).For(3, RngPurpose.Traffic), new RngStreams(42, 1).For(3, RngPurpose.Traffic));
    }

    [Fact]
    public void For_DifferentScenarioSeeds_GiveDifferentSequences()
    {
        AssertDifferent(new RngStreams(42, 0).For(3, RngPurpose.Traffic), new RngStreams(43, 0).For(3, RngPurpose.Traffic));
    }

    [Fact]
    public void SeedFor_SwappedNodeAndSubstream_Differ()
    {
        var streams = new RngStreams(42, 0);

        Assert.NotEqual(streams.SeedFor(1, RngPurpose.Traffic, 2), streams.SeedFor(2, RngPurpose.Traffic, 1));
    }

    [Fact]
    public void SeedFor_ManyKeys_AreAllDistinct()
    {
        var seeds = new HashSet<ulong>();
        int keys = 0;
        foreach (ulong scenarioSeed in new ulong[] { 0, 1, 42 })
        {
            for (int replication = 0; replication < 3; replication++)
            {
                var streams = new RngStreams(scenarioSeed, replication);
                for (long node = -1; node < 100; node++)
                {
                    foreach (RngPurpose purpose in Enum.GetValues<RngPurpose>())
                    {
                        for (int substream = 0; substream < 3; substream++)
                        {
                            seeds.Add(streams.SeedFor(node, purpose, substream));
                            keys++;
                        }
                    }
                }
            }
        }

        Assert.Equal(keys, seeds.Count);
    }

    private static ulong[] Draw(RandomStream stream, int count)
    {
        ulong[] values = new ulong[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = stream.NextUInt64();
        }

        return values;
    }

    private static void AssertDifferent(RandomStream a, RandomStream b)
    {
        ulong[] x = Draw(a, 8);
        ulong[] y = Draw(b, 8);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.NotEqual(x[i], y[i]);
        }
    }
}
