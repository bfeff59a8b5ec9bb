using SensorNet.Scenarios.Tests.Support;

namespace SensorNet.Scenarios.Tests.Cli;

/// <summary>Runs the real <c>sensornet</c> executable (copied next to the tests) as a user would.</summary>
public class CliTests
{
    [Fact]
    public void Run_Quickstart_WritesResultsAndPrintsTheSummary()
    {
        using var tmp = new TempDirectory();
        string outDir = tmp.Combine("quick");

        (int code, string stdout, string stderr) = Sensornet("run", RepoPaths.Example("quickstart.yaml"), "--out", outDir);

        Assert.True(code == 0, stderr);
        Assert.True(File.Exists(Path.Combine(outDir, "nodes.parquet")));
        Assert.True(File.Exists(Path.Combine(outDir, "residency.parquet")));
        Assert.True(File.Exists(Path.Combine(outDir, "manifest.json")));
        Assert.True(File.Exists(Path.Combine(outDir, "report.html")));
        Assert.Contains("quickstart", stdout, StringComparison.Ordinal);
        Assert.Contains("wakeups", stdout, StringComparison.Ordinal);
        Assert.Contains("report: ", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_WritesTheReport_NoReportSkipsIt_AndABadDirectoryExitsTwo()
    {
        using var tmp = new TempDirectory();
        string outDir = tmp.Combine("q");

        (int run, _, string runErr) = Sensornet("run", RepoPaths.Example("quickstart.yaml"), "--out", outDir, "--no-report", "--quiet", "--set", "duration=2 h");
        bool before = File.Exists(Path.Combine(outDir, "report.html"));
        (int report, string stdout, string reportErr) = Sensornet("report", outDir, "--map-metric", "wakeups");
        (int bad, _, string badErr) = Sensornet("report", tmp.Combine("nothing-here"));
        (int badMetric, _, string metricErr) = Sensornet("report", outDir, "--map-metric", "colour");

        Assert.True(run == 0, runErr);
        Assert.False(before);
        Assert.True(report == 0, reportErr);
        Assert.Contains("report.html", stdout, StringComparison.Ordinal);
        Assert.Contains("coloured by wakeups", File.ReadAllText(Path.Combine(outDir, "report.html")), StringComparison.Ordinal);
        Assert.Equal(2, bad);
        Assert.Contains("manifest.json: not found", badErr, StringComparison.Ordinal);
        Assert.Equal(2, badMetric);
        Assert.Contains("'colour' is not a numeric column", metricErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_InvalidScenario_ExitsTwoWithLocationAndWritesNothing()
    {
        using var tmp = new TempDirectory();
        string bad = tmp.Combine("bad.yaml");
        File.WriteAllText(bad, File.ReadAllText(RepoPaths.Example("quickstart.yaml")).Replace("spreadingFactor: 9", "spreadingFactor: 99", StringComparison.Ordinal));
        string outDir = tmp.Combine("out");

        (int code, _, string stderr) = Sensornet("run", bad, "--out", outDir);

        Assert.Equal(2, code);
        Assert.Contains("bad.yaml:21:24: nodes[0].radio.spreadingFactor:", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
        Assert.False(Directory.Exists(outDir + ".partial"));
    }

    [Theory]
    [InlineData("solar-month.yaml", "shutdown: 2.2 V", "shutdown: 1.5 V", "nodes[0].power.shutdown")]
    [InlineData("lorasim-exp1.yaml", "reception: loraSim", "reception: aloha", "network.reception")]
    [InlineData("ieee802154-collection.yaml", "    payload: 40 B", "    payload: 400 B", "nodes[1].payload")]
    [InlineData("ble-beacons.yaml", "advInterval: 100 ms", "advInterval: 1 ms", "nodes[0].advInterval")]
    [InlineData("lorawan-confirmed.yaml", "    period: 10 min\n    payload: 23 B\n    confirmed: true\n    storage: { kind: coinCell }\n  - kind", "    period: 10 min\n    payload: 5 B\n    confirmed: true\n    storage: { kind: coinCell }\n  - kind", "nodes[0].payload")]
    public void Run_InvalidExamples_ExitTwoNamingTheFieldAndWriteNothing(string example, string from, string to, string path)
    {
        using var tmp = new TempDirectory();
        string text = File.ReadAllText(RepoPaths.Example(example));
        string edited = text.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(text, edited);
        string bad = tmp.Combine(example);
        File.WriteAllText(bad, edited);
        string outDir = tmp.Combine("out");

        (int code, _, string stderr) = Sensornet("run", bad, "--out", outDir);

        Assert.Equal(2, code);
        Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(example)}:\d+:\d+: {System.Text.RegularExpressions.Regex.Escape(path)}: ", stderr);
        Assert.False(Directory.Exists(outDir));
        Assert.False(Directory.Exists(outDir + ".partial"));
    }

    [Fact]
    public void Validate_GoodAndBadFiles_ReportAndExit()
    {
        (int ok, string stdout, _) = Sensornet("validate", RepoPaths.Example("quickstart.yaml"));
        (int missing, _, string stderr) = Sensornet("validate", "/nonexistent/scenario.yaml");

        Assert.Equal(0, ok);
        Assert.Contains("valid (10 nodes", stdout, StringComparison.Ordinal);
        Assert.Equal(2, missing);
        Assert.Contains("cannot read", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WithSet_OverridesFieldsAndRecordsTheEditedScenario()
    {
        using var tmp = new TempDirectory();
        string outDir = tmp.Combine("set");

        (int code, string stdout, string stderr) = Sensornet("run", RepoPaths.Example("quickstart.yaml"), "--out", outDir, "--set", "nodes[0].count=3", "--set", "duration=1 h");
        (int bad, _, string badError) = Sensornet("run", RepoPaths.Example("quickstart.yaml"), "--out", tmp.Combine("bad"), "--set", "nodes[0].count=-1");

        Assert.True(code == 0, stderr);
        Assert.Contains("3 nodes", stdout, StringComparison.Ordinal);
        Assert.Contains("\"duration_ns\": 3600000000000", File.ReadAllText(Path.Combine(outDir, "manifest.json")), StringComparison.Ordinal);
        Assert.Equal(2, bad);
        Assert.Contains("nodes[0].count", badError, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_HugeTrace_IsRefusedWithAnEstimate_UnlessAllowed()
    {
        using var tmp = new TempDirectory();
        string outDir = tmp.Combine("big");

        // Signpost nodes under X-MAC wake every 260 ms: a year of power-state intervals is tens of millions of rows.
        (int code, _, string stderr) = Sensornet("run", RepoPaths.Example("signpost-solar.yaml"), "--out", outDir, "--set", "outputs.powerStateTrace=true", "--set", "duration=365 d");

        Assert.Equal(2, code);
        Assert.Contains("power-state intervals", stderr, StringComparison.Ordinal);
        Assert.Contains("--allow-large-traces", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Sweep_RunsEveryPoint_ThenResumeSkipsThemAll()
    {
        using var tmp = new TempDirectory();
        string sweep = tmp.Combine("s.yaml");
        File.WriteAllText(sweep, $"name: cli-sweep\nscenario: {RepoPaths.Example("lorasim-exp1.yaml")}\nreplications: 1\ngrid:\n  nodes[0].count: [5, 10]\n  duration: [1 h]\n");
        string outDir = tmp.Combine("o");

        (int code, string stdout, string stderr) = Sensornet("sweep", sweep, "--out", outDir, "--parallel", "2");
        (int again, string resumed, _) = Sensornet("sweep", sweep, "--out", outDir, "--resume");

        Assert.True(code == 0, stderr);
        Assert.Contains("2 ran, 0 skipped, 0 failed", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(outDir, "summary.parquet")));
        Assert.True(File.Exists(Path.Combine(outDir, "point=0001", "replication=0", "nodes.parquet")));
        Assert.Equal(0, again);
        Assert.Contains("0 ran, 2 skipped, 0 failed", resumed, StringComparison.Ordinal);
    }

    [Fact]
    public void Sweep_EmitSlurm_WritesAnArrayScriptRunningEveryShard()
    {
        using var tmp = new TempDirectory();
        string script = tmp.Combine("sweep.sbatch");

        (int code, _, string stderr) = Sensornet("sweep", Path.Combine(RepoPaths.Root, "scenarios", "examples", "sweeps", "lorasim-der.yaml"), "--shard", "0/6", "--emit-slurm", script, "--out", tmp.Combine("o"));

        Assert.True(code == 0, stderr);
        string text = File.ReadAllText(script);
        Assert.Contains("#SBATCH --array=0-5", text, StringComparison.Ordinal);
        Assert.Contains("--shard \"$SLURM_ARRAY_TASK_ID/6\"", text, StringComparison.Ordinal);
        Assert.Contains("--resume", text, StringComparison.Ordinal);
    }

    [Fact]
    public void List_Json_NamesEveryKindTheLoaderAccepts()
    {
        (int code, string stdout, string stderr) = Sensornet("list", "--json");

        Assert.True(code == 0, stderr);
        using var doc = System.Text.Json.JsonDocument.Parse(stdout);
        string[] storage = [.. doc.RootElement.GetProperty("storage").EnumerateArray().Select(e => e.GetProperty("kind").GetString()!)];
        Assert.Equal(ScenarioCatalog.Storage.Names, storage);
        Assert.Contains(doc.RootElement.GetProperty("board").EnumerateArray(), b => b.GetProperty("kind").GetString() == "signpost");
        Assert.Equal(6, doc.RootElement.GetProperty("group").GetArrayLength());
        System.Text.Json.JsonElement scanInterval = doc.RootElement.GetProperty("group").EnumerateArray().Single(g => g.GetProperty("kind").GetString() == "ble")
            .GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "scanInterval");
        Assert.True(scanInterval.GetProperty("required").GetBoolean());
        Assert.Equal("when role is scanner", scanInterval.GetProperty("when").GetString());
    }

    [Fact]
    public void List_Text_PrintsEveryKindWithItsKeys()
    {
        (int code, string stdout, string stderr) = Sensornet("list");

        Assert.True(code == 0, stderr);
        Assert.Contains("storage kinds:", stdout, StringComparison.Ordinal);
        Assert.Contains("  supercapacitor: ", stdout, StringComparison.Ordinal);
        Assert.Matches(@"\n +spreadingFactor\* +integer 5–12\. ", stdout);
        Assert.Matches(@"\n +when role is scanner:\n +scanInterval\* +duration \(ns, us, µs, ms, s, min, h, d\)", stdout);
    }

    [Fact]
    public void Schema_PrintsTheCatalogsJsonSchema()
    {
        (int code, string stdout, string stderr) = Sensornet("schema");

        Assert.True(code == 0, stderr);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(ScenarioSchema.Build(), System.Text.Json.Nodes.JsonNode.Parse(stdout)));
    }

    [Fact]
    public void UnknownOption_ExitsTwo()
    {
        (int code, _, string stderr) = Sensornet("run", RepoPaths.Example("quickstart.yaml"), "--bogus");

        Assert.Equal(2, code);
        Assert.Contains("--bogus", stderr, StringComparison.Ordinal);
    }

    private static (int Code, string Stdout, string Stderr) Sensornet(params string[] args) => ChildProcess.Sensornet(args);
}
