namespace SensorNet.NodeKernel.Userspace.Libtock;

/// <summary>
/// A C# rendering of libtock-c (tock/libtock-c at the commit cited in the reference), issuing the same system call
/// sequences: the asynchronous layer (<c>libtock/</c>: subscribe, allow, command, callbacks run from yield) and the
/// synchronous layer (<c>libtock-sync/</c>: built on Yield-WaitFor or on <c>yield_for</c>). Each call returns the
/// ops to yield: <c>foreach (UserOp op in tock.Sync.AlarmDelayMs(100)) yield return op;</c>.
/// One instance per process (it holds the userspace alarm list and flags).
/// </summary>
public sealed class Libtock
{
    /// <summary>Creates the library for a process.</summary>
    public Libtock(UserContext context)
    {
        Context = context ?? throw new ArgumentNullException(nameof(context));
        Alarm = new LibtockAlarm(context);
        Sync = new LibtockSync(this);
    }

    private readonly Dictionary<uint, uint> _upcallFunctions = [];
    private readonly Dictionary<uint, Func<UpcallArguments, IEnumerable<UserOp>>> _callbacks = [];

    /// <summary>The process's registers and function table.</summary>
    public UserContext Context { get; }

    /// <summary>The userspace alarm service.</summary>
    public LibtockAlarm Alarm { get; }

    /// <summary>The synchronous wrappers (libtock-sync).</summary>
    public LibtockSync Sync { get; }

    /// <summary><c>yield()</c>: Yield-Wait.</summary>
    public static UserOp Yield() => UserOp.YieldWait();

    /// <summary><c>yield_no_wait()</c>.</summary>
    public static UserOp YieldNoWait() => UserOp.YieldNoWait();

    /// <summary><c>yield_for(&amp;cond)</c>: Yield-Wait until <paramref name="condition"/> holds.</summary>
    public static IEnumerable<UserOp> YieldFor(Func<bool> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        while (!condition())
        {
            yield return UserOp.YieldWait();
        }
    }

    /// <summary><c>libtock_led_on(i)</c>: one command.</summary>
    public static UserOp LedOn(uint led) => UserOp.Command(0x2, 1, led);

    /// <summary><c>libtock_led_off(i)</c>: one command.</summary>
    public static UserOp LedOff(uint led) => UserOp.Command(0x2, 2, led);

    /// <summary><c>libtock_led_toggle(i)</c>: one command.</summary>
    public static UserOp LedToggle(uint led) => UserOp.Command(0x2, 3, led);

    /// <summary>
    /// <c>libtock_temperature_read(cb)</c> (and humidity with <paramref name="driver"/> 0x60001): subscribe the upcall,
    /// then command 1; the value arrives in <paramref name="callback"/> when the app yields.
    /// </summary>
    public IEnumerable<UserOp> SensorRead(uint driver, Func<int, IEnumerable<UserOp>> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        uint function = UpcallFor(driver, args => callback(unchecked((int)args.Argument0)));
        yield return UserOp.Subscribe(driver, 0, function, 0);
        yield return UserOp.Command(driver, 1);
    }

    /// <summary>
    /// <c>libtock_button_notify_on_press(i, cb)</c>: subscribe upcall 0, then enable the pin's interrupt (command 1).
    /// </summary>
    public IEnumerable<UserOp> ButtonNotify(uint button, Func<uint, bool, IEnumerable<UserOp>> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        uint function = UpcallFor(0x3, args => callback(args.Argument0, args.Argument1 != 0));
        yield return UserOp.Subscribe(0x3, 0, function, 0);
        yield return UserOp.Command(0x3, 1, button);
    }

    /// <summary>
    /// <c>libtock_console_write(buf, len, cb)</c>: read-only allow of the buffer, subscribe write-done, command 1.
    /// </summary>
    public IEnumerable<UserOp> ConsoleWrite(uint buffer, uint length, Func<uint, IEnumerable<UserOp>> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        uint function = UpcallFor(0x1, args => callback(args.Argument0));
        yield return UserOp.AllowReadOnly(0x1, 1, buffer, length);
        yield return UserOp.Subscribe(0x1, 1, function, 0);
        yield return UserOp.Command(0x1, 1, length);
    }

    /// <summary>
    /// <c>libtock_ieee802154_send</c>: allow-RW the configuration, allow-RO the payload, subscribe the transmit-done upcall,
    /// command 26; <paramref name="callback"/> gets (status, acked).
    /// </summary>
    public IEnumerable<UserOp> Ieee802154Send(uint configBuffer, uint payloadBuffer, uint payloadLength, uint destination, Func<uint, bool, IEnumerable<UserOp>> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        uint function = UpcallFor(0x30001, args => callback(args.Argument0, args.Argument1 != 0));
        yield return UserOp.AllowReadWrite(0x30001, 1, configBuffer, 11);
        yield return UserOp.AllowReadOnly(0x30001, 0, payloadBuffer, payloadLength);
        yield return UserOp.Subscribe(0x30001, 1, function, 0);
        yield return UserOp.Command(0x30001, 26, destination);
    }

    // libtock-c passes one static upcall function per driver and the user's callback as the opaque pointer.
    private uint UpcallFor(uint driver, Func<UpcallArguments, IEnumerable<UserOp>> callback)
    {
        _callbacks[driver] = callback;
        if (!_upcallFunctions.TryGetValue(driver, out uint function))
        {
            function = Context.Function(args => _callbacks[driver](args));
            _upcallFunctions[driver] = function;
        }

        return function;
    }
}
