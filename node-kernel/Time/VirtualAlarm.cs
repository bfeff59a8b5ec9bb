namespace SensorNet.NodeKernel.Time;

/// <summary>
/// One user of the shared hardware alarm (tock/tock <c>capsules/core/src/virtualizers/virtual_alarm.rs</c>
/// <c>VirtualMuxAlarm</c>): kernel capsules (BLE advertising, 802.15.4 backoff, sensor waits) and the userspace alarm
/// driver each hold one.
/// </summary>
public sealed class VirtualAlarm
{
    private readonly VirtualAlarmMux _mux;

    internal VirtualAlarm(VirtualAlarmMux mux, IHardwareAlarmClient client, string name)
    {
        _mux = mux;
        Client = client;
        Name = name;
    }

    /// <summary>Who is told when it fires.</summary>
    public IHardwareAlarmClient Client { get; }

    /// <summary>Name for diagnostics.</summary>
    public string Name { get; }

    /// <summary>Start of the current leg, in absolute ticks.</summary>
    public long Reference { get; internal set; }

    /// <summary>Length of the current leg, in ticks.</summary>
    public long Dt { get; internal set; }

    /// <summary>True when the current leg is the first half of a split long alarm.</summary>
    public bool Extended { get; internal set; }

    /// <summary>True while armed.</summary>
    public bool IsArmed { get; internal set; }

    /// <summary>The counter now, in absolute ticks.</summary>
    public long Now => _mux.Hardware.Now;

    /// <summary>The hardware alarm underneath.</summary>
    public HardwareAlarm Hardware => _mux.Hardware;

    /// <summary>When the alarm fires, in absolute ticks (after all legs).</summary>
    public long FinalExpiry => Reference + Dt + (Extended ? _mux.Hardware.HalfMax : 0);

    /// <summary>Arms the alarm for <paramref name="reference"/> + <paramref name="dt"/> (absolute ticks).</summary>
    public void SetAlarm(long reference, long dt) => _mux.Set(this, reference, dt);

    /// <summary>Disarms the alarm.</summary>
    public void Disarm() => _mux.Disarm(this);
}
