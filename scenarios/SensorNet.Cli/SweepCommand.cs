using System.CommandLine;
using System.Globalization;
using System.Text;
using SensorNet.Scenarios.Results;
using SensorNet.Scenarios.Sweeps;
using SensorNet.SimEngine.Configuration;
using Spectre.Console;

namespace SensorNet.Cli;

/// <summary>
/// <c>sensornet sweep SWEEP [--out DIR] [--parallel N] [--resume] [--shard i/N] [--emit-slurm FILE] [--quiet]</c> and
/// <c>sensornet merge SWEEP DIR… --out DIR</c>.
/// </summary>
internal static class SweepCommand
{
    public static Command Create()
    {
        var sweepFile = new Argument<FileInfo>("sweep") { Description = "Sweep file (YAML)." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Output directory (default: results/<sweep name>)." };
        var parallel = new Option<int>("--parallel") { Description = "Runs at once (default: the core count).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var resume = new Option<bool>("--resume") { Description = "Skip runs already complete with the same inputs." };
        var shard = new Option<string?>("--shard") { Description = "Run only shard i of N (i/N, 0-based), for batch schedulers." };
        var slurm = new Option<FileInfo?>("--emit-slurm") { Description = "Write an sbatch job-array script that runs the shards (N = --shard's N, default 4) and exit." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print nothing but errors." };
        var format = new Option<string>("--format") { Description = "Table format of every run: parquet or csv (default: the scenario's outputs.format, else parquet; the summary is Parquet)." };
        format.AcceptOnlyFromAmong("parquet", "csv");
        var noReport = new Option<bool>("--no-report") { Description = "Do not write the sweep's report.html." };
        var command = new Command("sweep", "Run a parameter sweep: every point and replication of a base scenario.") { sweepFile, output, parallel, resume, shard, slurm, format, noReport, quiet };
        command.SetAction((parse, ct) => ExecuteAsync(
            parse.GetRequiredValue(sweepFile),
            parse.GetValue(output),
            parse.GetValue(parallel),
            parse.GetValue(resume),
            parse.GetValue(shard),
            parse.GetValue(slurm),
            parse.GetValue(format) switch { "csv" => ResultsFormat.Csv, "parquet" => ResultsFormat.Parquet, _ => null },
            parse.GetValue(noReport),
            parse.GetValue(quiet),
            ct));
        return command;
    }

    public static Command CreateMerge()
    {
        var sweepFile = new Argument<FileInfo>("sweep") { Description = "The sweep file the shards ran." };
        var shards = new Argument<DirectoryInfo[]>("shards") { Description = "Shard output directories.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<DirectoryInfo>("--out") { Description = "Merged output directory.", Required = true };
        var command = new Command("merge", "Combine the outputs of a sweep's shards into one dataset with its summary.") { sweepFile, shards, output };
        command.SetAction((parse, ct) => MergeAsync(parse.GetRequiredValue(sweepFile), parse.GetRequiredValue(shards), parse.GetRequiredValue(output), ct));
        return command;
    }

    private static async Task<int> ExecuteAsync(FileInfo file, DirectoryInfo? output, int parallel, bool resume, string? shardText, FileInfo? slurm, ResultsFormat? format, bool noReport, bool quiet, CancellationToken ct)
    {
        SweepDefinition sweep;
        (int Index, int Count)? shard = null;
        try
        {
            sweep = SweepDefinition.Load(file.FullName);
            if (shardText is not null)
            {
                shard = ParseShard(shardText);
            }
        }
        catch (ConfigurationException e)
        {
            await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }
        catch (FormatException e)
        {
            await Console.Error.WriteLineAsync("error: --shard: " + e.Message).ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        if (parallel < 1)
        {
            await Console.Error.WriteLineAsync("error: --parallel must be ≥ 1").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        string target = output?.FullName ?? Path.Combine("results", sweep.Name);
        if (slurm is not null)
        {
            await File.WriteAllTextAsync(slurm.FullName, SlurmScript(file, target, shard?.Count ?? 4), ct).ConfigureAwait(false);
            if (!quiet)
            {
                Console.WriteLine($"wrote {slurm.FullName}: sbatch it, then `sensornet merge` the shard outputs (or let them share {target}).");
            }

            return ExitCodes.Ok;
        }

        SweepRunner.TurnOffBackgroundGcFor(parallel);
        int done = 0;
        int total = sweep.Points.Count * sweep.Replications / (shard?.Count ?? 1);
        void Line(SweepOutcome o)
        {
            int n = Interlocked.Increment(ref done);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{n}/{total}] point {o.Point} replication {o.Replication}: {o.Status}{(o.Error is null ? "" : " — " + o.Error)}"));
        }

        try
        {
            IReadOnlyList<SweepOutcome> outcomes;
            if (!quiet && AnsiConsole.Profile.Capabilities.Interactive)
            {
                // A progress bar with the ETA on a terminal; one line per run in logs and pipes.
                IReadOnlyList<SweepOutcome>? result = null;
                await AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                    .StartAsync(async ctx =>
                    {
                        ProgressTask task = ctx.AddTask($"{sweep.Name}: {total} runs", maxValue: total);
                        result = await SweepRunner.RunAsync(sweep, target, parallel, resume, shard, new SyncProgress(o =>
                        {
                            task.Increment(1);
                            if (o.Error is not null)
                            {
                                AnsiConsole.MarkupLine($"[red]point {o.Point} replication {o.Replication} failed:[/] {Markup.Escape(o.Error)}");
                            }
                        }), format, ct).ConfigureAwait(false);
                    }).ConfigureAwait(false);
                outcomes = result!;
            }
            else
            {
                outcomes = await SweepRunner.RunAsync(sweep, target, parallel, resume, shard, quiet ? null : new SyncProgress(Line), format, ct).ConfigureAwait(false);
            }

            int failed = outcomes.Count(o => o.Status == "failed");
            if (!quiet)
            {
                AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"{outcomes.Count(o => o.Status == "ran")} ran, {outcomes.Count(o => o.Status == "skipped")} skipped, {failed} failed. Results: [link]{Markup.Escape(target)}[/] (summary.parquet, sweep.json)"));
            }

            int report = noReport || outcomes.All(o => o.Status == "failed") ? ExitCodes.Ok : ReportCommand.Execute(new DirectoryInfo(target), new Analysis.Report.ReportOptions(), quiet);
            return failed > 0 ? ExitCodes.RunFailed : report;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("interrupted: finished runs are kept; run again with --resume").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
    }

    private static async Task<int> MergeAsync(FileInfo file, DirectoryInfo[] shards, DirectoryInfo output, CancellationToken ct)
    {
        SweepDefinition sweep;
        try
        {
            sweep = SweepDefinition.Load(file.FullName);
        }
        catch (ConfigurationException e)
        {
            await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        int runs = await SweepRunner.MergeAsync(sweep, [.. shards.Select(d => d.FullName)], output.FullName, ct).ConfigureAwait(false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"merged {runs} of {sweep.Points.Count * sweep.Replications} runs into {output.FullName}"));
        return runs == sweep.Points.Count * sweep.Replications ? ExitCodes.Ok : ExitCodes.RunFailed;
    }

    private sealed class SyncProgress(Action<SweepOutcome> report) : IProgress<SweepOutcome>
    {
        public void Report(SweepOutcome value) => report(value);
    }

    private static (int Index, int Count) ParseShard(string text)
    {
        string[] parts = text.Split('/');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            && n >= 1 && i < n
            ? (i, n)
            : throw new FormatException($"expected i/N with 0 ≤ i < N, not '{text}'");
    }

    private static string SlurmScript(FileInfo sweep, string output, int shards)
    {
        var b = new StringBuilder();
        b.Append("#!/bin/bash\n");
        b.Append(CultureInfo.InvariantCulture, $"#SBATCH --job-name=sensornet-sweep\n#SBATCH --array=0-{shards - 1}\n#SBATCH --cpus-per-task=2\n");
        b.Append("# Each array task runs one shard; all write into the same output directory (on a shared file system),\n");
        b.Append("# and the last step (or `sensornet merge`) rebuilds summary.parquet from every finished run.\n");
        b.Append(CultureInfo.InvariantCulture, $"sensornet sweep \"{sweep.FullName}\" --out \"{output}\" --resume --quiet --parallel \"$SLURM_CPUS_PER_TASK\" --shard \"$SLURM_ARRAY_TASK_ID/{shards}\"\n");
        return b.ToString();
    }
}
