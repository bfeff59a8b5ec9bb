using DuckDB.NET.Data;

namespace SensorNet.Analysis.Tests.Support;

/// <summary>DuckDB over the Parquet files: an independent reader for the numbers the analysis library computes.</summary>
internal sealed class Duck : IDisposable
{
    private readonly DuckDBConnection _db = new("Data Source=:memory:");

    public Duck(string runDirectory)
    {
        _db.Open();
        Dir = runDirectory;
    }

    public string Dir { get; }

    public string T(string table) => $"read_parquet('{Dir}/{table}.parquet')";

    public T Scalar<T>(string sql)
    {
        using DuckDBCommand cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        return (T)Convert.ChangeType(cmd.ExecuteScalar()!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public List<object?[]> Rows(string sql)
    {
        using DuckDBCommand cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        using DuckDBDataReader r = cmd.ExecuteReader();
        var rows = new List<object?[]>();
        while (r.Read())
        {
            object?[] row = new object?[r.FieldCount];
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = r.IsDBNull(i) ? null : r.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public void Dispose() => _db.Dispose();
}
