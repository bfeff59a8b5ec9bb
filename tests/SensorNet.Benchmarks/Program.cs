using System.Text;

namespace SensorNet.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project tests/SensorNet.Benchmarks -- &lt;benchmark&gt; [options]</c>.
/// A custom harness rather than BenchmarkDotNet, because one 10-million-event run takes seconds and
/// BenchmarkDotNet's many iterations would take hours; each benchmark is a subcommand.
/// </summary>
internal static class Program
{
    private const int ExitUsage = 64;

    private static int Main(string[] args)
    {
        Console.OutputEncoding = Encoding.UTF8;
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            PrintUsage(args.Length == 0 ? Console.Error : Console.Out);
            return args.Length == 0 ? ExitUsage : 0;
        }

        try
        {
            switch (args[0])
            {
                case "engine":
                    EngineBenchmarkOptions? options = EngineBenchmarkOptions.Parse(args.AsSpan(1));
                    if (options is null)
                    {
                        PrintUsage(Console.Out);
                        return 0;
                    }

                    return EngineBenchmark.Run(options);
                case "scale":
                    return ScaleBenchmark.Run(args.AsSpan(1));
                case "scale-run":
                    return ScaleBenchmark.RunOne(args.AsSpan(1));
                case "floor":
                    return FloorBenchmark.Run(args.AsSpan(1));
                case "floor-run":
                    return FloorBenchmark.RunOne(args.AsSpan(1));
                case "sweep":
                    return SweepBenchmark.Run(args.AsSpan(1));
                case "sweep-run":
                    return SweepBenchmark.RunOne(args.AsSpan(1));
                case "sweep-threads":
                    return SweepBenchmark.RunThreads(args.AsSpan(1));
                default:
                    throw new UsageException($"unknown benchmark '{args[0]}'");
            }
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            PrintUsage(Console.Error);
            return ExitUsage;
        }
    }

    private static void PrintUsage(TextWriter writer)
    {
        writer.WriteLine("usage: dotnet run -c Release --project tests/SensorNet.Benchmarks -- <benchmark> [options]");
        writer.WriteLine();
        writer.WriteLine("benchmarks:");
        writer.WriteLine("  " + EngineBenchmarkOptions.Usage.Replace("\n", "\n  ", StringComparison.Ordinal));
        writer.WriteLine("  " + ScaleBenchmark.Usage.Replace("\n", "\n  ", StringComparison.Ordinal));
        writer.WriteLine("  " + FloorBenchmark.Usage.Replace("\n", "\n  ", StringComparison.Ordinal));
        writer.WriteLine("  " + SweepBenchmark.Usage.Replace("\n", "\n  ", StringComparison.Ordinal));
    }
}
