using System.Globalization;
using System.Text.Json;
using MathNet.Numerics.Distributions;
using Microsoft.Data.Analysis;
using SensorNet.Scenarios.Sweeps;

namespace SensorNet.Analysis;

/// <summary>
/// A sweep's output directory (<c>sensornet sweep</c>): its index (<c>sweep.json</c>), the summary with one row per
/// finished run (<c>summary.parquet</c>, plus a <c>delivery_ratio</c> column computed here), each run on demand, and
/// aggregation across replications with Student-t confidence intervals.
/// </summary>
public sealed class SweepResults
{
    private SweepResults(string directory, string name, IReadOnlyList<string> parameters, int runsComplete, int runsTotal, DataFrame summary)
    {
        Directory = directory;
        Name = name;
        Parameters = parameters;
        RunsComplete = runsComplete;
        RunsTotal = runsTotal;
        Summary = summary;
    }

    /// <summary>The sweep directory.</summary>
    public string Directory { get; }

    /// <summary>The sweep's name.</summary>
    public string Name { get; }

    /// <summary>The swept field paths, in the sweep file's order (summary columns of the same names hold their values as text).</summary>
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>Runs finished and written.</summary>
    public int RunsComplete { get; }

    /// <summary>Runs the sweep defines (points × replications).</summary>
    public int RunsTotal { get; }

    /// <summary>One row per finished run: <c>point</c>, <c>replication</c>, the swept values, the run's totals and <c>delivery_ratio</c>.</summary>
    public DataFrame Summary { get; }

    /// <summary>True when <paramref name="directory"/> holds a sweep (a <c>sweep.json</c>).</summary>
    public static bool IsSweep(string directory) => File.Exists(Path.Combine(directory, "sweep.json"));

    /// <summary>Loads the sweep in <paramref name="directory"/>.</summary>
    /// <exception cref="InvalidDataException">The index or summary is missing or malformed.</exception>
    public static SweepResults Load(string directory)
    {
        string full = Path.GetFullPath(directory);
        string indexPath = Path.Combine(full, "sweep.json");
        string summaryPath = Path.Combine(full, "summary.parquet");
        if (!File.Exists(indexPath) || !File.Exists(summaryPath))
        {
            throw new InvalidDataException($"{full}: not a finished sweep (expected sweep.json and summary.parquet, written when the sweep or 'sensornet merge' ends).");
        }

        using JsonDocument index = JsonDocument.Parse(File.ReadAllText(indexPath));
        JsonElement root = index.RootElement;
        var parameters = new List<string>();
        foreach (JsonElement point in root.GetProperty("points").EnumerateArray())
        {
            foreach (JsonProperty p in point.GetProperty("values").EnumerateObject())
            {
                if (!parameters.Contains(p.Name))
                {
                    parameters.Add(p.Name);
                }
            }
        }

        DataFrame summary = ResultFrames.ReadParquet(summaryPath);
        var sent = Rows.Of(summary).Select(r => r.Long("frames_sent")).ToList();
        var delivered = Rows.Of(summary).Select(r => r.Long("frames_delivered")).ToList();
        summary.Columns.Add(new DoubleDataFrameColumn("delivery_ratio", sent.Select((s, i) => s > 0 ? delivered[i] / (double)s : (double?)null)));
        return new SweepResults(full, root.GetProperty("name").GetString() ?? string.Empty, parameters, root.GetProperty("runs_complete").GetInt32(), root.GetProperty("runs_total").GetInt32(), summary);
    }

    /// <summary>One run of the sweep.</summary>
    public RunResults Run(int point, int replication) => RunResults.Load(SweepDefinition.RunDirectory(Directory, point, replication));

