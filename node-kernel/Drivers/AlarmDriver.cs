using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Syscalls;
using SensorNet.NodeKernel.Time;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Drivers;

/// <summary>
/// The userspace alarm driver, 0x0 (tock/tock <c>capsules/core/src/alarm.rs</c>): one alarm per process kept in its
/// grant, all served by one virtual alarm. Commands 3, 5 and 6 and every expiry run <c>process_rearm_or_callback</c>,
/// which scans every process, fires each expired alarm (upcall 0 with (now, expiration, 0), left-justified) and sets
/// the virtual alarm to the earliest remaining one or disarms it.
/// </summary>
/// <remarks>
/// Values exchanged with userspace are 32-bit and left-justified: ticks are shifted left by 32 − counter width
/// (command 1 on an nRF52 returns 32 768 · 2⁸ = 8 388 608); a dt or expiration between two ticks is rounded up. An
/// absolute reference from userspace is taken as the counter value nearest to now. Work per scan: 100 cycles plus 30 per process (grade U).
/// </remarks>
public sealed class AlarmDriver : ISyscallDriver, IHardwareAlarmClient
{
    /// <summary>Driver number.</summary>
    public const uint Number = 0x0;

    private readonly TockKernel _kernel;
    private readonly HardwareAlarm _hw;
    // The counter's width fixes these; commands 1 and 2 (millis() reads both, about 80 times per radio packet) use them.
    private readonly int _shift;
    private readonly long _widthMask;
    private readonly long _tickMask; // dt as tock/tock computes it: in u32 ticks, so at most the low 32 bits
    private readonly VirtualAlarm _alarm;
    private readonly Expiration?[] _expirations; // by process index: the alarm each process keeps in its grant

    /// <summary>Creates the driver on its own virtual alarm and installs it in <paramref name="kernel"/>.</summary>
    public AlarmDriver(TockKernel kernel)
    {
        _kernel = kernel ?? throw new ArgumentNullException(nameof(kernel));
        _hw = kernel.Alarm;
        _shift = Math.Max(0, 32 - _hw.WidthBits);
        _widthMask = (1L << _hw.WidthBits) - 1;
        _tickMask = Math.Min(_widthMask, uint.MaxValue);
        _alarm = kernel.AlarmMux.Create(this, "userspace alarm");
        _expirations = new Expiration?[kernel.Options.MaxProcesses];
        kernel.AddDriver(this);
    }

    /// <inheritdoc/>
    public uint DriverNumber => Number;

    /// <inheritdoc/>
    public int UpcallCount => 1;

    /// <inheritdoc/>
    public int ReadWriteAllowCount => 0;

    /// <inheritdoc/>
    public int ReadOnlyAllowCount => 0;

    /// <inheritdoc/>
    public int GrantBytes => 16;

    /// <summary>Process scans run (each after a set, a stop or an expiry).</summary>
    public long Scans { get; private set; }

    /// <inheritdoc/>
    /// <remarks>Commands 0 (exists) and 1 (frequency) always answer the same; nothing else is promised.</remarks>
    public SimTime CommandAnswerUnchangedUntil(TockProcess process, uint command, uint argument1, uint argument2)
    {
        ArgumentNullException.ThrowIfNull(process);
        return command is 0 or 1 && process.HasGrant(Number) ? SimTime.MaxValue : SimTime.Zero;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Command 2 (read) answers the counter left-justified to 32 bits, which wraps every 2^w ticks (w = min(width, 32)):
    /// from the current tick it rises until its value reaches <paramref name="high"/> or the counter wraps, whichever
    /// comes first; the answer is promised until the instant of that tick.
    /// </remarks>
    public SimTime CountingAnswerInRangeUntil(TockProcess process, uint command, uint argument1, uint argument2, uint low, uint high)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (command != 2 || !process.HasGrant(Number))
        {
            return SimTime.Zero;
        }

        long ticks = _hw.Now;
        uint value = LeftJustify(ticks);
        if (value < low || value >= high)
        {
            return SimTime.Zero;
        }

        // The answer is (ticks mod 2^w) << shift: it first reaches `high` at tick index ceil(high / 2^shift) of the wrap
        // period, which is at most 2^w, where it wraps (high < 2^32).
        long indexNow = ticks & ((1L << (32 - _shift)) - 1);
        return _hw.TimeOfTick(ticks - indexNow + (((long)high + (1L << _shift) - 1) >> _shift));
    }

