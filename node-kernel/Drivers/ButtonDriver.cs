using SensorNet.NodeKernel.Hardware;
using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Syscalls;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Drivers;

/// <summary>
/// Button driver, 0x3 (tock/tock <c>capsules/core/src/button.rs</c>): command 0 = count, 1 = enable the pin's
/// interrupt for this process, 2 = disable, 3 = read; subscribe 0 gives (pin, pressed) on every change. Enabling an
/// interrupt enables a GPIO interrupt, which blocks SAM4L deep sleep (<c>chips/sam4l/src/gpio.rs:423</c>). Presses
/// come from outside (<see cref="Press"/>) and reach the kernel as a GPIO interrupt.
/// </summary>
/// <remarks>
/// A process's enabled pins live in its grant, so they are gone when it dies or restarts. As in Tock, a pin's hardware
/// interrupt is switched off only by a disable command that leaves no live process wanting it; a process that dies
/// with the pin enabled leaves the interrupt on (and SAM4L deep sleep blocked) until another process disables it.
/// </remarks>
public sealed class ButtonDriver : ISyscallDriver, IInterruptHandler, IEventHandler
{
    /// <summary>Driver number.</summary>
    public const uint Number = 0x3;

    private readonly TockKernel _kernel;
    private readonly int _irq;
    private readonly bool[] _pressed;
    private readonly bool[] _interruptOn;
    private readonly Dictionary<TockProcess, Enabled> _enabled = [];
    private readonly Queue<(int Pin, bool Pressed)> _changes = new();
    private int _enabledPins;

    /// <summary>Creates <paramref name="count"/> buttons on GPIO interrupt line <paramref name="irq"/>.</summary>
    public ButtonDriver(TockKernel kernel, int count, int irq)
    {
        _kernel = kernel ?? throw new ArgumentNullException(nameof(kernel));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 32);
        _irq = irq;
        _pressed = new bool[count];
        _interruptOn = new bool[count];
        kernel.Interrupts.Register(irq, this);
        kernel.AddDriver(this);
    }

    /// <inheritdoc/>
    public uint DriverNumber => Number;

    /// <inheritdoc/>
    public int UpcallCount => 1;

    /// <inheritdoc/>
    public int ReadWriteAllowCount => 0;

    /// <inheritdoc/>
    public int ReadOnlyAllowCount => 0;

    /// <inheritdoc/>
    public int GrantBytes => 4;

    /// <summary>Pins whose GPIO interrupt is enabled now.</summary>
    public int PinsWithInterruptEnabled => _enabledPins;

    /// <summary>Schedules a press of <paramref name="pin"/> at <paramref name="at"/>, released after <paramref name="holdFor"/>.</summary>
    public void Press(int pin, SimTime at, SimDuration holdFor)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pin);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(pin, _pressed.Length);
        _kernel.Simulation.Schedule(at, this, (pin << 1) | 1);
        _kernel.Simulation.Schedule(at + holdFor, this, pin << 1);
    }

    /// <inheritdoc/>
    public CommandResult Command(TockProcess process, uint command, uint argument1, uint argument2)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (command == 0)
        {
            return CommandResult.SuccessU32((uint)_pressed.Length);
        }

        if (argument1 >= _pressed.Length)
        {
            return CommandResult.Failure(ErrorCode.Inval);
        }

        if (!_kernel.EnterGrant(process, Number))
        {
            return CommandResult.Failure(ErrorCode.NoMem);
        }

        int pin = (int)argument1;
        uint bit = 1u << pin;
        uint mask = Mask(process);
        switch (command)
        {
            case 1:
                _enabled[process] = new Enabled(mask | bit, process.RestartCount);
                if (!_interruptOn[pin])
                {
                    _interruptOn[pin] = true;
                    _kernel.Clocks.EnableGpioInterrupt();
                    _enabledPins++;
                }

                return CommandResult.Success(30);
            case 2:
                _enabled[process] = new Enabled(mask & ~bit, process.RestartCount);
                if (_interruptOn[pin] && !AnyEnabled(pin))
                {
                    _interruptOn[pin] = false;
                    _kernel.Clocks.DisableGpioInterrupt();
                    _enabledPins--;
                }

                return CommandResult.Success(30);
            case 3:
                return CommandResult.SuccessU32(_pressed[argument1] ? 1u : 0u, 10);
            default:
                return CommandResult.Failure(ErrorCode.NoSupport);
        }
    }

    /// <inheritdoc/>
    void IEventHandler.OnEvent(SimTime now, long tag)
    {
        int pin = (int)(tag >> 1);
        bool pressed = (tag & 1) == 1;
        if (_pressed[pin] == pressed)
        {
            return;
        }

        _pressed[pin] = pressed;
        if (_interruptOn[pin])
        {
            _changes.Enqueue((pin, pressed));
            _kernel.Interrupts.Raise(_irq);
        }
    }

    /// <inheritdoc/>
    long IInterruptHandler.Service()
    {
        long cycles = 0;
        while (_changes.TryDequeue(out (int Pin, bool Pressed) change))
        {
            foreach (TockProcess p in _kernel.ProcessList)
            {
                if ((Mask(p) & (1u << change.Pin)) != 0)
                {
                    _kernel.ScheduleUpcall(p, new UpcallId(Number, 0), (uint)change.Pin, change.Pressed ? 1u : 0u, 0);
                    cycles += 40;
                }
            }
        }

        return cycles;
    }

    // The pins a process enabled, from its grant: nothing once it has died or restarted.
    private uint Mask(TockProcess p) =>
        _enabled.TryGetValue(p, out Enabled e) && p.IsAlive && e.RestartCount == p.RestartCount ? e.Mask : 0;

    private bool AnyEnabled(int pin)
    {
        foreach (TockProcess p in _kernel.ProcessList)
        {
            if ((Mask(p) & (1u << pin)) != 0)
            {
                return true;
            }
        }

        return false;
    }

    private readonly record struct Enabled(uint Mask, int RestartCount);
}
