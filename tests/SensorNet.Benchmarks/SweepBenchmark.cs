using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json;
using System.Text.Json.Serialization;
using SensorNet.Scenarios.Running;
using SensorNet.Scenarios.Sweeps;

namespace SensorNet.Benchmarks;

/// <summary>
/// The <c>sweep</c> benchmark (issue 10's target: a sweep on 2 cores at least 1.8× faster than on 1): a sweep of
/// equal runs of the scale benchmark's Tock LoRa scenario (each its own seed), run with <c>--parallel 1</c> on one
/// core and <c>--parallel 2</c> on two, in alternating order, every run writing its results as <c>sensornet sweep</c>
/// does. Each sweep is a child process confined to its cores (<see cref="ChildProcess"/>): unconfined, the one-worker
/// sweep would borrow the idle core for background garbage collection. Checks that both give byte-identical
/// summaries; prints medians and the speed-up. As a baseline in the same run it times half the runs as a one-worker
/// sweep alone and beside the other half (a second process on the other CPU): the two share nothing but the machine,
/// so the slowdown is the hardware's, and it caps what two workers in one process can reach. A second baseline runs,
/// after a warm-up run, the first half alone on one CPU and both halves on two threads of one process on two
/// (<see cref="RunThreads"/>): its slowdown is what sharing one process costs warm runs, apart from the warm-up.
/// </summary>
internal static class SweepBenchmark
{
    public const string Usage =
        "sweep [--nodes 200] [--runs 8] [--repeats 3]\n" +
        "    a sweep of equal Tock LoRa runs (1 simulated day each) with --parallel 1 and 2; target: speed-up ≥ 1.8;\n" +
        "    baselines: half the runs alone and beside the other half, as two processes on the two CPUs and, after warm-up,\n" +
        "    as two threads of one process";

    private const double Target = 1.8;

