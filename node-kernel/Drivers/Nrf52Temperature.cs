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
/// The nRF52840's internal TEMP peripheral (tock/tock <c>chips/nrf5x/src/temperature.rs</c>): START, a conversion,
/// then the DATARDY interrupt. Conversion time 36 µs and 1 mA while converting are placeholders (U); the value comes
/// from a function of time (hundredths of °C).
/// </summary>
public sealed class Nrf52Temperature : ISensorBackend, IInterruptHandler, IEventHandler
{
    private readonly TockKernel _kernel;
    private readonly StateBasedConsumer _consumer;
    private readonly Func<SimTime, int> _value;
    private readonly int _irq;
    private Action<int>? _done;

    /// <summary>Creates the peripheral on interrupt line <paramref name="irq"/> (TEMP is 12 on the nRF52840).</summary>
    public Nrf52Temperature(TockKernel kernel, NodeEnergy energy, Func<SimTime, int> value, int irq = 12, SimDuration? conversionTime = null)
    {
        _kernel = kernel ?? throw new ArgumentNullException(nameof(kernel));
        ArgumentNullException.ThrowIfNull(energy);
        _value = value ?? throw new ArgumentNullException(nameof(value));
        _irq = irq;
        ConversionTime = conversionTime ?? SimDuration.FromMicroseconds(36);
        _consumer = energy.AddConsumer(
            "temp",
            PowerStateTable.FromCurrents("nrf52-temp", kernel.Chip.Supply, [("idle", new Amperes(0)), ("converting", Amperes.FromMilliamperes(1))], "TEMP conversion current and 36 µs conversion time: U placeholders"));
        kernel.Interrupts.Register(irq, this);
    }

    /// <summary>Time of one conversion.</summary>
    public SimDuration ConversionTime { get; }

    /// <inheritdoc/>
    public bool IsBusy => _done is not null;

    /// <inheritdoc/>
    public long StartMeasurement(Action<int> done)
    {
        _done = done;
        _consumer.SetState(1);
        _kernel.Simulation.ScheduleAfter(ConversionTime, this);
        return 40;
    }

    /// <inheritdoc/>
    void IEventHandler.OnEvent(SimTime now, long tag)
    {
        _consumer.SetState(0);
        _kernel.Interrupts.Raise(_irq);
    }

    /// <inheritdoc/>
    long IInterruptHandler.Service()
    {
        Action<int>? done = _done;
        _done = null;
        done?.Invoke(_value(_kernel.Now));
        return 60;
    }
}
