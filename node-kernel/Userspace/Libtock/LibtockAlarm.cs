namespace SensorNet.NodeKernel.Userspace.Libtock;

/// <summary>
/// libtock-c's userspace alarm service (<c>libtock/services/alarm.c</c>): many alarms kept in a userspace list
/// ordered by expiry, multiplexed onto the kernel's single per-process alarm (driver 0x0). Arming an alarm that
/// becomes the list head subscribes the list's upcall and sets the kernel alarm with command 6; the upcall reads the
/// time, fires every expired alarm and re-arms the new head.
/// </summary>
public sealed class LibtockAlarm
{
    private readonly UserContext _context;
    private readonly List<Entry> _alarms = [];
    private readonly UserRoutinePool<InMsCall> _inMsCalls;
    private readonly UserRoutinePool<UpcallCall> _upcallCalls;
    private readonly Func<UpcallArguments, IEnumerable<UserOp>> _fired;
    private uint _upcall;

    internal LibtockAlarm(UserContext context)
    {
        _context = context;
        _inMsCalls = new(() => new InMsCall(this));
        _upcallCalls = new(() => new UpcallCall(this));
        _fired = _ => _upcallCalls.Rent().Start();
    }

    /// <summary>Alarms pending in the userspace list.</summary>
    public int Pending => _alarms.Count;

    /// <summary>
    /// <c>libtock_alarm_in_ms(ms, cb)</c>: read now (command 0,2), convert with the frequency (three command 0,1 as the
    /// C code's conversions make them), and if the new alarm heads the list, subscribe and set it (command 0,6).
    /// </summary>
    public IEnumerable<UserOp> InMs(uint milliseconds, Func<IEnumerable<UserOp>> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return _inMsCalls.Rent().Start(milliseconds, callback);
    }

    // Ticks left until an alarm expires, in the driver's wrapping 32-bit left-justified domain; 0 when due.
    private static uint Remaining(Entry e, uint now)
    {
        uint elapsed = unchecked(now - e.Reference);
        return elapsed >= e.Dt ? 0 : e.Dt - elapsed;
    }

    // Inserts after every alarm that expires no later (the C list's insertion order); true if it became the head.
    private bool Insert(Entry entry, uint now)
    {
        int index = _alarms.Count;
        for (int i = 0; i < _alarms.Count; i++)
        {
            if (Remaining(_alarms[i], now) > entry.Dt)
            {
                index = i;
                break;
            }
        }

        _alarms.Insert(index, entry);
        return index == 0;
    }

    private readonly record struct Entry(uint Reference, uint Dt, Func<IEnumerable<UserOp>> Callback);

    // libtock_alarm_in_ms, written as a reusable routine (every synchronous delay runs it).
    private sealed class InMsCall(LibtockAlarm alarm) : UserRoutine
    {
        private uint _milliseconds;
        private Func<IEnumerable<UserOp>> _callback = null!;
        private uint _now;
        private uint _ticks;

        public InMsCall Start(uint milliseconds, Func<IEnumerable<UserOp>> callback)
        {
            Restart();
            (_milliseconds, _callback) = (milliseconds, callback);
            return this;
        }

        protected override bool Next()
        {
            UserContext context = alarm._context;
            switch (Step++)
            {
                case 0:
                    return Yield(UserOp.Command(0, 2));
                case 1:
                    _now = context.Result.R1;
                    return Yield(UserOp.Command(0, 1)); // libtock_alarm_ticks_to_ms(MAX_TICKS)
                case 2:
                    return Yield(UserOp.Command(0, 1)); // ms_to_ticks(max_ticks_in_ms)
                case 3:
                    return Yield(UserOp.Command(0, 1)); // ms_to_ticks(ms)
                case 4:
                    uint frequency = context.Result.R1;
                    _ticks = (uint)Math.Min(uint.MaxValue, (ulong)frequency * _milliseconds / 1000);
                    if (!alarm.Insert(new Entry(_now, _ticks, _callback), _now))
                    {
                        return false;
                    }

                    if (alarm._upcall == 0)
                    {
                        alarm._upcall = context.Function(alarm._fired);
                    }

                    return Yield(UserOp.Subscribe(0, 0, alarm._upcall, 0));
                case 5:
                    return Yield(UserOp.Command(0, 6, _now, _ticks));
                default:
                    return false;
            }
        }
    }

    // alarm_upcall: read now, fire expired alarms in order, re-arm the head if any is left.
    private sealed class UpcallCall(LibtockAlarm alarm) : UserRoutine
    {
        private uint _now;

        public UpcallCall Start()
        {
            Restart();
            return this;
        }

        protected override bool Next()
        {
            List<Entry> alarms = alarm._alarms;
            switch (Step)
            {
                case 0:
                    Step = 1;
                    return Yield(UserOp.Command(0, 2));
                case 1:
                    _now = alarm._context.Result.R1;
                    Step = 2;
                    goto case 2;
                case 2:
                    if (alarms.Count > 0 && Remaining(alarms[0], _now) == 0)
                    {
                        Entry e = alarms[0];
                        alarms.RemoveAt(0);
                        return Run(e.Callback()); // then back here for the next expired alarm
                    }

                    Step = 3;
                    if (alarms.Count > 0)
                    {
                        Entry head = alarms[0];
                        return Yield(UserOp.Command(0, 6, head.Reference, head.Dt));
                    }

                    return false;
                default:
                    return false;
            }
        }
    }
}
