using SensorNet.NodeKernel.Hardware;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Time;

/// <summary>
/// A chip's alarm peripheral: a free-running counter at a fixed frequency with one compare register that raises an
/// interrupt (nRF RTC, SAM4L AST, Apollo3 STIMER). Ticks are counted from t = 0 without wrapping; the counter width
/// shows where wrapping matters (half-range splitting, left-justified values given to userspace).
/// </summary>
/// <remarks>
/// Setting a compare that is already due or within <see cref="SyncTicks"/> ticks of now fires it <see cref="SyncTicks"/>
/// ticks from now, as the chips' <c>set_alarm</c> do (tock/tock <c>chips/nrf5x/src/rtc.rs</c> <c>SYNC_TICS</c> = 2,
/// <c>chips/sam4l/src/ast.rs</c> <c>ALARM0_SYNC_TICS</c> = 8). <see cref="MinimumDt"/> (<c>minimum_dt</c>) is what the
/// virtual alarm mux uses when splitting long alarms.
/// Tick k happens at ceil(k · 10⁹ / f) ns.
/// </remarks>
public sealed class HardwareAlarm : IEventHandler, IInterruptHandler
{
    /// <summary>The highest counter frequency accepted, 1 GHz (Tock's alarms run at 32 kHz to 64 MHz).</summary>
    public const long MaxFrequencyHz = 1_000_000_000;

    private readonly Simulation _simulation;
    private readonly InterruptController _interrupts;
    private readonly SimTimer _compare;
    private IHardwareAlarmClient? _client;

    /// <summary>Creates the peripheral; its interrupt line must still be registered by the owner.</summary>
    public HardwareAlarm(Simulation simulation, InterruptController interrupts, int irq, long frequencyHz, int widthBits, long minimumDtTicks, long? syncTicks = null)
    {
        _simulation = simulation ?? throw new ArgumentNullException(nameof(simulation));
        _interrupts = interrupts ?? throw new ArgumentNullException(nameof(interrupts));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frequencyHz);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(frequencyHz, MaxFrequencyHz);
        ArgumentOutOfRangeException.ThrowIfLessThan(widthBits, 8);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(widthBits, 62);
        ArgumentOutOfRangeException.ThrowIfNegative(minimumDtTicks);
        Irq = irq;
        FrequencyHz = frequencyHz;
        WidthBits = widthBits;
        MinimumDt = minimumDtTicks;
        SyncTicks = syncTicks ?? minimumDtTicks;
        ArgumentOutOfRangeException.ThrowIfNegative(SyncTicks, nameof(syncTicks));
        _compare = new SimTimer(simulation, this);
        interrupts.Register(irq, this);
    }

    /// <summary>Interrupt line.</summary>
    public int Irq { get; }

    /// <summary>Counter frequency, in Hz.</summary>
    public long FrequencyHz { get; }

    /// <summary>Counter width, in bits.</summary>
    public int WidthBits { get; }

    /// <summary>Smallest distance of a compare from now, in ticks.</summary>
    public long MinimumDt { get; }

    /// <summary>A compare due within this many ticks of now is moved to now + this many ticks.</summary>
    public long SyncTicks { get; }

    /// <summary>Half the counter range: the longest span the counter can express unambiguously.</summary>
    public long HalfMax => 1L << (WidthBits - 1);

    /// <summary>True while a compare is programmed.</summary>
    public bool IsArmed { get; private set; }

    /// <summary>The programmed compare, in absolute ticks.</summary>
    public long Expiry { get; private set; }

    /// <summary>Times the compare was programmed.</summary>
    public long Programmings { get; private set; }

    /// <summary>Compare matches that raised the interrupt.</summary>
    public long Fires { get; private set; }

    /// <summary>The counter now, in absolute ticks.</summary>
    public long Now => TicksAt(_simulation.Now);

    /// <summary>The counter as the hardware shows it (wrapped to its width).</summary>
    public long NowWrapped => Now & ((1L << WidthBits) - 1);

    /// <summary>Absolute ticks at <paramref name="time"/>: floor(ns · f / 10⁹).</summary>
    public long TicksAt(SimTime time)
    {
        long ns = time.Nanoseconds;
        ArgumentOutOfRangeException.ThrowIfNegative(ns, nameof(time)); // the counter starts at t = 0
        // Whole seconds and the rest apart: exact in 64 bits for any time, as f ≤ 10⁹ keeps rest · f below 10¹⁸
        // (the plain product ns · f overflows after about 3 days at 32 kHz).
        (long seconds, long rest) = Math.DivRem(ns, 1_000_000_000);
        return (seconds * FrequencyHz) + (rest * FrequencyHz / 1_000_000_000);
    }

    /// <summary>The instant of absolute tick <paramref name="ticks"/>: ceil(k · 10⁹ / f) ns.</summary>
    public SimTime TimeOfTick(long ticks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ticks);
        // Whole periods of f ticks (one second each) and the rest apart, exact in 64 bits as in TicksAt.
        (long seconds, long rest) = Math.DivRem(ticks, FrequencyHz);
        return new SimTime((seconds * 1_000_000_000) + (((rest * 1_000_000_000) + FrequencyHz - 1) / FrequencyHz));
    }

    /// <summary>Converts milliseconds to ticks, truncating (<c>ticks_from_ms</c>).</summary>
    public long TicksFromMs(long milliseconds) => (long)((Int128)milliseconds * FrequencyHz / 1000);

    /// <summary>Receives compare matches in the bottom half.</summary>
    public void SetClient(IHardwareAlarmClient client) => _client = client;

    /// <summary>Programs the compare at <paramref name="reference"/> + <paramref name="dt"/> (absolute ticks).</summary>
    public void SetAlarm(long reference, long dt)
    {
        long expire = reference + dt;
        long now = Now;
        if (!(now >= reference && now < expire) || expire - now <= SyncTicks)
        {
            expire = now + SyncTicks;
        }

        Expiry = expire;
        IsArmed = true;
        Programmings++;
        _compare.Set(SimTime.Max(TimeOfTick(expire), _simulation.Now));
    }

    /// <summary>Stops the compare.</summary>
    public void Disarm()
    {
        IsArmed = false;
        _compare.Cancel();
    }

    /// <inheritdoc/>
    void IEventHandler.OnEvent(SimTime now, long tag)
    {
        if (!IsArmed)
        {
            return;
        }

        IsArmed = false;
        Fires++;
        _interrupts.Raise(Irq);
    }

    /// <inheritdoc/>
    long IInterruptHandler.Service() => _client?.AlarmFired() ?? 0;
}
