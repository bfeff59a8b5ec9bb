using System.Runtime;
using SensorNet.Scenarios.Results;
using SensorNet.Scenarios.Sweeps;
using SensorNet.Scenarios.Tests.Support;

namespace SensorNet.Scenarios.Tests.Sweeps;

public sealed class SweepRunnerTests : IDisposable
{
    private readonly TempDirectory _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private SweepDefinition Sweep(string counts = "[20, 40]")
    {
        string scenario = Path.Combine(RepoPaths.Root, "scenarios", "examples", "lorasim-exp1.yaml");
        string file = _tmp.Combine("s.yaml");
        File.WriteAllText(file, $"""
            name: test-sweep
            scenario: {scenario}
            replications: 2
            grid:
              nodes[0].count: {counts}
            zip:
              duration: [2 h, 3 h]
              seed: [1, 2]
            """);
        return SweepDefinition.Load(file);
    }

    [Fact]
    public void Grid_TimesZip_GivesEveryCombination_LastParameterFastest()
    {
        SweepDefinition s = Sweep();

        Assert.Equal(4, s.Points.Count);
        Assert.Equal(["nodes[0].count=20, duration=2 h, seed=1", "nodes[0].count=20, duration=3 h, seed=2", "nodes[0].count=40, duration=2 h, seed=1", "nodes[0].count=40, duration=3 h, seed=2"], s.Points.Select(p => p.ToString()));
    }

    [Fact]
    public void TurnOffBackgroundGcFor_MoreThanOneWorker_SetsBatch_OneWorkerLeavesTheModeAlone()
    {
        GCLatencyMode before = GCSettings.LatencyMode;
        try
        {
            GCSettings.LatencyMode = GCLatencyMode.Interactive; // the default with concurrent GC (the test host's)
            SweepRunner.TurnOffBackgroundGcFor(1);
            Assert.Equal(GCLatencyMode.Interactive, GCSettings.LatencyMode);

            SweepRunner.TurnOffBackgroundGcFor(2);
            Assert.Equal(GCLatencyMode.Batch, GCSettings.LatencyMode);
            Assert.Throws<ArgumentOutOfRangeException>(() => SweepRunner.TurnOffBackgroundGcFor(0));
        }
        finally
        {
            GCSettings.LatencyMode = before;
        }
    }

    [Fact]
    public async Task ParallelOneAndTwo_WriteByteIdenticalResults()
    {
        SweepDefinition s = Sweep();
        string a = _tmp.Combine("p1");
        string b = _tmp.Combine("p2");

        await SweepRunner.RunAsync(s, a, parallel: 1, resume: false);
        await SweepRunner.RunAsync(s, b, parallel: 2, resume: false);

        AssertSameTree(a, b, expectedRuns: 8);
    }

    [Fact]
    public async Task CsvFormat_WritesCsvTablesPerRun_AndTheParquetSummary()
    {
        SweepDefinition s = Sweep();
        string dir = _tmp.Combine("csv");

        IReadOnlyList<SweepOutcome> outcomes = await SweepRunner.RunAsync(s, dir, parallel: 2, resume: false, format: ResultsFormat.Csv);

        Assert.All(outcomes, o => Assert.Equal("ran", o.Status));
        string[] runs = Directory.GetDirectories(dir, "replication=*", SearchOption.AllDirectories);
        Assert.Equal(8, runs.Length);
        Assert.All(runs, r =>
        {
            Assert.True(File.Exists(Path.Combine(r, "nodes.csv")), r);
            Assert.Empty(Directory.GetFiles(r, "*.parquet"));
        });
        Assert.True(File.Exists(Path.Combine(dir, "summary.parquet")));
    }

