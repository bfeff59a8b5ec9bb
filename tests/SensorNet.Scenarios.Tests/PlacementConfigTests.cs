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

    [Fact]
    public void Uniform_StaysInsideTheRectangle_AndCoversIt()
    {
        var u = new UniformPlacementConfig(new Meters(200), new Meters(50), new Meters(10), new Meters(-5));

        IReadOnlyList<(Meters X, Meters Y)> p = u.Positions(4000, new RandomStream(3));

        Assert.All(p, q => Assert.True(q.X.Value is >= 10 and < 210 && q.Y.Value is >= -5 and < 45));
        // Mean of a uniform: the centre, within 5 standard errors (σ/√n: 57.7/63 ≈ 0.91 m in x, 14.4/63 ≈ 0.23 m in y).
        Assert.InRange(p.Average(q => q.X.Value), 110 - 4.6, 110 + 4.6);
        Assert.InRange(p.Average(q => q.Y.Value), 20 - 1.2, 20 + 1.2);
        Assert.Equal(p, u.Positions(4000, new RandomStream(3)));
    }

    [Fact]
    public void Csv_ReadsPositionsInNodeOrder_AndReportsABadCell()
    {
        using var tmp = new Support.TempDirectory();
        File.WriteAllText(tmp.Combine("pos.csv"), "# surveyed\nx_m,y_m\n0,0\n12.5,-3\n7,8\n");
        File.WriteAllText(tmp.Combine("bad.csv"), "x_m,y_m\n0,0\n1,north\n");
        string scenario = File.ReadAllText(Support.RepoPaths.Example("quickstart.yaml"));
        string Using(string file) => System.Text.RegularExpressions.Regex.Replace(scenario, @"placement:\n(\s+)kind: grid\n\s+columns: 5\n\s+spacing: 100 m", $"placement:\n$1kind: csv\n$1file: {file}").Replace("count: 10", "count: 3", StringComparison.Ordinal);
        string good = tmp.Combine("good.yaml");
        File.WriteAllText(good, Using("pos.csv"));
        File.WriteAllText(tmp.Combine("badscenario.yaml"), Using("bad.csv"));
        Assert.NotEqual(scenario.Replace("count: 10", "count: 3", StringComparison.Ordinal), File.ReadAllText(good));

        ScenarioConfig c = SensorNet.Scenarios.Loading.ScenarioLoader.LoadFile(good);
        var e = Assert.Throws<SimEngine.Configuration.ConfigurationException>(() => SensorNet.Scenarios.Loading.ScenarioLoader.LoadFile(tmp.Combine("badscenario.yaml")));

        Assert.Equal([(new Meters(0), new Meters(0)), (new Meters(12.5), new Meters(-3)), (new Meters(7), new Meters(8))], c.Groups[0].Placement.Positions(3, new RandomStream(0)));
        Assert.Contains("bad.csv:3:3", e.Message, StringComparison.Ordinal);
        Assert.Equal("nodes[0].placement.file", e.FieldPath);
    }
}
