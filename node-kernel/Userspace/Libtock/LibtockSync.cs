namespace SensorNet.NodeKernel.Userspace.Libtock;

/// <summary>
/// libtock-sync's blocking wrappers, syscall for syscall (reference §11.2):
/// alarm delay = 8 syscalls and 1 upcall (flag + <c>yield_for</c>); temperature or humidity read = 2
/// (command, Yield-WaitFor); console write = 4 (allow, command, Yield-WaitFor, un-allow).
/// </summary>
public sealed class LibtockSync
{
    private readonly Libtock _tock;
    private readonly UserRoutinePool<AlarmDelayCall> _delays;
    private readonly UserRoutinePool<SensorReadCall> _sensorReads = new(() => new SensorReadCall());

    internal LibtockSync(Libtock tock)
    {
        _tock = tock;
        _delays = new(() => new AlarmDelayCall(tock.Alarm));
    }

    /// <summary><c>libtocksync_alarm_delay_ms(ms)</c>: <c>libtock_alarm_in_ms</c>, then <c>yield_for(&amp;fired)</c>.</summary>
    public IEnumerable<UserOp> AlarmDelayMs(uint milliseconds) => _delays.Rent().Start(milliseconds);

    /// <summary>
    /// <c>libtocksync_temperature_read</c> (0x60000) or <c>libtocksync_humidity_read</c> (0x60001): command 1, then
    /// Yield-WaitFor on upcall 0; afterwards the value is in <c>Context.Result.R1</c>.
    /// </summary>
    public IEnumerable<UserOp> SensorRead(uint driver) => _sensorReads.Rent().Start(driver);

    /// <summary><c>libtocksync_console_write(buf, len)</c>: allow, command 1, Yield-WaitFor(1, 1), un-allow.</summary>
    public static IEnumerable<UserOp> ConsoleWrite(uint buffer, uint length)
    {
        yield return UserOp.AllowReadOnly(0x1, 1, buffer, length);
        yield return UserOp.Command(0x1, 1, length);
        yield return UserOp.YieldWaitFor(0x1, 1);
        yield return UserOp.AllowReadOnly(0x1, 1, 0, 0);
    }

    /// <summary>
    /// <c>libtocksync_ieee802154_send</c> (parse mode): allow-RW the 11-byte configuration, allow-RO the payload, command 26
    /// with the destination, Yield-WaitFor(0x30001, 1), then both un-allows: 6 syscalls.
    /// </summary>
    public static IEnumerable<UserOp> Ieee802154Send(uint configBuffer, uint payloadBuffer, uint payloadLength, uint destination)
    {
        yield return UserOp.AllowReadWrite(0x30001, 1, configBuffer, 11);
        yield return UserOp.AllowReadOnly(0x30001, 0, payloadBuffer, payloadLength);
        yield return UserOp.Command(0x30001, 26, destination);
        yield return UserOp.YieldWaitFor(0x30001, 1);
        yield return UserOp.AllowReadOnly(0x30001, 0, 0, 0);
        yield return UserOp.AllowReadWrite(0x30001, 1, 0, 0);
    }

    /// <summary>
    /// <c>libtocksync_ieee802154_up</c>: command 30, then poll the status (command 1) with 10 ms delays until on, plus one
    /// final 10 ms delay.
    /// </summary>
    public IEnumerable<UserOp> Ieee802154Up()
    {
        yield return UserOp.Command(0x30001, 30);
        while (true)
        {
            yield return UserOp.Command(0x30001, 1);
            bool up = _tock.Context.Result.IsSuccess;
            yield return UserOp.Call(AlarmDelayMs(10));

            if (up)
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// <c>libtocksync_max17205_read_soc</c>: command(0x80001, 2), Yield-WaitFor(0x80001, 0); afterwards <c>Result.R2</c> is
    /// the state of charge in %/256 and <c>Result.R3</c> RepCap &lt;&lt; 16 | FullCapRep (0.5 mAh units).
    /// </summary>
    public static IEnumerable<UserOp> FuelGaugeReadStateOfCharge()
    {
        yield return UserOp.Command(0x80001, 2);
        yield return UserOp.YieldWaitFor(0x80001, 0);
    }

    /// <summary>Waits for the next change of button <paramref name="button"/>: enable its interrupt, Yield-WaitFor(3, 0).</summary>
    public static IEnumerable<UserOp> ButtonWaitForChange(uint button)
    {
        yield return UserOp.Command(0x3, 1, button);
        yield return UserOp.YieldWaitFor(0x3, 0);
    }

    // libtocksync_alarm_delay_ms as a reusable routine: RadioLib's HAL runs one after every SPI transfer.
    private sealed class AlarmDelayCall : UserRoutine
    {
        private readonly LibtockAlarm _alarm;
        private readonly Func<IEnumerable<UserOp>> _callback;
        private uint _milliseconds;
        private bool _fired;

        public AlarmDelayCall(LibtockAlarm alarm)
        {
            _alarm = alarm;
            _callback = () =>
            {
                _fired = true;
                return [];
            };
        }

        public AlarmDelayCall Start(uint milliseconds)
        {
            Restart();
            _milliseconds = milliseconds;
            _fired = false;
            return this;
        }

        protected override bool Next()
        {
            if (Step == 0)
            {
                Step = 1;
                return Run(_alarm.InMs(_milliseconds, _callback));
            }

            // yield_for(&fired): Yield-Wait until the alarm's callback has run.
            return !_fired && Yield(UserOp.YieldWait());
        }
    }

    // Command 1, then Yield-WaitFor on upcall 0: a reusable routine, since sensing apps read once or twice per period.
    private sealed class SensorReadCall : UserRoutine
    {
        private uint _driver;

        public SensorReadCall Start(uint driver)
        {
            Restart();
            _driver = driver;
            return this;
        }

        protected override bool Next() => Step++ switch
        {
            0 => Yield(UserOp.Command(_driver, 1)),
            1 => Yield(UserOp.YieldWaitFor(_driver, 0)),
            _ => false,
        };
    }
}
