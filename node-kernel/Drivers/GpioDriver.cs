using SensorNet.NodeKernel.Hardware;
using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Syscalls;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Drivers;

/// <summary>
/// The userspace GPIO driver, tock/tock <c>capsules/core/src/gpio.rs</c> (<c>GPIO</c>), as boards instantiate it for a
/// LoRa radio's control lines under <c>LoRaPhyGPIO</c> 0x30004 or for general pins under <c>Gpio</c> 0x4. Commands
/// (argument 1 = pin): 0 exists, 1 make output, 2 set, 3 clear, 4 toggle, 5 make input (argument 2: 0 no pull, 1
/// pull-up, 2 pull-down), 6 read (<c>SuccessU32</c> level), 7 enable the interrupt (argument 2: 0 either edge, 1
/// rising, 2 falling), 8 disable the interrupt (and deactivate the pin), 9 deactivate, 10 pin count. A pin index
/// beyond the array gives INVAL; a hole in the array (<c>gpio_component_helper!</c> skips it) gives NODEVICE.
/// Every command enters the caller's grant; an edge on a pin with its interrupt enabled raises the board's GPIO
/// interrupt, whose bottom half reads the pin and schedules upcall 0 = (pin, level, 0) for every process that has a
/// grant (<c>apps.each</c> in <c>fired</c>).
/// </summary>
/// <remarks>
/// <para><b>Sleep:</b> enabling a pin's interrupt enables one GPIO interrupt in <see cref="TockKernel.Clocks"/>, once per
/// pin (SAM4L <c>GPIOPin::enable_interrupt</c> counts only a pin not yet enabled, <c>chips/sam4l/src/gpio.rs</c>);
/// disabling releases it. Driver work: 20–40 cycles per command, 30 + 40 per upcall in the bottom half (U).</para>
/// <para><b>Scope and limitations:</b> edges that arrive before the bottom half runs are merged per pin (one status
/// bit per pin); pulls and drive strength are not modelled; the STM32WL's virtual radio pins
/// (<c>SubGhzRadioVirtualGpio</c>, which masks its interrupt after each firing until re-enabled) behave as plain
/// pins.</para>
/// <para><b>Validation:</b> GpioDriverTests.</para>
/// </remarks>
public sealed class GpioDriver : ISyscallDriver, IInterruptHandler
{
    /// <summary><c>LoRaPhyGPIO</c>.</summary>
    public const uint LoRaPhyGpioNumber = 0x30004;

    /// <summary><c>Gpio</c>.</summary>
    public const uint GpioNumber = 0x4;

    private readonly TockKernel _kernel;
    private readonly GpioLine?[] _lines;
    private readonly Pin[] _pins;
    private readonly int _irq;
    private ulong _pendingPins;

    /// <summary>Creates the driver over <paramref name="lines"/> (null = a hole) and installs it.</summary>
    /// <param name="kernel">The node's kernel.</param>
    /// <param name="lines">The wires behind pins 0, 1, …; at most 64.</param>
    /// <param name="irq">The GPIO interrupt line (Apollo3 GPIO = 13, STM32WLE5 radio IRQ = 50).</param>
    /// <param name="number">Driver number: <see cref="LoRaPhyGpioNumber"/> or <see cref="GpioNumber"/>.</param>
    public GpioDriver(TockKernel kernel, IReadOnlyList<GpioLine?> lines, int irq, uint number = LoRaPhyGpioNumber)
    {
        _kernel = kernel ?? throw new ArgumentNullException(nameof(kernel));
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lines.Count, 64);
        _lines = [.. lines];
        _pins = new Pin[_lines.Length];
        _irq = irq;
        DriverNumber = number;
        for (int i = 0; i < _lines.Length; i++)
        {
            int index = i;
            _pins[i] = new Pin { OnChanged = l => OnEdge(index, l.Level) };
        }