    public static int Run(ReadOnlySpan<string> args)
    {
        var options = new OptionReader(args);
        int nodes = (int)options.GetInt64("--nodes", 200, 1, 1_000_000);
        int runs = (int)options.GetInt64("--runs", 8, 2, 1000);
        int repeats = (int)options.GetInt64("--repeats", 3, 1, 100);
        options.RejectUnknown();

        string dir = Path.Combine(Path.GetTempPath(), $"sensornet-sweep-bench-{Environment.ProcessId}");
        try
        {
            string scenario = ScaleScenarios.Write("lora", nodes, dir);
            string sweepFile = Path.Combine(dir, "sweep.yaml");
            WriteSweep(sweepFile, scenario, 1, runs);
            _ = SweepDefinition.Load(sweepFile); // fail here, not in a child, if the file is wrong

            // The machine's own concurrency: half the runs as a one-worker sweep alone, and beside the other half.
            int half = (runs + 1) / 2;
            string[] halves = [Path.Combine(dir, "sweep-a.yaml"), Path.Combine(dir, "sweep-b.yaml")];
            WriteSweep(halves[0], scenario, 1, half);
            WriteSweep(halves[1], scenario, half + 1, runs - half);
            string warm = Path.Combine(dir, "sweep-warm.yaml");
            WriteSweep(warm, scenario, runs + 1, 1);
            bool sideBySide = ChildProcess.CanPin && Environment.ProcessorCount >= 2;
            int[] pairCpus = [Environment.ProcessorCount - 2, Environment.ProcessorCount - 1];

            Console.WriteLine($"sweep benchmark: {MachineInfo.Describe()}");
            Console.WriteLine($"{runs} runs of {nodes:N0} Tock LoRa nodes × 1 simulated day, results written as by 'sensornet sweep'; {repeats} repeats, order alternating");
            Console.WriteLine($"one child process per sweep: --parallel 1 {ChildProcess.Describe(1)}, --parallel 2 {ChildProcess.Describe(2)}");
            Console.WriteLine(sideBySide
                ? $"baseline: the first {half} runs as a --parallel 1 sweep on CPU {pairCpus[1]}, alone and with the other {runs - half} as a second one on CPU {pairCpus[0]}"
                : "baseline: not measured (needs taskset and 2 CPUs)");
            var walls = new Dictionary<int, List<SweepChild>> { [1] = [], [2] = [] };
            var alone = new List<double>();
            var pairs = new List<double>();
            var threads = new List<(InProcessChild One, InProcessChild Two)>();
            byte[]? reference = null;
            for (int r = 0; r < repeats; r++)
            {
                foreach (Sweep sweep in r % 2 == 0 ? new[] { Sweep.OneWorker, Sweep.TwoWorkers, Sweep.HalfAlone, Sweep.HalvesSideBySide, Sweep.HalvesOnThreads } : [Sweep.HalvesOnThreads, Sweep.HalvesSideBySide, Sweep.HalfAlone, Sweep.TwoWorkers, Sweep.OneWorker])
                {
                    if (sweep == Sweep.HalvesOnThreads)
                    {
                        if (sideBySide)
                        {
                            // After a warm-up run: the first half alone on one CPU, then both halves on two threads of one process on both.
                            string threadsOutput = Path.Combine(dir, $"out-{r}-threads");
                            InProcessChild alone1 = JsonSerializer.Deserialize<InProcessChild>(ChildProcess.RunOn(pairCpus[1], "sweep-threads", warm, Path.Combine(threadsOutput, "1"), halves[0]))!;
                            InProcessChild beside2 = JsonSerializer.Deserialize<InProcessChild>(ChildProcess.Run(2, "sweep-threads", warm, Path.Combine(threadsOutput, "2"), halves[0], halves[1]))!;
                            threads.Add((alone1, beside2));
                            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  repeat {r + 1}, in one process after a warm-up run: a run {alone1.RunS:0.00} s alone on one CPU, {beside2.RunS:0.00} s beside a second worker on two (medians; compiling {alone1.CompiledMethods:N0} and {beside2.CompiledMethods:N0} methods meanwhile)"));
                            Directory.Delete(threadsOutput, recursive: true);
                        }

                        continue;
                    }

                    if (sweep is Sweep.HalfAlone or Sweep.HalvesSideBySide)
                    {
                        if (sideBySide)
                        {
                            bool both = sweep == Sweep.HalvesSideBySide;
                            double halfSeconds = SideBySide(both ? halves : halves[..1], both ? pairCpus : pairCpus[1..], Path.Combine(dir, $"out-{r}-{sweep}"));
                            (both ? pairs : alone).Add(halfSeconds);
                            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  repeat {r + 1}, {(both ? "both halves side by side" : "first half alone")}: {halfSeconds,7:0.00} s"));
                        }

                        continue;
                    }

                    int parallel = sweep == Sweep.OneWorker ? 1 : 2;
                    string output = Path.Combine(dir, $"out-{r}-{parallel}");
                    string p = parallel.ToString(CultureInfo.InvariantCulture);
                    SweepChild child = JsonSerializer.Deserialize<SweepChild>(ChildProcess.Run(parallel, "sweep-run", sweepFile, output, p))!;

                    byte[] summary = File.ReadAllBytes(Path.Combine(output, "summary.parquet"));
                    if (reference is not null && !summary.AsSpan().SequenceEqual(reference))
                    {
                        Console.Error.WriteLine("error: --parallel 1 and 2 gave different summaries");
                        return 2;
                    }

                    reference = summary;
                    walls[parallel].Add(child);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  repeat {r + 1}, --parallel {parallel}: {child.WallS,7:0.00} s (first run ended at {child.FirstRunS:0.00} s{(double.IsNaN(child.LaterRunS) ? string.Empty : $", later runs {child.LaterRunS:0.00} s each per worker")}; compiling {child.CompileS:0.00} s, {child.CompiledMethods:N0} methods; JIT profile {child.JitProfile})"));
                    Directory.Delete(output, recursive: true);
                }
            }

            double one = Statistics.Median(walls[1].Select(c => c.WallS));
            double two = Statistics.Median(walls[2].Select(c => c.WallS));
            double speedup = one / two;
            Console.WriteLine();
            foreach ((int parallel, double wall) in new[] { (1, one), (2, two) })
            {
                List<SweepChild> c = walls[parallel];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"--parallel {parallel}: {wall:0.00} s median ({runs / wall:0.00} runs/s); first run ended at {Statistics.Median(c.Select(x => x.FirstRunS)):0.00} s, compiling {Statistics.Median(c.Select(x => x.CompileS)):0.00} s (medians)"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"speed-up {speedup:0.00} (per repeat: {string.Join(' ', walls[1].Zip(walls[2], (a, b) => (a.WallS / b.WallS).ToString("0.00", CultureInfo.InvariantCulture)))}); summaries byte-identical"));

            // Every worker's first run starts in code still being compiled; the later runs show what the runs themselves
            // reach. Two workers pay the warm-up side by side, one worker pays it once, so it weighs on the speed-up.
            if (runs > 2)
            {
                double laterOne = Statistics.Median(walls[1].Select(c => c.LaterRunS));
                double laterTwo = Statistics.Median(walls[2].Select(c => c.LaterRunS));
                double warmUp = Statistics.Median(walls[1].Select(c => c.WarmUpS));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up: a worker's first run took {warmUp:0.00} s longer than its later ones (one worker, median); after it the speed-up of the runs is {2 * laterOne / laterTwo:0.00} ({laterOne:0.00} s per run on one worker, {laterTwo:0.00} s per run per worker on two)"));
            }

            if (pairs.Count > 0)
            {
                // Two processes share nothing but the machine, so their slowdown side by side is the hardware's (shared
                // cache and memory, the host); two workers in one process cannot beat 2 × this efficiency on their runs.
                double single = Statistics.Median(alone);
                double pair = Statistics.Median(pairs);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"baseline: half the runs {single:0.00} s alone, {pair:0.00} s beside the other half (medians): each of two concurrent simulations runs at {single / pair * 100:0}% of the speed of one alone (per repeat: {string.Join(' ', alone.Zip(pairs, (a, b) => (a / b * 100).ToString("0", CultureInfo.InvariantCulture) + "%"))}), which caps the speed-up of the runs' own work at {2 * single / pair:0.00}"));
            }

            if (threads.Count > 0)
            {
                // The same halves as two workers of one process, both warm: what sharing the process costs warm runs.
                double single = Statistics.Median(threads.Select(t => t.One.RunS));
                double beside = Statistics.Median(threads.Select(t => t.Two.RunS));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"in one process after a warm-up run: a run {single:0.00} s alone, {beside:0.00} s beside a second worker (medians): each of two workers runs at {single / beside * 100:0}% of the speed of one alone (per repeat: {string.Join(' ', threads.Select(t => (t.One.RunS / t.Two.RunS * 100).ToString("0", CultureInfo.InvariantCulture) + "%"))})"));
            }

            bool pass = speedup >= Target;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"target: speed-up = {speedup:0.000} ≥ {Target}: {(pass ? "PASS" : "FAIL")}"));
            return pass ? 0 : 1;
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    private enum Sweep
    {
        OneWorker,
        TwoWorkers,
        HalfAlone,
        HalvesSideBySide,
        HalvesOnThreads,
    }

    private static void WriteSweep(string path, string scenario, int firstSeed, int runs) =>
        File.WriteAllText(path, $"name: sweep-bench\nscenario: {Path.GetFileName(scenario)}\nreplications: 1\ngrid:\n  seed: [{string.Join(", ", Enumerable.Range(firstSeed, runs))}]\n");

    // One-worker sweeps started together, each confined to its own CPU; the time is the latest one's.
    private static double SideBySide(string[] sweeps, int[] cpus, string output)
    {
        Task<string>[] children = [.. sweeps.Select((sweep, i) => Task.Run(() =>
            ChildProcess.RunOn(cpus[i], "sweep-run", sweep, Path.Combine(output, i.ToString(CultureInfo.InvariantCulture)), "1")))];
        double seconds = children.Max(c => JsonSerializer.Deserialize<SweepChild>(c.GetAwaiter().GetResult())!.WallS);
        Directory.Delete(output, recursive: true);
        return seconds;
    }

    /// <summary>
    /// The child of <see cref="Run"/>: <c>sweep-run SWEEP OUTPUT PARALLEL</c>; prints a <see cref="SweepChild"/> as
    /// JSON: the wall seconds, when each run ended, and the runtime's compile time (<see cref="JitInfo"/>).
    /// </summary>
    public static int RunOne(ReadOnlySpan<string> args)
    {
        if (args.Length != 3)
        {
            throw new UsageException("sweep-run SWEEP OUTPUT PARALLEL");
        }

        StartedProfile? profile = StartupProfile.Start("sweep"); // as the tool does, before anything else
        SweepDefinition sweep = SweepDefinition.Load(args[0]);
        int parallel = int.Parse(args[2], CultureInfo.InvariantCulture);
        SweepRunner.TurnOffBackgroundGcFor(parallel); // as the sweep command does
        var clock = Stopwatch.StartNew();
        double[] ends = RunEndsOf(sweep, args[1], parallel, clock);
        clock.Stop();
        Console.WriteLine(JsonSerializer.Serialize(new SweepChild(clock.Elapsed.TotalSeconds, parallel, ends, JitInfo.GetCompilationTime().TotalSeconds, JitInfo.GetCompiledMethodCount(), JitProfileUse(profile))));
        return 0;
    }

    /// <summary>
    /// The child of the in-process baseline: <c>sweep-threads WARM OUTPUT HALF...</c>. Runs the one-run sweep WARM, so
    /// that every hot method has its final code, then each HALF as a one-worker sweep on a thread of its own, all at
    /// once (as <c>sensornet sweep</c> runs a worker); prints an <see cref="InProcessChild"/> as JSON. Run on one CPU
    /// with one half and on two with two, the compiler's later work (tier-up of code that runs a few hundred times
    /// per run) is charged to the cores in both, as in the sweeps it stands for.
    /// </summary>
    public static int RunThreads(ReadOnlySpan<string> args)
    {
        if (args.Length < 3)
        {
            throw new UsageException("sweep-threads WARM OUTPUT HALF...");
        }

        SweepDefinition warm = SweepDefinition.Load(args[0]);
        string output = args[1];
        SweepDefinition[] halves = [.. args[2..].ToArray().Select(SweepDefinition.Load)];
        SweepRunner.TurnOffBackgroundGcFor(halves.Length); // as a sweep with that many workers does
        var clock = Stopwatch.StartNew();
        _ = RunEndsOf(warm, Path.Combine(output, "warm"), 1, clock);
        long compiled = JitInfo.GetCompiledMethodCount();
        Task<double[]>[] started = [.. halves.Select((h, i) => Task.Factory.StartNew(
            () =>
            {
                double start = clock.Elapsed.TotalSeconds;
                return (double[])[start, .. RunEndsOf(h, Path.Combine(output, $"half-{i}"), 1, clock)];
            },
            TaskCreationOptions.LongRunning))];
        double[][] ends = [.. started.Select(t => t.GetAwaiter().GetResult())];

        // Only runs that ended no later than the first half finished were wholly beside the others.
        double firstDone = ends.Min(e => e[^1]);
        double[] runs = [.. ends.SelectMany(e => Durations(e).Where((_, k) => e[k + 1] <= firstDone))];
        Console.WriteLine(JsonSerializer.Serialize(new InProcessChild(Statistics.Median(runs), JitInfo.GetCompiledMethodCount() - compiled)));
        return 0;
    }

    // Runs the sweep as 'sensornet sweep' does; returns when each run ended on the clock, ascending.
    private static double[] RunEndsOf(SweepDefinition sweep, string output, int parallel, Stopwatch clock)
    {
        var ends = new RunEnds(clock);
        IReadOnlyList<SweepOutcome> outcomes = SweepRunner.RunAsync(sweep, output, parallel, resume: false, progress: ends).GetAwaiter().GetResult();
        if (outcomes.FirstOrDefault(o => o.Status == "failed") is { } failed)
        {
            throw new InvalidOperationException($"sweep run failed: {failed.Error}");
        }

        return ends.Seconds;
    }

    // Seconds of each run from [start, end of run 1, end of run 2, ...].
    private static double[] Durations(double[] times) => [.. times.Skip(1).Select((end, k) => end - times[k])];

    // The runtime neither plays nor records a multicore-JIT profile in a process confined to one CPU.
    private static string JitProfileUse(StartedProfile? profile) =>
        profile is null ? "off" : Environment.ProcessorCount < 2 ? "unused (one CPU)" : profile.Played ? "played" : "recorded";

    // When each run ended, in seconds on the given clock; SweepRunner reports on the worker's thread.
    private sealed class RunEnds(Stopwatch clock) : IProgress<SweepOutcome>
    {
        private readonly List<double> _seconds = [];

        public double[] Seconds
        {
            get
            {
                lock (_seconds)
                {
                    return [.. _seconds.Order()];
                }
            }
        }

        public void Report(SweepOutcome value)
        {
            double now = clock.Elapsed.TotalSeconds;
            lock (_seconds)
            {
                _seconds.Add(now);
            }
        }
    }
}

