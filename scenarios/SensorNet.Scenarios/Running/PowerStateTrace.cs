using SensorNet.Energy.Accounting;
using SensorNet.Energy.Consumers;
using SensorNet.SimEngine.Time;

namespace SensorNet.Scenarios.Running;

/// <summary>
/// Turns the power-state intervals of every node of a run into rows of <c>power_states.parquet</c>, in the order the
/// intervals end; the open intervals at the end of the run come last. Opt-in: a Tock node that wakes every few
/// milliseconds produces millions of rows a day.
/// </summary>
internal sealed class PowerStateTrace(ITraceSink<PowerStateRow> sink)
{
    /// <summary>A sink for node <paramref name="nodeId"/>.</summary>
    public IPowerStateSink For(int nodeId) => new NodeSink(this, nodeId);

    private void Add(int nodeId, StateBasedConsumer consumer, int state, SimTime start, SimTime end)
    {
        double power = state == consumer.OffState ? 0 : consumer.Table[state].Power.Value;
        SimDuration length = end - start;
        sink.Add(new PowerStateRow(nodeId, consumer.Name, consumer.StateName(state), start.Nanoseconds, end.Nanoseconds, power, power * length.TotalSeconds));
    }

    private sealed class NodeSink(PowerStateTrace trace, int nodeId) : IPowerStateSink
    {
        public void Interval(StateBasedConsumer consumer, int state, SimTime start, SimTime end) => trace.Add(nodeId, consumer, state, start, end);
    }
}
