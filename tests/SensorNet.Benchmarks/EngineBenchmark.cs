using System.Globalization;
using System.Text;

namespace SensorNet.Benchmarks;

/// <summary>
/// The <c>engine</c> subcommand: events per second of the SensorNet engine against a bare PriorityQueue loop on
/// the same draws, for (a) timers only and (b) timers of which 10 % are moved, measured in one process.
/// </summary>
internal static class EngineBenchmark
{
    /// <summary>Required engine/baseline throughput ratio on workload (a).</summary>
    public const double TargetRatio = 0.70;

    public const int ExitTargetFailed = 1;
    public const int ExitVerificationFailed = 2;

    /// <summary>Below this CPU/wall share a run was preempted by other processes.</summary>
    private const double BusyCpuShare = 0.9;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static int Run(EngineBenchmarkOptions options)
    {
        var parameters = new WorkloadParameters(options.Events, options.Entities, options.Seed);
        WorkloadPair[] pairs =
        [
            new WorkloadPair(
                "(a)",
                new BenchmarkCase("a_engine", "(a) engine", () => new EngineWorkload(parameters, withCancellation: false)),
                new BenchmarkCase("a_baseline", "(a) PriorityQueue", () => new PriorityQueueBaseline(parameters))),
            new WorkloadPair(
                "(b)",
                new BenchmarkCase("b_engine", "(b) engine, 10 % moved", () => new EngineWorkload(parameters, withCancellation: true)),
                new BenchmarkCase("b_baseline", "(b) PriorityQueue, lazy deletion", () => new LazyDeletionBaseline(parameters))),
        ];

        Console.WriteLine($"machine: {MachineInfo.Describe()}");
        if (MachineInfo.IsUnoptimizedBuild())
        {
            Console.WriteLine("warning: built without optimisation; run with -c Release for meaningful figures");
        }

        Console.WriteLine(string.Create(
            Invariant,
            $"workload: {options.Events:N0} events, {options.Entities:N0} entities, exponential delays with mean {WorkloadParameters.MeanDelay.TotalSeconds:0.###} s, seed {options.Seed}"));
        Console.WriteLine(string.Create(
            Invariant,
            $"runs: {options.Warmup} warm-up + {options.Repeats} measured repeats, engine and baseline interleaved"));
        Console.WriteLine();

        int rounds = options.Warmup + options.Repeats;
        for (int round = 0; round < rounds; round++)
        {
            bool measured = round >= options.Warmup;
            var progress = new StringBuilder(measured
                ? string.Create(Invariant, $"repeat {round - options.Warmup + 1}/{options.Repeats}:")
                : string.Create(Invariant, $"warm-up {round + 1}/{options.Warmup}:"));

            foreach (WorkloadPair pair in pairs)
            {
                // Alternate which side runs first, so drift (clock boost, background load) does not favour one side.
                bool baselineFirst = round % 2 == 1;
                Measurement first = Measurement.Take((baselineFirst ? pair.Baseline : pair.Engine).Create());
                Measurement second = Measurement.Take((baselineFirst ? pair.Engine : pair.Baseline).Create());
                Measurement engine = baselineFirst ? second : first;
                Measurement baseline = baselineFirst ? first : second;

                string? error = Verify(pair, engine.Outcome, baseline.Outcome, options.Events);
                if (error is not null)
                {
                    Console.WriteLine(progress);
                    Console.Error.WriteLine($"error: {error}");
                    return ExitVerificationFailed;
                }

                if (measured)
                {
                    pair.Engine.Samples.Add(engine);
                    pair.Baseline.Samples.Add(baseline);
                }

                progress.Append(Invariant, $"  {pair.Name} engine {engine.EventsPerSecond / 1e6:F2}, baseline {baseline.EventsPerSecond / 1e6:F2} Mev/s;");
            }

            Console.WriteLine(progress.ToString().TrimEnd(';'));
        }

        Console.WriteLine();
        PrintTable(pairs, options.Events);
        int preempted = pairs.SelectMany(p => p.Engine.Samples.Concat(p.Baseline.Samples)).Count(m => m.CpuShare < BusyCpuShare);
        if (preempted > 0)
        {
            Console.WriteLine(string.Create(
                Invariant,
                $"warning: {preempted} measured runs were on a processor less than {BusyCpuShare:P0} of their wall time; other load distorted them"));
        }

        WorkloadPair target = pairs[0];
        bool pass = target.Ratio >= TargetRatio;
        if (options.JsonPath is not null)
        {
            JsonReport.Write(options.JsonPath, options, pairs, TargetRatio, pass);
            Console.WriteLine($"figures written to {options.JsonPath}");
        }

        Console.WriteLine(string.Create(
            Invariant,
            $"target (a): engine/baseline = {target.Ratio:F2} {(pass ? "≥" : "<")} {TargetRatio:F2}: {(pass ? "PASS" : "FAIL")}"));
        return pass ? 0 : ExitTargetFailed;
    }

