using SensorNet.NodeKernel.Userspace;
using SensorNet.NodeKernel.Userspace.Libtock;

namespace SensorNet.NodeKernel.Apps;

/// <summary>
/// Sense-and-advertise over BLE: start non-connectable advertising once, then every period read the temperature
/// (libtock-sync, 2 syscalls) and write it into the advertising data buffer, which the kernel copies into each
/// advertising event's PDU (tock/tock <c>ble_advertising_driver.rs</c> reads the allowed buffer per event). The kernel
/// advertises on its own between readings; the process only wakes for its delay.
/// </summary>
/// <param name="periodMs">Sensing period, in ms.</param>
/// <param name="intervalMs">Advertising interval, in ms (≥ 20).</param>
public sealed class BleSenseApp(uint periodMs = 10_000, ushort intervalMs = 1_000) : UserProgram
{
    private const uint AdvDataBytes = 8;

    /// <inheritdoc/>
    public override string Name => "ble-sense";

    /// <summary>Readings written into the advertisement.</summary>
    public int Readings { get; private set; }

    /// <inheritdoc/>
    public override IEnumerable<UserOp> Main(UserContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tock = new Libtock(context);
        uint buffer = context.RamStart + 1024;
        yield return UserOp.Call(LibtockBle.StartAdvertising(context, LibtockBle.AdvNonconnInd, buffer, AdvDataBytes, intervalMs));

        while (true)
        {
            yield return UserOp.Call(tock.Sync.SensorRead(0x60000));

            // A manufacturer-specific AD structure: length, type 0xFF, then the reading (hundredths of °C, little endian).
            int value = unchecked((int)context.Result.R1);
            context.Write(buffer, [7, 0xFF, 0xFF, 0xFF, (byte)value, (byte)(value >> 8), (byte)(value >> 16), (byte)(value >> 24)]);
            Readings++;
            yield return UserOp.Call(tock.Sync.AlarmDelayMs(periodMs));
        }
    }
}
