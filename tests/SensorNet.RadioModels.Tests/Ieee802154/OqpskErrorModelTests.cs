using SensorNet.RadioModels.Ieee802154;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.RadioModels.Tests.Ieee802154;

public class OqpskErrorModelTests
{
    // ns-3 lr-wpan-error-model-test.cc vectors (models.md §2, grade P), at their 50-digit values.
    [Theory]
    [InlineData(5.0, 7.3860094e-14)]
    [InlineData(2.0, 5.1313921e-7)]
    public void BitErrorRate_MatchesPublishedVectors(double snrDb, double expected)
    {
        double ber = OqpskErrorModel.BitErrorRate(new Decibels(snrDb));

        // The 8-digit reference itself is rounded, so 1e-7 relative is the finest check it supports.
        Assert.True(Math.Abs(ber - expected) <= 1e-7 * expected, $"BER {ber:R} vs {expected:R}");
    }

    [Fact]
    public void BitErrorRate_MatchesHighPrecisionValues()
    {
        // 60-digit evaluations of the same sum (mpmath): the double evaluation keeps about 14 digits.
        Assert.Equal(7.3860094131950525e-14, OqpskErrorModel.BitErrorRate(new Decibels(5)), 7.3860094131950525e-14 * 1e-13);
        Assert.Equal(5.1313920887691676e-7, OqpskErrorModel.BitErrorRate(new Decibels(2)), 5.1313920887691676e-7 * 1e-13);
        Assert.Equal(1.148943716041401e-3, OqpskErrorModel.BitErrorRate(new Decibels(-1)), 1.148943716041401e-3 * 1e-13);
    }

    [Fact]
    public void BitErrorRate_DecreasesWithSnr()
    {
        double previous = OqpskErrorModel.BitErrorRate(new Decibels(-40));
        for (double db = -39.5; db <= 12; db += 0.5)
        {
            double ber = OqpskErrorModel.BitErrorRate(new Decibels(db));
            Assert.True(ber < previous, $"BER not decreasing at {db} dB");
            previous = ber;
        }
    }

    [Fact]
    public void BitErrorRate_AtVeryLowSnr_TendsToOneHalfAndStaysClamped()
    {
        // Σ_{k=2..16} (−1)^k C(16,k) = 15, so BER → (8/15)(1/16)·15 = 0.5 as SNR → 0.
        Assert.Equal(0.5, OqpskErrorModel.BitErrorRate(new Decibels(double.NegativeInfinity)));

        // Near 0 the slope is dBER/dx = −(H₁₆ − 1)/30 with x = 20·SNR (Σ (−1)^k C(16,k)/k = 16 − H₁₆): at −60 dB,
        // BER = 0.5 − 2e−5·(H₁₆ − 1)/30 to first order (the second-order term is −5e−12); the 50-digit value checks the
        // cancellation among terms of up to 12 870 in the sum.
        double h16 = Enumerable.Range(1, 16).Sum(k => 1.0 / k);
        double lowSnr = OqpskErrorModel.BitErrorRate(new Decibels(-60));
        Assert.Equal(0.5 - (2e-5 * (h16 - 1) / 30), lowSnr, 1e-11);
        Assert.Equal(0.49999841284236868862, lowSnr, 1e-13);
        foreach (double db in new[] { -200.0, -100, -30, -20, -10 })
        {
            Assert.InRange(OqpskErrorModel.BitErrorRate(new Decibels(db)), 0.0, 1.0);
        }

        Assert.Equal(0.0, OqpskErrorModel.BitErrorRate(new Decibels(double.PositiveInfinity)));
        Assert.Throws<ArgumentException>(() => OqpskErrorModel.BitErrorRate(new Decibels(double.NaN)));
    }

    [Fact]
    public void PacketSuccessRate_MaxFrameAtMinus1Db_MatchesHandCalculation()
    {
        // BER(−1 dB) = 1.1489437e−3; (1 − BER)^1016 = exp(1016 · ln(1 − 1.1489437e−3)) = exp(−1.168014…) ≈ 0.31099.
        double psr = OqpskErrorModel.PacketSuccessRate(new Decibels(-1), 1016);

        Assert.Equal(0.3109889412871357, psr, 1e-12);
        Assert.Equal(Math.Pow(1 - OqpskErrorModel.BitErrorRate(new Decibels(-1)), 1016), psr, 1e-12);
    }

    [Fact]
    public void PacketSuccessRate_TinyBer_KeepsRelativePrecision()
    {
        // 1 − PSR ≈ bits · BER when BER is tiny; a naive (1 − BER)^n loses about 3 of these digits at 5 dB.
        double ber = OqpskErrorModel.BitErrorRate(new Decibels(5));
        double psr = OqpskErrorModel.PacketSuccessRate(new Decibels(5), 1016);

        Assert.Equal(1016 * ber, 1 - psr, 1016 * ber * 1e-4);
        Assert.Equal(1.0, OqpskErrorModel.PacketSuccessRate(new Decibels(-100), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => OqpskErrorModel.PacketSuccessRate(new Decibels(0), -1));
    }

    [Theory]
    [InlineData(-1.0, 1016)]
    [InlineData(2.0, 160)]
    [InlineData(-20.0, 8)]
    public void PacketSuccessRate_OneChunk_EqualsSingleSnr(double snrDb, int bits)
    {
        (Decibels, int)[] chunks = [(new Decibels(snrDb), bits)];

        Assert.Equal(OqpskErrorModel.PacketSuccessRate(new Decibels(snrDb), bits), OqpskErrorModel.PacketSuccessRate(chunks), 1e-15);
    }

    [Fact]
    public void PacketSuccessRate_Chunks_AreAProduct()
    {
        (Decibels, int)[] chunks = [(new Decibels(-1), 400), (new Decibels(1), 616)];
        double expected = OqpskErrorModel.PacketSuccessRate(new Decibels(-1), 400) * OqpskErrorModel.PacketSuccessRate(new Decibels(1), 616);

        Assert.Equal(expected, OqpskErrorModel.PacketSuccessRate(chunks), 1e-14);
        Assert.Equal(0.6263816280756705, OqpskErrorModel.PacketSuccessRate(chunks), 1e-12); // mpmath
        Assert.Equal(1.0, OqpskErrorModel.PacketSuccessRate(ReadOnlySpan<(Decibels, int)>.Empty));
        Assert.Throws<ArgumentOutOfRangeException>(() => OqpskErrorModel.PacketSuccessRate([(new Decibels(0), -8)]));
    }

    [Fact]
    public void BerAndPsr_DoNotAllocate()
    {
        (Decibels, int)[] chunks = [(new Decibels(-1), 400), (new Decibels(1), 616)];
        double sink = OqpskErrorModel.PacketSuccessRate(chunks) + OqpskErrorModel.PacketSuccessRate(new Decibels(2), 80);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            sink += OqpskErrorModel.BitErrorRate(new Decibels(i * 0.01));
            sink += OqpskErrorModel.PacketSuccessRate(new Decibels(2), 80);
            sink += OqpskErrorModel.PacketSuccessRate(chunks);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(double.IsFinite(sink));
    }
}
