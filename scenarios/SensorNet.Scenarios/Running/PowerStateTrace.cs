using System.Globalization;
using SensorNet.Energy.Accounting;
using SensorNet.Energy.Consumers;
using SensorNet.SimEngine.Time;

namespace SensorNet.Scenarios.Running;

/// <summary>
/// Collects the power-state intervals of every node of a run (<c>power_states.parquet</c>), in the order the intervals
/// end; the open intervals at the end of the run come last. Opt-in: a Tock node that wakes every few milliseconds
/// produces millions of rows a day, and rows are held in memory until the run is written (about 56 B each, plus the
/// column arrays built when writing: roughly 1.5 GB at <see cref="MaxRows"/>), so the trace stops the run with an
/// error past that many rather than exhausting memory. Streaming row groups to the file would lift the limit.
/// </summary>
internal sealed class PowerStateTrace
{
    /// <summary>Most rows one run may trace.</summary>
    public const int MaxRows = 10_000_000;

    private readonly List<PowerStateRow> _rows = [];

    public IReadOnlyList<PowerStateRow> Rows => _rows;

    /// <summary>A sink for node <paramref name="nodeId"/>.</summary>
    public IPowerStateSink For(int nodeId) => new NodeSink(this, nodeId);

    private void Add(int nodeId, StateBasedConsumer consumer, int state, SimTime start, SimTime end)
    {
        if (_rows.Count >= MaxRows)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The power-state trace passed {MaxRows:N0} intervals at {end}; shorten the run or set outputs.powerStateTrace: false."));
        }

        double power = state == consumer.OffState ? 0 : consumer.Table[state].Power.Value;
        SimDuration length = end - start;
        _rows.Add(new PowerStateRow(nodeId, consumer.Name, consumer.StateName(state), start.Nanoseconds, end.Nanoseconds, power, power * length.TotalSeconds));
    }

    private sealed class NodeSink(PowerStateTrace trace, int nodeId) : IPowerStateSink
    {
        public void Interval(StateBasedConsumer consumer, int state, SimTime start, SimTime end) => trace.Add(nodeId, consumer, state, start, end);
    }
}
