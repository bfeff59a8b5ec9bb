using System.Security.Cryptography;
using System.Text.Json;
using SensorNet.Energy.Solar;
using SensorNet.Scenarios.Loading;
using SensorNet.Scenarios.Results;
using SensorNet.Scenarios.Running;
using SensorNet.Scenarios.Tests.Support;
using SensorNet.SimEngine.Configuration;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Scenarios.Tests.Loading;

/// <summary>Solar input from an irradiance CSV: loading, coverage, errors, and the energy it delivers in a run.</summary>
public class IrradianceCsvTests
{
    private const string Scenario = """
        name: trace
        seed: 1
        duration: 1 d
        nodes:
          - kind: tock
            name: panel
            count: 1
            placement: { kind: grid, columns: 1, spacing: 10 m }
            board: signpost
            apps:
              - { kind: blink, period: 10 s }
            solar: { irradianceFile: sky.csv, start: 2024-06-01T00:00:00-07:00, ratedPower: 0.5 W, mpptEfficiency: 0.9 }
            storage: { kind: linearBattery, capacity: 2000 mAh, initial: 1000 mAh, voltage: 3.7 V }
        """;

    private const string Sky = """
        # Synthetic test trace: a cloudy morning and a clear afternoon.
        time,poa_w_m2,temp_air_c,note
        2024-05-31T23:00:00-07:00,0,14,before the start
        2024-06-01T06:00:00-07:00,120,15,
        2024-06-01T10:00:00-07:00,350,19,clouds
        2024-06-01T12:00:00-07:00,950,25,
        2024-06-01T17:00:00-07:00,200,23,
        2024-06-01T20:00:00-07:00,0,18,
        2024-06-02T00:00:00-07:00,0,16,end
        """;

