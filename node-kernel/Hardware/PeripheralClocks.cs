namespace SensorNet.NodeKernel.Hardware;

/// <summary>
/// Which peripheral clocks drivers hold on and how many GPIO interrupts are enabled. Drivers hold and release
/// clocks as Tock's do (the SAM4L USART while a receive is armed, SPI and ADC during transfers); the SAM4L sleep
/// policy reads this to decide between SLEEP and WAIT (tock/tock <c>chips/sam4l/src/pm.rs</c> <c>deep_sleep_ready</c>).
/// Clock names are <c>BUS.PERIPHERAL</c>, e.g. <c>PBA.USART2</c>, <c>HSB.PDCA</c>.
/// </summary>
public sealed class PeripheralClocks
{
    // Buses whose clocks never block SAM4L deep sleep (PM, GPIO, AST, …).
    private static readonly string[] NeverBlocking = ["PBC.", "PBD."];

    private readonly Dictionary<string, int> _held = new(StringComparer.Ordinal);
    private readonly HashSet<string> _allowed;

    /// <summary>Creates the clock tracker; <paramref name="deepSleepAllowed"/> lists the clocks that may stay on in deep sleep.</summary>
    public PeripheralClocks(IEnumerable<string>? deepSleepAllowed = null)
    {
        _allowed = new HashSet<string>(deepSleepAllowed ?? [], StringComparer.Ordinal);
    }

    /// <summary>
    /// Held clocks that block deep sleep (outside the allowed set and not on PBC/PBD), counted at hold and release so
    /// the sleep decision costs nothing.
    /// </summary>
    public int BlockingClocksHeld { get; private set; }

    /// <summary>GPIO pins with their interrupt enabled (<c>gpio::INTERRUPT_COUNT</c>).</summary>
    public int GpioInterruptsEnabled { get; private set; }

    /// <summary>Clocks currently held on, in name order.</summary>
    public IEnumerable<string> Held => _held.Where(kv => kv.Value > 0).Select(kv => kv.Key).Order(StringComparer.Ordinal);

    /// <summary>Takes a hold on a clock (reference counted).</summary>
    public void Hold(string clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clock);
        int n = _held.GetValueOrDefault(clock);
        _held[clock] = n + 1;
        if (n == 0 && Blocks(clock))
        {
            BlockingClocksHeld++;
        }
    }

    /// <summary>Releases a hold taken with <see cref="Hold"/>.</summary>
    public void Release(string clock)
    {
        int n = _held.GetValueOrDefault(clock);
        if (n == 0)
        {
            throw new InvalidOperationException($"Clock {clock} released without a hold.");
        }

        _held[clock] = n - 1;
        if (n == 1 && Blocks(clock))
        {
            BlockingClocksHeld--;
        }
    }

    /// <summary>True if <paramref name="clock"/> is held.</summary>
    public bool IsHeld(string clock) => _held.GetValueOrDefault(clock) > 0;

    private bool Blocks(string clock) =>
        !_allowed.Contains(clock) && !clock.StartsWith(NeverBlocking[0], StringComparison.Ordinal) && !clock.StartsWith(NeverBlocking[1], StringComparison.Ordinal);

    /// <summary>Enables one GPIO interrupt (<c>GPIOPin::enable_interrupt</c>).</summary>
    public void EnableGpioInterrupt() => GpioInterruptsEnabled++;

    /// <summary>Disables one GPIO interrupt.</summary>
    public void DisableGpioInterrupt()
    {
        if (GpioInterruptsEnabled == 0)
        {
            throw new InvalidOperationException("GPIO interrupt disabled more often than enabled.");
        }

        GpioInterruptsEnabled--;
    }
}
