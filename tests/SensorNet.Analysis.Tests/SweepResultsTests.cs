using System.Globalization;
using Microsoft.Data.Analysis;
using SensorNet.Analysis.Tests.Support;
using SensorNet.Scenarios.Sweeps;

namespace SensorNet.Analysis.Tests;

/// <summary>Sweep loading and aggregation across replications.</summary>
public sealed class SweepResultsTests : IDisposable
{
    private readonly TempDirectory _tmp = new();

    public void Dispose() => _tmp.Dispose();

    [Fact]
    public void Interval_MatchesHandCalculation()
    {
        // 1, 2, 3, 4: mean 2.5, s = √(5/3) = 1.2909944; t(0.975, 3) = 3.182446 (t table: 3.182), half-width 2.0542.
        Interval i = Interval.Of([1.0, 2.0, 3.0, 4.0], 0.95);

        Assert.Equal(4, i.N);
        Assert.Equal(2.5, i.Mean, 15);
        Assert.Equal(Math.Sqrt(5.0 / 3.0), i.Sd, 12);
        Assert.Equal(2.5 - (3.182446305284263 * Math.Sqrt(5.0 / 3.0) / 2), i.Low, 9);
        Assert.Equal(2.5 + (3.182446305284263 * Math.Sqrt(5.0 / 3.0) / 2), i.High, 9);
        Assert.Equal((1.0, 4.0), (i.Min, i.Max));

        // 90 % with ten samples: t(0.95, 9) = 1.833113.
        double[] ten = [.. Enumerable.Range(1, 10).Select(k => (double)k)];
        double s = Math.Sqrt(ten.Sum(x => (x - 5.5) * (x - 5.5)) / 9);
        Assert.Equal(5.5 + (1.8331129326536335 * s / Math.Sqrt(10)), Interval.Of(ten, 0.90).High, 9);

        Assert.Equal((1, 7.0, 7.0), (Interval.Of([7.0], 0.95).N, Interval.Of([7.0], 0.95).Low, Interval.Of([7.0], 0.95).High));
        Assert.True(double.IsNaN(Interval.Of([], 0.95).Mean));
    }

    [Fact]
    public async Task Aggregate_GroupsReplicationsPerPoint_WithTheirMeanAndInterval()
    {
        string dir = await RunSweepAsync();

        SweepResults s = SweepResults.Load(dir);
        DataFrame agg = s.Aggregate("energy_j");

        Assert.Equal(["nodes[0].count", "seed", "duration"], s.Parameters);
        Assert.Equal(6, s.RunsComplete);
        Assert.Equal(6, s.Summary.Rows.Count);
        Assert.Equal(2, agg.Rows.Count);
        for (int p = 0; p < 2; p++)
        {
            double[] samples = [.. Enumerable.Range(0, 3).Select(r => (double)s.Run(p, r).Nodes.Columns["energy_j"].Cast<double>().Sum())];
            Interval expected = Interval.Of(samples, 0.95);
            Assert.Equal(3, agg.Columns["n"][p]);
            Assert.Equal(expected.Mean, (double)agg.Columns["mean"][p], 9);
            Assert.Equal(expected.Low, (double)agg.Columns["ci_low"][p], 9);
            Assert.Equal(expected.High, (double)agg.Columns["ci_high"][p], 9);
            Assert.True(expected.High > expected.Low, "replications differ, so the interval has width");
        }

        Assert.Equal(["5", "10"], agg.Columns["nodes[0].count"].Cast<string>());
    }

    [Fact]
    public async Task Aggregate_ByOneParameter_PoolsTheOthers_AndRejectsUnknownNames()
    {
        string dir = await RunSweepAsync();
        SweepResults s = SweepResults.Load(dir);

        DataFrame bySeed = s.Aggregate("delivery_ratio", 0.95, "seed");

        Assert.Equal(1, bySeed.Rows.Count);
        Assert.Equal(6, bySeed.Columns["n"][0]);
        double[] ratios = [.. s.Summary.Columns["delivery_ratio"].Cast<double?>().Select(v => v!.Value)];
        Assert.Equal(ratios.Average(), (double)bySeed.Columns["mean"][0], 12);
        Assert.Contains("nodes[0].count", Assert.Throws<ArgumentException>(() => s.Aggregate("delivery_ratio", 0.95, "nodes[1].count")).Message, StringComparison.Ordinal);
        Assert.Contains("energy_j", Assert.Throws<ArgumentException>(() => s.Aggregate("energy")).Message, StringComparison.Ordinal);
    }

    private async Task<string> RunSweepAsync()
    {
        string file = _tmp.Combine("s.yaml");
        await File.WriteAllTextAsync(file, string.Create(CultureInfo.InvariantCulture, $"name: small\nscenario: {RepoPaths.Root}/scenarios/examples/lorasim-exp1.yaml\nreplications: 3\ngrid:\n  nodes[0].count: [5, 10]\nzip:\n  seed: [1]\n  duration: [1 h]\n"));
        string dir = _tmp.Combine("out");
        await SweepRunner.RunAsync(SweepDefinition.Load(file), dir, parallel: 2, resume: false);
        return dir;
    }
}
