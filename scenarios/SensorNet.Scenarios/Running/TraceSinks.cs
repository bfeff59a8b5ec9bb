using SensorNet.RadioModels.Medium;

namespace SensorNet.Scenarios.Running;

/// <summary>Receives the rows of one trace table in the order the run produces them.</summary>
/// <typeparam name="T">The row type.</typeparam>
public interface ITraceSink<T>
{
    /// <summary>Takes one row; the sink copies it (rows are values or immutable records).</summary>
    void Add(in T row);
}

/// <summary>
/// Where a run's large tables go while it runs: the energy time series, the power-state intervals and the packet
/// records. <see cref="ScenarioRunner.Run(ScenarioConfig, int, IProgress{double}?, CancellationToken)"/> keeps them
/// in memory (<see cref="InMemory"/>); the results writer passes sinks that write row groups to the files as they
/// fill, so a run's memory does not grow with its traces.
/// </summary>
/// <param name="Energy">Rows of <c>energy.parquet</c>.</param>
/// <param name="PowerStates">Rows of <c>power_states.parquet</c>.</param>
/// <param name="Packets">Rows of <c>packets.parquet</c>.</param>
public sealed record TraceSinks(ITraceSink<EnergySample> Energy, ITraceSink<PowerStateRow> PowerStates, ITraceSink<PacketRecord> Packets)
{
    /// <summary>Most power-state intervals one run may hold in memory (about 56 B each, plus the column arrays built when writing).</summary>
    public const int MaxPowerStateRowsInMemory = 10_000_000;

    /// <summary>Most packet records one run may hold in memory.</summary>
    public const int MaxPacketRowsInMemory = 20_000_000;

    /// <summary>
    /// Sinks that keep every row in a list, capped so that a run stops with a clear error rather than exhausting
    /// memory; the results writer streams instead and has no cap.
    /// </summary>
    public static TraceSinks InMemory() => new(
        new TraceList<EnergySample>(int.MaxValue, _ => string.Empty),
        new TraceList<PowerStateRow>(MaxPowerStateRowsInMemory, r => $"The power-state trace passed {MaxPowerStateRowsInMemory:N0} intervals at {r.EndNs} ns; shorten the run, set outputs.powerStateTrace: false, or write the results with 'sensornet run', which streams them."),
        new TraceList<PacketRecord>(MaxPacketRowsInMemory, _ => $"The run produced more than {MaxPacketRowsInMemory:N0} packet records; shorten it, use fewer nodes, set outputs.packetTrace: false, or write the results with 'sensornet run', which streams them."));
}

/// <summary>A sink that keeps its rows in a list of at most <paramref name="maxRows"/> rows.</summary>
/// <typeparam name="T">The row type.</typeparam>
/// <param name="maxRows">The cap.</param>
/// <param name="tooMany">The error message for the row that would pass the cap.</param>
public sealed class TraceList<T>(int maxRows, Func<T, string> tooMany) : ITraceSink<T>
{
    private readonly List<T> _rows = [];

    /// <summary>The rows so far.</summary>
    public IReadOnlyList<T> Rows => _rows;

    /// <inheritdoc/>
    public void Add(in T row)
    {
        if (_rows.Count >= maxRows)
        {
            throw new InvalidOperationException(tooMany(row));
        }

        _rows.Add(row);
    }
}
