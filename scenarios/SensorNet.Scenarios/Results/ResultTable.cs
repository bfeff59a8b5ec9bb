using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace SensorNet.Scenarios.Results;

/// <summary>
/// A column-oriented table of results with typed columns whose names carry their units (<c>energy_j</c>, <c>time_ns</c>).
/// Built from rows with one selector per column, written as one Parquet file.
/// </summary>
/// <typeparam name="TRow">The row type.</typeparam>
public sealed class ResultTable<TRow>
{
    private readonly List<Column> _columns = [];

    /// <summary>Creates an empty table definition called <paramref name="name"/> (the file stem).</summary>
    public ResultTable(string name)
    {
        Name = name;
    }

    /// <summary>The table's name; the file is <c>&lt;name&gt;.parquet</c>.</summary>
    public string Name { get; }

    /// <summary>Column names in order.</summary>
    public IEnumerable<string> ColumnNames => _columns.Select(c => c.Name);

    /// <summary>Column names and value types in order (<see cref="int"/>, <see cref="long"/>, <see cref="Nullable{T}"/> of long, <see cref="double"/>, <see cref="string"/>), so readers can type CSV files.</summary>
    public IReadOnlyList<ResultColumn> Columns => [.. _columns.Select(c => new ResultColumn(c.Name, c.ValueType))];