        kernel.Interrupts.Register(irq, this);
        kernel.AddDriver(this);
    }

    private enum Mode
    {
        Disabled,
        Input,
        Output,
    }

    private enum Edge
    {
        None,
        Either,
        Rising,
        Falling,
    }

    /// <inheritdoc/>
    public uint DriverNumber { get; }

    /// <inheritdoc/>
    public int UpcallCount => 1;

    /// <inheritdoc/>
    public int ReadWriteAllowCount => 0;

    /// <inheritdoc/>
    public int ReadOnlyAllowCount => 0;

    /// <inheritdoc/>
    public int GrantBytes => 0;

    /// <summary>Number of pins (including holes).</summary>
    public int PinCount => _lines.Length;

    /// <summary>Pins whose interrupt is enabled now.</summary>
    public int PinsWithInterruptEnabled => _pins.Count(p => p.Edge != Edge.None);

    /// <summary>Interrupt upcalls scheduled.</summary>
    public long UpcallsScheduled { get; private set; }

    /// <summary>True if pin <paramref name="pin"/> has its interrupt enabled.</summary>
    public bool InterruptEnabled(int pin) => _pins[pin].Edge != Edge.None;

    /// <inheritdoc/>
    /// <remarks>A read (command 6) of a connected pin answers the same until its line's level changes
    /// (<see cref="GpioLine.LevelHeldUntil"/>); nothing else is promised.</remarks>
    public SimTime CommandAnswerUnchangedUntil(TockProcess process, uint command, uint argument1, uint argument2)
    {
        ArgumentNullException.ThrowIfNull(process);
        return command == 6 && process.HasGrant(DriverNumber) && argument1 < _lines.Length && _lines[(int)argument1] is { } line
            ? line.LevelHeldUntil
            : SimTime.Zero;
    }

    /// <inheritdoc/>
    public CommandResult Command(TockProcess process, uint command, uint argument1, uint argument2)
    {
        ArgumentNullException.ThrowIfNull(process);

        // "This app did anything with the GPIO driver. We mark it as enabled by allocating the grant region."
        bool granted = _kernel.EnterGrant(process, DriverNumber);
        if (command == 0)
        {
            return CommandResult.Success();
        }

        if (command == 10)
        {
            return CommandResult.SuccessU32((uint)_lines.Length);
        }

        if (command is < 1 or > 9)
        {
            return CommandResult.Failure(ErrorCode.NoSupport);
        }

        if (command is 7 or 8 && !granted)
        {
            return CommandResult.Failure(ErrorCode.NoMem);
        }

        if (argument1 >= _lines.Length)
        {
            return CommandResult.Failure(ErrorCode.Inval);
        }

        int index = (int)argument1;
        if (_lines[index] is not { } line)
        {
            return CommandResult.Failure(ErrorCode.NoDevice);
        }

        Pin pin = _pins[index];
        switch (command)
        {
            case 1:
                pin.Mode = Mode.Output;
                line.Set(pin.Latch);
                return CommandResult.Success(20);
            case 2:
            case 3:
            case 4:
                pin.Latch = command switch
                {
                    2 => true,
                    3 => false,
                    _ => !pin.Latch,
                };
                if (pin.Mode == Mode.Output)
                {
                    line.Set(pin.Latch);
                }

                return CommandResult.Success(20);
            case 5:
                if (argument2 > 2)
                {
                    return CommandResult.Failure(ErrorCode.NoSupport);
                }

                pin.Mode = Mode.Input;
                return CommandResult.Success(20);
            case 6:
                return CommandResult.SuccessU32(line.Level ? 1u : 0u, 20);
            case 7:
                if (argument2 > 2)
                {
                    return CommandResult.Failure(ErrorCode.NoSupport);
                }

                SetInterrupt(line, pin, argument2 switch
                {
                    0 => Edge.Either,
                    1 => Edge.Rising,
                    _ => Edge.Falling,
                });
                return CommandResult.Success(40);
            case 8:
                SetInterrupt(line, pin, Edge.None);
                pin.Mode = Mode.Disabled;
                return CommandResult.Success(40);
            default:
                pin.Mode = Mode.Disabled;
                return CommandResult.Success(20);
        }
    }

    /// <inheritdoc/>
    long IInterruptHandler.Service()
    {
        long cycles = 30;
        while (_pendingPins != 0)
        {
            int index = System.Numerics.BitOperations.TrailingZeroCount(_pendingPins);
            _pendingPins &= _pendingPins - 1;
            if (_pins[index].Edge == Edge.None)
            {
                continue;
            }

            // fired(): read the pin, then schedule (pin, value, 0) for every process with a grant.
            uint level = _lines[index]!.Level ? 1u : 0u;
            foreach (TockProcess p in _kernel.ProcessList)
            {
                if (p.IsAlive && p.HasGrant(DriverNumber))
                {
                    _kernel.ScheduleUpcall(p, new UpcallId(DriverNumber, 0), (uint)index, level, 0);
                    UpcallsScheduled++;
                    cycles += 40;
                }
            }
        }

        return cycles;
    }

    private void OnEdge(int index, bool level)
    {
        Edge edge = _pins[index].Edge;
        bool fires = edge == Edge.Either || (edge == Edge.Rising && level) || (edge == Edge.Falling && !level);
        if (fires)
        {
            _pendingPins |= 1UL << index;
            _kernel.Interrupts.Raise(_irq);
        }
    }

    // The driver listens to a line only while its interrupt is enabled, so a line that is only read (RadioLib's BUSY)
    // changes its level without an event.
    private void SetInterrupt(GpioLine line, Pin pin, Edge edge)
    {
        if (pin.Edge == Edge.None && edge != Edge.None)
        {
            _kernel.Clocks.EnableGpioInterrupt();
            line.Changed += pin.OnChanged;
        }
        else if (pin.Edge != Edge.None && edge == Edge.None)
        {
            _kernel.Clocks.DisableGpioInterrupt();
            line.Changed -= pin.OnChanged;
        }

        pin.Edge = edge;
    }

    private sealed class Pin
    {
        public Mode Mode { get; set; }

        public bool Latch { get; set; }

        public Edge Edge { get; set; }

        public required Action<GpioLine> OnChanged { get; init; }
    }
}