    [Fact]
    public async Task Trace_HoldsEachRecord_AndTheRunHarvestsSumOfPanelPowerTimesDuration()
    {
        using var tmp = new TempDirectory();
        File.WriteAllText(tmp.Combine("sky.csv"), Sky);
        File.WriteAllText(tmp.Combine("trace.yaml"), Scenario);

        (SolarTraceConfig trace, JsonElement solar) = await RunAndCheckHarvestAsync(tmp, Scenario);

        Assert.Equal([0L, 6, 10, 12, 17, 20, 24], trace.Samples.Select(s => s.At.Nanoseconds / 3_600_000_000_000));
        Assert.Equal(("irradianceTrace", "sky.csv", 7), (solar.GetProperty("kind").GetString(), solar.GetProperty("irradiance_file").GetString(), solar.GetProperty("records").GetInt32()));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(tmp.Combine("sky.csv")))), solar.GetProperty("irradiance_sha256").GetString());
    }

    // Loads and runs trace.yaml with sky.csv from tmp, checks the harvest against the hand sum over the held records
    // (06–20 h: 4 h at 120, 2 h at 350, 5 h at 950, 3 h at 200 W/m²; the panel receives each record's irradiance), and
    // returns the trace and the manifest's solar entry.
    private static async Task<(SolarTraceConfig Trace, JsonElement Solar)> RunAndCheckHarvestAsync(TempDirectory tmp, string scenario)
    {
        ScenarioConfig config = ScenarioLoader.LoadFile(tmp.Combine("trace.yaml"));
        var trace = Assert.IsType<SolarTraceConfig>(Assert.IsType<TockGroupConfig>(Assert.Single(config.Groups)).Solar);
        RunResult run = ScenarioRunner.Run(config);

        var panel = new PvPanel(new Watts(0.5), -0.004) { MpptEfficiency = 0.9 };
        double expected = ((4 * panel.OutputPower(120, 15, 1).Value) + (2 * panel.OutputPower(350, 19, 1).Value)
            + (5 * panel.OutputPower(950, 25, 1).Value) + (3 * panel.OutputPower(200, 23, 1).Value)) * 3600;
        Assert.Equal(expected, Assert.Single(run.Nodes).HarvestedJ, 1e-9 * expected);

        await ResultsWriter.WriteAsync(run, tmp.Combine("out"), "trace.yaml", scenario);
        using JsonDocument m = JsonDocument.Parse(await File.ReadAllBytesAsync(tmp.Combine(Path.Combine("out", ResultsWriter.ManifestFile))));
        return (trace, m.RootElement.GetProperty("scenario").GetProperty("nodes")[0].GetProperty("solar").Clone());
    }

    [Theory]
    [InlineData("2024-06-01T12:00:00-07:00,950", "2024-06-01T09:00:00-07:00,950", 6, 1, "not later than the record before it")]
    [InlineData("2024-06-01T10:00:00-07:00,350", "2024-06-01T10:00:00-07:00,-5", 5, 27, "column 'poa_w_m2': expected an irradiance ≥ 0 W/m², got '-5'")]
    [InlineData("2024-06-01T06:00:00-07:00,120", "2024-06-01 06:00,120", 4, 1, "column 'time': expected an ISO 8601 instant")]
    [InlineData("time,poa_w_m2", "time,irr_w_m2", 2, 1, "the header has neither 'poa_w_m2' nor 'ghi_w_m2'")]
    [InlineData("temp_air_c,note", "temp_air_c,ghi_w_m2", 2, 26, "the header has both 'poa_w_m2' and 'ghi_w_m2'")]
    [InlineData("2024-06-02T00:00:00-07:00,0", "2024-06-01T23:00:00-07:00,0", 9, 1, "before the end of the run")]
    [InlineData("2024-05-31T23:00:00-07:00,0", "2024-06-01T01:00:00-07:00,0", 3, 1, "after the scenario start")]
    public void BadTrace_NamesTheCsvLineColumnAndExpectation(string from, string to, int line, int column, string expected)
    {
        using var tmp = new TempDirectory();
        string sky = Sky.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(Sky, sky);
        File.WriteAllText(tmp.Combine("sky.csv"), sky);
        File.WriteAllText(tmp.Combine("trace.yaml"), Scenario);

        var e = Assert.Throws<ConfigurationException>(() => ScenarioLoader.LoadFile(tmp.Combine("trace.yaml")));

        Assert.Equal((tmp.Combine("sky.csv"), line, column), (e.File, e.Line, e.Column));
        Assert.Equal("nodes[0].solar.irradianceFile", e.FieldPath);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("note,time,poa_w_m2\n,2024-06-01T00:00:00-07:00,0\nx,2024-06-01T00:00:00-07:00,5\n", 3, 3, "not later than the record before it")]
    [InlineData("time,poa_w_m2\n# nothing yet\n", 1, 1, "a header but no records")]
    [InlineData("time,poa_w_m2\n2024-06-01T00:00:00-07:00,0\n2024-06-01T12:00:00-07:00,900\n\n# end of log\n", 3, 1, "before the end of the run")]
    public void BadTrace_PointsAtTheOffendingLineAndCell(string sky, int line, int column, string expected)
    {
        using var tmp = new TempDirectory();
        File.WriteAllText(tmp.Combine("sky.csv"), sky);
        File.WriteAllText(tmp.Combine("trace.yaml"), Scenario);

        var e = Assert.Throws<ConfigurationException>(() => ScenarioLoader.LoadFile(tmp.Combine("trace.yaml")));

        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingTraceFile_SaysWhichFieldAndFile()
    {
        using var tmp = new TempDirectory();
        File.WriteAllText(tmp.Combine("trace.yaml"), Scenario);

        var e = Assert.Throws<ConfigurationException>(() => ScenarioLoader.LoadFile(tmp.Combine("trace.yaml")));

        Assert.Contains("nodes[0].solar.irradianceFile: cannot read the irradiance file", e.Message, StringComparison.Ordinal);
        Assert.Contains("sky.csv", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClearSkyKeys_WithATrace_AreRejectedAsUnknown()
    {
        using var tmp = new TempDirectory();
        File.WriteAllText(tmp.Combine("sky.csv"), Sky);
        File.WriteAllText(tmp.Combine("trace.yaml"), Scenario.Replace("ratedPower: 0.5 W,", "ratedPower: 0.5 W, tilt: 30,", StringComparison.Ordinal));

        var e = Assert.Throws<ConfigurationException>(() => ScenarioLoader.LoadFile(tmp.Combine("trace.yaml")));

        Assert.Equal("nodes[0].solar.tilt", e.FieldPath);
    }

    [Fact]
    public async Task GhiTrace_OnAHorizontalPanel_HarvestsThePanelsOutputForTheGhi()
    {
        // A horizontal panel receives exactly GHI (DNI·cos z + DHI = GHI for any Erbs split; no ground view), so the
        // harvest is the same hand sum as for the plane-of-array trace, while the path through SPA and Erbs is exercised.
        using var tmp = new TempDirectory();
        File.WriteAllText(tmp.Combine("sky.csv"), Sky.Replace("poa_w_m2", "ghi_w_m2", StringComparison.Ordinal));
        string scenario = Scenario.Replace("irradianceFile: sky.csv,", "irradianceFile: sky.csv, latitude: 37.87, longitude: -122.27, tilt: 0,", StringComparison.Ordinal);
        File.WriteAllText(tmp.Combine("trace.yaml"), scenario);

        (SolarTraceConfig trace, JsonElement solar) = await RunAndCheckHarvestAsync(tmp, scenario);

        Assert.Equal(new SolarGeometryConfig(37.87, -122.27, default, 0, 180), trace.GhiGeometry);
        Assert.Equal(("ghi", 37.87, 0.0), (solar.GetProperty("irradiance_plane").GetString(), solar.GetProperty("latitude_deg").GetDouble(), solar.GetProperty("tilt_deg").GetDouble()));
    }

    [Fact]
    public void GhiTrace_WithoutTheSite_AsksForTheLatitude()
    {
        using var tmp = new TempDirectory();
        File.WriteAllText(tmp.Combine("sky.csv"), Sky.Replace("poa_w_m2", "ghi_w_m2", StringComparison.Ordinal));
        File.WriteAllText(tmp.Combine("trace.yaml"), Scenario);

        var e = Assert.Throws<ConfigurationException>(() => ScenarioLoader.LoadFile(tmp.Combine("trace.yaml")));

        Assert.Equal("nodes[0].solar.latitude", e.FieldPath);
        Assert.Contains("'ghi_w_m2') needs the site's latitude and longitude", e.Message, StringComparison.Ordinal);
    }
}
