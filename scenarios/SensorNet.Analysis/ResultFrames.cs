using System.Globalization;
using Microsoft.Data.Analysis;
using Parquet;
using Parquet.Data;
using Parquet.Schema;
using SensorNet.Scenarios.Results;

namespace SensorNet.Analysis;

/// <summary>
/// Reads result tables into <see cref="DataFrame"/>s: Parquet files through Parquet.Net, CSV files through CsvHelper
/// typed by the table's declared schema (<see cref="ResultTables.Schemas"/>), so both formats give the same column
/// types (int, long, double, string; an empty CSV field is a missing value).
/// </summary>
public static class ResultFrames
{
    /// <summary>Reads a Parquet file written by SensorNet (or any flat file of int32, int64, double and string columns).</summary>
    /// <param name="path">The file.</param>
    public static DataFrame ReadParquet(string path)
    {
        using FileStream stream = File.OpenRead(path);
        ParquetReader reader = ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
        try
        {
            DataField[] fields = reader.Schema.GetDataFields();
            var values = fields.Select(_ => new List<object?>()).ToArray();
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                using ParquetRowGroupReader group = reader.OpenRowGroupReader(g);
                int rows = checked((int)group.RowCount);
                for (int i = 0; i < fields.Length; i++)
                {
                    values[i].AddRange(ReadColumn(group, fields[i], rows));
                }
            }

            return new DataFrame(fields.Select((f, i) => Column(f.Name, f.ClrType == typeof(ReadOnlyMemory<char>) ? typeof(string) : f.ClrType, values[i])));
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static IEnumerable<object?> ReadColumn(ParquetRowGroupReader group, DataField field, int rows)
    {
        Type t = field.ClrType;
        if (t == typeof(string) || t == typeof(ReadOnlyMemory<char>))
        {
            string?[] v = new string?[rows];
            group.ReadAsync(field, v.AsMemory()).AsTask().GetAwaiter().GetResult();
            return v;
        }

        if (t == typeof(int))
        {
            return Read<int>(group, field, rows);
        }

        if (t == typeof(long))
        {
            return Read<long>(group, field, rows);
        }

        if (t == typeof(double))
        {
            return Read<double>(group, field, rows);
        }

        throw new NotSupportedException($"Column '{field.Name}' has type {t.Name}, which SensorNet results do not use.");
    }

    private static object?[] Read<T>(ParquetRowGroupReader group, DataField field, int rows)
        where T : struct
    {
        if (field.IsNullable)
        {
            T?[] nullable = new T?[rows];
            group.ReadAsync<T>(field, nullable.AsMemory()).AsTask().GetAwaiter().GetResult();
            return [.. nullable.Select(v => v.HasValue ? (object?)v.Value : null)];
        }

        T[] plain = new T[rows];
        group.ReadAsync<T>(field, plain.AsMemory()).AsTask().GetAwaiter().GetResult();
        return [.. plain.Select(v => (object?)v)];
    }

    /// <summary>Reads a CSV file of the SensorNet table <paramref name="table"/> (file stem, e.g. <c>nodes</c>).</summary>
    /// <param name="path">The file.</param>
    /// <param name="table">Table name, which fixes the column types.</param>
    /// <exception cref="InvalidDataException">The header differs from the table's columns or a value does not parse (file, line and column named).</exception>
    public static DataFrame ReadCsv(string path, string table)
    {
        if (!ResultTables.Schemas.TryGetValue(table, out IReadOnlyList<ResultColumn>? schema))
        {
            throw new ArgumentException($"Unknown result table '{table}'; known: {string.Join(", ", ResultTables.Schemas.Keys)}.", nameof(table));
        }

        using var text = new StreamReader(path);
        using CsvHelper.CsvReader csv = CsvHelper.CsvReader.Create(text, new CsvHelper.CsvReaderOptions { TrackLineNumbers = true }, false);
        string[] header = [.. csv.Headers];
        if (!header.SequenceEqual(schema.Select(c => c.Name), StringComparer.Ordinal))
        {
            throw new InvalidDataException($"{path}:1: header is '{string.Join(",", header)}', expected '{string.Join(",", schema.Select(c => c.Name))}'.");
        }

        var values = schema.Select(_ => new List<object?>()).ToArray();
        while (csv.Read())
        {
            for (int i = 0; i < schema.Count; i++)
            {
                string field = i < csv.FieldCount ? csv.GetString(i) : throw new InvalidDataException($"{path}:{csv.LineNumber}: expected {schema.Count} fields, found {csv.FieldCount}.");
                values[i].Add(Parse(field, schema[i].ValueType, path, csv.LineNumber, schema[i].Name));
            }
        }

        return new DataFrame(schema.Select((c, i) => Column(c.Name, c.ValueType, values[i])));
    }

    /// <summary>Reads <c>&lt;table&gt;.parquet</c> or, failing that, <c>&lt;table&gt;.csv</c> from a run directory; null when neither exists.</summary>
    public static DataFrame? ReadTable(string directory, string table)
    {
        string parquet = Path.Combine(directory, table + ".parquet");
        if (File.Exists(parquet))
        {
            return ReadParquet(parquet);
        }

        string csv = Path.Combine(directory, table + ".csv");
        return File.Exists(csv) ? ReadCsv(csv, table) : null;
    }

    /// <summary>An empty frame with the columns of SensorNet table <paramref name="table"/>.</summary>
    public static DataFrame Empty(string table) =>
        new(ResultTables.Schemas[table].Select(c => Column(c.Name, c.ValueType, [])));

    private static object? Parse(string field, Type type, string path, long line, string column)
    {
        if (type == typeof(string))
        {
            return field;
        }

        if (field.Length == 0)
        {
            return null;
        }

        bool ok;
        object? value;
        if (type == typeof(int))
        {
            ok = int.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v);
            value = v;
        }
        else if (type == typeof(long) || type == typeof(long?))
        {
            ok = long.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v);
            value = v;
        }
        else
        {
            ok = double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double v);
            value = v;
        }

        return ok ? value : throw new InvalidDataException($"{path}:{line}: column {column}: '{field}' is not a {Nullable.GetUnderlyingType(type)?.Name ?? type.Name}.");
    }

    private static DataFrameColumn Column(string name, Type type, List<object?> values)
    {
        Type t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(int))
        {
            return new Int32DataFrameColumn(name, values.Select(v => v is null ? (int?)null : Convert.ToInt32(v, CultureInfo.InvariantCulture)));
        }

        if (t == typeof(long))
        {
            return new Int64DataFrameColumn(name, values.Select(v => v is null ? (long?)null : Convert.ToInt64(v, CultureInfo.InvariantCulture)));
        }

        if (t == typeof(double) || t == typeof(float))
        {
            return new DoubleDataFrameColumn(name, values.Select(v => v is null ? (double?)null : Convert.ToDouble(v, CultureInfo.InvariantCulture)));
        }

        if (t == typeof(string))
        {
            return new StringDataFrameColumn(name, values.Select(v => (string?)v));
        }

        throw new NotSupportedException($"Column '{name}' has type {t.Name}, which SensorNet results do not use.");
    }
}
