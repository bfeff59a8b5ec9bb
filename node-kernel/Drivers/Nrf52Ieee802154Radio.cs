using SensorNet.NodeKernel.Hardware;
using SensorNet.NodeKernel.Kernel;
using SensorNet.RadioModels;
using SensorNet.RadioModels.Chips;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Drivers;

/// <summary>
/// The nRF52840's RADIO in 802.15.4 mode as tock/tock <c>chips/nrf52/src/ieee802154_radio.rs</c> drives it: <c>start()</c>
/// puts it in continuous RX; a transmission goes DISABLE → RXEN → CCA → TXEN on CCAIDLE, sends, then returns to RX; the
/// END event raises the RADIO interrupt (line 1) and the bottom half reports. With an ACK requested the driver listens
/// <c>IEEE802154_ACK_TIME</c> = 512 µs for it.
/// </summary>
/// <remarks>
/// <b>Scope and limitations:</b> no medium yet, so CCA always finds the channel idle (no backoff) and no ACK arrives
/// (acked = false); receptions never happen.
/// </remarks>
public sealed class Nrf52Ieee802154Radio : IIeee802154Radio, IRadioListener, IInterruptHandler
{
    private readonly TockKernel _kernel;
    private readonly PacketRadio _radio;
    private readonly int _irq;
    private Action<bool>? _done;
    private bool _ackRequested;
    private bool _transmitDone;

    /// <summary>Creates the radio driver over <paramref name="radio"/> on interrupt line <paramref name="irq"/>.</summary>
    public Nrf52Ieee802154Radio(TockKernel kernel, PacketRadio radio, int irq = 1)
    {
        _kernel = kernel ?? throw new ArgumentNullException(nameof(kernel));
        _radio = radio ?? throw new ArgumentNullException(nameof(radio));
        _irq = irq;
        kernel.Interrupts.Register(irq, this);
    }

    /// <summary><c>IEEE802154_ACK_TIME</c>.</summary>
    public static SimDuration AckTime { get; } = SimDuration.FromMicroseconds(512);

    /// <inheritdoc/>
    public bool IsOn { get; private set; }

    /// <inheritdoc/>
    public bool IsBusy => _done is not null;

    /// <inheritdoc/>
    public long PowerOn()
    {
        IsOn = true;
        _radio.Receive();
        return 300;
    }

    /// <inheritdoc/>
    public long PowerOff()
    {
        IsOn = false;
        _radio.Off();
        return 100;
    }

    /// <inheritdoc/>
    public long Transmit(int psduBytes, bool ackRequested, Action<bool> done)
    {
        _done = done ?? throw new ArgumentNullException(nameof(done));
        _ackRequested = ackRequested;
        SimDuration onAir = Ieee802154Timing.FrameDuration(psduBytes) + (ackRequested ? AckTime : SimDuration.Zero);
        _radio.Transmit(onAir, this, receiveAfter: true, extraBeforeTx: Ieee802154Timing.Cca);
        return 200;
    }

    /// <inheritdoc/>
    void IRadioListener.OnTransmitDone(SimTime now)
    {
        _transmitDone = true;
        _kernel.Interrupts.Raise(_irq);
    }

    /// <inheritdoc/>
    long IInterruptHandler.Service()
    {
        // The RADIO line is shared with the BLE driver: only our own END event counts.
        if (!_transmitDone)
        {
            return 0;
        }

        _transmitDone = false;
        Action<bool>? done = _done;
        _done = null;
        done?.Invoke(false);
        return _ackRequested ? 120 : 80;
    }
}
