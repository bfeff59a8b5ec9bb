using SensorNet.NodeKernel.Syscalls;
using SensorNet.NodeKernel.Userspace;
using SensorNet.NodeKernel.Userspace.Libtock;

namespace SensorNet.NodeKernel.Apps;

/// <summary>
/// A BLE beacon after libtock-c's <c>examples/ble_advertising</c>: allow an AdvData buffer, start advertising with
/// <c>ble_start_advertising</c>, then <c>yield()</c> forever. The kernel advertises on its own; the driver never wakes
/// the process, so after setup it is never scheduled again.
/// </summary>
/// <param name="intervalMs">Advertising interval, in ms (<c>uint16_t</c> in libtock-c; the kernel raises it to ≥ 20).</param>
/// <param name="advDataBytes">AdvData length, in bytes (the example's GAP fields take 3 + 8 + 6 + 4 + 8 = 29).</param>
/// <param name="pduType">PDU type, ADV_NONCONN_IND by default as in the example.</param>
public sealed class BleBeaconApp(ushort intervalMs = 300, uint advDataBytes = 20, uint pduType = LibtockBle.AdvNonconnInd) : UserProgram
{
    /// <inheritdoc/>
    public override string Name => "ble-beacon";

    /// <summary>What <c>ble_start_advertising</c> returned, once it has run.</summary>
    public SyscallReturn? StartResult { get; private set; }

    /// <inheritdoc/>
    public override IEnumerable<UserOp> Main(UserContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        uint buffer = context.RamStart + 1024; // a static uint8_t adv_data_buf[] in the app's data
        yield return UserOp.Call(LibtockBle.StartAdvertising(context, pduType, buffer, advDataBytes, intervalMs));

        StartResult = context.Result;
        while (true)
        {
            yield return Libtock.Yield();
        }
    }
}
