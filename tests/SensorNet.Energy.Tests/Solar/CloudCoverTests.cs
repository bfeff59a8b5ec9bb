using SensorNet.Energy.Solar;
using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy.Tests.Solar;

public class CloudCoverTests
{
    private const int Steps = 200_000;

    private static CloudCover Sky(ulong seed, double meanOktas, double persistence) =>
        new(new RngStreams(seed, 0).For(RngStreams.NetworkWide, RngPurpose.HarvesterWeather), meanOktas, persistence, SimDuration.FromHours(1));

    private static int[] Series(CloudCover sky, int count) => [.. Enumerable.Range(0, count).Select(k => sky.OktasAt(k))];

    private static double Binomial8(int k, double q)
    {
        double choose = 1;
        for (int i = 0; i < k; i++)
        {
            choose = choose * (8 - i) / (i + 1);
        }

        return choose * Math.Pow(q, k) * Math.Pow(1 - q, 8 - k);
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(8.0, 0.25)]
    [InlineData(4.0, 0.928950)] // 1 − 0.75·0.5^3.4 = 1 − 0.75·0.094732
    public void ClearSkyFraction_IsKastenCzeplak(double oktas, double expected)
    {
        Assert.Equal(expected, CloudCover.ClearSkyFraction(oktas), 1e-6);
    }

    [Fact]
    public void LongRun_HasTheBinomialStationaryDistributionAndMean()
    {
        const double mean = 3, p = 0.8, q = mean / 8;
        int[] n = Series(Sky(11, mean, p), Steps);

        // For this chain Corr(X_t, X_t+h) = p^h, so Var(sample mean) ≤ σ²/n·(1 + p)/(1 − p) with σ² = 8q(1 − q);
        // the same bound holds for each category's frequency with σ² = πᵢ(1 − πᵢ). Five such standard deviations.
        double inflation = (1 + p) / (1 - p);
        double meanTolerance = 5 * Math.Sqrt(8 * q * (1 - q) / Steps * inflation);
        Assert.Equal(mean, n.Average(), meanTolerance);
        for (int k = 0; k <= 8; k++)
        {
            double pi = Binomial8(k, q);
            double frequency = n.Count(x => x == k) / (double)Steps;
            Assert.Equal(pi, frequency, 5 * Math.Sqrt(pi * (1 - pi) / Steps * inflation));
        }
    }

    [Fact]
    public void LagOneStayFrequency_IsPersistencePlusChanceRepeats()
    {
        const double mean = 4, p = 0.6;
        int[] n = Series(Sky(12, mean, p), Steps);

        // P(X_t+1 = X_t) = p + (1 − p)·Σπᵢ²; for Binomial(8, ½), Σπᵢ² = C(16, 8)/4⁸ = 12870/65536.
        double expected = p + ((1 - p) * 12870.0 / 65536.0);
        double stays = Enumerable.Range(1, Steps - 1).Count(k => n[k] == n[k - 1]) / (double)(Steps - 1);

        // The stay indicators are 1-dependent, so Var(sum) ≤ 3·n·s(1 − s) (each covariance ≤ the variance). Five of
        // those standard deviations (≈ 0.009) are far below the chance-repeat term (≈ 0.079), so both terms are tested.
        Assert.Equal(expected, stays, 5 * Math.Sqrt(3 * expected * (1 - expected) / (Steps - 1)));
    }

    [Fact]
    public void SameSeed_SameSky_WhateverTheOrderOfQueries()
    {
        CloudCover ascending = Sky(5, 4, 0.8);
        CloudCover scattered = Sky(5, 4, 0.8);
        long[] order = [999, 17, 500, 0, 998];
        int[] late = [.. order.Select(scattered.OktasAt)];

        int[] a = Series(ascending, 1000);
        Assert.Equal(a, Series(scattered, 1000));
        Assert.Equal([a[999], a[17], a[500], a[0], a[998]], late);
    }

    [Fact]
    public void DifferentSeeds_DifferentSkies()
    {
        Assert.NotEqual(Series(Sky(5, 4, 0.8), 200), Series(Sky(6, 4, 0.8), 200));
    }

    [Fact]
    public void ZeroMean_IsAlwaysClear_AndFullMeanAlwaysOvercast()
    {
        Assert.All(Series(Sky(7, 0, 0.3), 500), n => Assert.Equal(0, n));
        Assert.All(Series(Sky(7, 8, 0.3), 500), n => Assert.Equal(8, n));
    }

    [Fact]
    public void FullPersistence_KeepsTheFirstDraw()
    {
        int[] n = Series(Sky(9, 4, 1), 500);

        Assert.All(n, x => Assert.Equal(n[0], x));
    }

    [Fact]
    public void Steps_MapSimulatedTime()
    {
        CloudCover sky = Sky(1, 4, 0.8);
        SimTime t = SimTime.FromStart(SimDuration.FromMinutes(150));

        Assert.Equal(2, sky.StepIndex(t));
        Assert.Equal(SimTime.FromStart(SimDuration.FromHours(3)), sky.NextStepStart(t));
        Assert.Equal(CloudCover.ClearSkyFraction(sky.OktasAt(2)), sky.ClearSkyFractionAt(2));
    }

    [Fact]
    public void InvalidArguments_AreRejected()
    {
        RandomStream s = new RngStreams(1, 0).For(RngStreams.NetworkWide, RngPurpose.HarvesterWeather);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CloudCover(s, 8.5, 0.5, SimDuration.FromHours(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CloudCover(s, 4, -0.1, SimDuration.FromHours(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CloudCover(s, 4, 0.5, SimDuration.FromSeconds(30)));
        Assert.Throws<ArgumentOutOfRangeException>(() => CloudCover.ClearSkyFraction(9));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sky(1, 4, 0.5).OktasAt(-1));
    }
}
