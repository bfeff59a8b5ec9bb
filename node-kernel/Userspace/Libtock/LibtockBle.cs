namespace SensorNet.NodeKernel.Userspace.Libtock;

/// <summary>
/// libtock-c's BLE advertising calls (tock/libtock-c <c>libtock/net/ble.c</c>, <c>ble.h</c>), syscall for syscall:
/// <c>ble_start_advertising</c> = read-only allow 0 of the AdvData, then command 0 (2 syscalls; the command is skipped
/// if the allow fails); <c>ble_stop_advertising</c> = command 1 (1); <c>ble_set_tx_power</c> = command 2 (1). None
/// subscribes or yields: advertising runs in the kernel and never calls back.
/// </summary>
/// <remarks>
/// The interval is a <c>uint16_t</c> in libtock-c, hence <see cref="ushort"/>. The AdvData buffer is left allowed
/// while advertising (the kernel reads it for every packet). AdvData builders (<c>simple-ble/gap.c</c>) refuse fields
/// beyond <see cref="AdvDataMaxSize"/>; the kernel truncates a longer buffer.
/// </remarks>
public static class LibtockBle
{
    /// <summary><c>BLE_DRIVER_NUMBER</c>.</summary>
    public const uint DriverNumber = 0x30000;

    /// <summary><c>ADV_IND</c>.</summary>
    public const uint AdvInd = 0x00;

    /// <summary><c>ADV_NONCONN_IND</c>.</summary>
    public const uint AdvNonconnInd = 0x02;

    /// <summary><c>ADV_SCAN_IND</c>.</summary>
    public const uint AdvScanInd = 0x06;

    /// <summary><c>ADV_DATA_MAX_SIZE</c> (<c>simple-ble/include/gap.h</c>), in bytes.</summary>
    public const uint AdvDataMaxSize = 31;

    /// <summary>
    /// <c>ble_start_advertising(pdu_type, advd, len, interval)</c>: allow the AdvData read-only (allow 0), then command 0
    /// with the PDU type and the interval in ms. Afterwards <c>context.Result</c> holds the failing allow's or the
    /// command's return value.
    /// </summary>
    /// <param name="context">The calling process's context (the allow's result decides whether the command is made).</param>
    /// <param name="pduType">ADV_IND, ADV_NONCONN_IND or ADV_SCAN_IND.</param>
    /// <param name="advData">Address of the AdvData.</param>
    /// <param name="length">AdvData length, in bytes.</param>
    /// <param name="intervalMs">Advertising interval, in ms (the kernel raises it to at least 20).</param>
    public static IEnumerable<UserOp> StartAdvertising(UserContext context, uint pduType, uint advData, uint length, ushort intervalMs)
    {
        ArgumentNullException.ThrowIfNull(context);
        yield return UserOp.AllowReadOnly(DriverNumber, 0, advData, length);
        if (!context.Result.IsSuccess)
        {
            yield break;
        }

        yield return UserOp.Command(DriverNumber, 0, pduType, intervalMs);
    }

    /// <summary><c>ble_stop_advertising()</c>: command 1 (libtock-c passes 1, 0).</summary>
    public static IEnumerable<UserOp> StopAdvertising()
    {
        yield return UserOp.Command(DriverNumber, 1, 1, 0);
    }

    /// <summary><c>ble_set_tx_power(level)</c>: command 2; <paramref name="powerLevel"/> is dBm as a two's-complement byte (−20..10).</summary>
    public static IEnumerable<UserOp> SetTxPower(byte powerLevel)
    {
        yield return UserOp.Command(DriverNumber, 2, powerLevel, 0);
    }
}
