using System.Text.Json;
using DuckDB.NET.Data;
using Parquet;
using SensorNet.Scenarios.Loading;
using SensorNet.Scenarios.Results;
using SensorNet.Scenarios.Running;
using SensorNet.Scenarios.Tests.Support;
using SensorNet.SimEngine.Time;

namespace SensorNet.Scenarios.Tests.Results;

public class ResultsWriterTests
{
    private static async Task<(RunResult Run, string Dir, TempDirectory Tmp)> WriteQuickstartAsync()
    {
        var tmp = new TempDirectory();
        string path = RepoPaths.Example("quickstart.yaml");
        RunResult run = ScenarioRunner.Run(ScenarioLoader.LoadFile(path));
        string dir = tmp.Combine("out");
        await ResultsWriter.WriteAsync(run, dir, "quickstart.yaml", await File.ReadAllTextAsync(path));
        return (run, dir, tmp);
    }

    [Fact]
    public async Task Parquet_ReadByDuckDb_MatchesTheRun()
    {
        (RunResult run, string dir, TempDirectory tmp) = await WriteQuickstartAsync();
        using (tmp)
        {
            using var db = new DuckDBConnection("Data Source=:memory:");
            db.Open();

            Assert.Equal(run.Nodes.Count, Scalar<long>(db, $"SELECT count(*) FROM read_parquet('{dir}/nodes.parquet')"));
            Assert.Equal(run.Nodes.Sum(n => n.FramesSent), Scalar<long>(db, $"SELECT CAST(sum(frames_sent) AS BIGINT) FROM read_parquet('{dir}/nodes.parquet')"));
            Assert.Equal(run.Nodes[3].EnergyJ, Scalar<double>(db, $"SELECT energy_j FROM read_parquet('{dir}/nodes.parquet') WHERE node_id = 3"));
            Assert.Equal(0L, Scalar<long>(db, $"SELECT count(*) FROM read_parquet('{dir}/nodes.parquet') WHERE depleted_at_ns IS NOT NULL"));

            // Residency read back independently still sums to the duration for each node and component.
            long badGroups = Scalar<long>(db, $"SELECT count(*) FROM (SELECT node_id, component, sum(time_ns) AS t FROM read_parquet('{dir}/residency.parquet') GROUP BY ALL) WHERE t <> {run.EndNs}");
            Assert.Equal(0L, badGroups);
            Assert.Equal(run.Residency.Count, Scalar<long>(db, $"SELECT count(*) FROM read_parquet('{dir}/residency.parquet')"));
        }
    }

    [Fact]
    public async Task Csv_ReadByDuckDb_HoldsTheSameTablesAsParquet()
    {
        using var tmp = new TempDirectory();
        string path = RepoPaths.Example("quickstart.yaml");
        RunResult run = ScenarioRunner.Run(ScenarioLoader.LoadFile(path));
        string csvDir = tmp.Combine("csv");
        string parquetDir = tmp.Combine("parquet");
        string text = await File.ReadAllTextAsync(path);
        await ResultsWriter.WriteAsync(run, csvDir, "quickstart.yaml", text, ResultsFormat.Csv);
        await ResultsWriter.WriteAsync(run, parquetDir, "quickstart.yaml", text);

        using var db = new DuckDBConnection("Data Source=:memory:");
        db.Open();
        foreach (string table in new[] { "nodes", "residency", "kernel", "processes" })
        {
            // The same rows in both formats: the symmetric difference is empty (doubles printed with round-trip precision).
            long diff = Scalar<long>(db, $"SELECT count(*) FROM ((SELECT * FROM read_csv_auto('{csvDir}/{table}.csv') EXCEPT SELECT * FROM read_parquet('{parquetDir}/{table}.parquet')) UNION ALL (SELECT * FROM read_parquet('{parquetDir}/{table}.parquet') EXCEPT SELECT * FROM read_csv_auto('{csvDir}/{table}.csv')))");
            Assert.True(diff == 0, $"{table}: {diff} rows differ");
        }

        Assert.Equal(run.Nodes.Count, Scalar<long>(db, $"SELECT count(*) FROM read_csv_auto('{csvDir}/nodes.csv')"));
        Assert.True(File.Exists(Path.Combine(csvDir, "packets.csv")));
    }

