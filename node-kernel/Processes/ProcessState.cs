namespace SensorNet.NodeKernel.Processes;

/// <summary>Process states (tock/tock <c>kernel/src/process.rs</c> <c>enum State</c>).</summary>
public enum ProcessState
{
    /// <summary>Runnable: executing or preempted with work left.</summary>
    Running,

    /// <summary>Called Yield-Wait (or Yield-NoWait with tasks): ready when a task is queued.</summary>
    Yielded,

    /// <summary>Called Yield-WaitFor: ready when a task for the awaited upcall is queued.</summary>
    YieldedFor,

    /// <summary>Stopped by the process console or process management; resumes to its previous state.</summary>
    Stopped,

    /// <summary>Faulted; never scheduled again unless restarted.</summary>
    Faulted,

    /// <summary>Exited or terminated.</summary>
    Terminated,
}

/// <summary>Why <c>do_process</c> returned (tock/tock <c>kernel/src/process.rs</c> <c>StoppedExecutingReason</c>).</summary>
public enum StoppedReason
{
    /// <summary>The process has nothing to do.</summary>
    NoWorkLeft,

    /// <summary>The process faulted.</summary>
    StoppedFaulted,

    /// <summary>The process is stopped.</summary>
    Stopped,

    /// <summary>Its timeslice ran out (or fewer than 500 µs were left).</summary>
    TimesliceExpired,

    /// <summary>An interrupt or deferred call became pending.</summary>
    KernelPreemption,
}
