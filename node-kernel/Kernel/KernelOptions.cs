using SensorNet.NodeKernel.Processes;

namespace SensorNet.NodeKernel.Kernel;

/// <summary>Board-level kernel settings.</summary>
public sealed record KernelOptions
{
    /// <summary>Most processes the board loads (<c>NUM_PROCS</c>).</summary>
    public int MaxProcesses { get; init; } = 4;

    /// <summary>First address of app RAM.</summary>
    public uint AppRamStart { get; init; } = 0x2000_8000;

    /// <summary>Bytes of RAM for apps.</summary>
    public long AppRamBytes { get; init; } = 64 * 1024;

    /// <summary>Grants the board created (one pointer per grant in every process, used or not).</summary>
    public int GrantCount { get; init; } = 16;

    /// <summary>YieldedFor readiness: Tock's "last enqueue wins" (default) or "any match".</summary>
    public YieldForReadinessRule YieldForReadinessRule { get; init; } = YieldForReadinessRule.LastEnqueueWins;
}
