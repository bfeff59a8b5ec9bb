using SensorNet.RadioModels.Propagation;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Random;

namespace SensorNet.RadioModels.Tests.Propagation;

public class LogDistanceTests
{
    private static readonly LogDistance Bor = LogDistance.BorEtAl2016;
    private static readonly LogDistance BorNoShadowing = new(new Meters(40), new Decibels(127.41), 2.08, new Decibels(0));

    [Fact]
    public void Presets_HaveThePublishedParameters()
    {
        Assert.Equal(40.0, Bor.ReferenceDistance.Value);
        Assert.Equal(127.41, Bor.ReferenceLoss.Value);
        Assert.Equal(2.08, Bor.Exponent);
        Assert.Equal(3.57, Bor.ShadowingSigma.Value);
        Assert.Equal(LogBase.Ten, Bor.LogBase);
        Assert.Equal("bor-et-al-2016", Bor.Name);

        LogDistance code = LogDistance.LoRaSimCode;
        Assert.Equal((40.0, 127.41, 2.08, 0.0), (code.ReferenceDistance.Value, code.ReferenceLoss.Value, code.Exponent, code.ShadowingSigma.Value));
        Assert.Equal(LogBase.Natural, code.LogBase);
        Assert.Equal("lorasim-code", code.Name);
    }

    [Fact]
    public void MeanPathLoss_AtD0_IsTheReferenceLoss_AndAt10D0_Adds10Gamma()
    {
        Assert.Equal(127.41, Bor.MeanPathLoss(new Meters(40)).Value, 12);

        // log10(10) = 1: 127.41 + 10 · 2.08 = 148.21 dB.
        Assert.Equal(148.21, Bor.MeanPathLoss(new Meters(400)).Value, 10);
        Assert.Equal(148.21, BorNoShadowing.PathLoss(new Meters(400), 99).Value, 10);
    }

    [Fact]
    public void LoRaSimCode_UsesTheNaturalLogarithm()
    {
        // loraDir.py: Lpl = Lpld0 + 10·γ·ln(d/d0). At d = 100 m: 127.41 + 20.8 · ln 2.5 = 146.4688… dB.
        double expected = 127.41 + (10 * 2.08 * Math.Log(100.0 / 40.0));
        Assert.Equal(expected, LogDistance.LoRaSimCode.PathLoss(new Meters(100), 7).Value, 10);
        Assert.Equal(146.4688, LogDistance.LoRaSimCode.PathLoss(new Meters(100), 7).Value, 4);

        // At d0·e the natural-log model adds exactly 10·γ.
        Assert.Equal(148.21, LogDistance.LoRaSimCode.MeanPathLoss(new Meters(40 * Math.E)).Value, 10);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(39.999)]
    public void PathLoss_BelowD0_IsClampedToD0(double metres)
    {
        Assert.Equal(127.41, BorNoShadowing.PathLoss(new Meters(metres), 0).Value, 12);
        Assert.Equal(Bor.PathLoss(new Meters(40), 5), Bor.PathLoss(new Meters(metres), 5));
    }

    [Theory]
    [InlineData(127.41, LogBase.Ten)]
    [InlineData(146.25, LogBase.Ten)]
    [InlineData(160.0, LogBase.Ten)]
    [InlineData(146.25, LogBase.Natural)]
    [InlineData(170.0, LogBase.Natural)]
    public void MaximumRange_WithoutShadowing_RoundTrips(double budget, LogBase logBase)
    {
        var model = new LogDistance(new Meters(40), new Decibels(127.41), 2.08, new Decibels(0), logBase);

        Meters range = model.MaximumRange(new Decibels(budget));

        Assert.Equal(budget, model.PathLoss(range, 0).Value, 9);
        Assert.Equal(range, model.MedianRange(new Decibels(budget)));
    }

    [Fact]
    public void MaximumRange_WithShadowing_IsWhereTheMeanLossMinus5SigmaMeetsTheBudget()
    {
        var budget = new Decibels(146.25);

        Meters bound = Bor.MaximumRange(budget);
        Meters median = Bor.MedianRange(budget);

        Assert.Equal(budget.Value, Bor.MeanPathLoss(bound).Value - (5 * 3.57), 9);
        Assert.Equal(budget.Value, Bor.MeanPathLoss(median).Value, 9);
        Assert.True(bound > median);
    }

