using System.Diagnostics;

namespace SensorNet.Benchmarks;

/// <summary>One timed run: its outcome, wall time, and what it allocated and collected.</summary>
internal readonly record struct Measurement(WorkloadOutcome Outcome, double Seconds, long AllocatedBytes, int Gen0, int Gen1, int Gen2)
{
    public double EventsPerSecond => Outcome.Events / Seconds;

    /// <summary>Sets the workload up, then times only its event loop.</summary>
    public static Measurement Take(IWorkload workload)
    {
        workload.Setup();

        // Start every run from a collected heap so that garbage of the previous run is not billed to this one.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        int gen0 = GC.CollectionCount(0);
        int gen1 = GC.CollectionCount(1);
        int gen2 = GC.CollectionCount(2);
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        WorkloadOutcome outcome = workload.Execute();
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        return new Measurement(
            outcome,
            elapsed.TotalSeconds,
            allocated,
            GC.CollectionCount(0) - gen0,
            GC.CollectionCount(1) - gen1,
            GC.CollectionCount(2) - gen2);
    }
}
