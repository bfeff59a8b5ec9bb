namespace SensorNet.NodeKernel.Processes;

/// <summary>What a board does when a process faults (tock/tock <c>capsules/system/src/process_policies.rs</c>).</summary>
public enum FaultPolicyKind
{
    /// <summary><c>PanicFaultPolicy</c>: kernel panic; the board then blinks forever with the CPU 100 % active (nrf52840dk default).</summary>
    Panic,

    /// <summary><c>StopFaultPolicy</c>: terminate the process and leave it faulted.</summary>
    Stop,

    /// <summary><c>RestartFaultPolicy</c>: restart the process every time.</summary>
    Restart,

    /// <summary><c>ThresholdRestartFaultPolicy</c>: restart while the restart count is ≤ the threshold, then stop.</summary>
    ThresholdRestart,

    /// <summary><c>ThresholdRestartThenPanicFaultPolicy</c>: restart while the restart count is ≤ the threshold, then panic (hail uses 4).</summary>
    ThresholdRestartThenPanic,
}

/// <summary>A fault policy with its threshold.</summary>
/// <param name="Kind">The policy.</param>
/// <param name="Threshold">Restart threshold for the threshold policies.</param>
public sealed record FaultPolicy(FaultPolicyKind Kind, int Threshold = 0)
{
    /// <summary>The action for a process that has been restarted <paramref name="restartCount"/> times so far.</summary>
    public FaultAction Decide(int restartCount) => Kind switch
    {
        FaultPolicyKind.Panic => FaultAction.Panic,
        FaultPolicyKind.Stop => FaultAction.Stop,
        FaultPolicyKind.Restart => FaultAction.Restart,
        FaultPolicyKind.ThresholdRestart => restartCount <= Threshold ? FaultAction.Restart : FaultAction.Stop,
        FaultPolicyKind.ThresholdRestartThenPanic => restartCount <= Threshold ? FaultAction.Restart : FaultAction.Panic,
        _ => throw new InvalidOperationException($"Unknown fault policy {Kind}."),
    };
}

/// <summary>The action a fault policy chooses (tock/tock <c>kernel/src/process.rs</c> <c>FaultAction</c>).</summary>
public enum FaultAction
{
    /// <summary>Kernel panic.</summary>
    Panic,

    /// <summary>Restart the process.</summary>
    Restart,

    /// <summary>Stop (terminate) the process.</summary>
    Stop,
}
