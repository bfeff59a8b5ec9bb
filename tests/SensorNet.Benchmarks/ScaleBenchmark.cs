using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SensorNet.Scenarios;
using SensorNet.Scenarios.Loading;
using SensorNet.Scenarios.Results;
using SensorNet.Scenarios.Running;

namespace SensorNet.Benchmarks;

/// <summary>
/// The <c>scale</c> benchmark (issue 10): whole scenarios with the full Tock kernel model on every node, one simulated
/// day each: LoRa periodic sensing (uplink every 10 min, SF by distance, 4 gateways) at several N, an 802.15.4 star
/// and a BLE beacon field. Every measurement runs in a fresh child process, so peak memory (VmHWM) and JIT state belong
/// to that run alone; the table gives medians over the repeats and a fit of wall time against N.
/// </summary>
internal static class ScaleBenchmark
{
    public const string Usage =
        "scale [--lora 1000,10000,100000] [--ieee802154 1000] [--ble 1000] [--lora-sense N,...] [--lora-radio N,...] [--repeats 3] [--repeats-large 1] [--json FILE]\n" +
        "    whole scenarios, full Tock kernel on every node, 1 simulated day; sizes of 10,000 and more use --repeats-large;\n" +
        "    --lora-sense and --lora-radio (off by default) run the LoRa case's layers alone, to split its time by layer";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static int Run(ReadOnlySpan<string> args)
    {
        var sizes = new Dictionary<string, int[]>(StringComparer.Ordinal) { ["lora"] = [1000, 10_000, 100_000], ["ieee802154"] = [1000], ["ble"] = [1000], ["lora-sense"] = [], ["lora-radio"] = [] };
        int repeats = 3, repeatsLarge = 1;
        string? json = null;
        for (int i = 0; i < args.Length; i++)
        {
            string value = i + 1 < args.Length ? args[i + 1] : throw new UsageException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--lora" or "--ieee802154" or "--ble" or "--lora-sense" or "--lora-radio":
                    sizes[args[i][2..]] = value.Length == 0 || value == "0" ? [] : OptionReader.ParseCounts(args[i], value);
                    break;
                case "--repeats":
                    repeats = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--repeats-large":
                    repeatsLarge = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--json":
                    json = value;
                    break;
                default:
                    throw new UsageException($"unknown option '{args[i]}'");
            }

            i++;
        }

        Console.WriteLine($"scale benchmark: {MachineInfo.Describe()}");
        Console.WriteLine($"one child process per run, {ChildProcess.Describe(1)}; wall = simulate + write results (Parquet); medians over repeats");
        Console.WriteLine();
        Console.WriteLine($"{"case",-11} {"nodes",8} {"runs",4} {"wall s",9} {"write %",8} {"gc %",6} {"events",14} {"Mev/s",7} {"node-d/s",9} {"peak MiB",9}");
        var all = new List<ScaleRun>();
        var walls = new Dictionary<(string Case, int N), double>();
        foreach ((string name, int[] ns) in sizes)
        {
            var medians = new List<(int N, double Wall)>();
            foreach (int n in ns)
            {
                int count = n >= 10_000 ? repeatsLarge : repeats;
                var runs = Enumerable.Range(0, count).Select(_ => RunChild(name, n)).ToList();
                all.AddRange(runs);
                double wall = Statistics.Median(runs.Select(r => r.RunS + r.WriteS));
                double write = Statistics.Median(runs.Select(r => r.WriteS / (r.RunS + r.WriteS)));
                double gc = Statistics.Median(runs.Select(r => r.GcPauseS / (r.RunS + r.WriteS)));
                long events = runs[0].Events;
                medians.Add((n, wall));
                walls[(name, n)] = wall;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-11} {n,8:N0} {count,4} {wall,9:0.00} {write * 100,7:0.0}% {gc * 100,5:0.0}% {events,14:N0} {events / Statistics.Median(runs.Select(r => r.RunS)) / 1e6,7:0.00} {n / wall,9:0.0} {Statistics.Median(runs.Select(r => (double)r.PeakRssBytes)) / (1 << 20),9:0}"));
            }

