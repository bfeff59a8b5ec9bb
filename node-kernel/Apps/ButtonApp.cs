using SensorNet.NodeKernel.Userspace;
using SensorNet.NodeKernel.Userspace.Libtock;

namespace SensorNet.NodeKernel.Apps;

/// <summary>libtock-c <c>examples/buttons</c>: every press of button 0 toggles LED 0; the app waits in Yield-Wait.</summary>
public sealed class ButtonApp : UserProgram
{
    /// <inheritdoc/>
    public override string Name => "button";

    /// <summary>Presses handled.</summary>
    public int Presses { get; private set; }

    /// <inheritdoc/>
    public override IEnumerable<UserOp> Main(UserContext context)
    {
        var tock = new Libtock(context);
        yield return UserOp.Call(tock.ButtonNotify(0, OnChange));

        while (true)
        {
            yield return Libtock.Yield();
        }
    }

    private IEnumerable<UserOp> OnChange(uint button, bool pressed)
    {
        if (pressed)
        {
            Presses++;
            yield return Libtock.LedToggle(0);
        }
    }
}
