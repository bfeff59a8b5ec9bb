using SensorNet.Scenarios.Running;
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

    // One invalid edit of an example per case: the run exits 2, names file:line:column, the field path and what was
    // expected, and creates neither the results directory nor its .partial sibling.
    [Theory]
    [InlineData("quickstart.yaml", "seed: 42", "seed: -1", "quickstart.yaml:6:7: seed: expected a non-negative integer seed")]
    [InlineData("quickstart.yaml", "duration: 1 d", "duration: 1 fortnight", "quickstart.yaml:7:11: duration: expected a duration: unit 'fortnight' is not one of ns, us, µs, ms, s,")]
    [InlineData("quickstart.yaml", "duration: 1 d", "duration: 0 s", "quickstart.yaml:7:11: duration: expected a duration > 0")]
    [InlineData("quickstart.yaml", "name: quickstart", "name: quick start", "quickstart.yaml:5:7: name: expected a run name of letters, digits, '-', '_' and '.'")]
    [InlineData("quickstart.yaml", "    count: 10\n", "    count: 0\n", "quickstart.yaml:11:12: nodes[0].count: expected an integer in [1, 1000000]")]
    [InlineData("quickstart.yaml", "  - kind: loraSenseAndSend", "  - kind: loraSensAndSend", "quickstart.yaml:9:11: nodes[0].kind: unknown kind 'loraSensAndSend'; expected one of tock, loraSenseAndSend")]
    [InlineData("quickstart.yaml", "    mcu: nrf52840", "    mcu: esp32", "quickstart.yaml:16:10: nodes[0].mcu: expected an MCU name")]
    [InlineData("quickstart.yaml", "      chip: sx1276", "      chip: sx9999", "quickstart.yaml:19:13: nodes[0].radio.chip: expected a LoRa chip")]
    [InlineData("quickstart.yaml", "      txPower: 14 dBm", "      txPower: 14", "quickstart.yaml:20:16: nodes[0].radio.txPower: expected a power level with a unit")]
    [InlineData("quickstart.yaml", "      spreadingFactor: 9", "      spreadingFactor: 13", "quickstart.yaml:21:24: nodes[0].radio.spreadingFactor: expected an integer in [7, 12]")]
    [InlineData("quickstart.yaml", "      bandwidth: 125 kHz", "      bandwidth: 100 kHz", "quickstart.yaml:22:18: nodes[0].radio.bandwidth: expected 125 kHz, 250 kHz or 500 kHz")]
    [InlineData("quickstart.yaml", "      codingRate: 4/5", "      codingRate: 4/9", "quickstart.yaml:23:19: nodes[0].radio.codingRate: expected a coding rate 4/5, 4/6, 4/7 or 4/8")]
    [InlineData("quickstart.yaml", "      period: 10 min", "      period: 100 ms", "quickstart.yaml:26:15: nodes[0].app.period: expected a period longer than one reading's work; one reading takes 0.")]
    [InlineData("quickstart.yaml", "      payload: 20 B", "      payload: 300 B", "quickstart.yaml:28:16: nodes[0].app.payload: expected at most 255 B")]
    [InlineData("quickstart.yaml", "      capacity: 225 mAh", "      capacity: -225 mAh", "quickstart.yaml:33:17: nodes[0].storage.capacity: expected a capacity > 0")]
    [InlineData("quickstart.yaml", "      voltage: 3.0 V", "      voltage: 3.0 A", "quickstart.yaml:34:16: nodes[0].storage.voltage: expected a voltage: unit 'A' is not one of V, mV")]
    [InlineData("quickstart.yaml", "      kind: linearBattery", "      kind: linearBatery", "quickstart.yaml:32:13: nodes[0].storage.kind: unknown kind 'linearBatery'; expected one of linearBattery, kibamBatte")]
    [InlineData("quickstart.yaml", "      spacing: 100 m", "      spacing: 0 m", "quickstart.yaml:15:16: nodes[0].placement.spacing: expected a spacing > 0 m")]
    [InlineData("quickstart.yaml", "      columns: 5", "      colums: 5", "quickstart.yaml:14:7: nodes[0].placement.colums: unknown key 'colums'")]
    [InlineData("quickstart.yaml", "  energySampleInterval: 10 min", "  energySampleInterval: 10 ms", "quickstart.yaml:36:25: outputs.energySampleInterval: expected at least 1 s")]
    [InlineData("quickstart.yaml", "  energySampleInterval: 10 min", "  energySampleInterval: 10 min\n  powerStateTrace: maybe", "quickstart.yaml:37:20: outputs.powerStateTrace: expected true or false")]
    [InlineData("quickstart.yaml", "outputs:", "output:", "quickstart.yaml:35:1: output: unknown key 'output'")]
    [InlineData("signpost-solar.yaml", "tilt: 30, azimuth: 180 }\n    storage: { kind: linearBattery, capacity: 100 mAh", "tilt: 120, azimuth: 180 }\n    storage: { kind: linearBattery, capacity: 100 mAh", "signpost-solar.yaml:21:131: nodes[0].solar.tilt: expected degrees in [0, 90]")]
    [InlineData("signpost-solar.yaml", "latitude: 37.8716, longitude: -122.2727, elevation: 50 m, start: 2024-06-01T00:00:00-07:00, ratedPower: 0.5 W, tilt: 30, azimuth: 180 }\n    storage: { kind: linearBattery, capacity: 100 mAh", "latitude: 97.8716, longitude: -122.2727, elevation: 50 m, start: 2024-06-01T00:00:00-07:00, ratedPower: 0.5 W, tilt: 30, azimuth: 180 }\n    storage: { kind: linearBattery, capacity: 100 mAh", "signpost-solar.yaml:21:24: nodes[0].solar.latitude: expected degrees in [-90, 90]")]
    [InlineData("signpost-solar.yaml", "    board: signpost\n    apps:\n      - { kind: energyAware, period: 10 s, payload: 16 B }\n    solar: { latitude: 37.8716, longitude: -122.2727, elevation: 50 m, start: 2024-06-01T00:00:00-07:00, ratedPower: 0.5 W, tilt: 30, azimuth: 180 }\n    storage: { kind: linearBattery, capacity: 100 mAh", "    board: signpst\n    apps:\n      - { kind: energyAware, period: 10 s, payload: 16 B }\n    solar: { latitude: 37.8716, longitude: -122.2727, elevation: 50 m, start: 2024-06-01T00:00:00-07:00, ratedPower: 0.5 W, tilt: 30, azimuth: 180 }\n    storage: { kind: linearBattery, capacity: 100 mAh", "signpost-solar.yaml:18:12: nodes[0].board: expected a board")]
    [InlineData("signpost-solar.yaml", "initial: 45 mAh", "initial: 450 mAh", "signpost-solar.yaml:22:65: nodes[0].storage.initial: expected an initial charge between 0 and the capacity")]
    [InlineData("signpost-solar.yaml", "name: signpost-large-battery", "name: signpost-small-battery", "signpost-solar.yaml:24:11: nodes[1].name: group name 'signpost-small-battery' is used twice")]
    [InlineData("signpost-solar.yaml", "      - { kind: energyAware, period: 10 s, payload: 16 B }\n    solar: { latitude: 37.8716, longitude: -122.2727, elevation: 50 m, start: 2024-06-01T00:00:00-07:00, ratedPower: 0.5 W, tilt: 30, azimuth: 180 }\n    storage: { kind: linearBattery, capacity: 100 mAh", "      - { kind: energyAwre, period: 10 s, payload: 16 B }\n    solar: { latitude: 37.8716, longitude: -122.2727, elevation: 50 m, start: 2024-06-01T00:00:00-07:00, ratedPower: 0.5 W, tilt: 30, azimuth: 180 }\n    storage: { kind: linearBattery, capacity: 100 mAh", "signpost-solar.yaml:20:17: nodes[0].apps[0].kind: unknown kind 'energyAwre'; expected one of blink, sense, senseAndSend1")]
    [InlineData("solar-campus.yaml", "exponent: 2.7", "exponent: -2.7", "solar-campus.yaml:14:93: network.propagation.exponent: expected a path-loss exponent in")]
    [InlineData("solar-campus.yaml", "shadowing: perLink", "shadowing: sometimes", "solar-campus.yaml:15:14: network.shadowing: expected perLink or perPacket")]
    [InlineData("solar-campus.yaml", "    channel: 26", "    channel: 27", "solar-campus.yaml:38:14: nodes[2].channel: expected an integer in [11, 26]")]
    [InlineData("solar-campus.yaml", "    role: sink", "    role: king", "solar-campus.yaml:37:11: nodes[2].role: expected sensor or sink")]
    [InlineData("solar-campus.yaml", "    scanInterval: 100 ms", "    scanInterval: 100 ms\n    scanWindow: 200 ms", "solar-campus.yaml:46:17: nodes[3].scanWindow: expected a window > 0 and no longer than the scan interval")]
    [InlineData("lorasim-exp1.yaml", "reception: loraSim", "reception: aloha", "lorasim-exp1.yaml:20:14: network.reception: expected one of loraSim, loraSimFull, borEtAl, flora, ns3")]
    [InlineData("tock-async-vs-sync.yaml", "{ kind: senseAndSend154, style: async, period: 10 s, payload: 16 B }\n    storage: { kind: linearBattery, capacity: 2000 mAh, voltage: 3.0 V }\n  - kind: tock\n    name: nrf52840dk-sync", "{ kind: senseAndSend154, style: asynchronous, period: 10 s, payload: 16 B }\n    storage: { kind: linearBattery, capacity: 2000 mAh, voltage: 3.0 V }\n  - kind: tock\n    name: nrf52840dk-sync", "tock-async-vs-sync.yaml:19:41: nodes[0].apps[0].style: expected async or sync")]
    [InlineData("tock-async-vs-sync.yaml", "    processConsole: false\n    apps:\n      - { kind: senseAndSend154, style: async, period: 10 s, payload: 16 B }\n    storage: { kind: linearBattery, capacity: 2000 mAh, voltage: 3.0 V }\n  - kind: tock\n    name: nrf52840dk-sync", "    processConsole: nope\n    apps:\n      - { kind: senseAndSend154, style: async, period: 10 s, payload: 16 B }\n    storage: { kind: linearBattery, capacity: 2000 mAh, voltage: 3.0 V }\n  - kind: tock\n    name: nrf52840dk-sync", "tock-async-vs-sync.yaml:17:21: nodes[0].processConsole: expected true or false")]
    [InlineData("solar-month.yaml", "shutdown: 2.2 V", "shutdown: 1.5 V", "solar-month.yaml:36:17: nodes[0].power.shutdown: expected at least the regulator's minimum input voltage")]
    [InlineData("ieee802154-collection.yaml", "    payload: 40 B", "    payload: 400 B", "ieee802154-collection.yaml:27:14: nodes[1].payload: expected a PSDU of 9–127 B")]
    [InlineData("ble-beacons.yaml", "advInterval: 100 ms", "advInterval: 1 ms", "ble-beacons.yaml:18:18: nodes[0].advInterval: expected a multiple of 0.625 ms from 20 ms to 10.24 s")]
    public void Run_InvalidExamples_ExitTwoNamingTheFieldAndWriteNothing(string example, string from, string to, string expected)
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
        Assert.Contains(Path.Combine(tmp.Path, expected), stderr, StringComparison.Ordinal);
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
    public void Run_OutputsFormatInTheScenario_WritesCsv_AndTheCommandLineOverridesIt()
    {
        using var tmp = new TempDirectory();
        string[] common = ["run", RepoPaths.Example("quickstart.yaml"), "--set", "duration=1 h", "--set", "outputs.format=csv", "--no-report", "--quiet"];

        (int csv, _, string csvError) = Sensornet([.. common, "--out", tmp.Combine("csv")]);
        (int parquet, _, string parquetError) = Sensornet([.. common, "--out", tmp.Combine("parquet"), "--format", "parquet"]);
        (int bad, _, string badError) = Sensornet([.. common[..4], "--set", "outputs.format=xlsx", "--out", tmp.Combine("bad")]);

        Assert.True(csv == 0, csvError);
        Assert.True(File.Exists(Path.Combine(tmp.Combine("csv"), "nodes.csv")));
        Assert.False(File.Exists(Path.Combine(tmp.Combine("csv"), "nodes.parquet")));
        Assert.True(parquet == 0, parquetError);
        Assert.True(File.Exists(Path.Combine(tmp.Combine("parquet"), "nodes.parquet")));
        Assert.Equal(2, bad);
        Assert.Contains("outputs.format: expected parquet or csv", badError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(tmp.Combine("bad")));
    }

    [Fact]
    public void SweepExample_ShortenedToOneShard_RunsAndSummarises()
    {
        // The example's shortened variant for CI: shard 0 of 12 is one of its 12 runs (the first point, N = 100).
        using var tmp = new TempDirectory();
        string outDir = tmp.Combine("der");

        (int code, _, string stderr) = Sensornet("sweep", Path.Combine(RepoPaths.Root, "scenarios", "examples", "sweeps", "lorasim-der.yaml"), "--shard", "0/12", "--out", outDir, "--no-report", "--quiet");

        Assert.True(code == 0, stderr);
        string[] manifests = Directory.GetFiles(outDir, "manifest.json", SearchOption.AllDirectories);
        string manifest = Assert.Single(manifests);
        Assert.Contains("\"nodes\": 100,", File.ReadAllText(manifest), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(outDir, "summary.parquet")));
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
    public void Run_RecordsAMulticoreJitProfileInTheUsersDataFolder_UnlessTurnedOffOrAskedForHelp()
    {
        using var tmp = new TempDirectory();
        (int Code, string Stderr, string[] Profiles) RunWith(string data, string? jitProfile, bool help = false)
        {
            (int code, _, string stderr) = ChildProcess.Run(
                "dotnet",
                help
                    ? [Path.Combine(AppContext.BaseDirectory, "sensornet.dll"), "run", "--help"]
                    : [Path.Combine(AppContext.BaseDirectory, "sensornet.dll"), "run", RepoPaths.Example("quickstart.yaml"), "--out", Path.Combine(data, "out"), "--no-report", "--quiet", "--set", "duration=1 h"],
                TimeSpan.FromSeconds(120),
                environment: env =>
                {
                    env["XDG_DATA_HOME"] = data; // where LocalApplicationData is on Linux
                    env.Remove(StartupProfile.EnvironmentVariable);
                    if (jitProfile is not null)
                    {
                        env[StartupProfile.EnvironmentVariable] = jitProfile;
                    }
                });
            string jit = Path.Combine(data, "sensornet", "jit");
            return (code, stderr, Directory.Exists(jit) ? [.. Directory.GetFiles(jit).Select(Path.GetFileName).OfType<string>()] : []);
        }

        (int code, string stderr, string[] profiles) = RunWith(tmp.Combine("on"), null);
        (int off, string offErr, string[] none) = RunWith(tmp.Combine("off"), "off");
        (int help, string helpErr, string[] afterHelp) = RunWith(tmp.Combine("help"), null, help: true);

        Assert.True(code == 0, stderr);
        Assert.True(off == 0, offErr);
        Assert.Empty(none);
        Assert.True(help == 0, helpErr);
        Assert.Empty(afterHelp); // help's short profile would replace the command's
        if (OperatingSystem.IsLinux() && Environment.ProcessorCount > 1)
        {
            // The runtime writes the profile when the process ends; it neither records nor plays one on a single CPU.
            string profile = Assert.Single(profiles);
            Assert.Matches("^sensornet-run-[0-9a-f]{32}\\.jitprofile$", profile);
            Assert.True(new FileInfo(Path.Combine(tmp.Combine("on"), "sensornet", "jit", profile)).Length > 1000);
        }
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