    /// <summary>Both sides must have executed the same events, and every repeat must reproduce the first run.</summary>
    private static string? Verify(WorkloadPair pair, WorkloadOutcome engine, WorkloadOutcome baseline, long events)
    {
        if (engine.Events != events || baseline.Events != events)
        {
            return string.Create(Invariant, $"{pair.Name}: expected {events} events, engine ran {engine.Events}, baseline {baseline.Events}");
        }

        if (!engine.SameEventsAs(baseline))
        {
            return string.Create(
                    Invariant,
                    $"{pair.Name}: engine and baseline disagree: last event at {engine.FinalTimeNs} ns vs {baseline.FinalTimeNs} ns, checksum {engine.Checksum:X16} vs {baseline.Checksum:X16}.")
                + " Only two events in the same nanosecond may legitimately reorder (b); if so, try another --seed.";
        }

        pair.Reference ??= engine;
        if (!engine.SameEventsAs(pair.Reference.Value))
        {
            return $"{pair.Name}: the run did not reproduce the first run's events; the workload is not deterministic";
        }

        return null;
    }

    private static void PrintTable(WorkloadPair[] pairs, long events)
    {
        const string Format = "{0,-33} {1,8} {2,12} {3,9} {4,9} {5,8} {6,11} {7,7} {8,8}";
        Console.WriteLine(string.Format(
            Invariant, Format, "configuration", "median s", "median Mev/s", "min Mev/s", "max Mev/s", "cpu/wall", "max alloc B", "B/event", "GC 0/1/2"));
        foreach (BenchmarkCase c in pairs.SelectMany(p => new[] { p.Engine, p.Baseline }))
        {
            Console.WriteLine(string.Format(
                Invariant,
                Format,
                c.Label,
                c.MedianSeconds.ToString("F3", Invariant),
                (c.MedianEventsPerSecond / 1e6).ToString("F2", Invariant),
                (c.MinEventsPerSecond / 1e6).ToString("F2", Invariant),
                (c.MaxEventsPerSecond / 1e6).ToString("F2", Invariant),
                c.MedianCpuShare.ToString("P0", Invariant),
                c.MaxAllocatedBytes.ToString("N0", Invariant),
                ((double)c.MaxAllocatedBytes / events).ToString("F2", Invariant),
                string.Create(Invariant, $"{c.Gen0Collections}/{c.Gen1Collections}/{c.Gen2Collections}")));
        }

        Console.WriteLine();
        foreach (WorkloadPair pair in pairs)
        {
            string paired = string.Join(" ", pair.PairedRatios.Select(r => r.ToString("F2", Invariant)));
            Console.WriteLine(string.Create(Invariant, $"ratio {pair.Name} engine/baseline (medians): {pair.Ratio:F2}   per repeat: {paired}"));
        }

        foreach (WorkloadPair pair in pairs)
        {
            WorkloadOutcome o = pair.Reference!.Value;
            long stale = pair.Baseline.Samples[0].Outcome.StaleEntries;
            string skipped = stale > 0 ? string.Create(Invariant, $", baseline skipped {stale:N0} stale entries") : string.Empty;
            Console.WriteLine(string.Create(
                Invariant,
                $"verified {pair.Name}: both sides ran {o.Events:N0} events, last at {o.FinalTimeNs / 1e9:F6} s simulated, checksum {o.Checksum:X16}{skipped}"));
        }

        Console.WriteLine();
    }
}
