namespace SensorNet.Benchmarks;

/// <summary>One run of one configuration: untimed set-up, then the timed event loop.</summary>
internal interface IWorkload
{
    /// <summary>Creates entities and streams and schedules the first event of each (not timed).</summary>
    void Setup();

    /// <summary>Executes exactly the configured number of events (timed).</summary>
    WorkloadOutcome Execute();
}
