using SensorNet.Energy.Consumers;
using SensorNet.NodeKernel.Chips;
using SensorNet.RadioModels;
using SensorNet.RadioModels.LoRa;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Firmware;

/// <summary>
/// Interrupt-driven periodic sensing firmware: wake on a timer, run the CPU for a cycle budget to read a sensor,
/// start a LoRa transmission, sleep until the transmit-done interrupt, handle it, put the radio to sleep, and
/// sleep until the next period.
/// </summary>
/// <remarks>
/// <b>Scope and limitations:</b> an interim, bare-metal-style node program. It does not model the Tock kernel
/// loop, processes, syscalls, deferred calls or per-chip sleep depth; that model (issue 3) replaces it as the way
/// applications run. What it does model is exact: CPU time from cycle counts at the chip clock, radio time on air,
/// and the MCU and radio states over time, so its residency and energy are real consequences of its schedule.
/// Wake-ups follow a fixed grid (start offset + k·period) moved by jitter, so they do not drift.
/// </remarks>
public sealed class PeriodicSenseAndSendFirmware : IEventHandler, IRadioListener
{
    private const long WakeStep = 0;
    private const long SenseDoneStep = 1;
    private const long InterruptDoneStep = 2;

    private readonly Simulation _simulation;
    private readonly McuProfile _mcu;
    private readonly StateBasedConsumer _cpu;
    private readonly LoRaRadio _radio;
    private readonly SenseAndSendSettings _settings;
    private readonly RandomStream _traffic;
    private SimTime _nominalWake;
    private EventHandle _pending;
    private bool _halted;

    /// <summary>Creates the firmware; call <see cref="Start"/> to boot it.</summary>
    public PeriodicSenseAndSendFirmware(Simulation simulation, McuProfile mcu, StateBasedConsumer cpu, LoRaRadio radio, SenseAndSendSettings settings, RandomStream traffic)
    {
        _simulation = simulation ?? throw new ArgumentNullException(nameof(simulation));
        _mcu = mcu ?? throw new ArgumentNullException(nameof(mcu));
        _cpu = cpu ?? throw new ArgumentNullException(nameof(cpu));
        _radio = radio ?? throw new ArgumentNullException(nameof(radio));
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _settings.Validate();
        _traffic = traffic ?? throw new ArgumentNullException(nameof(traffic));
    }

    /// <summary>Number of times the CPU woke from sleep.</summary>
    public long Wakeups { get; private set; }

    /// <summary>Readings taken.</summary>
    public long Readings { get; private set; }

    /// <summary>Boots with the first wake-up at <paramref name="firstWake"/>; the CPU sleeps until then.</summary>
    public void Start(SimTime firstWake)
    {
        _cpu.SetState(McuProfile.SleepState);
        _nominalWake = firstWake;
        ScheduleStep(firstWake, WakeStep);
    }

    /// <summary>Stops for good (the node lost power): nothing more is scheduled.</summary>
    public void Halt()
    {
        _halted = true;
        _simulation.Cancel(_pending);
    }

    /// <inheritdoc/>
    void IEventHandler.OnEvent(SimTime now, long tag)
    {
        if (_halted)
        {
            return;
        }

        switch (tag)
        {
            case WakeStep:
                WakeCpu();
                Readings++;
                ScheduleAfterCycles(_settings.SenseCycles, SenseDoneStep);
                break;
            case SenseDoneStep:
                _radio.Transmit(_settings.PayloadBytes, this);
                _cpu.SetState(McuProfile.SleepState);
                break;
            case InterruptDoneStep:
                _radio.Sleep();
                _cpu.SetState(McuProfile.SleepState);
                ScheduleNextWake(now);
                break;
            default:
                throw new InvalidOperationException($"Unknown firmware step {tag}.");
        }
    }

    /// <inheritdoc/>
    void IRadioListener.OnTransmitDone(SimTime now)
    {
        if (_halted)
        {
            return;
        }

        WakeCpu();
        ScheduleAfterCycles(_settings.InterruptCycles, InterruptDoneStep);
    }

    private void WakeCpu()
    {
        if (_cpu.State != McuProfile.ActiveState)
        {
            Wakeups++;
            _cpu.SetState(McuProfile.ActiveState);
        }
    }

    private void ScheduleAfterCycles(long cycles, long step) =>
        ScheduleStep(_simulation.Now + _mcu.Clock.CyclesToDuration(cycles), step);

    // One step is pending at a time; its handle lets Halt cancel it.
    private void ScheduleStep(SimTime at, long step) => _pending = _simulation.Schedule(at, this, step);

    private void ScheduleNextWake(SimTime now)
    {
        _nominalWake += _settings.Period;
        SimTime wake = _nominalWake;
        if (_settings.Jitter.Nanoseconds > 0)
        {
            long span = (_settings.Jitter.Nanoseconds * 2) + 1;
            wake += SimDuration.FromNanoseconds((long)_traffic.NextUInt64((ulong)span) - _settings.Jitter.Nanoseconds);
        }

        // A period shorter than one cycle of work would wake in the past: wake at once instead.
        ScheduleStep(wake < now ? now : wake, WakeStep);
    }
}
