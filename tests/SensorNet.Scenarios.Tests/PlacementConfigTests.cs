using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Random;

namespace SensorNet.Scenarios.Tests;

public class PlacementConfigTests
{
    [Fact]
    public void Disc_IsUniformWithinTheRadius_RespectsTheSpacing_AndIsDeterministic()
    {
        var disc = new DiscPlacementConfig(new Meters(100), new Meters(2), new Meters(50), new Meters(-20));

        IReadOnlyList<(Meters X, Meters Y)> a = disc.Positions(2000, new RandomStream(7));
        IReadOnlyList<(Meters X, Meters Y)> b = disc.Positions(2000, new RandomStream(7));

        Assert.Equal(a, b);
        double[] r = [.. a.Select(p => Math.Sqrt(Math.Pow(p.X.Value - 50, 2) + Math.Pow(p.Y.Value + 20, 2)))];
        Assert.All(r, d => Assert.InRange(d, 0, 100));
        // Uniform over the area: half the nodes within R/√2 (binomial sd √(2000·¼) ≈ 22, so ±5 sd = ±112).
        int inner = r.Count(d => d < 100 / Math.Sqrt(2));
        Assert.InRange(inner, 1000 - 112, 1000 + 112);
        for (int i = 0; i < a.Count; i++)
        {
            for (int j = 0; j < i; j++)
            {
                Assert.True(Math.Pow(a[i].X.Value - a[j].X.Value, 2) + Math.Pow(a[i].Y.Value - a[j].Y.Value, 2) >= 4, $"nodes {i} and {j} closer than 2 m");
            }
        }
    }

    [Fact]
    public void Disc_TooDense_FailsWithAClearError()
    {
        var disc = new DiscPlacementConfig(new Meters(10), new Meters(10));

        var e = Assert.Throws<InvalidOperationException>(() => disc.Positions(50, new RandomStream(1)));
        Assert.Contains("at least 10 m", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Grid_FillsRowsFromTheOrigin()
    {
        var grid = new GridPlacementConfig(3, new Meters(10), new Meters(5), new Meters(1));

        Assert.Equal([(new Meters(5), new Meters(1)), (new Meters(15), new Meters(1)), (new Meters(25), new Meters(1)), (new Meters(5), new Meters(11))], grid.Positions(4, new RandomStream(0)));
    }
}
