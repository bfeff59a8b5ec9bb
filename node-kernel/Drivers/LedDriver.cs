using SensorNet.Energy;
using SensorNet.Energy.Accounting;
using SensorNet.Energy.Consumers;
using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Syscalls;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.NodeKernel.Drivers;

/// <summary>
/// LED driver, 0x2 (tock/tock <c>capsules/core/src/led.rs</c>): command 0 = number of LEDs, 1 = on, 2 = off,
/// 3 = toggle; synchronous, no upcall, no grant. Each LED is an energy consumer drawing its current while lit.
/// </summary>
public sealed class LedDriver : ISyscallDriver
{
    /// <summary>Driver number.</summary>
    public const uint Number = 0x2;

    private readonly StateBasedConsumer[] _leds;

    /// <summary>Creates <paramref name="count"/> LEDs drawing <paramref name="onCurrent"/> each at <paramref name="supply"/> when lit.</summary>
    public LedDriver(TockKernel kernel, NodeEnergy energy, int count, Amperes onCurrent, Volts supply)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(energy);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        PowerStateTable table = PowerStateTable.FromCurrents("led", supply, [("off", new Amperes(0)), ("on", onCurrent)], "LED forward current: board parameter (U)");
        _leds = [.. Enumerable.Range(0, count).Select(i => energy.AddConsumer($"led{i}", table))];
        kernel.AddDriver(this);
    }

    /// <inheritdoc/>
    public uint DriverNumber => Number;

    /// <inheritdoc/>
    public int UpcallCount => 0;

    /// <inheritdoc/>
    public int ReadWriteAllowCount => 0;

    /// <inheritdoc/>
    public int ReadOnlyAllowCount => 0;

    /// <inheritdoc/>
    public int GrantBytes => 0;

    /// <summary>True if LED <paramref name="index"/> is lit.</summary>
    public bool IsOn(int index) => _leds[index].State == 1;

    /// <summary>The energy consumer of LED <paramref name="index"/>.</summary>
    public StateBasedConsumer Consumer(int index) => _leds[index];

    /// <inheritdoc/>
    public CommandResult Command(TockProcess process, uint command, uint argument1, uint argument2)
    {
        if (command == 0)
        {
            return CommandResult.SuccessU32((uint)_leds.Length);
        }

        if (command is < 1 or > 3)
        {
            return CommandResult.Failure(ErrorCode.NoSupport);
        }

        if (argument1 >= _leds.Length)
        {
            return CommandResult.Failure(ErrorCode.Inval);
        }

        StateBasedConsumer led = _leds[argument1];
        led.SetState(command switch
        {
            1 => 1,
            2 => 0,
            _ => 1 - led.State,
        });
        return CommandResult.Success(20);
    }
}
