using SensorNet.Scenarios.Loading;
using SensorNet.Scenarios.Results;
using SensorNet.Scenarios.Running;
using SensorNet.Scenarios.Sweeps;

namespace SensorNet.Analysis.Tests.Support;

/// <summary>
/// Small real runs written once for the test assembly: a shortened LoRaWAN example (packets, two SFs, delivery) in
/// Parquet and in CSV, the solar-month example as shipped (30 days: energy time series, Tock kernel rows, brown-outs)
/// and the quickstart as shipped.
/// </summary>
public sealed class KnownRuns : IDisposable
{
    private readonly TempDirectory _tmp = new();

    public KnownRuns()
    {
        LoRaWan = Write("lorawan-confirmed.yaml", "lorawan", ResultsFormat.Parquet, ("duration", "3 h"), ("nodes[0].count", "20"), ("nodes[1].count", "10"));
        LoRaWanCsv = Write("lorawan-confirmed.yaml", "lorawan-csv", ResultsFormat.Csv, ("duration", "3 h"), ("nodes[0].count", "20"), ("nodes[1].count", "10"));
        Solar = Write("solar-month.yaml", "solar", ResultsFormat.Parquet);
        Quickstart = Write("quickstart.yaml", "quickstart", ResultsFormat.Parquet);
    }

    /// <summary>Parquet results of 30 confirmed-uplink LoRaWAN devices for 3 h.</summary>
    public string LoRaWan { get; }

    /// <summary>The same run as CSV.</summary>
    public string LoRaWanCsv { get; }

    /// <summary>The solar-month example: 30 days of two solar Tock nodes, hourly energy samples.</summary>
    public string Solar { get; }

    /// <summary>The quickstart example as shipped.</summary>
    public string Quickstart { get; }

    /// <summary>A fresh directory for a test's own output.</summary>
    public string Scratch(string name) => _tmp.Combine(name);

    public void Dispose() => _tmp.Dispose();

    private string Write(string example, string name, ResultsFormat format, params (string Path, string Value)[] overrides)
    {
        string path = RepoPaths.Example(example);
        string text = ScenarioOverrides.Apply(File.ReadAllText(path), path, overrides);
        RunResult run = ScenarioRunner.Run(ScenarioLoader.Parse(text, path));
        string dir = _tmp.Combine(name);
        ResultsWriter.WriteAsync(run, dir, example, text, format).GetAwaiter().GetResult();
        return dir;
    }
}

/// <summary>The test classes that share <see cref="KnownRuns"/> (written once, read by all).</summary>
[CollectionDefinition(Name)]
public sealed class KnownRunsCollection : ICollectionFixture<KnownRuns>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "known runs";
}
