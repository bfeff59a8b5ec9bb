using System.Globalization;
using System.Runtime;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SensorNet.Scenarios.Loading;
using SensorNet.Scenarios.Results;
using SensorNet.Scenarios.Running;
using SensorNet.SimEngine.Configuration;

namespace SensorNet.Scenarios.Sweeps;

/// <summary>What became of one (point, replication) of a sweep.</summary>
/// <param name="Point">Point index.</param>
/// <param name="Replication">Replication.</param>
/// <param name="Status"><c>ran</c>, <c>skipped</c> (already complete with the same inputs) or <c>failed</c>.</param>
/// <param name="Error">Why it failed.</param>
public sealed record SweepOutcome(int Point, int Replication, string Status, string? Error = null);

/// <summary>One row of a sweep's <c>summary.parquet</c>: a run's totals, read back from its manifest.</summary>
/// <param name="Point">Point index.</param>
/// <param name="Replication">Replication.</param>
/// <param name="Values">The point's parameter values, in sweep order.</param>
/// <param name="Totals">The run's totals.</param>
public sealed record SweepSummaryRow(int Point, int Replication, IReadOnlyList<string> Values, SweepTotals Totals);

/// <summary>Network-wide totals of one run (the manifest's <c>totals</c>).</summary>
public readonly record struct SweepTotals(long Nodes, long FramesSent, long FramesDelivered, long Messages, double EnergyJ, double HarvestedJ, long Outages, long Events);

