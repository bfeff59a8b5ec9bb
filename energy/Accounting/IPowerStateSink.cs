using SensorNet.Energy.Consumers;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy.Accounting;

/// <summary>
/// Receives every interval a component spent in one power state (INET's <c>powerConsumptionChanged</c> signal
/// recorded as vectors; ns-3's <c>TotalEnergyConsumption</c> trace). An interval is reported when the component leaves
/// the state, and the open ones when the run is flushed (<see cref="NodeEnergy.FlushPowerStates"/>); zero-length
/// intervals are not reported. Passing the consumer rather than a row keeps the hot path free of allocation.
/// </summary>
public interface IPowerStateSink
{
    /// <summary>Called with <paramref name="consumer"/>'s state <paramref name="state"/> from <paramref name="from"/> to <paramref name="until"/>.</summary>
    void Interval(StateBasedConsumer consumer, int state, SimTime from, SimTime until);
}
