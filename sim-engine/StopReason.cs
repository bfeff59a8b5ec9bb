namespace SensorNet.SimEngine;

/// <summary>Why a call to one of the <see cref="Simulation"/> run methods returned.</summary>
public enum StopReason
{
    /// <summary>No event was left to run.</summary>
    QueueEmpty,

    /// <summary>The requested end time was reached; the clock stands at that time.</summary>
    TimeReached,

    /// <summary>The caller's condition became false.</summary>
    ConditionMet,

    /// <summary>A model called <see cref="Simulation.Stop"/>.</summary>
    Stopped,
}