    [Fact]
    public async Task Manifest_RecordsScenarioSeedVersionAndFileHashes()
    {
        (RunResult run, string dir, TempDirectory tmp) = await WriteQuickstartAsync();
        using (tmp)
        {
            using JsonDocument m = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(dir, ResultsWriter.ManifestFile)));
            JsonElement root = m.RootElement;

            Assert.Equal("sensornet", root.GetProperty("tool").GetProperty("name").GetString());
            Assert.Equal(ResultsWriter.ToolVersion, root.GetProperty("tool").GetProperty("version").GetString());
            Assert.Equal(42UL, root.GetProperty("seed").GetUInt64());
            Assert.Equal("quickstart", root.GetProperty("scenario").GetProperty("name").GetString());
            Assert.Equal(run.Events, root.GetProperty("events").GetInt64());
            Assert.Equal(64, root.GetProperty("scenario_sha256").GetString()!.Length);
            JsonElement[] files = [.. root.GetProperty("files").EnumerateArray()];
            Assert.Equal(["nodes.parquet", "residency.parquet", "kernel.parquet", "processes.parquet", "energy.parquet", "power_states.parquet", "packets.parquet"], files.Select(f => f.GetProperty("name").GetString()));
            Assert.Equal(run.Nodes.Count, files[0].GetProperty("rows").GetInt32());
        }
    }

    [Fact]
    public async Task SupercapacitorStorage_IsInTheManifest_AndEveryNodeRunsOutBeforeTheDayEnds()
    {
        // 0.1 F between 5.0 V and 1.8 V holds ½ · 0.1 · (25 − 3.24) = 1.088 J: a few hours of a quickstart node.
        using var tmp = new TempDirectory();
        string text = (await File.ReadAllTextAsync(RepoPaths.Example("quickstart.yaml"))).Replace(
            "      kind: linearBattery\n      capacity: 225 mAh\n      voltage: 3.0 V\n",
            "      kind: supercapacitor\n      capacitance: 100 mF\n      maximumVoltage: 5.0 V\n      minimumVoltage: 1.8 V\n",
            StringComparison.Ordinal);
        RunResult run = ScenarioRunner.Run(ScenarioLoader.Parse(text, "cap.yaml"));
        string dir = tmp.Combine("out");
        await ResultsWriter.WriteAsync(run, dir, "cap.yaml", text);

        using JsonDocument m = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(dir, ResultsWriter.ManifestFile)));
        JsonElement storage = m.RootElement.GetProperty("scenario").GetProperty("nodes")[0].GetProperty("storage");
        Assert.Equal("supercapacitor", storage.GetProperty("kind").GetString());
        Assert.Equal(0.1, storage.GetProperty("capacitance_f").GetDouble(), 12);
        Assert.All(run.Nodes, n =>
        {
            Assert.Equal(1.25, n.InitialJ, 9);
            Assert.True(n.McuOffNs > 0, "the node should have run out");
            Assert.Equal(0.5 * 0.1 * 1.8 * 1.8, n.FinalJ, 6); // stops at V_min
        });
    }

    [Fact]
    public async Task Write_ReplacesAnOlderResult_AndLeavesNoTemporaryDirectories()
    {
        (RunResult run, string dir, TempDirectory tmp) = await WriteQuickstartAsync();
        using (tmp)
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "stale.txt"), "from an older run");

            await ResultsWriter.WriteAsync(run, dir, "quickstart.yaml", "text");

            Assert.False(File.Exists(Path.Combine(dir, "stale.txt")));
            Assert.Equal(["out"], Directory.GetDirectories(tmp.Path).Select(Path.GetFileName));
        }
    }

    [Fact]
    public async Task Write_Cancelled_PublishesNothing()
    {
        using var tmp = new TempDirectory();
        RunResult run = ScenarioRunner.Run(ScenarioLoader.LoadFile(RepoPaths.Example("quickstart.yaml")));
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ResultsWriter.WriteAsync(run, tmp.Combine("out"), "q.yaml", "x", cts.Token));

        Assert.False(Directory.Exists(tmp.Combine("out")));
    }

    [Fact]
    public async Task SignpostSolar_EnergyTimeSeries_ShowsTheDailyCycle()
    {
        using var tmp = new TempDirectory();
        string path = RepoPaths.Example("signpost-solar.yaml");
        ScenarioConfig full = ScenarioLoader.LoadFile(path);
        RunResult run = ScenarioRunner.Run(full with { Duration = SimDuration.FromDays(1) });
        string dir = tmp.Combine("solar");
        await ResultsWriter.WriteAsync(run, dir, "signpost-solar.yaml", await File.ReadAllTextAsync(path));
        using var db = new DuckDBConnection("Data Source=:memory:");
        db.Open();
        string energy = $"read_parquet('{dir}/energy.parquet')";

        // Hourly samples from 00:00 to 24:00 for two nodes; the panel is dark at 02:00 local and producing at 13:00.
        Assert.Equal(2L * 25, Scalar<long>(db, $"SELECT count(*) FROM {energy}"));
        Assert.Equal(0.0, Scalar<double>(db, $"SELECT max(harvest_w) FROM {energy} WHERE time_ns = {2L * 3_600_000_000_000}"));
        Assert.True(Scalar<double>(db, $"SELECT min(harvest_w) FROM {energy} WHERE time_ns = {13L * 3_600_000_000_000}") > 0.2);
        // The large battery loses charge overnight and gains it by day.
        double night = Scalar<double>(db, $"SELECT stored_j FROM {energy} WHERE node_id = 1 AND time_ns = {5L * 3_600_000_000_000}");
        double start = Scalar<double>(db, $"SELECT stored_j FROM {energy} WHERE node_id = 1 AND time_ns = 0");
        double evening = Scalar<double>(db, $"SELECT stored_j FROM {energy} WHERE node_id = 1 AND time_ns = {18L * 3_600_000_000_000}");
        Assert.True(night < start && evening > night, $"start {start}, 05:00 {night}, 18:00 {evening}");
    }

    [Fact]
    public async Task PowerStateTrace_TilesTheRunPerComponent_AndAddsUpToEachNodesEnergy()
    {
        using var tmp = new TempDirectory();
        string path = RepoPaths.Example("tock-async-vs-sync.yaml");
        ScenarioConfig full = ScenarioLoader.LoadFile(path);
        RunResult run = ScenarioRunner.Run(full with { Duration = SimDuration.FromMinutes(2), PowerStateTrace = true });
        string dir = tmp.Combine("trace");
        await ResultsWriter.WriteAsync(run, dir, "tock-async-vs-sync.yaml", await File.ReadAllTextAsync(path));
        using var db = new DuckDBConnection("Data Source=:memory:");
        db.Open();
        string trace = $"read_parquet('{dir}/power_states.parquet')";

        Assert.Equal(run.PowerStates.Count, Scalar<long>(db, $"SELECT count(*) FROM {trace}"));
        Assert.True(run.PowerStates.Count > 100, "Tock nodes wake often enough to give many intervals");
        // Within each (node, component) the intervals start at 0, follow on without gaps or overlaps, and end at the end.
        Assert.Equal(0L, Scalar<long>(db, $"SELECT count(*) FROM (SELECT start_ns, lag(end_ns, 1, 0) OVER (PARTITION BY node_id, component ORDER BY start_ns) AS prev FROM {trace}) WHERE start_ns <> prev"));
        Assert.Equal(0L, Scalar<long>(db, $"SELECT count(*) FROM (SELECT max(end_ns) AS e FROM {trace} GROUP BY node_id, component) WHERE e <> {run.EndNs}"));
        Assert.Equal(0L, Scalar<long>(db, $"SELECT count(*) FROM {trace} WHERE end_ns <= start_ns"));
        // The traced energy of each node is its consumed energy.
        foreach (NodeSummary n in run.Nodes)
        {
            Assert.Equal(n.EnergyJ, Scalar<double>(db, $"SELECT sum(energy_j) FROM {trace} WHERE node_id = {n.NodeId}"), 1e-9 * n.EnergyJ);
        }
    }

    // ResultsWriter.RunAsync: traces streamed to their files in row groups while the run goes on.
    private static readonly string[] Tables = ["nodes", "residency", "kernel", "processes", "energy", "power_states", "packets"];

    // Two minutes of the async-vs-sync pair with every trace on: ~600 power-state intervals and 26 energy samples.
    private static async Task<(ScenarioConfig Config, string Text)> TracedTockAsync()
    {
        string path = RepoPaths.Example("tock-async-vs-sync.yaml");
        ScenarioConfig full = ScenarioLoader.LoadFile(path);
        return (full with { Duration = SimDuration.FromMinutes(2), PowerStateTrace = true, EnergySampleInterval = SimDuration.FromSeconds(10) }, await File.ReadAllTextAsync(path));
    }

    [Theory]
    [InlineData(ResultsFormat.Parquet)]
    [InlineData(ResultsFormat.Csv)]
    public async Task Streamed_TraceWithinOneGroup_IsByteIdenticalToWritingTheRunAtOnce(ResultsFormat format)
    {
        using var tmp = new TempDirectory();
        (ScenarioConfig config, string text) = await TracedTockAsync();

        RunResult streamed = await ResultsWriter.RunAsync(config, 0, tmp.Combine("streamed"), "t.yaml", text, format);
        await ResultsWriter.WriteAsync(ScenarioRunner.Run(config), tmp.Combine("memory"), "t.yaml", text, format);

        Assert.Empty(streamed.PowerStates); // the rows went to the file, not to memory
        string extension = format == ResultsFormat.Csv ? ".csv" : ".parquet";
        foreach (string file in Tables.Select(t => t + extension).Append(ResultsWriter.ManifestFile))
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(tmp.Combine("streamed"), file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(tmp.Combine("memory"), file))),
                $"{file} differs between the streamed and the in-memory write");
        }
    }

    [Fact]
    public async Task Streamed_InSmallRowGroups_HoldsTheSameRowsInOrder_AndIsDeterministic()
    {
        using var tmp = new TempDirectory();
        (ScenarioConfig config, string text) = await TracedTockAsync();
        RunResult memory = ScenarioRunner.Run(config);
        const int groupRows = 100;

        await ResultsWriter.RunAsync(config, 0, tmp.Combine("a"), "t.yaml", text, rowGroupRows: groupRows);
        await ResultsWriter.RunAsync(config, 0, tmp.Combine("b"), "t.yaml", text, rowGroupRows: groupRows);
        await ResultsWriter.RunAsync(config, 0, tmp.Combine("csv"), "t.yaml", text, ResultsFormat.Csv, rowGroupRows: groupRows);
        await ResultsWriter.WriteAsync(memory, tmp.Combine("csv-memory"), "t.yaml", text, ResultsFormat.Csv);

        string file = Path.Combine(tmp.Combine("a"), "power_states.parquet");
        int rows = memory.PowerStates.Count;
        Assert.True(rows > 5 * groupRows, $"{rows} intervals: too few to need several groups");
        await using (ParquetReader reader = await ParquetReader.CreateAsync(file))
        {
            Assert.Equal((rows + groupRows - 1) / groupRows, reader.RowGroupCount);
        }

        // An independent reader sees the in-memory rows in the same order (row i of the file is interval i).
        using var db = new DuckDBConnection("Data Source=:memory:");
        db.Open();
        using DuckDBCommand cmd = db.CreateCommand();
        cmd.CommandText = $"SELECT node_id, state, start_ns, end_ns, energy_j FROM read_parquet('{file}', file_row_number = true) ORDER BY file_row_number";
        using (var r = cmd.ExecuteReader())
        {
            int i = 0;
            while (r.Read())
            {
                PowerStateRow expected = memory.PowerStates[i++];
                Assert.Equal((expected.NodeId, expected.State, expected.StartNs, expected.EndNs, expected.EnergyJ), (r.GetInt32(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3), r.GetDouble(4)));
            }

            Assert.Equal(rows, i);
        }

        foreach (string table in Tables)
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(tmp.Combine("a"), table + ".parquet")).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(tmp.Combine("b"), table + ".parquet"))),
                $"{table}: two streamed runs differ");
            // CSV has no groups: streamed in batches it is the one-shot file.
            Assert.True(
                File.ReadAllBytes(Path.Combine(tmp.Combine("csv"), table + ".csv")).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(tmp.Combine("csv-memory"), table + ".csv"))),
                $"{table}.csv differs from the in-memory write");
        }
    }

    [Fact]
    public async Task Streamed_RunCancelledMidway_LeavesNeitherAResultNorAPartialDirectory()
    {
        using var tmp = new TempDirectory();
        (ScenarioConfig config, string text) = await TracedTockAsync();
        using var cts = new CancellationTokenSource();
        var progress = new CancelAt(0.5, cts);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ResultsWriter.RunAsync(config, 0, tmp.Combine("out"), "t.yaml", text, progress: progress, rowGroupRows: 50, cancellationToken: cts.Token));

        Assert.True(progress.Reached, "the run should have been cancelled part-way, after row groups were written");
        Assert.Empty(Directory.GetFileSystemEntries(tmp.Path));
    }

    [Fact]
    public async Task Streamed_RunThatFails_KeepsAnOlderResultAndRemovesItsPartialDirectory()
    {
        using var tmp = new TempDirectory();
        (ScenarioConfig config, string text) = await TracedTockAsync();
        string dir = tmp.Combine("out");
        await ResultsWriter.RunAsync(config, 0, dir, "t.yaml", text);
        byte[] manifest = await File.ReadAllBytesAsync(Path.Combine(dir, ResultsWriter.ManifestFile));
        // A failure part-way through the run, after row groups were written (as a model bug would throw).
        var failing = new FailAt(0.5);
        await Assert.ThrowsAsync<InvalidOperationException>(() => ResultsWriter.RunAsync(config, 0, dir, "t.yaml", text, progress: failing, rowGroupRows: 50));

        Assert.Equal(manifest, await File.ReadAllBytesAsync(Path.Combine(dir, ResultsWriter.ManifestFile)));
        Assert.Equal(["out"], Directory.GetFileSystemEntries(tmp.Path).Select(Path.GetFileName));
    }

    private sealed class FailAt(double fraction) : IProgress<double>
    {
        public void Report(double value)
        {
            if (value >= fraction)
            {
                throw new InvalidOperationException("a model bug");
            }
        }
    }

    private sealed class CancelAt(double fraction, CancellationTokenSource cts) : IProgress<double>
    {
        public bool Reached { get; private set; }

        public void Report(double value)
        {
            if (value >= fraction && !Reached)
            {
                Reached = true;
                cts.Cancel();
            }
        }
    }

    private static T Scalar<T>(DuckDBConnection db, string sql)
    {
        using DuckDBCommand cmd = db.CreateCommand();
        cmd.CommandText = sql;
        return (T)cmd.ExecuteScalar()!;
    }
}
