using System.Diagnostics;
using System.Globalization;

namespace SensorNet.Benchmarks;

/// <summary>
/// Starts this benchmark program again as a child process on a given number of CPUs. The targets speak of cores (one
/// core for a run, two for a sweep), and an unconfined .NET process also uses the other core for background garbage
/// collection and JIT compilation, which would flatter a "one core" figure. On Linux the child runs under
/// <c>taskset</c>, so every thread of the runtime inherits the CPU set; where <c>taskset</c> is missing it runs
/// unconfined and <see cref="Describe"/> says so.
/// <para>Children start with the tool's runtime settings (<c>eng/Tiering.targets</c>, in the runtimeconfig.json of
/// both): among them no call-counting delay, which a one-CPU process would otherwise multiply by 10
/// (<c>TC_DelaySingleProcMultiplier</c>, coreclr <c>eeconfig.cpp</c>) and so keep a confined run in unoptimised code
/// for seconds that an unconfined one leaves at once. Both CPU counts tier up by the same rule, and the figures measure
/// the simulator rather than the runtime's start-up policy.</para>
/// </summary>
internal static class ChildProcess
{
    private static readonly string? Taskset = FindTaskset();

    /// <summary>How children are confined, for the benchmark header.</summary>
    public static string Describe(int cpus) => Taskset is null || cpus >= Environment.ProcessorCount
        ? $"{Math.Min(cpus, Environment.ProcessorCount)} CPU(s), unconfined{(Taskset is null ? " (no taskset)" : string.Empty)}"
        : $"confined to CPU {CpuList(cpus)} with taskset";

    /// <summary>
    /// Runs the benchmark program with <paramref name="arguments"/> on <paramref name="cpus"/> CPUs; returns the last line
    /// of its standard output, where every child prints its result.
    /// </summary>
    /// <exception cref="InvalidOperationException">The child failed.</exception>
    public static string Run(int cpus, params string[] arguments) =>
        Run(cpus < Environment.ProcessorCount ? CpuList(cpus) : null, arguments);

    /// <summary>
    /// Runs the benchmark program confined to the one CPU numbered <paramref name="cpu"/> (unconfined without
    /// <c>taskset</c>, see <see cref="CanPin"/>); returns the last line of its standard output.
    /// </summary>
    /// <exception cref="InvalidOperationException">The child failed.</exception>
    public static string RunOn(int cpu, params string[] arguments) => Run(cpu.ToString(CultureInfo.InvariantCulture), arguments);

    /// <summary>True when children can be confined to given CPUs (Linux with <c>taskset</c>).</summary>
    public static bool CanPin => Taskset is not null;

    private static string Run(string? cpuList, string[] arguments)
    {
        var psi = new ProcessStartInfo { RedirectStandardOutput = true, UseShellExecute = false };
        var command = new List<string>();
        if (Taskset is not null && cpuList is not null)
        {
            psi.FileName = Taskset;
            command.AddRange(["-c", cpuList, Environment.ProcessPath!]);
        }
        else
        {
            psi.FileName = Environment.ProcessPath!;
        }

        // Under 'dotnet run' the process is the apphost; under 'dotnet x.dll' it is dotnet and needs the dll.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!).Equals("dotnet", StringComparison.Ordinal))
        {
            command.Add(typeof(ChildProcess).Assembly.Location);
        }

        command.AddRange(arguments);
        command.ForEach(psi.ArgumentList.Add);
        using Process p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{string.Join(' ', arguments)}' failed with exit code {p.ExitCode}");
        }

        return output.Trim().Split('\n')[^1];
    }

    // The highest-numbered CPUs: CPU 0 takes most of the machine's interrupts.
    private static string CpuList(int cpus)
    {
        int last = Environment.ProcessorCount - 1;
        int first = Math.Max(0, last - cpus + 1);
        return first == last ? last.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{first}-{last}");
    }

    private static string? FindTaskset() =>
        OperatingSystem.IsLinux()
            ? (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Select(d => Path.Combine(d, "taskset")).FirstOrDefault(File.Exists)
            : null;
}
