using SensorNet.RadioModels.Ieee802154;
using SensorNet.SimEngine.Random;

namespace SensorNet.RadioModels.Tests.Ieee802154;

public class UnslottedCsmaCaTests
{
    private const long UnitNs = 320_000;

    [Theory]
    [InlineData(0, 3)]
    [InlineData(1, 4)]
    [InlineData(2, 5)]
    [InlineData(3, 5)]
    [InlineData(4, 5)]
    public void Backoff_OfEachAttempt_IsUniformOverWholeUnitPeriods(int busyBefore, int expectedBe)
    {
        const int samples = 20_000;
        var csma = new UnslottedCsmaCa(new RandomStream(802_15_4));
        int slots = 1 << expectedBe;
        var counts = new int[slots];
        double sum = 0;
        for (int i = 0; i < samples; i++)
        {
            CsmaCaOutcome step = csma.Start();
            for (int b = 0; b < busyBefore; b++)
            {
                step = csma.ChannelBusy();
            }

            Assert.Equal(CsmaCaAction.Backoff, step.Action);
            Assert.Equal(expectedBe, csma.BackoffExponent);
            Assert.Equal(0, step.Delay.Nanoseconds % UnitNs);
            long slot = step.Delay.Nanoseconds / UnitNs;
            Assert.InRange(slot, 0, slots - 1);
            counts[slot]++;
            sum += slot;
        }

        // Support: every value of {0 … 2^BE − 1} occurs (≥ 600 expected draws each, so a miss would be a bug).
        Assert.All(counts, c => Assert.True(c > 0));

        // Mean of a discrete uniform on {0 … n − 1}: (n − 1)/2, variance (n² − 1)/12; allow 5 standard errors.
        double mean = (slots - 1) / 2.0;
        double standardError = Math.Sqrt(((double)slots * slots - 1) / 12.0 / samples);
        Assert.InRange(sum / samples, mean - (5 * standardError), mean + (5 * standardError));
    }

    [Fact]
    public void BackoffExponent_Sequence_Is34555_AndTheFifthBusyCcaFails()
    {
        var csma = new UnslottedCsmaCa(new RandomStream(1));
        var exponents = new List<int>();

        CsmaCaOutcome step = csma.Start();
        while (step.Action == CsmaCaAction.Backoff)
        {
            exponents.Add(csma.BackoffExponent);
            step = csma.ChannelBusy();
        }

        Assert.Equal([3, 4, 5, 5, 5], exponents);
        Assert.Equal(CsmaCaAction.ChannelAccessFailure, step.Action);
        Assert.Equal(5, csma.BackoffCount);
        Assert.False(csma.IsActive);
        Assert.Throws<InvalidOperationException>(() => csma.ChannelBusy());
    }

    [Fact]
    public void FourBusyCcas_StillBackOff_ThenAnIdleCcaTransmits()
    {
        var csma = new UnslottedCsmaCa(new RandomStream(2));
        csma.Start();
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(CsmaCaAction.Backoff, csma.ChannelBusy().Action);
        }

        Assert.Equal(CsmaCaOutcome.Transmit, csma.ChannelIdle());
        Assert.False(csma.IsActive);
    }

    [Fact]
    public void FirstIdleCca_Transmits()
    {
        var csma = new UnslottedCsmaCa(new RandomStream(3));

        Assert.Equal(CsmaCaAction.Backoff, csma.Start().Action);
        CsmaCaOutcome step = csma.ChannelIdle();

        Assert.Equal(CsmaCaAction.Transmit, step.Action);
        Assert.Equal(0, step.Delay.Nanoseconds);
        Assert.Equal(0, csma.BackoffCount);
        Assert.Throws<InvalidOperationException>(() => csma.ChannelIdle());
    }

    [Fact]
    public void MinBackoffExponentZero_GivesAZeroFirstBackoff()
    {
        var csma = new UnslottedCsmaCa(new RandomStream(4), minBackoffExponent: 0);

        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(CsmaCaOutcome.Backoff(default), csma.Start());
            Assert.Equal(0, csma.BackoffExponent);
        }

        csma.Start();
        csma.ChannelBusy();
        Assert.Equal(1, csma.BackoffExponent);
    }

    [Fact]
    public void Parameters_AreOverridable_AndValidated()
    {
        var csma = new UnslottedCsmaCa(new RandomStream(5), minBackoffExponent: 2, maxBackoffExponent: 3, maxCsmaBackoffs: 1);
        csma.Start();
        Assert.Equal(2, csma.BackoffExponent);
        Assert.Equal(CsmaCaAction.Backoff, csma.ChannelBusy().Action);
        Assert.Equal(3, csma.BackoffExponent);
        Assert.Equal(CsmaCaAction.ChannelAccessFailure, csma.ChannelBusy().Action);

        Assert.Throws<ArgumentOutOfRangeException>(() => new UnslottedCsmaCa(new RandomStream(6), minBackoffExponent: 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => new UnslottedCsmaCa(new RandomStream(6), maxBackoffExponent: 9));
        Assert.Throws<ArgumentOutOfRangeException>(() => new UnslottedCsmaCa(new RandomStream(6), maxCsmaBackoffs: 6));
        Assert.Throws<ArgumentNullException>(() => new UnslottedCsmaCa(null!));
    }

    [Fact]
    public void SameSeed_GivesTheSameBackoffs()
    {
        var a = new UnslottedCsmaCa(new RandomStream(7));
        var b = new UnslottedCsmaCa(new RandomStream(7));

        Assert.Equal(a.Start(), b.Start());
        Assert.Equal(a.ChannelBusy(), b.ChannelBusy());
        Assert.Equal(a.ChannelBusy(), b.ChannelBusy());
    }

    [Fact]
    public void Steps_DoNotAllocate()
    {
        var csma = new UnslottedCsmaCa(new RandomStream(8));
        csma.Start();
        csma.ChannelIdle();

        long before = GC.GetAllocatedBytesForCurrentThread();
        long total = 0;
        for (int i = 0; i < 1000; i++)
        {
            CsmaCaOutcome step = csma.Start();
            while (step.Action == CsmaCaAction.Backoff)
            {
                total += step.Delay.Nanoseconds;
                step = i % 2 == 0 ? csma.ChannelBusy() : csma.ChannelIdle();
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(total > 0);
    }
}
