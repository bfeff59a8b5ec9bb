using SensorNet.NodeKernel.Userspace;
using SensorNet.NodeKernel.Userspace.Libtock;

namespace SensorNet.NodeKernel.Apps;

/// <summary>libtock-c <c>examples/blink</c>: toggle LED 0, then a synchronous delay, forever.</summary>
/// <param name="periodMs">Delay between toggles, in ms.</param>
public sealed class BlinkApp(uint periodMs = 500) : UserProgram
{
    /// <inheritdoc/>
    public override string Name => "blink";

    /// <inheritdoc/>
    public override IEnumerable<UserOp> Main(UserContext context)
    {
        var tock = new Libtock(context);
        while (true)
        {
            yield return Libtock.LedToggle(0);
            yield return UserOp.Call(tock.Sync.AlarmDelayMs(periodMs));
        }
    }
}
