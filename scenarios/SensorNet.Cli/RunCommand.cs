using System.CommandLine;
using SensorNet.Analysis.Report;
using System.Globalization;
using SensorNet.Scenarios;
using SensorNet.Scenarios.Loading;
using SensorNet.Scenarios.Results;
using SensorNet.Scenarios.Running;
using SensorNet.Scenarios.Sweeps;
using SensorNet.SimEngine.Configuration;
using Spectre.Console;

namespace SensorNet.Cli;

/// <summary><c>sensornet run SCENARIO [--out DIR] [--seed N] [--replication N] [--set path=value]… [--format parquet|csv] [--quiet]</c>.</summary>
internal static class RunCommand
{
    /// <summary>Above this many estimated trace rows a run needs <c>--allow-large-traces</c>.</summary>
    public const long LargeTraceRows = 5_000_000;

    public static Command Create()
    {
        var scenario = new Argument<FileInfo>("scenario") { Description = "Scenario file (YAML or JSON)." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Result directory (default: results/<scenario name>)." };
        var seed = new Option<ulong?>("--seed") { Description = "Override the scenario's seed." };
        var replication = new Option<int>("--replication") { Description = "Replication index (selects independent random streams).", DefaultValueFactory = _ => 0 };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print nothing but errors." };
        var format = new Option<string>("--format") { Description = "Table format: parquet or csv (default: the scenario's outputs.format, else parquet)." };
        format.AcceptOnlyFromAmong("parquet", "csv");
        var allowLarge = new Option<bool>("--allow-large-traces") { Description = "Run even if the traces are estimated above 5 million rows." };
        var set = new Option<string[]>("--set") { Description = "Override a field: --set nodes[0].count=200 (repeatable).", AllowMultipleArgumentsPerToken = false };
        var noReport = new Option<bool>("--no-report") { Description = "Do not write report.html next to the results." };
        var command = new Command("run", "Run a scenario and write its results and report.html.") { scenario, output, seed, replication, set, format, allowLarge, noReport, quiet };
        command.SetAction((parse, ct) => ExecuteAsync(
            parse.GetRequiredValue(scenario),
            parse.GetValue(output),
            parse.GetValue(seed),
            parse.GetValue(replication),
            parse.GetValue(set) ?? [],
            parse.GetValue(format) switch { "csv" => ResultsFormat.Csv, "parquet" => ResultsFormat.Parquet, _ => null },
            parse.GetValue(allowLarge),
            parse.GetValue(noReport),
            parse.GetValue(quiet),
            ct));
        return command;
    }

    private static async Task<int> ExecuteAsync(FileInfo scenarioFile, DirectoryInfo? output, ulong? seed, int replication, string[] set, ResultsFormat? format, bool allowLarge, bool noReport, bool quiet, CancellationToken ct)
    {
        ScenarioConfig config;
        string text;
        try
        {
            if (set.Length == 0)
            {
                config = ScenarioLoader.LoadFile(scenarioFile.FullName);
                text = await File.ReadAllTextAsync(scenarioFile.FullName, ct).ConfigureAwait(false);
            }
            else
            {
                // Overrides edit the YAML, which is then validated as a whole; the hash in the manifest covers them.
                text = ScenarioOverrides.Apply(await File.ReadAllTextAsync(scenarioFile.FullName, ct).ConfigureAwait(false), scenarioFile.FullName, set.Select(ScenarioOverrides.ParseAssignment));
                config = ScenarioLoader.Parse(text, scenarioFile.FullName);
            }
        }
        catch (FormatException e)
        {
            await Console.Error.WriteLineAsync("error: --set: " + e.Message).ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }
        catch (IOException e)
        {
            await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }
        catch (ConfigurationException e)
        {
            await Console.Error.WriteLineAsync("error: " + e.Message.Replace(scenarioFile.FullName, scenarioFile.ToString(), StringComparison.Ordinal)).ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        if (seed is { } s)
        {
            config = config with { Seed = s };
        }

        if (replication < 0)
        {
            await Console.Error.WriteLineAsync("error: --replication must be ≥ 0").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        string target = output?.FullName ?? Path.Combine("results", config.Name);
        ResultsFormat tables = format ?? config.Format ?? ResultsFormat.Parquet;
        TraceEstimate estimate = TraceEstimate.Of(config);
        if (estimate.Rows > LargeTraceRows && !allowLarge)
        {
            await Console.Error.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"error: this run would write about {estimate.Rows:N0} trace rows (~{estimate.ApproximateBytes / 1e6:N0} MB: {estimate.EnergySamples:N0} energy samples, ~{estimate.PowerStateIntervals:N0} power-state intervals, ~{estimate.Packets:N0} packet records); pass --allow-large-traces to run it anyway")).ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        try
        {
            // Traces are streamed to the files while the run goes on (bounded memory).
            RunResult result = quiet || !AnsiConsole.Profile.Capabilities.Interactive
                ? await Task.Run(() => ResultsWriter.RunAsync(config, replication, target, scenarioFile.Name, text, tables, cancellationToken: ct), ct).ConfigureAwait(false)
                : await RunWithProgressAsync(config, replication, target, scenarioFile.Name, text, tables, ct).ConfigureAwait(false);
            if (!quiet)
            {
                PrintSummary(result, target);
            }

            // The report is derived from the files just written (the same path as 'sensornet report').
            return noReport ? ExitCodes.Ok : ReportCommand.Execute(new DirectoryInfo(target), new ReportOptions(), quiet);
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("interrupted: no results were published").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (InvalidOperationException e)
        {
            await Console.Error.WriteLineAsync("run failed: " + e.Message).ConfigureAwait(false);
            return ExitCodes.RunFailed;
        }
    }

    private static async Task<RunResult> RunWithProgressAsync(ScenarioConfig config, int replication, string target, string scenarioFileName, string text, ResultsFormat format, CancellationToken ct)
    {
        RunResult? result = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                ProgressTask task = ctx.AddTask($"{config.Name}: {config.Duration.TotalSeconds / 86400.0:0.##} simulated days", maxValue: 1.0);
                result = await Task.Run(() => ResultsWriter.RunAsync(config, replication, target, scenarioFileName, text, format, new Progress(task), cancellationToken: ct), ct).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return result!;
    }

    private static void PrintSummary(RunResult run, string target)
    {
        if (Console.IsOutputRedirected)
        {
            // Spectre assumes 80 columns when redirected; logs and pipes should get one line per node instead.
            AnsiConsole.Profile.Width = 240;
        }

        string days = (run.Config.Duration.TotalSeconds / 86400).ToString("0.###", CultureInfo.InvariantCulture);
        var table = new Table().Title($"[bold]{Markup.Escape(run.Config.Name)}[/]: {run.Nodes.Count} nodes, {days} simulated days, seed {run.Config.Seed}");
        table.AddColumns("node", "group", "active %", "sleep %", "wakeups", "frames", "airtime s", "energy J", "avg µW", "end/start %");
        foreach (NodeSummary n in run.Nodes)
        {
            double total = run.EndNs;
            table.AddRow(
                n.NodeId.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(n.Group),
                F(100.0 * n.McuActiveNs / total, "0.0000"),
                F(100.0 * n.McuSleepNs / total, "0.000"),
                n.Wakeups.ToString(CultureInfo.InvariantCulture),
                n.FramesSent.ToString(CultureInfo.InvariantCulture),
                F(n.AirtimeNs / 1e9, "0.000"),
                F(n.EnergyJ, "0.000"),
                F(n.AveragePowerW * 1e6, "0.0"),
                F(100.0 * n.FinalJ / n.InitialJ, "0.00"));
        }

        AnsiConsole.Write(table);
        if (run.Config.Network is not null)
        {
            NodeSummary[] aloha = [.. run.Nodes.Where(n => n.Kind == "loraAloha")];
            NodeSummary[] lorawan = [.. run.Nodes.Where(n => n.Kind == "lorawan")];
            if (aloha.Length > 0)
            {
                long sent = aloha.Sum(n => n.FramesSent);
                long delivered = aloha.Sum(n => n.FramesDelivered);
                AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"ALOHA: gateways received {delivered:N0} of {sent:N0} frames: DER {(sent == 0 ? 0 : (double)delivered / sent):F4}."));
            }

            NodeSummary[] beacons = [.. run.Nodes.Where(n => n.Kind == "bleAdvertiser")];
            if (beacons.Length > 0)
            {
                long events = beacons.Sum(n => n.Messages);
                long heard = beacons.Sum(n => n.FramesDelivered);
                AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"BLE: scanners heard {heard:N0} of {events:N0} advertising events ({(events == 0 ? 0 : (double)heard / events):F4})."));
            }

            NodeSummary[] collection = [.. run.Nodes.Where(n => n.Kind == "ieee802154")];
            if (collection.Length > 0)
            {
                long generated = collection.Sum(n => n.Messages);
                long atSink = collection.Sum(n => n.FramesDelivered);
                AnsiConsole.MarkupLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"802.15.4: the sinks received {atSink:N0} of {generated:N0} messages ({(generated == 0 ? 0 : (double)atSink / generated):F4}); {collection.Sum(n => n.FramesForwarded):N0} frames forwarded."));
            }

            if (lorawan.Length > 0)
            {
                long messages = lorawan.Sum(n => n.Messages);
                AnsiConsole.MarkupLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"LoRaWAN: the server received {lorawan.Sum(n => n.FramesDelivered):N0} of {messages:N0} messages, {lorawan.Sum(n => n.MessagesAcked):N0} acknowledged; {lorawan.Sum(n => n.FramesSent):N0} transmissions ({lorawan.Sum(n => n.Retransmissions):N0} retransmissions)."));
            }
        }

        AnsiConsole.MarkupLine($"{run.Events:N0} events. Results: [link]{Markup.Escape(target)}[/]");
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    // Spectre's task is not thread-affine; the runner reports from the calling thread between slices.
    private sealed class Progress(ProgressTask task) : IProgress<double>
    {
        public void Report(double value) => task.Value = value;
    }
}