    /// <inheritdoc/>
    public CommandResult Command(TockProcess process, uint command, uint argument1, uint argument2)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (!_kernel.EnterGrant(process, Number))
        {
            return CommandResult.Failure(ErrorCode.NoMem);
        }

        HardwareAlarm hw = _hw;
        switch (command)
        {
            case 0:
                return CommandResult.Success();
            case 1:
                return CommandResult.SuccessU32((uint)(hw.FrequencyHz << _shift));
            case 2:
                return CommandResult.SuccessU32(LeftJustify(hw.Now));
            case 3:
                if (Current(process) is null)
                {
                    return CommandResult.Failure(ErrorCode.Already);
                }

                _expirations[process.Index] = null;
                return CommandResult.Success(Rearm());
            case 5:
            {
                long reference = hw.Now;
                long dt = RoundUpToTicks(argument1);
                _expirations[process.Index] = new Expiration(reference, dt, process.RestartCount);
                long cycles = Rearm();
                return CommandResult.SuccessU32(LeftJustify(reference + dt), cycles);
            }

            case 6:
            {
                long reference = NearestAbsolute(argument1 >> _shift);
                long dt = (uint)(RoundUpToTicks(unchecked(argument1 + argument2)) - (argument1 >> _shift)) & _tickMask;
                _expirations[process.Index] = new Expiration(reference, dt, process.RestartCount);
                long cycles = Rearm();
                return CommandResult.SuccessU32(LeftJustify(reference + dt), cycles);
            }

            default:
                return CommandResult.Failure(ErrorCode.NoSupport);
        }
    }

    /// <inheritdoc/>
    long IHardwareAlarmClient.AlarmFired() => Rearm();

    // process_rearm_or_callback
    private long Rearm()
    {
        Scans++;
        long now = _hw.Now;
        Expiration? earliest = null;
        foreach (TockProcess p in _kernel.ProcessList)
        {
            if (Current(p) is not { } e)
            {
                continue;
            }

            // tock/tock alarm.rs earliest_alarm: expired when !now.within_range(reference, reference + dt), which also
            // holds for a reference userspace placed in the future.
            if (now >= e.Reference + e.Dt || now < e.Reference)
            {
                _expirations[p.Index] = null;
                _kernel.ScheduleUpcall(p, new UpcallId(Number, 0), LeftJustify(now), LeftJustify(e.Reference + e.Dt), 0);
            }
            else if (earliest is null || e.Reference + e.Dt - now < earliest.Value.Reference + earliest.Value.Dt - now)
            {
                earliest = e;
            }
        }

        if (earliest is { } next)
        {
            _alarm.SetAlarm(next.Reference, next.Dt);
        }
        else
        {
            _alarm.Disarm();
        }

        return 100 + (30L * _kernel.Processes.Count);
    }

    // A restart or termination frees the grant, and the alarm kept in it with it.
    private Expiration? Current(TockProcess p) =>
        _expirations[p.Index] is { } e && p.IsAlive && p.HasGrant(Number) && e.RestartCount == p.RestartCount ? e : null;

    // tock/tock capsules/core/src/alarm.rs rearm_u32_left_justified_expiration: a left-justified dt (command 5) or
    // expiration (command 6) with any padding bit set is rounded up to the next whole tick, so the alarm never fires
    // early.
    private long RoundUpToTicks(uint leftJustified)
    {
        uint padding = (1u << _shift) - 1;
        return (leftJustified >> _shift) + ((leftJustified & padding) != 0 ? 1 : 0);
    }

    private uint LeftJustify(long ticks) => (uint)((ticks & _widthMask) << _shift);

    private long NearestAbsolute(long wrapped)
    {
        long now = _hw.Now;
        long range = _widthMask + 1;
        long diff = (wrapped - (now & _widthMask)) & _widthMask;
        if (diff >= range / 2)
        {
            diff -= range;
        }

        return now + diff;
    }

    private readonly record struct Expiration(long Reference, long Dt, int RestartCount);
}
