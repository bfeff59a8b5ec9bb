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
    private uint _upcall;

    internal LibtockAlarm(UserContext context)
    {
        _context = context;
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
        yield return UserOp.Command(0, 2);
        uint now = _context.Result.R1;
        yield return UserOp.Command(0, 1); // libtock_alarm_ticks_to_ms(MAX_TICKS)
        yield return UserOp.Command(0, 1); // ms_to_ticks(max_ticks_in_ms)
        yield return UserOp.Command(0, 1); // ms_to_ticks(ms)
        uint frequency = _context.Result.R1;
        uint ticks = (uint)Math.Min(uint.MaxValue, (ulong)frequency * milliseconds / 1000);
        var entry = new Entry(now, ticks, callback);
        int index = _alarms.FindIndex(a => Remaining(a, now) > ticks);
        _alarms.Insert(index < 0 ? _alarms.Count : index, entry);
        if (ReferenceEquals(_alarms[0], entry))
        {
            if (_upcall == 0)
            {
                _upcall = _context.Function(Fired);
            }

            yield return UserOp.Subscribe(0, 0, _upcall, 0);
            yield return UserOp.Command(0, 6, now, ticks);
        }
    }

    // alarm_upcall: read now, fire expired alarms in order, re-arm the head if any is left.
    private IEnumerable<UserOp> Fired(UpcallArguments args)
    {
        yield return UserOp.Command(0, 2);
        uint now = _context.Result.R1;
        while (_alarms.Count > 0 && Remaining(_alarms[0], now) == 0)
        {
            Entry e = _alarms[0];
            _alarms.RemoveAt(0);
            foreach (UserOp op in e.Callback())
            {
                yield return op;
            }
        }

        if (_alarms.Count > 0)
        {
            Entry head = _alarms[0];
            yield return UserOp.Command(0, 6, head.Reference, head.Dt);
        }
    }

    // Ticks left until an alarm expires, in the driver's wrapping 32-bit left-justified domain; 0 when due.
    private static uint Remaining(Entry e, uint now)
    {
        uint elapsed = unchecked(now - e.Reference);
        return elapsed >= e.Dt ? 0 : e.Dt - elapsed;
    }

    private sealed record Entry(uint Reference, uint Dt, Func<IEnumerable<UserOp>> Callback);
}
