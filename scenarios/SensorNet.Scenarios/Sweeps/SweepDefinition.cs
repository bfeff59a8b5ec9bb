using System.Globalization;
using SensorNet.SimEngine.Configuration;

namespace SensorNet.Scenarios.Sweeps;

/// <summary>One point of a sweep: its index and the field values it sets.</summary>
/// <param name="Index">Point number, from 0 in the sweep's order (grid in file order, the last parameter varying fastest; zipped lists row by row).</param>
/// <param name="Values">Field path and value of every swept parameter.</param>
public sealed record SweepPoint(int Index, IReadOnlyList<(string Path, string Value)> Values)
{
    /// <summary>Short description such as <c>nodes[0].count=100</c>.</summary>
    public override string ToString() => string.Join(", ", Values.Select(v => $"{v.Path}={v.Value}"));
}

/// <summary>
/// A sweep file: a base scenario, a grid of parameter values (every combination) and/or zipped lists (varied together),
/// and replications:
/// <code>
/// name: lorasim-der
/// scenario: lorasim-exp1.yaml
/// replications: 3
/// grid:
///   nodes[0].count: [100, 200, 400]
/// zip:
///   duration: [1 d, 2 d]
///   seed: [1, 2]
/// </code>
/// </summary>
/// <param name="Name">Sweep name; names the output directory.</param>
/// <param name="ScenarioPath">Absolute path of the base scenario.</param>
/// <param name="Replications">Replications of every point.</param>
/// <param name="Points">The points.</param>
public sealed record SweepDefinition(string Name, string ScenarioPath, int Replications, IReadOnlyList<SweepPoint> Points)
{
    /// <summary>Reads a sweep file.</summary>
    /// <exception cref="ConfigurationException">The file is malformed: with file, line, column and field path.</exception>
    public static SweepDefinition Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"{path}: cannot read the sweep file ({e.Message})", e);
        }

        YamlMappingReader r = YamlMappingReader.Load(text, path);
        string name = r.Require("name", v => v.Length > 0 && v.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') ? v : throw new FormatException("bad name"), "a sweep name of letters, digits, '-', '_' and '.'");
        string scenario = r.Require("scenario", v => v, "the base scenario file, relative to the sweep file");
        string scenarioPath = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", scenario));
        if (!File.Exists(scenarioPath))
        {
            throw r.Error("scenario", $"expected an existing scenario file; '{scenarioPath}' does not exist");
        }

        int replications = (int)r.OptionalInteger("replications", 1, 10_000, 1);
        List<(string Path, IReadOnlyList<string> Values)> grid = Lists(r, "grid");
        List<(string Path, IReadOnlyList<string> Values)> zip = Lists(r, "zip");
        if (zip.Count > 0 && zip.Exists(z => z.Values.Count != zip[0].Values.Count))
        {
            throw r.Error("zip", "expected lists of equal length (they vary together)");
        }

        r.RejectUnknownKeys();
        var combos = new List<List<(string, string)>> { new() };
        foreach ((string p, IReadOnlyList<string> values) in grid)
        {
            combos = [.. combos.SelectMany(c => values.Select(v => new List<(string, string)>(c) { (p, v) }))];
        }

        if (zip.Count > 0)
        {
            combos = [.. combos.SelectMany(c => Enumerable.Range(0, zip[0].Values.Count).Select(i => new List<(string, string)>(c).Concat(zip.Select(z => (z.Path, z.Values[i]))).ToList()))];
        }

        SweepPoint[] points = [.. combos.Select((c, i) => new SweepPoint(i, c))];
        return new SweepDefinition(name, scenarioPath, replications, points);
    }

    /// <summary>The run directory of a point and replication inside the sweep's output (hive-style partition folders).</summary>
    public static string RunDirectory(string outputDirectory, int point, int replication) =>
        Path.Combine(outputDirectory, string.Create(CultureInfo.InvariantCulture, $"point={point:D4}"), string.Create(CultureInfo.InvariantCulture, $"replication={replication}"));

    private static List<(string Path, IReadOnlyList<string> Values)> Lists(YamlMappingReader r, string key)
    {
        var result = new List<(string, IReadOnlyList<string>)>();
        if (r.OptionalMapping(key) is not { } m)
        {
            return result;
        }

        foreach (string path in m.Keys)
        {
            IReadOnlyList<string> values = m.OptionalStringList(path);
            if (values.Count == 0)
            {
                throw m.Error(path, "expected a non-empty list of values");
            }

            result.Add((path, values));
        }

        return result;
    }
}
