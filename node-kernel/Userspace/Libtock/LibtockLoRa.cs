namespace SensorNet.NodeKernel.Userspace.Libtock;

/// <summary>
/// libtock-c's LoRa PHY calls (tock/libtock-c <c>libtock/net/lora_phy.c</c>, <c>libtock/net/syscalls/lora_phy_syscalls.c</c>,
/// <c>libtock-sync/net/lora_phy.c</c>), syscall for syscall: the SPI side on <c>DRIVER_NUM_LORA_PHY_SPI</c> 0x30003 and
/// the GPIO side on <c>DRIVER_NUM_LORA_PHY_GPIO</c> 0x30004. <c>libtocksync_lora_phy_read_write</c> = allow-RW 0 (read
/// buffer), allow-RO 0 (write buffer), command 2 (len), Yield-WaitFor(0x30003, 0), then the two un-allows that the
/// <c>defer</c> blocks run in reverse order (RO, then RW): <b>6 syscalls</b>; a failing step returns at once after the
/// un-allows already deferred. Each GPIO call is one command.
/// </summary>
/// <remarks>
/// The results land in <c>context.Result</c> (for <see cref="GpioRead"/>: R1 = the level). Input modes:
/// <see cref="PullNone"/>, <see cref="PullUp"/>, <see cref="PullDown"/> (<c>libtock_gpio_input_mode_t</c>); interrupt modes:
/// <see cref="Change"/>, <see cref="RisingEdge"/>, <see cref="FallingEdge"/> (<c>libtock_gpio_interrupt_mode_t</c>,
/// <c>libtock/peripherals/gpio_types.h</c>).
/// </remarks>
public static class LibtockLoRa
{
    /// <summary><c>DRIVER_NUM_LORA_PHY_SPI</c>.</summary>
    public const uint SpiDriverNumber = 0x30003;

    /// <summary><c>DRIVER_NUM_LORA_PHY_GPIO</c>.</summary>
    public const uint GpioDriverNumber = 0x30004;

    /// <summary><c>libtock_pull_none</c>.</summary>
    public const uint PullNone = 0;

    /// <summary><c>libtock_pull_up</c>.</summary>
    public const uint PullUp = 1;

    /// <summary><c>libtock_pull_down</c>.</summary>
    public const uint PullDown = 2;

    /// <summary><c>libtock_change</c>: interrupt on either edge.</summary>
    public const uint Change = 0;

    /// <summary><c>libtock_rising_edge</c>.</summary>
    public const uint RisingEdge = 1;

    /// <summary><c>libtock_falling_edge</c>.</summary>
    public const uint FallingEdge = 2;

