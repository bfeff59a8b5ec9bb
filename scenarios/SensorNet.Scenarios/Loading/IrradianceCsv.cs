using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SensorNet.Energy.Harvesting;
using SensorNet.SimEngine.Configuration;
using SensorNet.SimEngine.Time;

namespace SensorNet.Scenarios.Loading;

/// <summary>
/// Reads an irradiance trace: a CSV file with a header naming <c>time</c> (ISO 8601 with its UTC offset), exactly one
/// of <c>poa_w_m2</c> (irradiance in the panel's plane) and <c>ghi_w_m2</c> (global horizontal irradiance), and
/// optionally <c>temp_air_c</c> (air temperature, 20 °C if absent);
/// other columns are ignored, and blank lines and lines starting with <c>#</c> are skipped. Each record holds until the
/// next. The trace must cover the run: a record at or before the scenario start, and one at or after its end.
/// </summary>
/// <remarks>Errors name the CSV file, the line and the column, and what was expected.</remarks>
internal static class IrradianceCsv
{
    /// <summary>Column of plane-of-array irradiance.</summary>
    public const string PoaColumn = "poa_w_m2";

    /// <summary>Column of global horizontal irradiance.</summary>
    public const string GhiColumn = "ghi_w_m2";

    private const double DefaultAirTemperatureC = 20;
    private const string ExpectedHeader = "'time,poa_w_m2[,temp_air_c]' or 'time,ghi_w_m2[,temp_air_c]'";

    /// <summary>
    /// Reads the trace at <paramref name="path"/>; returns the records from simulated time 0, the file's SHA-256 and
    /// which irradiance column it has (<see cref="PoaColumn"/> or <see cref="GhiColumn"/>).
    /// </summary>
    public static (IReadOnlyList<IrradianceSample> Samples, string Sha256, string IrradianceColumn) Read(string path, DateTimeOffset start, SimDuration duration, string fieldPath)
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
            throw new ConfigurationException(path, 1, 1, fieldPath, $"the irradiance file is empty; expected a header {ExpectedHeader}");
        }

        string[] names = [.. lines[header].Split(',').Select(n => n.Trim())];
        int timeColumn = Column(names, "time", path, header, fieldPath);
        int irradianceColumn = IrradianceColumnIndex(names, lines[header], path, header, fieldPath);
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
            double irradiance = Cell(cells, irradianceColumn, names, path, line, fieldPath, ParseNonNegative, "an irradiance ≥ 0 W/m²");
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
                samples.Add(new IrradianceSample(SimTime.Zero, irradiance, air));
                continue;
            }

            if (samples.Count == 0)
            {
                throw new ConfigurationException(path, line, timePosition, fieldPath, $"the first record ({time:o}) is after the scenario start ({start:o}); the trace must cover the run");
            }

            samples.Add(new IrradianceSample(SimTime.FromStart(SimDuration.FromNanoseconds((time - start).Ticks * 100)), irradiance, air));
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

        return (samples, sha256, names[irradianceColumn]);
    }

    private static bool IsSkipped(string line) => string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#');

    private static int Column(string[] names, string name, string path, int headerIndex, string fieldPath)
    {
        int index = Array.IndexOf(names, name);
        return index >= 0
            ? index
            : throw new ConfigurationException(path, headerIndex + 1, 1, fieldPath, $"the header has no column '{name}'; expected {ExpectedHeader}");
    }

    // Exactly one of the two irradiance columns: the trace is either in the panel's plane or horizontal.
    private static int IrradianceColumnIndex(string[] names, string headerLine, string path, int headerIndex, string fieldPath)
    {
        int poa = Array.IndexOf(names, PoaColumn);
        int ghi = Array.IndexOf(names, GhiColumn);
        if (poa >= 0 && ghi >= 0)
        {
            int second = Math.Max(poa, ghi);
            throw new ConfigurationException(path, headerIndex + 1, Position(headerLine.Split(','), second), fieldPath, $"the header has both '{PoaColumn}' and '{GhiColumn}'; expected exactly one of them");
        }

        return poa >= 0 || ghi >= 0
            ? Math.Max(poa, ghi)
            : throw new ConfigurationException(path, headerIndex + 1, 1, fieldPath, $"the header has neither '{PoaColumn}' nor '{GhiColumn}'; expected {ExpectedHeader}");
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
