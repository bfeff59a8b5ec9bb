using SensorNet.Energy;
using SensorNet.Energy.Accounting;
using SensorNet.Energy.Consumers;
using SensorNet.NodeKernel.Hardware;
using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Time;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Drivers;

/// <summary>
/// An SI7021 temperature and humidity sensor on I2C as tock/tock <c>capsules/extra/src/si7021.rs</c> drives it: an I2C
/// write of the "no hold" measure command, then a 20 ms wait on a virtual alarm (<c>ticks_from_ms(20)</c>, line 138)
/// during which the MCU can sleep, then an I2C read of the result. The I2C master's clock is held only during
/// transfers (on the SAM4L, TWIM blocks deep sleep while on). One backend serves both temperature and humidity.
/// </summary>
/// <remarks>
/// I2C at 400 kHz with 9 bit times per byte; 3 bytes written, 3 read; 150 µA while converting (U placeholder).
/// </remarks>
public sealed class Si7021 : IHardwareAlarmClient, IInterruptHandler, IEventHandler
{
    private const int I2cBitsPerByte = 9;
    private const long I2cHz = 400_000;

    private readonly TockKernel _kernel;
    private readonly VirtualAlarm _alarm;
    private readonly StateBasedConsumer _consumer;
    private readonly int _irq;
    private readonly PeripheralClock _i2cClock;
    private readonly Func<SimTime, int> _temperature;
    private readonly Func<SimTime, int> _humidity;
    private readonly Queue<(Action<int> Done, bool Humidity)> _queued = new();
    private Phase _phase;
    private Action<int>? _done;
    private bool _measuringHumidity;

    /// <summary>Creates the sensor on I2C interrupt line <paramref name="irq"/> with I2C clock <paramref name="i2cClock"/>.</summary>
    public Si7021(TockKernel kernel, NodeEnergy energy, Func<SimTime, int> temperature, Func<SimTime, int> humidity, int irq, string i2cClock = "PBA.TWIM0")
    {
        _kernel = kernel ?? throw new ArgumentNullException(nameof(kernel));
        ArgumentNullException.ThrowIfNull(energy);
        _temperature = temperature ?? throw new ArgumentNullException(nameof(temperature));
        _humidity = humidity ?? throw new ArgumentNullException(nameof(humidity));
        _irq = irq;
        _i2cClock = kernel.Clocks.Clock(i2cClock);
        _alarm = kernel.AlarmMux.Create(this, "si7021");
        _consumer = energy.AddConsumer(
            "si7021",
            PowerStateTable.FromCurrents("si7021", kernel.Chip.Supply, [("idle", Amperes.FromMicroamperes(0.06)), ("converting", Amperes.FromMicroamperes(150))], "SI7021 standby 0.06 µA and conversion 150 µA: U placeholders"));
        kernel.Interrupts.Register(irq, this);
        TemperatureBackend = new Channel(this, humidity: false);
        HumidityBackend = new Channel(this, humidity: true);
    }

    private enum Phase
    {
        Idle,
        WritingCommand,
        Converting,
        ReadingResult,
    }

    /// <summary>The backend for the temperature driver.</summary>
    public ISensorBackend TemperatureBackend { get; }

    /// <summary>The backend for the humidity driver.</summary>
    public ISensorBackend HumidityBackend { get; }

    /// <summary>Duration of an I2C transfer of <paramref name="bytes"/> bytes.</summary>
    public static SimDuration I2cTransfer(int bytes) => SimDuration.FromNanoseconds(bytes * I2cBitsPerByte * 1_000_000_000L / I2cHz);

    // A channel is busy while its own measurement runs or waits behind the other channel's.
    private bool ChannelBusy(bool humidity)
    {
        if (_phase != Phase.Idle && _measuringHumidity == humidity)
        {
            return true;
        }

        foreach ((Action<int> _, bool queuedHumidity) in _queued)
        {
            if (queuedHumidity == humidity)
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc/>
    long IHardwareAlarmClient.AlarmFired()
    {
        // Conversion done: read the result over I2C.
        _consumer.SetState(0);
        _phase = Phase.ReadingResult;
        StartTransfer(3);
        return 80;
    }

    /// <inheritdoc/>
    void IEventHandler.OnEvent(SimTime now, long tag)
    {
        _kernel.Clocks.Release(_i2cClock);
        _kernel.Interrupts.Raise(_irq);
    }

    /// <inheritdoc/>
    long IInterruptHandler.Service()
    {
        switch (_phase)
        {
            case Phase.WritingCommand:
                _phase = Phase.Converting;
                _consumer.SetState(1);
                _alarm.SetAlarm(_alarm.Now, _kernel.Alarm.TicksFromMs(20));
                return 80;
            case Phase.ReadingResult:
                _phase = Phase.Idle;
                Action<int>? done = _done;
                _done = null;
                done?.Invoke(_measuringHumidity ? _humidity(_kernel.Now) : _temperature(_kernel.Now));
                if (_queued.TryDequeue(out (Action<int> Done, bool Humidity) next))
                {
                    Start(next.Done, next.Humidity);
                }

                return 60;
            default:
                return 0;
        }
    }

    private long Start(Action<int> done, bool humidity)
    {
        if (_phase != Phase.Idle)
        {
            _queued.Enqueue((done, humidity));
            return 20;
        }

        _done = done;
        _measuringHumidity = humidity;
        _phase = Phase.WritingCommand;
        StartTransfer(3);
        return 120;
    }

    private void StartTransfer(int bytes)
    {
        _kernel.Clocks.Hold(_i2cClock);
        _kernel.Simulation.ScheduleAfter(I2cTransfer(bytes), this);
    }

    private sealed class Channel(Si7021 sensor, bool humidity) : ISensorBackend
    {
        public bool IsBusy => sensor.ChannelBusy(humidity);

        public long StartMeasurement(Action<int> done) => sensor.Start(done, humidity);
    }
}
