namespace SensorNet.SimEngine.Events;

/// <summary>
/// Identifies one scheduled event so that it can be cancelled or moved. A handle goes stale when its event
/// fires or is cancelled; operations on a stale handle report <c>false</c> and never touch a newer event
/// that reuses the same slot (the generation differs).
/// </summary>
/// <param name="Slot">Index of the event's slot in the queue.</param>
/// <param name="Generation">Generation of the slot when the event was scheduled; never 0 for a real event.</param>
public readonly record struct EventHandle(int Slot, int Generation)
{
    /// <summary>The handle of no event (the default value).</summary>
    public static EventHandle None => default;

    /// <summary>True for <see cref="None"/>.</summary>
    public bool IsNone => Generation == 0;
}
