using SensorNet.Energy.Solar;

namespace SensorNet.Energy.Tests.Solar;

public class ErbsTests
{
    // pvlib test_erbs (pvlib-python pvlib/tests/test_irradiance.py): GHI and zenith on 2019-01-01 (day 1) and
    // 2019-06-20 (day 171), expected DNI, DHI and kt as published there (9 significant digits).
    [Theory]
    [InlineData(0.0, 120.0, 1, 0.0, 0.0, 0.0)]
    [InlineData(50.0, 85.0, 1, 96.7192672, 41.5703604, 0.405723511)]
    [InlineData(1000.0, 10.0, 1, 794.205651, 217.860117, 0.718132729)]
    [InlineData(1000.0, 10.0, 171, 842.001578, 170.790318, 0.768214312)]
    public void Decompose_MatchesPvlibTestErbsVectors(double ghi, double zenith, int dayOfYear, double dni, double dhi, double kt)
    {
        DecomposedIrradiance d = Erbs.Decompose(ghi, zenith, dayOfYear);

        Assert.Equal(dni, d.DniWm2, 1e-6 * Math.Max(dni, 1));
        Assert.Equal(dhi, d.DhiWm2, 1e-6 * Math.Max(dhi, 1));
        Assert.Equal(kt, d.ClearnessIndex, 1e-8);
    }

    [Fact]
    public void ExtraterrestrialNormal_IsSpencersSeries()
    {
        // Day 1: B = 0, so E0 = 1366.1·(1.00011 + 0.034221 + 0.000719) = 1366.1·1.03505.
        Assert.Equal(1366.1 * 1.03505, Erbs.ExtraterrestrialNormalWm2(1), 1e-9);

        // At aphelion (about 5 July, day 186) the Earth is 1.01671 AU away: E0 ≈ 1366.1 / 1.01671² = 1321.6 W/m²;
        // Spencer's five-term fit agrees within 0.1 % (1.3 W/m²).
        Assert.Equal(1366.1 / (1.01671 * 1.01671), Erbs.ExtraterrestrialNormalWm2(186), 1.3);
        Assert.Throws<ArgumentOutOfRangeException>(() => Erbs.ExtraterrestrialNormalWm2(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Erbs.ExtraterrestrialNormalWm2(367));
    }

    [Theory]
    [InlineData(0.1, 0.991)] // 1 − 0.09·0.1
    [InlineData(0.5, 0.65915)] // 0.9511 − 0.0802 + 4.388·0.25 − 16.638·0.125 + 12.336·0.0625
    [InlineData(0.9, 0.165)]
    public void DiffuseFraction_FollowsTheThreeBranches(double kt, double expected)
    {
        Assert.Equal(expected, Erbs.DiffuseFraction(kt), 1e-12);
    }

    [Fact]
    public void ClearnessIndex_FloorsCosZenithAndClipsToOne()
    {
        // cos 89° = 0.01745 < 0.065: kt = 10 / (1413.98·0.065) = 0.10880, not 10 / (1413.98·0.01745) = 0.405.
        Assert.Equal(10 / (Erbs.ExtraterrestrialNormalWm2(1) * 0.065), Erbs.ClearnessIndex(10, 89, Erbs.ExtraterrestrialNormalWm2(1)), 1e-12);
        Assert.Equal(1.0, Erbs.ClearnessIndex(2000, 0, 1366.1));
    }

    [Theory]
    [InlineData(800.0, 30.0, 100)]
    [InlineData(300.0, 60.0, 200)]
    [InlineData(40.0, 86.5, 355)]
    public void Decompose_KeepsTheClosure(double ghi, double zenith, int dayOfYear)
    {
        DecomposedIrradiance d = Erbs.Decompose(ghi, zenith, dayOfYear);

        Assert.Equal(ghi, d.DhiWm2 + (d.DniWm2 * Math.Cos(zenith * Math.PI / 180)), 1e-9);
        Assert.True(d.DniWm2 > 0 && d.DhiWm2 > 0);
    }

    [Fact]
    public void Decompose_BeyondMaxZenith_IsAllDiffuse()
    {
        DecomposedIrradiance d = Erbs.Decompose(20, 88, 100);

        Assert.Equal((0.0, 20.0), (d.DniWm2, d.DhiWm2));
    }

    [Fact]
    public void Decompose_RejectsInvalidInput()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Erbs.Decompose(-1, 30, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => Erbs.Decompose(double.NaN, 30, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => Erbs.Decompose(100, double.PositiveInfinity, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => Erbs.DiffuseFraction(1.5));
    }
}
