using SensorNet.SimEngine.Time;

namespace SensorNet.Scenarios.Running;

/// <summary>
/// How many trace rows a run will write, before running it: the energy time series exactly (nodes × samples), the
/// power-state intervals and packet records by extrapolating a short pilot run (the first 1/200 of the scenario, at
/// least one simulated minute and at most one hour) to the whole duration. A warm-up period makes the pilot an estimate, not a bound.
/// </summary>
/// <param name="EnergySamples">Rows of <c>energy.parquet</c>.</param>
/// <param name="PowerStateIntervals">Rows of <c>power_states.parquet</c> (estimated).</param>
/// <param name="Packets">Rows of <c>packets.parquet</c> (estimated).</param>
public readonly record struct TraceEstimate(long EnergySamples, long PowerStateIntervals, long Packets)
{
    /// <summary>All rows.</summary>
    public long Rows => EnergySamples + PowerStateIntervals + Packets;

    /// <summary>Rough size on disk: about 16 bytes per row after Parquet's compression (order of magnitude only).</summary>
    public long ApproximateBytes => Rows * 16;

    /// <summary>Estimates the traces of <paramref name="config"/>.</summary>
    public static TraceEstimate Of(ScenarioConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        long samples = config.EnergySampleInterval.Nanoseconds == 0 ? 0 : ((config.Duration.Nanoseconds / config.EnergySampleInterval.Nanoseconds) + 1) * config.NodeCount;
        if (!config.PowerStateTrace && (config.Network is null || !config.PacketTrace))
        {
            return new TraceEstimate(samples, 0, 0);
        }

        SimDuration pilot = SimDuration.FromNanoseconds(Math.Min(
            config.Duration.Nanoseconds,
            Math.Clamp(config.Duration.Nanoseconds / 200, SimDuration.FromMinutes(1).Nanoseconds, SimDuration.FromHours(1).Nanoseconds)));
        RunResult run = ScenarioRunner.Run(config with { Duration = pilot, EnergySampleInterval = SimDuration.Zero });
        double scale = (double)config.Duration.Nanoseconds / pilot.Nanoseconds;
        return new TraceEstimate(samples, (long)(run.PowerStates.Count * scale), (long)(run.Packets.Count * scale));
    }
}