    [Fact]
    public void MaximumRange_IsASafePruningBound()
    {
        var budget = new Decibels(146.25);
        Meters beyond = Bor.MaximumRange(budget) * 1.000001;

        for (ulong seed = 0; seed < 10_000; seed++)
        {
            Assert.True(Bor.PathLoss(beyond, seed) > budget);
        }
    }

    [Fact]
    public void MaximumRange_BudgetBelowTheClosestPossibleLoss_IsZero()
    {
        // The lowest loss anywhere is PL(d0) − 5σ = 127.41 − 17.85 dB.
        Assert.Equal(0.0, Bor.MaximumRange(new Decibels(109.5)).Value);
        Assert.Equal(40.0, Bor.MaximumRange(new Decibels(127.41 - 17.85)).Value, 9);
        Assert.Equal(0.0, Bor.MedianRange(new Decibels(127.0)).Value);
    }

    [Fact]
    public void Shadowing_IsDeterministicPerSeed()
    {
        var d = new Meters(500);

        Assert.Equal(Bor.PathLoss(d, 42), Bor.PathLoss(d, 42));
        Assert.NotEqual(Bor.PathLoss(d, 42), Bor.PathLoss(d, 43));

        // The deviate is σ times the first normal variate of RandomStream(seed).
        double z = new RandomStream(42).Normal(0, 1);
        Assert.Equal(Bor.MeanPathLoss(d).Value + (3.57 * z), Bor.PathLoss(d, 42).Value, 12);
    }

    [Fact]
    public void Shadowing_OverManySeeds_HasMeanZeroAndSigma()
    {
        const int n = 20_000;
        const double sigma = 3.57;
        var d = new Meters(300);
        double mean = Bor.MeanPathLoss(d).Value;
        double sum = 0;
        double sumSquares = 0;
        for (ulong seed = 0; seed < n; seed++)
        {
            double x = Bor.PathLoss(d, seed).Value - mean;
            sum += x;
            sumSquares += x * x;
        }

        double sampleMean = sum / n;
        double sampleSd = Math.Sqrt((sumSquares - (n * sampleMean * sampleMean)) / (n - 1));

        // Five standard errors: σ/√n for the mean, σ/√(2n) for the standard deviation of a normal sample.
        Assert.InRange(sampleMean, -5 * sigma / Math.Sqrt(n), 5 * sigma / Math.Sqrt(n));
        Assert.InRange(sampleSd, sigma - (5 * sigma / Math.Sqrt(2.0 * n)), sigma + (5 * sigma / Math.Sqrt(2.0 * n)));
    }

    // Seeds found by searching for first normal variates beyond ±5 (see the premise check).
    [Theory]
    [InlineData(1_445_042UL, 1.0)]
    [InlineData(3_265_894UL, -1.0)]
    public void Shadowing_IsClampedAt5Sigma(ulong seed, double sign)
    {
        double unclamped = new RandomStream(seed).Normal(0, 1);
        Assert.True(unclamped * sign > 5.0, $"premise: seed {seed} draws {unclamped}");

        var d = new Meters(1000);
        Assert.Equal(Bor.MeanPathLoss(d).Value + (sign * 5 * 3.57), Bor.PathLoss(d, seed).Value, 12);
    }

    [Fact]
    public void InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogDistance(new Meters(0), new Decibels(127.41), 2.08, new Decibels(0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogDistance(new Meters(40), new Decibels(127.41), 0, new Decibels(0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogDistance(new Meters(40), new Decibels(127.41), 2.08, new Decibels(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogDistance(new Meters(40), new Decibels(double.NaN), 2.08, new Decibels(0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Bor.PathLoss(new Meters(-1), 0));
        Assert.Throws<ArgumentException>(() => Bor.MaximumRange(new Decibels(double.NaN)));
    }
}
