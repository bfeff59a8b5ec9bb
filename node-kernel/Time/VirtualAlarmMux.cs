namespace SensorNet.NodeKernel.Time;

/// <summary>
/// Shares one hardware compare among many virtual alarms (tock/tock <c>capsules/core/src/virtualizers/virtual_alarm.rs</c>
/// <c>MuxAlarm</c>): exactly one compare is programmed, for the earliest deadline of all kernel and process users.
/// </summary>
/// <remarks>
/// <para><c>set_alarm</c> splits an alarm whose dt exceeds half the counter range plus the minimum dt into a first leg of
/// dt − half range and a second leg of half range, so a long sleep costs one extra wake-up per split.</para>
/// <para>When the hardware fires, every armed alarm whose time has come fires (an extended one re-arms its second
/// leg); then the compare is set to the soonest remaining alarm, or disarmed. While firing, newly set alarms do not
/// reprogram the hardware; the final scan takes them into account. Outside firing, a newly set alarm reprograms the
/// compare only when it falls outside the new alarm's window and the last programmed alarm is still pending, as in
/// Tock.</para>
/// </remarks>
public sealed class VirtualAlarmMux : IHardwareAlarmClient
{
    private readonly List<VirtualAlarm> _alarms = [];
    private int _enabled;
    private bool _firing;
    private (long Reference, long Dt)? _next;

    /// <summary>Creates the mux over <paramref name="hardware"/> and becomes its client.</summary>
    public VirtualAlarmMux(HardwareAlarm hardware)
    {
        Hardware = hardware ?? throw new ArgumentNullException(nameof(hardware));
        hardware.SetClient(this);
    }

    /// <summary>The hardware alarm.</summary>
    public HardwareAlarm Hardware { get; }

    /// <summary>Virtual alarms armed now.</summary>
    public int ArmedCount => _enabled;

    /// <summary>Second legs started because an alarm was split (each costs one extra wake-up).</summary>
    public long SplitLegsFired { get; private set; }

    /// <summary>Creates a virtual alarm for <paramref name="client"/>. New alarms go to the head of the list, as in Tock.</summary>
    public VirtualAlarm Create(IHardwareAlarmClient client, string name)
    {
        var alarm = new VirtualAlarm(this, client ?? throw new ArgumentNullException(nameof(client)), name);
        _alarms.Insert(0, alarm);
        return alarm;
    }

    internal void Set(VirtualAlarm alarm, long reference, long dt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dt);
        long halfMax = Hardware.HalfMax;
        alarm.Reference = reference;
        if (dt > halfMax + Hardware.MinimumDt)
        {
            alarm.Dt = dt - halfMax;
            alarm.Extended = true;
        }
        else
        {
            alarm.Dt = dt;
            alarm.Extended = false;
        }

        int enabledBefore = _enabled;
        if (!alarm.IsArmed)
        {
            alarm.IsArmed = true;
            _enabled++;
        }

        if (enabledBefore == 0)
        {
            Program(alarm.Reference, alarm.Dt);
        }
        else if (!_firing)
        {
            // tock/tock virtual_alarm.rs VirtualMuxAlarm::set_alarm: reprogram only if the current compare lies outside
            // [reference, expiration) and the alarm last programmed through the mux has not expired yet. Moving the
            // only armed alarm later therefore keeps the earlier compare, which fires once for nothing.
            long expiration = alarm.Reference + alarm.Dt;
            long current = Hardware.Expiry;
            if (!(current >= alarm.Reference && current < expiration))
            {
                long now = Hardware.Now;
                if (_next is not { } next || (now >= next.Reference && now < next.Reference + next.Dt))
                {
                    Program(alarm.Reference, alarm.Dt);
                }
            }
        }
    }

    // MuxAlarm::set_alarm: remembers what it programmed (next_tick_vals).
    private void Program(long reference, long dt)
    {
        _next = (reference, dt);
        Hardware.SetAlarm(reference, dt);
    }

    internal void Disarm(VirtualAlarm alarm)
    {
        if (!alarm.IsArmed)
        {
            return;
        }

        alarm.IsArmed = false;
        _enabled--;
        if (_enabled == 0)
        {
            Hardware.Disarm();
        }
    }

    /// <inheritdoc/>
    long IHardwareAlarmClient.AlarmFired()
    {
        long cycles = 0;
        _firing = true;
        // Index loop: clients may re-arm their alarm while firing, but never create or remove alarms.
        for (int i = 0; i < _alarms.Count; i++)
        {
            VirtualAlarm alarm = _alarms[i];
            if (!alarm.IsArmed || Hardware.Now < alarm.Reference + alarm.Dt)
            {
                continue;
            }

            if (alarm.Extended)
            {
                alarm.Reference += alarm.Dt;
                alarm.Dt = Hardware.HalfMax;
                alarm.Extended = false;
                SplitLegsFired++;
                continue;
            }

            alarm.IsArmed = false;
            _enabled--;
            cycles += alarm.Client.AlarmFired();
        }

        _firing = false;
        VirtualAlarm? soonest = null;
        long best = long.MaxValue;
        long now = Hardware.Now;
        foreach (VirtualAlarm alarm in _alarms)
        {
            if (!alarm.IsArmed)
            {
                continue;
            }

            long remaining = Math.Max(0, alarm.Reference + alarm.Dt - now);
            if (remaining < best)
            {
                best = remaining;
                soonest = alarm;
            }
        }

        if (soonest is null)
        {
            _next = null;
            Hardware.Disarm();
        }
        else
        {
            Program(soonest.Reference, soonest.Dt);
        }

        return cycles;
    }
}
