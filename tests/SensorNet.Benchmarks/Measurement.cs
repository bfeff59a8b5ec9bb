using System.Diagnostics;

namespace SensorNet.Benchmarks;

/// <summary>One timed run: its outcome, wall time, process CPU time, and what it allocated and collected.</summary>
/// <param name="Outcome">What the run computed.</param>
/// <param name="Seconds">Wall time of the event loop.</param>
/// <param name="CpuSeconds">Processor time of the whole process during the run: well below <paramref name="Seconds"/>
/// means the run was preempted by other load and its wall time is inflated.</param>
/// <param name="AllocatedBytes">Bytes allocated by the benchmark thread during the run.</param>
/// <param name="Gen0">Generation-0 collections during the run.</param>
/// <param name="Gen1">Generation-1 collections during the run.</param>
/// <param name="Gen2">Generation-2 collections during the run.</param>
internal readonly record struct Measurement(
    WorkloadOutcome Outcome, double Seconds, double CpuSeconds, long AllocatedBytes, int Gen0, int Gen1, int Gen2)
{
    public double EventsPerSecond => Outcome.Events / Seconds;

    public double CpuShare => CpuSeconds / Seconds;

    /// <summary>Sets the workload up, then times only its event loop.</summary>
    public static Measurement Take(IWorkload workload)
    {
        workload.Setup();

        // Start every run from a collected heap so that garbage of the previous run is not billed to this one.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        using Process process = Process.GetCurrentProcess();
        TimeSpan cpu = process.TotalProcessorTime;
        int gen0 = GC.CollectionCount(0);
        int gen1 = GC.CollectionCount(1);
        int gen2 = GC.CollectionCount(2);
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        WorkloadOutcome outcome = workload.Execute();
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        process.Refresh();
        cpu = process.TotalProcessorTime - cpu;
        return new Measurement(
            outcome,
            elapsed.TotalSeconds,
            cpu.TotalSeconds,
            allocated,
            GC.CollectionCount(0) - gen0,
            GC.CollectionCount(1) - gen1,
            GC.CollectionCount(2) - gen2);
    }
}
