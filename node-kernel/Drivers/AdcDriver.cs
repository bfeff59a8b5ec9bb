using SensorNet.NodeKernel.Hardware;
using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Syscalls;
using SensorNet.NodeKernel.Time;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Drivers;

/// <summary>
/// The dedicated ADC driver, 0x5 (tock/tock <c>capsules/core/src/adc.rs</c> <c>AdcDedicated</c>): command 0 = number of
/// channels, 1 = one sample on a channel, 2 = continuous single samples at a frequency (Hz), 5 = stop, 101 = resolution
/// in bits, 102 = reference voltage in mV; upcall 0 carries (mode, channel, sample). The ADC holds its peripheral clock
/// while converting (on the SAM4L the ADCIFE enables its PBA clock while active, <c>chips/sam4l/src/adc.rs:466/590</c>).
/// </summary>
/// <remarks>
/// <b>Scope and limitations:</b> one process at a time (BUSY otherwise, as <c>AdcDedicated</c>); buffered modes (3, 4)
/// answer NOSUPPORT; conversion time 10 µs (U); samples come from a function of (channel, time) as 12-bit codes.
/// Continuous sampling is timed by a virtual alarm, so every sample wakes the MCU.
/// </remarks>
public sealed class AdcDriver : ISyscallDriver, IInterruptHandler, IEventHandler, IHardwareAlarmClient
{
    /// <summary>Driver number.</summary>
    public const uint Number = 0x5;

    private const uint SingleMode = 0;
    private const uint ContinuousMode = 1;

    private readonly TockKernel _kernel;
    private readonly int _irq;
    private readonly int _channels;
    private readonly PeripheralClock _clock;
    private readonly Func<int, SimTime, int> _sample;
    private readonly VirtualAlarm _alarm;
    private TockProcess? _owner;
    private uint _channel;
    private bool _continuous;
    private long _periodTicks;
    private bool _converting;

    /// <summary>Creates the ADC with <paramref name="channels"/> channels on interrupt line <paramref name="irq"/> and installs it.</summary>
    public AdcDriver(TockKernel kernel, int channels, int irq, Func<int, SimTime, int> sample, string clock = "PBA.ADCIFE")
    {
        _kernel = kernel ?? throw new ArgumentNullException(nameof(kernel));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        _channels = channels;
        _irq = irq;
        _sample = sample ?? throw new ArgumentNullException(nameof(sample));
        _clock = kernel.Clocks.Clock(clock);
        _alarm = kernel.AlarmMux.Create(this, "adc");
        kernel.Interrupts.Register(irq, this);
        kernel.AddDriver(this);
    }

    /// <summary>Conversion time of one sample (U).</summary>
    public static SimDuration ConversionTime { get; } = SimDuration.FromMicroseconds(10);

    /// <summary>Samples converted.</summary>
    public long Samples { get; private set; }

    /// <inheritdoc/>
    public uint DriverNumber => Number;

    /// <inheritdoc/>
    public int UpcallCount => 1;

    /// <inheritdoc/>
    public int ReadWriteAllowCount => 2;

    /// <inheritdoc/>
    public int ReadOnlyAllowCount => 0;

    /// <inheritdoc/>
    public int GrantBytes => 16;

    /// <inheritdoc/>
    public CommandResult Command(TockProcess process, uint command, uint argument1, uint argument2)
    {
        ArgumentNullException.ThrowIfNull(process);
        switch (command)
        {
            case 0:
                return CommandResult.SuccessU32((uint)_channels);
            case 101:
                return CommandResult.SuccessU32(12);
            case 102:
                return CommandResult.SuccessU32(3300);
            case 5:
                if (_owner != process)
                {
                    return CommandResult.Failure(ErrorCode.Inval);
                }

                _continuous = false;
                _alarm.Disarm();
                _owner = null;
                return CommandResult.Success(40);
            case 1:
            case 2:
                if (_owner is not null && _owner != process && _owner.IsAlive)
                {
                    return CommandResult.Failure(ErrorCode.Busy);
                }

                if (argument1 >= _channels)
                {
                    return CommandResult.Failure(ErrorCode.Inval);
                }

                if (!_kernel.EnterGrant(process, Number))
                {
                    return CommandResult.Failure(ErrorCode.NoMem);
                }

                _owner = process;
                _channel = argument1;
                _continuous = command == 2;
                if (_continuous)
                {
                    if (argument2 == 0)
                    {
                        return CommandResult.Failure(ErrorCode.Inval);
                    }

                    _periodTicks = Math.Max(1, _kernel.Alarm.FrequencyHz / argument2);
                    _alarm.SetAlarm(_alarm.Now, _periodTicks);
                }
                else
                {
                    StartConversion();
                }

                return CommandResult.Success(60);
            default:
                return CommandResult.Failure(ErrorCode.NoSupport);
        }
    }

    /// <inheritdoc/>
    long IHardwareAlarmClient.AlarmFired()
    {
        if (_continuous)
        {
            _alarm.SetAlarm(_alarm.Now, _periodTicks);
            StartConversion();
        }

        return 60;
    }

    /// <inheritdoc/>
    void IEventHandler.OnEvent(SimTime now, long tag)
    {
        _converting = false;
        _kernel.Clocks.Release(_clock);
        _kernel.Interrupts.Raise(_irq);
    }

    /// <inheritdoc/>
    long IInterruptHandler.Service()
    {
        Samples++;
        if (_owner is { } p)
        {
            int code = Math.Clamp(_sample((int)_channel, _kernel.Now), 0, 4095);
            _kernel.ScheduleUpcall(p, new UpcallId(Number, 0), _continuous ? ContinuousMode : SingleMode, _channel, (uint)code);
            if (!_continuous)
            {
                _owner = null;
            }
        }

        return 80;
    }

    private void StartConversion()
    {
        if (_converting)
        {
            return;
        }

        _converting = true;
        _kernel.Clocks.Hold(_clock);
        _kernel.Simulation.ScheduleAfter(ConversionTime, this);
    }
}
