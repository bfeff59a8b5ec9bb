using System.Text.Json;
using DuckDB.NET.Data;
using SensorNet.Scenarios.Loading;
using SensorNet.Scenarios.Results;
using SensorNet.Scenarios.Running;
using SensorNet.Scenarios.Tests.Support;

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
            Assert.Equal(["nodes.parquet", "residency.parquet", "kernel.parquet", "processes.parquet"], files.Select(f => f.GetProperty("name").GetString()));
            Assert.Equal(run.Nodes.Count, files[0].GetProperty("rows").GetInt32());
        }
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

    private static T Scalar<T>(DuckDBConnection db, string sql)
    {
        using DuckDBCommand cmd = db.CreateCommand();
        cmd.CommandText = sql;
        return (T)cmd.ExecuteScalar()!;
    }
}
