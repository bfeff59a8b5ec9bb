using SensorNet.Energy;
using SensorNet.NodeKernel.Hardware;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Chips;

/// <summary>A sleep state of an MCU: its supply current and how long waking from it takes.</summary>
/// <param name="Name">State name, e.g. <c>sleep</c>, <c>deep_sleep</c>.</param>
/// <param name="Current">Supply current in the state.</param>
/// <param name="WakeupLatency">Time from the interrupt to the kernel running again.</param>
public sealed record ChipSleepState(string Name, Amperes Current, SimDuration WakeupLatency);

/// <summary>The chip's alarm peripheral.</summary>
/// <param name="FrequencyHz">Counter frequency.</param>
/// <param name="WidthBits">Counter width.</param>
/// <param name="MinimumDtTicks">Smallest compare distance (<c>minimum_dt</c>).</param>
/// <param name="Irq">Interrupt line of the compare.</param>
/// <param name="SyncTicks">A compare this close to now is moved to now + this many ticks; defaults to <paramref name="MinimumDtTicks"/>.</param>
public sealed record AlarmHardware(long FrequencyHz, int WidthBits, long MinimumDtTicks, int Irq, long? SyncTicks = null);

/// <summary>
/// An MCU as the Tock node model needs it: CPU clock, supply, active current, sleep states and the policy that picks
/// one at each <c>sleep()</c>, the alarm peripheral, and the kernel's cycle costs. Loaded from a chip file
/// (a YAML file read by <c>ChipFile</c>) so users can copy and edit the numbers; every file cites its sources and grades.
/// </summary>
/// <param name="Name">Chip name, e.g. <c>nrf52840</c>.</param>
/// <param name="Clock">CPU clock.</param>
/// <param name="Supply">Supply voltage the currents refer to.</param>
/// <param name="ActiveCurrent">Current while the CPU runs.</param>
/// <param name="Policy">Sleep-depth policy.</param>
/// <param name="Shallow">The shallow (or only) sleep state.</param>
/// <param name="Deep">The deep sleep state, if the policy uses one.</param>
/// <param name="Alarm">Alarm peripheral.</param>
/// <param name="Costs">Kernel cycle costs.</param>
/// <param name="DeepSleepAllowedClocks">Clocks that may stay on in deep sleep (SAM4L whitelist); buses PBC and PBD never block.</param>
/// <param name="Source">Sources and grades of the numbers.</param>
/// <param name="SchedulerTimerBits">Width of the scheduler timer's reload register (24 for Cortex-M SysTick; 0 for none).</param>
public sealed record ChipModel(
    string Name,
    Hertz Clock,
    Volts Supply,
    Amperes ActiveCurrent,
    SleepPolicy Policy,
    ChipSleepState Shallow,
    ChipSleepState? Deep,
    AlarmHardware Alarm,
    KernelCosts Costs,
    IReadOnlyList<string> DeepSleepAllowedClocks,
    string Source,
    int SchedulerTimerBits = 24)
{
    /// <summary>Index of the active state in <see cref="PowerStates"/>.</summary>
    public const int ActiveState = 0;

    /// <summary>Index of the shallow sleep state.</summary>
    public const int ShallowState = 1;

    /// <summary>Index of the deep sleep state (when the chip has one).</summary>
    public const int DeepState = 2;

    /// <summary>The power-state table: active, the shallow sleep state and, if any, the deep one.</summary>
    public PowerStateTable PowerStates()
    {
        var states = new List<(string, Amperes)> { ("active", ActiveCurrent), (Shallow.Name, Shallow.Current) };
        if (Deep is not null)
        {
            states.Add((Deep.Name, Deep.Current));
        }

        return PowerStateTable.FromCurrents(Name, Supply, states, Source);
    }

    /// <summary>The state <c>sleep()</c> enters now.</summary>
    public int ChooseSleepState(PeripheralClocks clocks)
    {
        ArgumentNullException.ThrowIfNull(clocks);
        return Policy switch
        {
            SleepPolicy.WfiOnly or SleepPolicy.AlwaysShallow => ShallowState,
            SleepPolicy.AlwaysDeep => DeepState,
            SleepPolicy.DeepWhenClocksAllow => DeepSleepReady(clocks) ? DeepState : ShallowState,
            _ => throw new InvalidOperationException($"Unknown sleep policy {Policy}."),
        };
    }

    /// <summary>
    /// SAM4L <c>deep_sleep_ready()</c>: no held clock outside the allowed set (PBC and PBD never count) and no GPIO
    /// interrupt enabled. <paramref name="clocks"/> must have been created with this chip's
    /// allowed clocks (the kernel creates it from <see cref="DeepSleepAllowedClocks"/>).
    /// </summary>
    public static bool DeepSleepReady(PeripheralClocks clocks)
    {
        ArgumentNullException.ThrowIfNull(clocks);
        return clocks.GpioInterruptsEnabled == 0 && clocks.BlockingClocksHeld == 0;
    }

    /// <summary>The sleep state with index <paramref name="state"/>.</summary>
    public ChipSleepState SleepState(int state) => state switch
    {
        ShallowState => Shallow,
        DeepState => Deep ?? throw new InvalidOperationException($"{Name} has no deep sleep state."),
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };
}
