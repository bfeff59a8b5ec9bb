using SensorNet.NodeKernel.Hardware;
using SensorNet.NodeKernel.Kernel;
using SensorNet.RadioModels;
using SensorNet.RadioModels.Chips;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Drivers;

/// <summary>
/// An AT86RF233 driven over SPI as tock/tock <c>capsules/extra/src/rf233.rs</c> does: every register access is an
/// asynchronous SPI transaction ending in an interrupt and a bottom half, so one frame costs many MCU wake-ups. The
/// radio idles in RX_AACK_ON with hardware auto-ACK and CSMA; its IRQ pin's GPIO interrupt is enabled while it is
/// awake and disabled in SLEEP ("Lets MCU sleep"), which decides whether a SAM4L may deep sleep.
/// </summary>
/// <remarks>
/// Transaction counts: start-up writes 10 registers; a transmission switches to TX_ARET_ON, reads the status, writes
/// the frame buffer (PSDU + 2 bytes), starts TX, and after the TRX_END pin interrupt reads IRQ_STATUS and TRAC_STATUS
/// and returns to RX_AACK_ON. SPI at 4 MHz, 2 bytes per register access (U). Without a medium the channel is idle and
/// no ACK arrives.
/// </remarks>
public sealed class Rf233Radio : IIeee802154Radio, IInterruptHandler, IRadioListener, IEventHandler
{
    private const long SpiHz = 4_000_000;
    private const string SpiClock = "PBA.SPI";

    private readonly TockKernel _kernel;
    private readonly PacketRadio _radio;
    private readonly int _spiIrq;
    private readonly PeripheralClock _spiClock;
    private readonly int _pinIrq;
    private readonly Queue<int> _transactions = new();
    private Action? _afterTransactions;
    private Action<bool>? _done;
    private bool _pinInterruptEnabled;
    private bool _trxEnd;

    /// <summary>Creates the radio driver: SPI-done interrupt <paramref name="spiIrq"/>, IRQ-pin GPIO interrupt <paramref name="pinIrq"/>.</summary>
    public Rf233Radio(TockKernel kernel, PacketRadio radio, int spiIrq, int pinIrq)
    {
        _kernel = kernel ?? throw new ArgumentNullException(nameof(kernel));
        _spiClock = kernel.Clocks.Clock(SpiClock);
        _radio = radio ?? throw new ArgumentNullException(nameof(radio));
        _spiIrq = spiIrq;
        _pinIrq = pinIrq;
        kernel.Interrupts.Register(spiIrq, this);
        kernel.Interrupts.Register(pinIrq, new PinInterrupt(this));
    }

    /// <inheritdoc/>
    public bool IsOn { get; private set; }

    /// <inheritdoc/>
    public bool IsBusy => _done is not null;

    /// <summary>SPI transactions made.</summary>
    public long SpiTransactions { get; private set; }

    /// <inheritdoc/>
    public long PowerOn()
    {
        if (IsOn)
        {
            return 0;
        }

        IsOn = true;
        SetPinInterrupt(true);
        Run(Enumerable.Repeat(2, 10), () => _radio.Receive());
        return 200;
    }

    /// <inheritdoc/>
    public long PowerOff()
    {
        if (!IsOn)
        {
            return 0;
        }

        IsOn = false;
        Run([2], () =>
        {
            _radio.Off();
            SetPinInterrupt(false);
        });
        return 100;
    }

    /// <inheritdoc/>
    public long Transmit(int psduBytes, bool ackRequested, Action<bool> done)
    {
        _done = done ?? throw new ArgumentNullException(nameof(done));
        SimDuration onAir = Ieee802154Timing.FrameDuration(psduBytes) + (ackRequested ? Nrf52Ieee802154Radio.AckTime : SimDuration.Zero);
        Run([2, 2, psduBytes + 2, 2], () => _radio.Transmit(onAir, this, receiveAfter: true, extraBeforeTx: Ieee802154Timing.Cca));
        return 300;
    }

    /// <inheritdoc/>
    void IRadioListener.OnTransmitDone(SimTime now)
    {
        // TRX_END on the IRQ pin.
        _trxEnd = true;
        _kernel.Interrupts.Raise(_pinIrq);
    }

    /// <inheritdoc/>
    void IEventHandler.OnEvent(SimTime now, long tag)
    {
        _kernel.Clocks.Release(_spiClock);
        _kernel.Interrupts.Raise(_spiIrq);
    }

    /// <inheritdoc/>
    long IInterruptHandler.Service()
    {
        if (_transactions.Count > 0)
        {
            StartTransaction(_transactions.Dequeue());
            return 90;
        }

        Action? after = _afterTransactions;
        _afterTransactions = null;
        after?.Invoke();
        return 90;
    }

    private long ServicePin()
    {
        if (!_trxEnd)
        {
            return 40;
        }

        _trxEnd = false;
        Run([2, 2, 2], () =>
        {
            Action<bool>? done = _done;
            _done = null;
            done?.Invoke(false);
        });
        return 120;
    }

    private void Run(IEnumerable<int> transactionBytes, Action after)
    {
        foreach (int bytes in transactionBytes)
        {
            _transactions.Enqueue(bytes);
        }

        _afterTransactions = after;
        StartTransaction(_transactions.Dequeue());
    }

    private void StartTransaction(int bytes)
    {
        SpiTransactions++;
        _kernel.Clocks.Hold(_spiClock);
        _kernel.Simulation.ScheduleAfter(SimDuration.FromNanoseconds(bytes * 8L * 1_000_000_000L / SpiHz), this);
    }

    private void SetPinInterrupt(bool enabled)
    {
        if (enabled && !_pinInterruptEnabled)
        {
            _kernel.Clocks.EnableGpioInterrupt();
        }
        else if (!enabled && _pinInterruptEnabled)
        {
            _kernel.Clocks.DisableGpioInterrupt();
        }

        _pinInterruptEnabled = enabled;
    }

    private sealed class PinInterrupt(Rf233Radio radio) : IInterruptHandler
    {
        public long Service() => radio.ServicePin();
    }
}
