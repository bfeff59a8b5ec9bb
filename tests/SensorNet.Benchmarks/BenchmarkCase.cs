namespace SensorNet.Benchmarks;

/// <summary>One configuration (engine or baseline, workload a or b) and the measurements taken of it.</summary>
/// <param name="key">Short identifier for JSON output.</param>
/// <param name="label">Name in the printed table.</param>
/// <param name="create">Factory of fresh workloads.</param>
internal sealed class BenchmarkCase(string key, string label, Func<IWorkload> create)
{
    public string Key { get; } = key;

    public string Label { get; } = label;

    /// <summary>Builds a fresh workload for one run.</summary>
    public IWorkload Create() => create();

    public List<Measurement> Samples { get; } = [];

    public double MedianSeconds => Statistics.Median(Samples.Select(s => s.Seconds));

    public double MedianEventsPerSecond => Statistics.Median(Samples.Select(s => s.EventsPerSecond));

    public double MinEventsPerSecond => Samples.Min(s => s.EventsPerSecond);

    public double MaxEventsPerSecond => Samples.Max(s => s.EventsPerSecond);

    /// <summary>Median share of the wall time the process was on a processor; below ~95 % the machine was busy.</summary>
    public double MedianCpuShare => Statistics.Median(Samples.Select(s => s.CpuShare));

    /// <summary>The largest allocation of any measured run: the figure that must stay near zero.</summary>
    public long MaxAllocatedBytes => Samples.Max(s => s.AllocatedBytes);

    public int Gen0Collections => Samples.Sum(s => s.Gen0);

    public int Gen1Collections => Samples.Sum(s => s.Gen1);

    public int Gen2Collections => Samples.Sum(s => s.Gen2);
}
