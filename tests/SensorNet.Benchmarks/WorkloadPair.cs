namespace SensorNet.Benchmarks;

/// <summary>A workload measured on the engine and on its baseline; the figure of merit is their throughput ratio.</summary>
internal sealed class WorkloadPair(string name, BenchmarkCase engine, BenchmarkCase baseline)
{
    /// <summary>"(a)" or "(b)".</summary>
    public string Name { get; } = name;

    public BenchmarkCase Engine { get; } = engine;

    public BenchmarkCase Baseline { get; } = baseline;

    /// <summary>The outcome every run of this workload must reproduce, set by the first run.</summary>
    public WorkloadOutcome? Reference { get; set; }

    /// <summary>Ratio of the median throughputs, engine / baseline.</summary>
    public double Ratio => Engine.MedianEventsPerSecond / Baseline.MedianEventsPerSecond;

    /// <summary>Ratios of the runs made back to back in each repeat; their spread shows how noisy the machine was.</summary>
    public IEnumerable<double> PairedRatios =>
        Engine.Samples.Zip(Baseline.Samples, (e, b) => e.EventsPerSecond / b.EventsPerSecond);
}