    /// <summary>
    /// Aggregates <paramref name="metric"/> (a numeric summary column) across replications, grouped by the swept
    /// values of <paramref name="by"/> (default: every swept parameter, i.e. per point), in point order. Columns: the
    /// grouping parameters, <c>n</c>, <c>mean</c>, <c>sd</c> (sample), <c>ci_low</c>, <c>ci_high</c> (two-sided
    /// Student-t interval of the mean at <paramref name="confidence"/>; equal to the mean when n = 1), <c>min</c>, <c>max</c>.
    /// Runs where the metric is missing (a delivery ratio with nothing sent) are left out of their group.
    /// </summary>
    /// <param name="metric">Summary column, e.g. <c>delivery_ratio</c> or <c>energy_j</c>.</param>
    /// <param name="confidence">Confidence level in (0, 1); 0.95 by default.</param>
    /// <param name="by">Swept parameters to group by.</param>
    public DataFrame Aggregate(string metric, double confidence = 0.95, params string[] by)
    {
        if (Summary.Columns.IndexOf(metric) < 0)
        {
            throw new ArgumentException($"'{metric}' is not a summary column; expected one of {string.Join(", ", Summary.Columns.Select(c => c.Name))}.", nameof(metric));
        }

        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "expected a confidence level between 0 and 1");
        }

        string[] keys = by.Length > 0 ? by : [.. Parameters];
        foreach (string k in keys)
        {
            if (!Parameters.Contains(k))
            {
                throw new ArgumentException($"'{k}' is not a swept parameter; the sweep varies {string.Join(", ", Parameters)}.", nameof(by));
            }
        }

        var groups = Rows.Of(Summary)
            .Select(r => (Key: string.Join("\u001f", keys.Select(r.Str)), Values: keys.Select(r.Str).ToArray(), Point: r.Int("point"), Value: r[metric]))
            .GroupBy(x => x.Key, StringComparer.Ordinal)
            .Select(g => (Values: g.First().Values, Point: g.Min(x => x.Point), Samples: g.Where(x => x.Value is not null).Select(x => Convert.ToDouble(x.Value, CultureInfo.InvariantCulture)).ToArray()))
            .OrderBy(g => g.Point)
            .ToList();

        var columns = new List<DataFrameColumn>();
        for (int k = 0; k < keys.Length; k++)
        {
            int column = k;
            columns.Add(new StringDataFrameColumn(keys[k], groups.Select(g => g.Values[column])));
        }

        var stats = groups.Select(g => Interval.Of(g.Samples, confidence)).ToList();
        columns.Add(new Int32DataFrameColumn("n", stats.Select(s => s.N)));
        columns.Add(new DoubleDataFrameColumn("mean", stats.Select(s => s.Mean)));
        columns.Add(new DoubleDataFrameColumn("sd", stats.Select(s => s.Sd)));
        columns.Add(new DoubleDataFrameColumn("ci_low", stats.Select(s => s.Low)));
        columns.Add(new DoubleDataFrameColumn("ci_high", stats.Select(s => s.High)));
        columns.Add(new DoubleDataFrameColumn("min", stats.Select(s => s.Min)));
        columns.Add(new DoubleDataFrameColumn("max", stats.Select(s => s.Max)));
        return new DataFrame(columns);
    }
}

/// <summary>Mean and Student-t confidence interval of a sample.</summary>
/// <param name="N">Sample size.</param>
/// <param name="Mean">Sample mean (NaN when empty).</param>
/// <param name="Sd">Sample standard deviation (n − 1; NaN below two samples).</param>
/// <param name="Low">Lower end of the interval.</param>
/// <param name="High">Upper end of the interval.</param>
/// <param name="Min">Smallest value.</param>
/// <param name="Max">Largest value.</param>
public readonly record struct Interval(int N, double Mean, double Sd, double Low, double High, double Min, double Max)
{
    /// <summary>
    /// The two-sided interval mean ± t(1 − α/2, n − 1) · sd / √n at <paramref name="confidence"/> = 1 − α
    /// (MathNet.Numerics <see cref="StudentT.InvCDF"/>). With one sample the interval collapses to the value; with none
    /// every field but N is NaN.
    /// </summary>
    public static Interval Of(IReadOnlyList<double> samples, double confidence)
    {
        ArgumentNullException.ThrowIfNull(samples);
        int n = samples.Count;
        if (n == 0)
        {
            return new Interval(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double mean = samples.Average();
        if (n == 1)
        {
            return new Interval(1, mean, double.NaN, mean, mean, mean, mean);
        }

        double sd = Math.Sqrt(samples.Sum(x => (x - mean) * (x - mean)) / (n - 1));
        double half = StudentT.InvCDF(0, 1, n - 1, 1 - ((1 - confidence) / 2)) * sd / Math.Sqrt(n);
        return new Interval(n, mean, sd, mean - half, mean + half, samples.Min(), samples.Max());
    }
}