    [Fact]
    public async Task InterruptedSweep_Resumed_HasEveryRunOnce_ByteIdenticalToAnUninterruptedOne()
    {
        SweepDefinition s = Sweep();
        string whole = _tmp.Combine("whole");
        string broken = _tmp.Combine("broken");
        await SweepRunner.RunAsync(s, whole, parallel: 2, resume: false);

        using var cts = new CancellationTokenSource();
        int finished = 0;
        var stopAfterThree = new SyncProgress<SweepOutcome>(_ =>
        {
            if (Interlocked.Increment(ref finished) == 3)
            {
                cts.Cancel(); // as Ctrl-C would, while the fourth run may already be under way
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SweepRunner.RunAsync(s, broken, 1, false, null, stopAfterThree, cancellationToken: cts.Token));
        int before = Directory.GetDirectories(broken, "replication=*", SearchOption.AllDirectories).Length;
        Assert.InRange(before, 3, 7);

        IReadOnlyList<SweepOutcome> resumed = await SweepRunner.RunAsync(s, broken, parallel: 2, resume: true);

        Assert.Equal(8 - before, resumed.Count(o => o.Status == "ran"));
        Assert.Equal(before, resumed.Count(o => o.Status == "skipped"));
        AssertSameTree(whole, broken, expectedRuns: 8);
    }

    [Fact]
    public async Task FailingPoint_IsReported_AndTheOthersComplete()
    {
        SweepDefinition s = Sweep("[20, 0]"); // count 0 is invalid

        IReadOnlyList<SweepOutcome> outcomes = await SweepRunner.RunAsync(s, _tmp.Combine("f"), parallel: 2, resume: false);

        Assert.Equal(4, outcomes.Count(o => o.Status == "failed"));
        Assert.All(outcomes.Where(o => o.Status == "failed"), o => Assert.Contains("nodes[0].count", o.Error, StringComparison.Ordinal));
        Assert.Equal(4, outcomes.Count(o => o.Status == "ran"));
        Assert.Equal(4, Directory.GetDirectories(_tmp.Combine("f"), "replication=*", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task Resume_RedoesARunWhoseInputsChanged()
    {
        SweepDefinition s = Sweep();
        string dir = _tmp.Combine("r");
        await SweepRunner.RunAsync(s, dir, parallel: 2, resume: false);
        SweepDefinition changed = Sweep("[20, 50]");

        IReadOnlyList<SweepOutcome> outcomes = await SweepRunner.RunAsync(changed, dir, parallel: 2, resume: true);

        Assert.Equal(4, outcomes.Count(o => o.Status == "skipped")); // count 20 unchanged
        Assert.Equal(4, outcomes.Count(o => o.Status == "ran"));     // 40 → 50: new inputs
    }

    [Fact]
    public async Task TwoShards_Merged_EqualTheWholeSweep()
    {
        SweepDefinition s = Sweep();
        string whole = _tmp.Combine("whole");
        await SweepRunner.RunAsync(s, whole, parallel: 2, resume: false);
        IReadOnlyList<SweepOutcome> first = await SweepRunner.RunAsync(s, _tmp.Combine("s0"), 1, false, (0, 2));
        IReadOnlyList<SweepOutcome> second = await SweepRunner.RunAsync(s, _tmp.Combine("s1"), 1, false, (1, 2));

        int runs = await SweepRunner.MergeAsync(s, [_tmp.Combine("s0"), _tmp.Combine("s1")], _tmp.Combine("merged"));

        Assert.Equal((4, 4, 8), (first.Count, second.Count, runs));
        AssertSameTree(whole, _tmp.Combine("merged"), expectedRuns: 8);
    }

    [Fact]
    public void Overrides_SetFieldsByPath_AndNameAMissingOne()
    {
        string text = File.ReadAllText(Path.Combine(RepoPaths.Root, "scenarios", "examples", "lorasim-exp1.yaml"));

        string edited = ScenarioOverrides.Apply(text, "l.yaml", [("nodes[0].count", "7"), ("duration", "1 h"), ("nodes[0].placement.radius", "50 m")]);
        ScenarioConfig c = SensorNet.Scenarios.Loading.ScenarioLoader.Parse(edited, "l.yaml");

        Assert.Equal((7, 3_600_000_000_000L), (c.Groups[0].Count, c.Duration.Nanoseconds));
        Assert.Equal(50, Assert.IsType<DiscPlacementConfig>(c.Groups[0].Placement).Radius.Value);
        var e = Assert.Throws<SimEngine.Configuration.ConfigurationException>(() => ScenarioOverrides.Apply(text, "l.yaml", [("nodes[3].count", "7")]));
        Assert.Contains("has no item 3", e.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => ScenarioOverrides.ParseAssignment("duration"));
    }

    private static void AssertSameTree(string a, string b, int expectedRuns)
    {
        string[] files = [.. Directory.GetFiles(a, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(a, f)).Order(StringComparer.Ordinal)];
        string[] other = [.. Directory.GetFiles(b, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(b, f)).Order(StringComparer.Ordinal)];
        Assert.Equal(files, other);
        Assert.Equal(expectedRuns, files.Count(f => f.EndsWith("manifest.json", StringComparison.Ordinal)));
        Assert.DoesNotContain(files, f => f.Contains(".partial", StringComparison.Ordinal));
        foreach (string f in files)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(a, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b, f))), $"{f} differs");
        }
    }

    /// <summary>Reports on the caller's thread (System.Progress posts to the thread pool, too late to stop a sweep).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
