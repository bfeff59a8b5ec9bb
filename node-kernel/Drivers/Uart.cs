using SensorNet.Energy;
using SensorNet.Energy.Accounting;
using SensorNet.Energy.Consumers;
using SensorNet.NodeKernel.Hardware;
using SensorNet.NodeKernel.Kernel;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Drivers;

/// <summary>
/// A UART with DMA as Tock's chips drive it: a transmission takes 10 bit times per byte (8N1) and ends with an
/// interrupt; an armed receive keeps the receiver, and its peripheral clock, on until stopped. On the SAM4L the held
/// USART clock blocks deep sleep (tock/tock <c>chips/sam4l/src/usart.rs:325-350</c>).
/// </summary>
public sealed class Uart : IInterruptHandler, IEventHandler
{
    private const int Off = 0;
    private const int Rx = 1;
    private const int Tx = 2;
    private const int RxTx = 3;

    private readonly TockKernel _kernel;
    private readonly StateBasedConsumer _consumer;
    private readonly int _irq;
    private readonly PeripheralClock _clock;
    private Action? _transmitDone;
    private int _receivers;

    /// <summary>Creates the UART.</summary>
    /// <param name="kernel">The node's kernel.</param>
    /// <param name="energy">The node's energy system.</param>
    /// <param name="irq">Interrupt line.</param>
    /// <param name="baud">Bit rate, e.g. 115 200.</param>
    /// <param name="clock">Peripheral clock held while the UART is busy or receiving, e.g. <c>PBA.USART2</c>.</param>
    /// <param name="receiveCurrent">Supply current with the receiver on.</param>
    /// <param name="transmitCurrent">Supply current while transmitting.</param>
    /// <param name="source">Source and grade of the currents.</param>
    public Uart(TockKernel kernel, NodeEnergy energy, int irq, long baud, string clock, Amperes receiveCurrent, Amperes transmitCurrent, string source)
    {
        _kernel = kernel ?? throw new ArgumentNullException(nameof(kernel));
        ArgumentNullException.ThrowIfNull(energy);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(baud);
        _irq = irq;
        Baud = baud;
        _clock = kernel.Clocks.Clock(clock);
        _consumer = energy.AddConsumer(
            "uart",
            PowerStateTable.FromCurrents("uart", kernel.Chip.Supply, [("off", new Amperes(0)), ("rx", receiveCurrent), ("tx", transmitCurrent), ("rx_tx", receiveCurrent + transmitCurrent)], source));
        kernel.Interrupts.Register(irq, this);
    }

    /// <summary>Bit rate.</summary>
    public long Baud { get; }

    /// <summary>Peripheral clock name.</summary>
    public string Clock => _clock.Name;

    /// <summary>True while a receive is armed.</summary>
    public bool IsReceiving => _receivers > 0;

    /// <summary>True while transmitting.</summary>
    public bool IsTransmitting => _transmitDone is not null;

    /// <summary>Bytes transmitted.</summary>
    public long BytesTransmitted { get; private set; }

    /// <summary>Time on the wire of <paramref name="bytes"/> bytes.</summary>
    public SimDuration TransmitTime(int bytes) => SimDuration.FromNanoseconds(bytes * 10L * 1_000_000_000L / Baud);

    /// <summary>Starts sending <paramref name="bytes"/>; <paramref name="done"/> runs in the bottom half of the TX-done interrupt.</summary>
    public void Transmit(int bytes, Action done)
    {
        if (IsTransmitting)
        {
            throw new InvalidOperationException("The UART is already transmitting.");
        }

        _transmitDone = done ?? throw new ArgumentNullException(nameof(done));
        _kernel.Clocks.Hold(_clock);
        BytesTransmitted += bytes;
        UpdateState();
        _kernel.Simulation.ScheduleAfter(TransmitTime(bytes), this);
    }

    /// <summary>Arms a receive (reference counted: the process console and a console read may both hold one).</summary>
    public void StartReceive()
    {
        if (_receivers++ == 0)
        {
            _kernel.Clocks.Hold(_clock);
            UpdateState();
        }
    }

    /// <summary>Disarms one receive.</summary>
    public void StopReceive()
    {
        if (_receivers == 0)
        {
            throw new InvalidOperationException("No receive is armed.");
        }

        if (--_receivers == 0)
        {
            _kernel.Clocks.Release(_clock);
            UpdateState();
        }
    }

    /// <inheritdoc/>
    void IEventHandler.OnEvent(SimTime now, long tag)
    {
        _kernel.Clocks.Release(_clock);
        _kernel.Interrupts.Raise(_irq);
    }

    /// <inheritdoc/>
    long IInterruptHandler.Service()
    {
        Action? done = _transmitDone;
        _transmitDone = null;
        UpdateState();
        done?.Invoke();
        return 60;
    }

    private void UpdateState() => _consumer.SetState((IsReceiving, IsTransmitting) switch
    {
        (false, false) => Off,
        (true, false) => Rx,
        (false, true) => Tx,
        _ => RxTx,
    });
}
