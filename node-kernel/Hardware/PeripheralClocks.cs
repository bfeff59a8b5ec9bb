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

    private readonly Dictionary<string, PeripheralClock> _clocks = new(StringComparer.Ordinal);
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
    public IEnumerable<string> Held => _clocks.Values.Where(c => c.Holds > 0).Select(c => c.Name).Order(StringComparer.Ordinal);

    /// <summary>
    /// The clock named <paramref name="name"/>, created on first use. A driver looks its clock up once and holds and
    /// releases it by this handle: a transfer then costs no lookup by name (an SPI driver does both for every transfer).
    /// </summary>
    public PeripheralClock Clock(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!_clocks.TryGetValue(name, out PeripheralClock? clock))
        {
            clock = new PeripheralClock(this, name, Blocks(name));
            _clocks.Add(name, clock);
        }

        return clock;
    }

    /// <summary>Takes a hold on a clock (reference counted).</summary>
    public void Hold(string clock) => Hold(Clock(clock));

    /// <summary>Takes a hold on a clock of this node (reference counted).</summary>
    /// <exception cref="ArgumentException">The clock belongs to another node's tracker.</exception>
    public void Hold(PeripheralClock clock)
    {
        CheckOwn(clock);
        if (clock.Holds++ == 0 && clock.BlocksDeepSleep)
        {
            BlockingClocksHeld++;
        }
    }

    /// <summary>Releases a hold taken with <see cref="Hold(string)"/>.</summary>
    public void Release(string clock) => Release(Clock(clock));

    /// <summary>Releases a hold taken with <see cref="Hold(PeripheralClock)"/>.</summary>
    /// <exception cref="InvalidOperationException">The clock is not held.</exception>
    public void Release(PeripheralClock clock)
    {
        CheckOwn(clock);
        if (clock.Holds == 0)
        {
            throw new InvalidOperationException($"Clock {clock.Name} released without a hold.");
        }

        if (--clock.Holds == 0 && clock.BlocksDeepSleep)
        {
            BlockingClocksHeld--;
        }
    }

    /// <summary>True if <paramref name="clock"/> is held.</summary>
    public bool IsHeld(string clock) => _clocks.TryGetValue(clock, out PeripheralClock? c) && c.Holds > 0;

    private void CheckOwn(PeripheralClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (!ReferenceEquals(clock.Owner, this))
        {
            throw new ArgumentException($"Clock {clock.Name} belongs to another node.", nameof(clock));
        }
    }

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
