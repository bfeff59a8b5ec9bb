using System.Diagnostics;
using System.Reflection;
using System.Runtime;
using System.Runtime.InteropServices;
using SensorNet.SimEngine;

namespace SensorNet.Benchmarks;

/// <summary>Describes where the figures were measured; without it, numbers from two runs cannot be compared.</summary>
internal static class MachineInfo
{
    public static string Processor { get; } = ReadProcessorName();

    public static string Describe() =>
        $"{Environment.ProcessorCount} processors ({Processor}), {RuntimeInformation.OSDescription} "
        + $"{RuntimeInformation.OSArchitecture}, {RuntimeInformation.FrameworkDescription}, "
        + $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC";

    /// <summary>True when either assembly was built without optimisation, which makes the figures meaningless.</summary>
    public static bool IsUnoptimizedBuild() =>
        IsJitOptimizerDisabled(typeof(MachineInfo).Assembly) || IsJitOptimizerDisabled(typeof(Simulation).Assembly);

    private static bool IsJitOptimizerDisabled(Assembly assembly) =>
        assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled ?? false;

    private static string ReadProcessorName()
    {
        // Best effort: only Linux exposes the model name in a file; elsewhere the count alone is reported.
        const string CpuInfo = "/proc/cpuinfo";
        if (!File.Exists(CpuInfo))
        {
            return "unknown model";
        }

        foreach (string line in File.ReadLines(CpuInfo))
        {
            if (line.StartsWith("model name", StringComparison.Ordinal))
            {
                int colon = line.IndexOf(':', StringComparison.Ordinal);
                return colon >= 0 ? line[(colon + 1)..].Trim() : "unknown model";
            }
        }

        return "unknown model";
    }
}