            if (medians.Count >= 2)
            {
                // Least squares of log(wall) on log(N): the exponent b in wall ∝ N^b (1 = linear; N log N looks like ~1.1).
                double[] x = [.. medians.Select(m => Math.Log(m.N))], y = [.. medians.Select(m => Math.Log(m.Wall))];
                double mx = x.Average(), my = y.Average();
                double b = x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my)) / x.Sum(v => (v - mx) * (v - mx));
                string perNLogN = string.Join(", ", medians.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Wall / (m.N * Math.Log(m.N)) * 1e6:0.00} µs")));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-11} growth: wall ∝ N^{b:0.00}; wall / (N ln N) = {perNLogN}"));
            }
        }

        PrintLayers(walls);
        if (json is not null)
        {
            File.WriteAllText(json, JsonSerializer.Serialize(all, Indented) + "\n");
        }

        return 0;
    }

    // Where the LoRa case's time goes, for each N run as a whole and as both layers: what is left after the Tock kernel
    // with sensing alone and the radio alone is RadioLib's uplink path (the syscalls, wake-ups and drivers of about 16
    // SPI commands per uplink). Approximate: each layer's run also pays its own start-up and node construction.
    private static void PrintLayers(Dictionary<(string Case, int N), double> walls)
    {
        foreach (((_, int n), double whole) in walls.Where(w => w.Key.Case == "lora"))
        {
            if (walls.TryGetValue(("lora-sense", n), out double sense) && walls.TryGetValue(("lora-radio", n), out double radio))
            {
                double rest = whole - sense - radio;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lora layers at {n:N0} nodes: radio only {radio:0.00} s ({radio / whole:P0}), Tock kernel and sensing {sense:0.00} s ({sense / whole:P0}), the rest (RadioLib's uplinks) ≈ {rest:0.00} s ({rest / whole:P0})"));
            }
        }
    }

    /// <summary>The child: runs one scenario once and prints one JSON line of figures.</summary>
    public static int RunOne(ReadOnlySpan<string> args)
    {
        if (args.Length is not (2 or 3))
        {
            throw new UsageException("scale-run CASE NODES [DURATION]");
        }

        string name = args[0];
        int nodes = int.Parse(args[1], CultureInfo.InvariantCulture);
        string duration = args.Length == 3 ? args[2] : "1 d";
        string dir = Path.Combine(Path.GetTempPath(), $"sensornet-scale-{Environment.ProcessId}");
        try
        {
            WarmUp(name, Path.Combine(dir, "warm-up"));
            string path = ScaleScenarios.Write(name, nodes, dir, duration);
            ScenarioConfig config = ScenarioLoader.LoadFile(path);
            int gen2Before = GC.CollectionCount(2);
            TimeSpan pausedBefore = GC.GetTotalPauseDuration();
            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var run = Stopwatch.StartNew();
            RunResult result = ScenarioRunner.Run(config);
            run.Stop();
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            var write = Stopwatch.StartNew();
            ResultsWriter.WriteAsync(result, Path.Combine(dir, "out"), Path.GetFileName(path), File.ReadAllText(path)).GetAwaiter().GetResult();
            write.Stop();
            var figures = new ScaleRun(name, nodes, result.Events, run.Elapsed.TotalSeconds, write.Elapsed.TotalSeconds, PeakRss(), allocated, result.Nodes.Sum(n => n.FramesSent), GC.CollectionCount(2) - gen2Before, (GC.GetTotalPauseDuration() - pausedBefore).TotalSeconds);
            Console.WriteLine(JsonSerializer.Serialize(figures));
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // On one core the runtime compiles on the simulating core, a cost that would weigh most on the smallest runs and so
    // flatter the growth fit. A short run of the same case first (100 nodes, 1 simulated hour, the same code paths)
    // compiles it; the timed run then measures the simulator. The peak-memory mark is reset after it (Linux:
    // /proc/self/clear_refs), so the peak is the timed run's.
    private static void WarmUp(string name, string dir)
    {
        RunResult warm = ScenarioRunner.Run(ScenarioLoader.LoadFile(ScaleScenarios.Write(name, 100, dir, "1 h")));
        ResultsWriter.WriteAsync(warm, Path.Combine(dir, "out"), "warm-up.yaml", string.Empty).GetAwaiter().GetResult();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        const string ClearRefs = "/proc/self/clear_refs";
        if (File.Exists(ClearRefs))
        {
            File.WriteAllText(ClearRefs, "5"); // 5: reset the resident set's high-water mark
        }
    }

    // One core, as the targets are stated: the child is confined to one CPU (ChildProcess).
    private static ScaleRun RunChild(string name, int nodes) =>
        JsonSerializer.Deserialize<ScaleRun>(ChildProcess.Run(1, "scale-run", name, nodes.ToString(CultureInfo.InvariantCulture)))!;

    private static long PeakRss()
    {
        // VmHWM: the resident set's high-water mark of this process (Linux); elsewhere the managed heap's peak view.
        const string Status = "/proc/self/status";
        if (File.Exists(Status))
        {
            foreach (string line in File.ReadLines(Status))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }

        return Process.GetCurrentProcess().PeakWorkingSet64;
    }
}

/// <summary>One child run's figures.</summary>
internal sealed record ScaleRun(string Case, int Nodes, long Events, double RunS, double WriteS, long PeakRssBytes, long AllocatedBytes, long FramesSent, int Gen2Collections, double GcPauseS);