/// <summary>
/// Runs a sweep: every point × replication as an independent run written to its own hive-style folder
/// (<c>point=0003/replication=1</c>) with the usual atomic results writer, in parallel; then an index
/// (<c>sweep.json</c>) and a merged summary (<c>summary.parquet</c>, one row per run with the swept values as columns).
/// </summary>
/// <remarks>
/// Results do not depend on the degree of parallelism: every run is a pure function of (scenario text, replication),
/// and the summary is ordered by point and replication. <c>--resume</c> skips a run whose folder holds a complete result
/// for the same scenario text (SHA-256 in its manifest) and replication; a run with other inputs is redone. A failing
/// point is reported and the others go on. Shards split the runs by index modulo the shard count.
/// </remarks>
public static class SweepRunner
{
    /// <summary>
    /// Turns background (concurrent) garbage collection off for the rest of the process when more than one worker
    /// will run (<see cref="GCLatencyMode.Batch"/>): its thread would otherwise compete with the workers for the cores.
    /// On this project's 2-core VM a sweep of 8 equal runs was 1.69–1.82× faster on 2 cores than on 1 with it on and
    /// 1.77–1.85× with it off (tests/SensorNet.Benchmarks/PERFORMANCE-LOG.md, "Network scale"). Timing only; results
    /// never depend on it. For a process's entry point (the <c>sweep</c> command, the sweep benchmark), which owns the
    /// process: a library call would change the GC mode under its host. Turning concurrent GC off in the runtime
    /// configuration instead slowed single BLE runs by about 6 %; this leaves single runs as they are.
    /// </summary>
    /// <param name="parallel">Workers the sweep will run at once.</param>
    public static void TurnOffBackgroundGcFor(int parallel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallel, 1);
        if (parallel > 1)
        {
            GCSettings.LatencyMode = GCLatencyMode.Batch;
        }
    }

    /// <summary>Runs the sweep's share of runs.</summary>
    /// <param name="sweep">The sweep.</param>
    /// <param name="outputDirectory">Where the run folders, index and summary go.</param>
    /// <param name="parallel">Runs at once.</param>
    /// <param name="resume">Skip runs already complete with the same inputs.</param>
    /// <param name="shard">This machine's shard (index, count), or null for all runs.</param>
    /// <param name="progress">Told after each run.</param>
    /// <param name="format">Table format of every run (the summary is Parquet).</param>
    /// <param name="cancellationToken">Stops starting new runs and cancels those in progress; finished runs stay.</param>
    public static async Task<IReadOnlyList<SweepOutcome>> RunAsync(SweepDefinition sweep, string outputDirectory, int parallel, bool resume, (int Index, int Count)? shard = null, IProgress<SweepOutcome>? progress = null, ResultsFormat? format = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallel, 1);
        string baseText = await File.ReadAllTextAsync(sweep.ScenarioPath, cancellationToken).ConfigureAwait(false);
        var work = new List<(SweepPoint Point, int Replication)>();
        foreach (SweepPoint p in sweep.Points)
        {
            for (int r = 0; r < sweep.Replications; r++)
            {
                int index = (p.Index * sweep.Replications) + r;
                if (shard is not { } s || index % s.Count == s.Index)
                {
                    work.Add((p, r));
                }
            }
        }

        Directory.CreateDirectory(outputDirectory);
        var outcomes = new SweepOutcome[work.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, work.Count),
            new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                (SweepPoint point, int replication) = work[i];
                outcomes[i] = await RunOneAsync(sweep, baseText, point, replication, outputDirectory, resume, format, token).ConfigureAwait(false);
                progress?.Report(outcomes[i]);
            }).ConfigureAwait(false);

        await WriteIndexAsync(sweep, outputDirectory, cancellationToken).ConfigureAwait(false);
        return outcomes;
    }

    /// <summary>
    /// Combines shard outputs: copies every complete run folder not yet in <paramref name="outputDirectory"/> (through a
    /// <c>.partial</c> folder renamed at the end), then writes the index and summary.
    /// </summary>
    /// <returns>Runs present after the merge.</returns>
    public static async Task<int> MergeAsync(SweepDefinition sweep, IReadOnlyList<string> shardDirectories, string outputDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(shardDirectories);
        Directory.CreateDirectory(outputDirectory);
        foreach (string shard in shardDirectories)
        {
            foreach (SweepPoint p in sweep.Points)
            {
                for (int r = 0; r < sweep.Replications; r++)
                {
                    string from = SweepDefinition.RunDirectory(shard, p.Index, r);
                    string to = SweepDefinition.RunDirectory(outputDirectory, p.Index, r);
                    if (File.Exists(Path.Combine(from, ResultsWriter.ManifestFile)) && !Directory.Exists(to))
                    {
                        string partial = to + ".partial";
                        Directory.CreateDirectory(partial);
                        foreach (string f in Directory.GetFiles(from))
                        {
                            File.Copy(f, Path.Combine(partial, Path.GetFileName(f)), overwrite: true);
                        }

                        Directory.Move(partial, to);
                    }
                }
            }
        }

        return await WriteIndexAsync(sweep, outputDirectory, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes <c>sweep.json</c> and <c>summary.parquet</c> from every complete run folder present (after shards were merged, too).</summary>
    public static async Task<int> WriteIndexAsync(SweepDefinition sweep, string outputDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var rows = new List<SweepSummaryRow>();
        foreach (SweepPoint p in sweep.Points)
        {
            for (int r = 0; r < sweep.Replications; r++)
            {
                string manifest = Path.Combine(SweepDefinition.RunDirectory(outputDirectory, p.Index, r), ResultsWriter.ManifestFile);
                if (File.Exists(manifest))
                {
                    rows.Add(new SweepSummaryRow(p.Index, r, [.. p.Values.Select(v => v.Value)], ReadTotals(await File.ReadAllBytesAsync(manifest, cancellationToken).ConfigureAwait(false))));
                }
            }
        }

        IReadOnlyList<(string Path, string Value)> parameters = sweep.Points.Count > 0 ? sweep.Points[0].Values : [];
        ResultTable<SweepSummaryRow> table = new ResultTable<SweepSummaryRow>("summary")
            .Int32Column("point", s => s.Point)
            .Int32Column("replication", s => s.Replication);
        for (int k = 0; k < parameters.Count; k++)
        {
            int column = k;
            table = table.StringColumn(parameters[k].Path, s => s.Values[column]);
        }

        table = table
            .Int64Column("nodes", s => s.Totals.Nodes)
            .Int64Column("frames_sent", s => s.Totals.FramesSent)
            .Int64Column("frames_delivered", s => s.Totals.FramesDelivered)
            .Int64Column("messages", s => s.Totals.Messages)
            .DoubleColumn("energy_j", s => s.Totals.EnergyJ)
            .DoubleColumn("harvested_j", s => s.Totals.HarvestedJ)
            .Int64Column("outages", s => s.Totals.Outages)
            .Int64Column("events", s => s.Totals.Events);
        await table.WriteParquetAsync(rows, Path.Combine(outputDirectory, "summary.parquet"), cancellationToken).ConfigureAwait(false);

        var index = new
        {
            name = sweep.Name,
            scenario = Path.GetFileName(sweep.ScenarioPath),
            replications = sweep.Replications,
            points = sweep.Points.Select(p => new { point = p.Index, values = p.Values.ToDictionary(v => v.Path, v => v.Value) }),
            runs_complete = rows.Count,
            runs_total = sweep.Points.Count * sweep.Replications,
        };
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "sweep.json"), JsonSerializer.Serialize(index, JsonOptions) + "\n", cancellationToken).ConfigureAwait(false);
        return rows.Count;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    private static async Task<SweepOutcome> RunOneAsync(SweepDefinition sweep, string baseText, SweepPoint point, int replication, string outputDirectory, bool resume, ResultsFormat? format, CancellationToken token)
    {
        string directory = SweepDefinition.RunDirectory(outputDirectory, point.Index, replication);
        try
        {
            string text = point.Values.Count == 0 ? baseText : ScenarioOverrides.Apply(baseText, sweep.ScenarioPath, point.Values);
            if (resume && IsComplete(directory, text, replication))
            {
                return new SweepOutcome(point.Index, replication, "skipped");
            }

            ScenarioConfig config = ScenarioLoader.Parse(text, sweep.ScenarioPath);
            await ResultsWriter.RunAsync(config, replication, directory, Path.GetFileName(sweep.ScenarioPath), text, format ?? config.Format ?? ResultsFormat.Parquet, cancellationToken: token).ConfigureAwait(false);
            return new SweepOutcome(point.Index, replication, "ran");
        }
        catch (Exception e) when (e is ConfigurationException or InvalidOperationException or IOException)
        {
            return new SweepOutcome(point.Index, replication, "failed", e.Message);
        }
    }

    private static bool IsComplete(string directory, string text, int replication)
    {
        string manifest = Path.Combine(directory, ResultsWriter.ManifestFile);
        if (!File.Exists(manifest))
        {
            return false;
        }

        using JsonDocument m = JsonDocument.Parse(File.ReadAllBytes(manifest));
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        return m.RootElement.GetProperty("scenario_sha256").GetString() == hash && m.RootElement.GetProperty("replication").GetInt32() == replication;
    }

    private static SweepTotals ReadTotals(byte[] manifest)
    {
        using JsonDocument m = JsonDocument.Parse(manifest);
        JsonElement t = m.RootElement.GetProperty("totals");
        return new SweepTotals(
            t.GetProperty("nodes").GetInt64(),
            t.GetProperty("frames_sent").GetInt64(),
            t.GetProperty("frames_delivered").GetInt64(),
            t.GetProperty("messages").GetInt64(),
            t.GetProperty("energy_j").GetDouble(),
            t.GetProperty("harvested_j").GetDouble(),
            t.GetProperty("outages").GetInt64(),
            m.RootElement.GetProperty("events").GetInt64());
    }
}
