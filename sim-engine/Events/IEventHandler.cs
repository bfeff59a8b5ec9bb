using SensorNet.SimEngine.Time;

namespace SensorNet.SimEngine.Events;

/// <summary>
/// Receives scheduled events. Model objects implement it once and tell their events apart by
/// the tag, so scheduling never allocates a delegate or closure.
/// </summary>
public interface IEventHandler
{
    /// <summary>Called when an event scheduled for this handler becomes due.</summary>
    /// <param name="now">The event's time; equal to <see cref="Simulation.Now"/>.</param>
    /// <param name="tag">The value given when the event was scheduled (an event kind, an index, …).</param>
    void OnEvent(SimTime now, long tag);
}
