using System.Globalization;
using Microsoft.Data.Analysis;

namespace SensorNet.Analysis;

/// <summary>Typed access to a <see cref="DataFrame"/>'s rows by column name, for the helpers' own loops.</summary>
internal static class Rows
{
    public static IEnumerable<Row> Of(DataFrame frame)
    {
        for (long i = 0; i < frame.Rows.Count; i++)
        {
            yield return new Row(frame, i);
        }
    }
}

/// <summary>One row of a frame; a missing column or value is reported with the column's name.</summary>
internal readonly record struct Row(DataFrame Frame, long Index)
{
    public object? this[string column] => Frame.Columns.IndexOf(column) >= 0
        ? Frame.Columns[column][Index]
        : throw new InvalidDataException($"column '{column}' is missing from this table");

    public int Int(string column) => Convert.ToInt32(this[column] ?? Missing(column), CultureInfo.InvariantCulture);

    public long Long(string column) => Convert.ToInt64(this[column] ?? Missing(column), CultureInfo.InvariantCulture);

    public long? NullableLong(string column) => this[column] is { } v ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : null;

    public double Double(string column) => Convert.ToDouble(this[column] ?? Missing(column), CultureInfo.InvariantCulture);

    public string Str(string column) => Convert.ToString(this[column], CultureInfo.InvariantCulture) ?? string.Empty;

    private object Missing(string column) => throw new InvalidDataException($"column '{column}' has no value in row {Index}");
}