    /// <summary>
    /// <c>libtocksync_lora_phy_read_write(write, read, len)</c>: 6 syscalls when every step succeeds. Afterwards
    /// <c>context.Result</c> holds the last un-allow's return value; the received bytes are in the read buffer.
    /// </summary>
    /// <param name="context">The calling process (the allows' and the command's results decide the path).</param>
    /// <param name="writeBuffer">Address of the bytes to send.</param>
    /// <param name="readBuffer">Address of the buffer for the bytes received.</param>
    /// <param name="length">Transfer length, in bytes.</param>
    public static IEnumerable<UserOp> SyncReadWrite(UserContext context, uint writeBuffer, uint readBuffer, uint length)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ReadWriteCall(context).Start(writeBuffer, readBuffer, length);
    }

    /// <summary>
    /// <c>libtocksync_lora_phy_write(write, len)</c>: allow-RO 0, command 2, Yield-WaitFor(0x30003, 0), un-allow: 4
    /// syscalls.
    /// </summary>
    public static IEnumerable<UserOp> SyncWrite(UserContext context, uint writeBuffer, uint length)
    {
        ArgumentNullException.ThrowIfNull(context);
        yield return UserOp.AllowReadOnly(SpiDriverNumber, 0, writeBuffer, length);
        if (!context.Result.IsSuccess)
        {
            yield break;
        }

        yield return UserOp.Command(SpiDriverNumber, 2, length);
        if (context.Result.IsSuccess)
        {
            yield return UserOp.YieldWaitFor(SpiDriverNumber, 0);
        }

        yield return UserOp.AllowReadOnly(SpiDriverNumber, 0, 0, 0);
    }

    /// <summary><c>libtock_lora_phy_gpio_enable_output(pin)</c>: command 1.</summary>
    public static UserOp GpioEnableOutput(uint pin) => UserOp.Command(GpioDriverNumber, 1, pin);

    /// <summary><c>libtock_lora_phy_gpio_set(pin)</c>: command 2.</summary>
    public static UserOp GpioSet(uint pin) => UserOp.Command(GpioDriverNumber, 2, pin);

    /// <summary><c>libtock_lora_phy_gpio_clear(pin)</c>: command 3.</summary>
    public static UserOp GpioClear(uint pin) => UserOp.Command(GpioDriverNumber, 3, pin);

    /// <summary><c>libtock_lora_phy_gpio_toggle(pin)</c>: command 4.</summary>
    public static UserOp GpioToggle(uint pin) => UserOp.Command(GpioDriverNumber, 4, pin);

    /// <summary><c>libtock_lora_phy_gpio_enable_input(pin, mode)</c>: command 5.</summary>
    public static UserOp GpioEnableInput(uint pin, uint mode) => UserOp.Command(GpioDriverNumber, 5, pin, mode);

    /// <summary><c>libtock_lora_phy_gpio_read(pin, &amp;value)</c>: command 6; the level is in <c>Result.R1</c>.</summary>
    public static UserOp GpioRead(uint pin) => UserOp.Command(GpioDriverNumber, 6, pin);

    /// <summary><c>libtock_lora_phy_gpio_enable_interrupt(pin, mode)</c>: command 7.</summary>
    public static UserOp GpioEnableInterrupt(uint pin, uint mode) => UserOp.Command(GpioDriverNumber, 7, pin, mode);

    /// <summary><c>libtock_lora_phy_gpio_disable_interrupt(pin)</c>: command 8.</summary>
    public static UserOp GpioDisableInterrupt(uint pin) => UserOp.Command(GpioDriverNumber, 8, pin);

    /// <summary>
    /// <c>libtock_lora_phy_gpio_command_interrupt_callback(cb, opaque)</c>: subscribe 0 of 0x30004 with a function the
    /// caller registered through <see cref="UserContext.Function"/>; it receives (pin, level, 0).
    /// </summary>
    public static UserOp GpioSetCallback(uint function, uint appData = 0) => UserOp.Subscribe(GpioDriverNumber, 0, function, appData);

    /// <summary><see cref="SyncReadWrite"/> as a reusable routine, for RadioLib's HAL (one per SPI command).</summary>
    internal sealed class ReadWriteCall(UserContext context) : UserRoutine
    {
        private uint _writeBuffer;
        private uint _readBuffer;
        private uint _length;

        public ReadWriteCall Start(uint writeBuffer, uint readBuffer, uint length)
        {
            Restart();
            (_writeBuffer, _readBuffer, _length) = (writeBuffer, readBuffer, length);
            return this;
        }

        protected override bool Next()
        {
            bool ok = context.Result.IsSuccess; // the return value of the syscall just made
            switch (Step)
            {
                case 0:
                    Step = 1;
                    return Yield(UserOp.AllowReadWrite(SpiDriverNumber, 0, _readBuffer, _length));
                case 1:
                    if (!ok)
                    {
                        return false;
                    }

                    Step = 2;
                    return Yield(UserOp.AllowReadOnly(SpiDriverNumber, 0, _writeBuffer, _length));
                case 2:
                    // A failed read-only allow skips to the deferred read-write un-allow.
                    Step = ok ? 3 : 5;
                    return ok ? Yield(UserOp.Command(SpiDriverNumber, 2, _length)) : Next();
                case 3:
                    Step = 4;
                    return ok ? Yield(UserOp.YieldWaitFor(SpiDriverNumber, 0)) : Next();
                case 4:
                    Step = 5;
                    return Yield(UserOp.AllowReadOnly(SpiDriverNumber, 0, 0, 0));
                case 5:
                    Step = 6;
                    return Yield(UserOp.AllowReadWrite(SpiDriverNumber, 0, 0, 0));
                default:
                    return false;
            }
        }
    }
}