/// <summary>What a <c>sweep-threads</c> child measured, after its warm-up run.</summary>
/// <param name="RunS">Median seconds per run (runs that ended no later than the first half finished).</param>
/// <param name="CompiledMethods">Methods the runtime compiled after the warm-up run, every tier counted.</param>
internal sealed record InProcessChild(double RunS, long CompiledMethods);

/// <summary>What a <c>sweep-run</c> child measured.</summary>
/// <param name="WallS">Wall seconds of the sweep (scenario loaded to summary written).</param>
/// <param name="Workers">Runs at once.</param>
/// <param name="RunEndsS">When each run ended, seconds since the sweep started, ascending.</param>
/// <param name="CompileS">Time the runtime spent compiling code, all threads (<see cref="JitInfo.GetCompilationTime"/>).</param>
/// <param name="CompiledMethods">Methods compiled, every tier counted.</param>
/// <param name="JitProfile">What the sweep did with the tool's multicore-JIT profile (<see cref="StartupProfile"/>): played an earlier invocation's, only recorded one, or neither.</param>
internal sealed record SweepChild(double WallS, int Workers, double[] RunEndsS, double CompileS, long CompiledMethods, string JitProfile)
{
    /// <summary>When the first run ended: each worker's first run starts cold, in code not yet compiled at full speed.</summary>
    [JsonIgnore]
    public double FirstRunS => RunEndsS[0];

    /// <summary>Seconds per run per worker after the first runs: (last end − first end) over the runs each worker did after its first.</summary>
    [JsonIgnore]
    public double LaterRunS => RunEndsS.Length > Workers
        ? (RunEndsS[^1] - RunEndsS[0]) * Workers / (RunEndsS.Length - Workers)
        : double.NaN;

    /// <summary>How much longer a first run took than a later one.</summary>
    [JsonIgnore]
    public double WarmUpS => FirstRunS - LaterRunS;
}
