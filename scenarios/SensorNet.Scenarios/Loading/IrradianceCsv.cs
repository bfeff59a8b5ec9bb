using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SensorNet.Energy.Harvesting;
using SensorNet.SimEngine.Configuration;
using SensorNet.SimEngine.Time;

namespace SensorNet.Scenarios.Loading;

/// <summary>
/// Reads an irradiance trace: a CSV file with a header naming <c>time</c> (ISO 8601 with its UTC offset),
/// <c>poa_w_m2</c> (irradiance in the panel's plane) and optionally <c>temp_air_c</c> (air temperature, 20 °C if absent);
/// other columns are ignored, and blank lines and lines starting with <c>#</c> are skipped. Each record holds until the
/// next. The trace must cover the run: a record at or before the scenario start, and one at or after its end.
/// </summary>
/// <remarks>Errors name the CSV file, the line and the column, and what was expected.</remarks>
internal static class IrradianceCsv
{
    private const double DefaultAirTemperatureC = 20;

    /// <summary>Reads the trace at <paramref name="path"/>; returns the records from simulated time 0 and the file's SHA-256.</summary>
    public static (IReadOnlyList<IrradianceSample> Samples, string Sha256) Read(string path, DateTimeOffset start, SimDuration duration, string fieldPath)
    {
        string[] lines;
        string sha256;
        try
        {
            byte[] bytes = File.ReadAllBytes(path);
            sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
            lines = [.. Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split('\n').Select(l => l.TrimEnd('\r'))];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"{fieldPath}: cannot read the irradiance file {path} ({e.Message})", e);
        }

        int header = Array.FindIndex(lines, l => !IsSkipped(l));
        if (header < 0)
        {
            throw new ConfigurationException(path, 1, 1, fieldPath, "the irradiance file is empty; expected a header 'time,poa_w_m2[,temp_air_c]'");
        }

        string[] names = [.. lines[header].Split(',').Select(n => n.Trim())];
        int timeColumn = Column(names, "time", path, header, fieldPath);
        int poaColumn = Column(names, "poa_w_m2", path, header, fieldPath);
        int tempColumn = Array.IndexOf(names, "temp_air_c");

        DateTimeOffset end = start.AddTicks(duration.Nanoseconds / 100);
        var samples = new List<IrradianceSample>();
        DateTimeOffset? previous = null;
        int lastLine = header + 1;
        bool coversEnd = false;
        for (int i = header + 1; i < lines.Length && !coversEnd; i++)
        {
            if (IsSkipped(lines[i]))
            {
                continue;
            }

            int line = i + 1;
            lastLine = line;
            string[] cells = lines[i].Split(',');
            int timePosition = Position(cells, timeColumn);
            DateTimeOffset time = Cell(cells, timeColumn, names, path, line, fieldPath, ParseInstant, "an ISO 8601 instant with its UTC offset");
            double poa = Cell(cells, poaColumn, names, path, line, fieldPath, ParseNonNegative, "an irradiance ≥ 0 W/m²");
            double air = tempColumn >= 0 ? Cell(cells, tempColumn, names, path, line, fieldPath, ParseTemperature, "an air temperature in °C") : DefaultAirTemperatureC;
            if (previous is { } p && time <= p)
            {
                throw new ConfigurationException(path, line, timePosition, fieldPath, $"time {time:o} is not later than the record before it ({p:o})");
            }

            previous = time;
            if (time <= start)
            {
                // Only the last record at or before the start matters: it holds at time 0.
                samples.Clear();
                samples.Add(new IrradianceSample(SimTime.Zero, poa, air));
                continue;
            }

            if (samples.Count == 0)
            {
                throw new ConfigurationException(path, line, timePosition, fieldPath, $"the first record ({time:o}) is after the scenario start ({start:o}); the trace must cover the run");
            }

            samples.Add(new IrradianceSample(SimTime.FromStart(SimDuration.FromNanoseconds((time - start).Ticks * 100)), poa, air));
            coversEnd = time >= end;
        }

        if (previous is not { } last)
        {
            throw new ConfigurationException(path, header + 1, 1, fieldPath, "the irradiance file has a header but no records");
        }

        if (!coversEnd)
        {
            throw new ConfigurationException(path, lastLine, 1, fieldPath, $"the trace ends at {last:o}, before the end of the run ({end:o}); add a record at or after it");
        }

        return (samples, sha256);
    }

    private static bool IsSkipped(string line) => string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#');

    private static int Column(string[] names, string name, string path, int headerIndex, string fieldPath)
    {
        int index = Array.IndexOf(names, name);
        return index >= 0
            ? index
            : throw new ConfigurationException(path, headerIndex + 1, 1, fieldPath, $"the header has no column '{name}'; expected 'time,poa_w_m2[,temp_air_c]'");
    }

    // 1-based character position of a cell in its line.
    private static int Position(string[] cells, int column) => 1 + cells.Take(column).Sum(c => c.Length + 1);

    private static T Cell<T>(string[] cells, int column, string[] names, string path, int line, string fieldPath, Func<string, T?> parse, string expected)
        where T : struct
    {
        int position = Position(cells, column);
        string text = column < cells.Length ? cells[column].Trim() : string.Empty;
        return parse(text) ?? throw new ConfigurationException(path, line, position, fieldPath, $"column '{names[column]}': expected {expected}, got '{text}'");
    }

    private static DateTimeOffset? ParseInstant(string text) =>
        text.Contains('T', StringComparison.Ordinal) && (text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > text.IndexOf('T', StringComparison.Ordinal))
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset t) ? t : null;

    private static double? ParseNonNegative(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v >= 0 && double.IsFinite(v) ? v : null;

    private static double? ParseTemperature(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > -90 && v < 90 ? v : null;
}
