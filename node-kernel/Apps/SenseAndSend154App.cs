using SensorNet.NodeKernel.Userspace;
using SensorNet.NodeKernel.Userspace.Libtock;

namespace SensorNet.NodeKernel.Apps;

/// <summary>
/// Periodic sense-and-send over 802.15.4, the pattern of libtock-c <c>examples/ip_sense</c> without IP (reference
/// §11.3): every period read the temperature, send it in a frame to the sink, wait. Sync style uses libtock-sync
/// (temperature read = 2 syscalls, send = 6, delay = 8); async style chains callbacks from a Yield-Wait loop.
/// </summary>
/// <param name="style">Asynchronous or synchronous.</param>
/// <param name="periodMs">Period, in ms.</param>
/// <param name="payloadBytes">Application payload per frame.</param>
/// <param name="sink">Destination short address (0xFFFF broadcasts without an ACK).</param>
public sealed class SenseAndSend154App(AppStyle style, uint periodMs = 10_000, uint payloadBytes = 16, uint sink = 0x0001) : UserProgram
{
    /// <inheritdoc/>
    public override string Name => style == AppStyle.Async ? "sense-send-154-async" : "sense-send-154-sync";

    /// <summary>Frames the app saw complete.</summary>
    public int FramesSent { get; private set; }

    /// <inheritdoc/>
    public override IEnumerable<UserOp> Main(UserContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tock = new Libtock(context);
        uint config = context.RamStart + 1024;
        uint payload = config + 16;
        return style == AppStyle.Sync ? SyncLoop(tock, config, payload) : AsyncLoop(tock, config, payload);
    }

    private IEnumerable<UserOp> SyncLoop(Libtock tock, uint config, uint payload)
    {
        yield return UserOp.Call(tock.Sync.Ieee802154Up());

        while (true)
        {
            foreach (UserOp op in tock.Sync.SensorRead(0x60000)
                .Concat(LibtockSync.Ieee802154Send(config, payload, payloadBytes, sink)))
            {
                yield return op;
            }

            FramesSent++;
            yield return UserOp.Call(tock.Sync.AlarmDelayMs(periodMs));
        }
    }

    private IEnumerable<UserOp> AsyncLoop(Libtock tock, uint config, uint payload)
    {
        yield return UserOp.Command(0x30001, 30);
        yield return UserOp.Call(tock.Alarm.InMs(periodMs, () => Read(tock, config, payload)));

        while (true)
        {
            yield return Libtock.Yield();
        }
    }

    private IEnumerable<UserOp> Read(Libtock tock, uint config, uint payload) =>
        tock.SensorRead(0x60000, _ => tock.Ieee802154Send(config, payload, payloadBytes, sink, (_, _) => Sent(tock, config, payload)));

    private IEnumerable<UserOp> Sent(Libtock tock, uint config, uint payload)
    {
        FramesSent++;
        return tock.Alarm.InMs(periodMs, () => Read(tock, config, payload));
    }
}
