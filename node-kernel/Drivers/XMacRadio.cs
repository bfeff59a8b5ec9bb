using SensorNet.NodeKernel.Hardware;
using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Time;
using SensorNet.RadioModels;
using SensorNet.RadioModels.Chips;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Drivers;

/// <summary>
/// X-MAC low-power listening (tock/tock <c>capsules/extra/src/ieee802154/xmac.rs</c>, written for the RF233 but not
/// instantiated by any board at the reference commit) in front of a packet radio: while on, the radio sleeps
/// <c>SLEEP_TIME_MS</c> = 250 ms and listens <c>WAKE_TIME_MS</c> = 10 ms, each transition driven by a virtual alarm (an
/// MCU wake-up); a transmission first strobes preambles for up to <c>PREAMBLE_TX_MS</c> = 251 ms, each a short frame
/// followed by a listen for the early ACK, then sends the data frame.
/// </summary>
/// <remarks>
/// <b>Scope and limitations:</b> without a medium no early ACK arrives, so every transmission strobes the whole 251 ms.
/// A preamble is an 11-byte PSDU (352 µs on air, the frame format is an assumption, U) followed by a 512 µs listen
/// (the ACK wait of <see cref="Nrf52Ieee802154Radio.AckTime"/>). <c>MAX_TX_BACKOFF_MS</c> random backoff is not modelled.
/// </remarks>
public sealed class XMacRadio : IIeee802154Radio, IHardwareAlarmClient, IRadioListener, IInterruptHandler, SimEngine.Events.IEventHandler
{
    /// <summary><c>WAKE_TIME_MS</c>.</summary>
    public const int WakeTimeMs = 10;

    /// <summary><c>SLEEP_TIME_MS</c>.</summary>
    public const int SleepTimeMs = 250;

    /// <summary><c>PREAMBLE_TX_MS</c>.</summary>
    public const int PreambleTxMs = 251;

    /// <summary>PSDU bytes of one preamble strobe (U).</summary>
    public const int PreambleBytes = 11;

    private readonly TockKernel _kernel;
    private readonly PacketRadio _radio;
    private readonly VirtualAlarm _alarm;
    private readonly int _irq;
    private bool _awake;
    private Action<bool>? _done;
    private int _dataPsdu;
    private SimTime _preambleEnd;
    private bool _sendingData;
    private bool _transmitDone;

    /// <summary>Creates the MAC over <paramref name="radio"/>, reporting transmissions on interrupt line <paramref name="irq"/>.</summary>
    public XMacRadio(TockKernel kernel, PacketRadio radio, int irq)
    {
        _kernel = kernel ?? throw new ArgumentNullException(nameof(kernel));
        _radio = radio ?? throw new ArgumentNullException(nameof(radio));
        _irq = irq;
        _alarm = kernel.AlarmMux.Create(this, "xmac");
        kernel.Interrupts.Register(irq, this);
    }

    /// <inheritdoc/>
    public bool IsOn { get; private set; }

    /// <inheritdoc/>
    public bool IsBusy => _done is not null;

    /// <summary>Listen windows opened.</summary>
    public long ListenWindows { get; private set; }

    /// <summary>Preamble strobes sent.</summary>
    public long PreamblesSent { get; private set; }

    /// <summary>
    /// Time one preamble strobe takes without kernel latencies: the radio's ramp-up, its frame, and the listen for the
    /// early ACK.
    /// </summary>
    public SimDuration StrobePeriod => _radio.Profile.RampUp + Ieee802154Timing.FrameDuration(PreambleBytes) + Nrf52Ieee802154Radio.AckTime;

    /// <inheritdoc/>
    public long PowerOn()
    {
        if (!IsOn)
        {
            IsOn = true;
            Sleep();
        }

        return 200;
    }

    /// <inheritdoc/>
    public long PowerOff()
    {
        IsOn = false;
        _alarm.Disarm();
        _radio.Off();
        return 100;
    }

    /// <inheritdoc/>
    public long Transmit(int psduBytes, bool ackRequested, Action<bool> done)
    {
        _done = done ?? throw new ArgumentNullException(nameof(done));
        _dataPsdu = psduBytes;
        _sendingData = false;
        _alarm.Disarm();
        _preambleEnd = _kernel.Now + SimDuration.FromMilliseconds(PreambleTxMs);
        SendPreamble();
        return 300;
    }

    /// <inheritdoc/>
    long IHardwareAlarmClient.AlarmFired()
    {
        if (!IsOn || IsBusy)
        {
            return 0;
        }

        if (_awake)
        {
            Sleep();
        }
        else
        {
            _awake = true;
            ListenWindows++;
            _radio.Receive();
            _alarm.SetAlarm(_alarm.Now, _kernel.Alarm.TicksFromMs(WakeTimeMs));
        }

        return 80;
    }

    /// <inheritdoc/>
    void IRadioListener.OnTransmitDone(SimTime now)
    {
        _transmitDone = true; // every frame's TX-done is an interrupt
        _kernel.Interrupts.Raise(_irq);
    }

    /// <inheritdoc/>
    long IInterruptHandler.Service()
    {
        // The line may be shared (the nRF52's RADIO with BLE): only our own TX-done counts.
        if (!_transmitDone || _done is null)
        {
            return 0;
        }

        _transmitDone = false;

        if (!_sendingData)
        {
            // A strobe went out: listen for the early ACK, then strobe again or send the data.
            _kernel.Simulation.ScheduleAfter(Nrf52Ieee802154Radio.AckTime, this);
            return 60;
        }

        Action<bool> done = _done;
        _done = null;
        _sendingData = false;
        if (IsOn)
        {
            Sleep();
        }

        done(false);
        return 100;
    }

    /// <inheritdoc/>
    void SimEngine.Events.IEventHandler.OnEvent(SimTime now, long tag)
    {
        if (_done is null)
        {
            return;
        }

        if (now + StrobePeriod <= _preambleEnd)
        {
            SendPreamble();
        }
        else
        {
            _sendingData = true;
            _radio.Transmit(Ieee802154Timing.FrameDuration(_dataPsdu), this, receiveAfter: false);
        }
    }

    private void Sleep()
    {
        _awake = false;
        _radio.Off();
        _alarm.SetAlarm(_alarm.Now, _kernel.Alarm.TicksFromMs(SleepTimeMs));
    }

    // A strobe's frame is followed by a listen for the early ACK (receiveAfter), counted in the strobe period.
    private void SendPreamble()
    {
        PreamblesSent++;
        _radio.Transmit(Ieee802154Timing.FrameDuration(PreambleBytes), this, receiveAfter: true, extraBeforeTx: SimDuration.Zero);
    }
}