    /// <summary>Adds a 32-bit integer column.</summary>
    public ResultTable<TRow> Int32Column(string name, Func<TRow, int> select) => Add(name, () => new DataField<int>(name), rows => rows.Select(select).ToArray(), r => select(r).ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds a 64-bit integer column.</summary>
    public ResultTable<TRow> Int64Column(string name, Func<TRow, long> select) => Add(name, () => new DataField<long>(name), rows => rows.Select(select).ToArray(), r => select(r).ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds a nullable 64-bit integer column.</summary>
    public ResultTable<TRow> NullableInt64Column(string name, Func<TRow, long?> select) => Add(name, () => new DataField<long?>(name), rows => rows.Select(select).ToArray(), r => select(r)?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);

    /// <summary>Adds a double column.</summary>
    public ResultTable<TRow> DoubleColumn(string name, Func<TRow, double> select) => Add(name, () => new DataField<double>(name), rows => rows.Select(select).ToArray(), r => select(r).ToString("R", CultureInfo.InvariantCulture));

    /// <summary>Adds a string column.</summary>
    public ResultTable<TRow> StringColumn(string name, Func<TRow, string> select) => Add(name, () => new DataField<string>(name), rows => rows.Select(select).ToArray(), r => select(r));

    /// <summary>Writes <paramref name="rows"/> as a Parquet file (one row group, Snappy compression, no timestamps).</summary>
    /// <returns>The number of rows written.</returns>
    public async Task<int> WriteParquetAsync(IReadOnlyList<TRow> rows, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using ResultTableWriter<TRow> writer = await OpenAsync(path, ResultsFormat.Parquet, cancellationToken).ConfigureAwait(false);
        await writer.WriteAsync(rows, cancellationToken).ConfigureAwait(false);
        return rows.Count;
    }

    /// <summary>
    /// Writes the rows to a CSV file (CsvHelper, RFC 4180 quoting): a header of the column names, numbers in invariant
    /// culture with round-trip precision, an empty field for a missing value.
    /// </summary>
    /// <returns>The number of rows written.</returns>
    public async Task<int> WriteCsvAsync(IReadOnlyList<TRow> rows, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using ResultTableWriter<TRow> writer = await OpenAsync(path, ResultsFormat.Csv, cancellationToken).ConfigureAwait(false);
        await writer.WriteAsync(rows, cancellationToken).ConfigureAwait(false);
        return rows.Count;
    }

    /// <summary>
    /// Opens <paramref name="path"/> for rows written in batches: each <see cref="ResultTableWriter{TRow}.WriteAsync"/>
    /// is one Parquet row group (Snappy compression, no timestamps) or more CSV records. A file written in one batch is
    /// byte-identical to <see cref="WriteParquetAsync"/>'s.
    /// </summary>
    public async Task<ResultTableWriter<TRow>> OpenAsync(string path, ResultsFormat format, CancellationToken cancellationToken = default)
    {
        if (format == ResultsFormat.Csv)
        {
            var text = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
            var csv = CsvHelper.CsvWriter.Create(text, new CsvHelper.CsvWriterOptions(), false);
            foreach (Column c in _columns)
            {
                csv.WriteField(c.Name);
            }

            await csv.EndRecordAsync(cancellationToken).ConfigureAwait(false);
            return new CsvTableWriter(this, text, csv);
        }

        // Fresh fields for every file: building a ParquetSchema mutates its fields (paths, levels), and the tables
        // are shared by runs written concurrently.
        DataField[] fields = [.. _columns.Select(c => c.CreateField())];
        FileStream stream = File.Create(path);
        ParquetWriter writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new ParquetTableWriter(this, stream, writer, fields);
    }

    private ResultTable<TRow> Add<T>(string name, Func<DataField> createField, Func<IReadOnlyList<TRow>, T[]> values, Func<TRow, string> text)
    {
        if (_columns.Exists(c => c.Name == name))
        {
            throw new ArgumentException($"Table '{Name}' already has a column '{name}'.", nameof(name));
        }

        _columns.Add(new Column(name, typeof(T), createField, (group, field, rows, ct) => WriteColumn(group, field, values(rows), ct), text));
        return this;
    }

    private static Task WriteColumn<T>(ParquetRowGroupWriter group, DataField field, T[] values, CancellationToken ct) => values switch
    {
        int[] v => group.WriteAsync<int>(field, v, cancellationToken: ct),
        long[] v => group.WriteAsync<long>(field, v, cancellationToken: ct),
        long?[] v => group.WriteAsync<long>(field, v, cancellationToken: ct),
        double[] v => group.WriteAsync<double>(field, v, cancellationToken: ct),
        string[] v => group.WriteAsync(field, v),
        _ => throw new NotSupportedException($"No Parquet writer for {typeof(T).Name}."),
    };

    private sealed class ParquetTableWriter(ResultTable<TRow> table, FileStream stream, ParquetWriter writer, DataField[] fields) : ResultTableWriter<TRow>
    {
        public override async Task WriteAsync(IReadOnlyList<TRow> rows, CancellationToken cancellationToken = default)
        {
            using ParquetRowGroupWriter group = writer.CreateRowGroup();
            for (int i = 0; i < table._columns.Count; i++)
            {
                await table._columns[i].WriteAsync(group, fields[i], rows, cancellationToken).ConfigureAwait(false);
            }
        }

        public override async ValueTask DisposeAsync()
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private sealed class CsvTableWriter(ResultTable<TRow> table, StreamWriter text, CsvHelper.CsvWriter csv) : ResultTableWriter<TRow>
    {
        public override async Task WriteAsync(IReadOnlyList<TRow> rows, CancellationToken cancellationToken = default)
        {
            foreach (TRow row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (Column c in table._columns)
                {
                    csv.WriteField(c.Text(row));
                }

                await csv.EndRecordAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        public override async ValueTask DisposeAsync()
        {
            await csv.DisposeAsync().ConfigureAwait(false);
            await text.DisposeAsync().ConfigureAwait(false);
        }
    }

    private sealed record Column(string Name, Type ValueType, Func<DataField> CreateField, Func<ParquetRowGroupWriter, DataField, IReadOnlyList<TRow>, CancellationToken, Task> WriteAsync, Func<TRow, string> Text);
}

/// <summary>A result column's name and value type.</summary>
/// <param name="Name">Column name with its unit suffix, e.g. <c>energy_j</c>.</param>
/// <param name="ValueType">The value type: int, long, long?, double or string.</param>
public sealed record ResultColumn(string Name, Type ValueType);

/// <summary>An open result file that takes rows in batches (<see cref="ResultTable{TRow}.OpenAsync"/>); disposing it completes the file.</summary>
/// <typeparam name="TRow">The row type.</typeparam>
public abstract class ResultTableWriter<TRow> : IAsyncDisposable
{
    /// <summary>Writes one batch: a Parquet row group, or CSV records.</summary>
    public abstract Task WriteAsync(IReadOnlyList<TRow> rows, CancellationToken cancellationToken = default);

    /// <summary>Completes and closes the file.</summary>
    public abstract ValueTask DisposeAsync();
}
