using SensorNet.NodeKernel.Userspace;

namespace SensorNet.NodeKernel.Tests.Support;

/// <summary>
/// A program written inline as an iterator whose crt0 takes no startup cycles (unless asked), so that a process's
/// first userspace instruction after crt0's three memops runs at a time computed by hand.
/// </summary>
internal sealed class ConformanceProgram(string name, Func<UserContext, IEnumerable<UserOp>> main, int ramBytes = 4608, long startupCycles = 0) : UserProgram
{
    public override string Name => name;

    public override int RamBytes => ramBytes;

    public override long StartupCycles => startupCycles;

    public override IEnumerable<UserOp> Main(UserContext context) => main(context);

    /// <summary>Yield-Wait forever (an event loop with nothing left to do).</summary>
    public static IEnumerable<UserOp> WaitForever()
    {
        while (true)
        {
            yield return UserOp.YieldWait();
        }
    }
}
