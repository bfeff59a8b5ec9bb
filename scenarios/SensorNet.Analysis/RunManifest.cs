using System.Text.Json;

namespace SensorNet.Analysis;

/// <summary>The parts of a run's <c>manifest.json</c> that analysis needs, plus the whole document as text.</summary>
/// <param name="RunName">Scenario name.</param>
/// <param name="ScenarioFile">Scenario file name.</param>
/// <param name="Seed">Master seed.</param>
/// <param name="Replication">Replication index.</param>
/// <param name="DurationNs">Scenario duration, ns.</param>
/// <param name="EndNs">Simulated time reached, ns.</param>
/// <param name="Events">Events executed.</param>
/// <param name="ToolVersion">Version of the tool that wrote the run.</param>
/// <param name="Json">The manifest's text as written.</param>
public sealed record RunManifest(string RunName, string ScenarioFile, ulong Seed, int Replication, long DurationNs, long EndNs, long Events, string ToolVersion, string Json)
{
    /// <summary>Reads <c>manifest.json</c> from <paramref name="directory"/>.</summary>
    /// <exception cref="InvalidDataException">The file is missing or lacks a required field (named).</exception>
    public static RunManifest Load(string directory)
    {
        string path = Path.Combine(directory, "manifest.json");
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: not found; a complete SensorNet run directory has a manifest.json (an interrupted run leaves only a .partial directory).");
        }

        string json = File.ReadAllText(path);
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement root = doc.RootElement;
        JsonElement Get(string name) => root.TryGetProperty(name, out JsonElement e) ? e : throw new InvalidDataException($"{path}: field '{name}' is missing.");
        string format = Get("format").GetString() ?? string.Empty;
        if (!format.StartsWith("sensornet-run/", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: field 'format' is '{format}', expected sensornet-run/1.");
        }

        return new RunManifest(
            Get("run_name").GetString() ?? string.Empty,
            Get("scenario_file").GetString() ?? string.Empty,
            Get("seed").GetUInt64(),
            Get("replication").GetInt32(),
            Get("duration_ns").GetInt64(),
            Get("end_ns").GetInt64(),
            Get("events").GetInt64(),
            Get("tool").GetProperty("version").GetString() ?? string.Empty,
            json);
    }
}
