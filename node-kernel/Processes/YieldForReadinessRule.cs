namespace SensorNet.NodeKernel.Processes;

/// <summary>How a YieldedFor process's readiness reacts to newly queued tasks.</summary>
public enum YieldForReadinessRule
{
    /// <summary>As tock/tock does (<c>enqueue_task</c>): each enqueue sets readiness to "this task matches".</summary>
    LastEnqueueWins,

    /// <summary>The intended behaviour: ready once any matching task is queued.</summary>
    AnyMatch,
}
