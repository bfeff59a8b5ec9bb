using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SensorNet.SimEngine.Configuration;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.Scenarios.Loading;

/// <summary>
/// Reads node positions from a CSV file: a header <c>x_m,y_m</c>, then one row per node in node order (blank lines and
/// lines starting with '#' are skipped). Errors name the file, line, column and the scenario field.
/// </summary>
internal static class PositionsCsv
{
    public static (IReadOnlyList<(Meters X, Meters Y)> Points, string Sha256) Read(string path, string fieldPath)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"{fieldPath}: cannot read the positions file {path} ({e.Message})", e);
        }

        string[] lines = [.. Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split('\n').Select(l => l.TrimEnd('\r'))];
        static bool Skipped(string line) => line.Trim().Length == 0 || line.TrimStart().StartsWith('#');
        int header = Array.FindIndex(lines, l => !Skipped(l));
        if (header < 0 || !string.Equals(string.Join(',', lines[header].Split(',').Select(c => c.Trim())), "x_m,y_m", StringComparison.Ordinal))
        {
            throw new ConfigurationException(path, Math.Max(header, 0) + 1, 1, fieldPath, "expected the header 'x_m,y_m'");
        }

        var points = new List<(Meters, Meters)>();
        for (int i = header + 1; i < lines.Length; i++)
        {
            if (Skipped(lines[i]))
            {
                continue;
            }

            string[] cells = lines[i].Split(',');
            if (cells.Length != 2)
            {
                throw new ConfigurationException(path, i + 1, 1, fieldPath, $"expected two values 'x_m,y_m', found {cells.Length}");
            }

            points.Add((new Meters(Coordinate(cells[0], path, i, 1, fieldPath)), new Meters(Coordinate(cells[1], path, i, cells[0].Length + 2, fieldPath))));
        }

        return (points, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    private static double Coordinate(string cell, string path, int line, int column, string fieldPath) =>
        double.TryParse(cell.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v
            : throw new ConfigurationException(path, line + 1, column, fieldPath, $"expected a coordinate in metres, not '{cell.Trim()}'");
}
