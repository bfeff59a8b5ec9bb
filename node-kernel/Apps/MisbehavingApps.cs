using SensorNet.NodeKernel.Userspace;

namespace SensorNet.NodeKernel.Apps;

/// <summary>An app that never yields: a busy loop of compute (round robin still preempts it every 10 ms).</summary>
public sealed class BusyLoopApp : UserProgram
{
    /// <inheritdoc/>
    public override string Name => "busy-loop";

    /// <inheritdoc/>
    public override IEnumerable<UserOp> Main(UserContext context)
    {
        while (true)
        {
            yield return UserOp.Compute(1_000_000);
        }
    }
}

/// <summary>An app that faults after <paramref name="cyclesBeforeFault"/> cycles of work (a bad memory access).</summary>
/// <param name="cyclesBeforeFault">Work before the fault.</param>
public sealed class FaultingApp(long cyclesBeforeFault = 10_000) : UserProgram
{
    /// <inheritdoc/>
    public override string Name => "faulting";

    /// <inheritdoc/>
    public override IEnumerable<UserOp> Main(UserContext context)
    {
        yield return UserOp.Compute(cyclesBeforeFault);
        yield return UserOp.Fault();
    }
}
