namespace SensorNet.NodeKernel.Drivers;

/// <summary>
/// One digital wire between the MCU and a peripheral chip, e.g. the SX1262's BUSY, DIO1, NSS or NRESET pin. Whoever
/// drives it (the chip for BUSY and DIO1, the MCU's GPIO output for NSS and NRESET) calls <see cref="Set"/>; readers
/// see <see cref="Level"/> and are told of every change through <see cref="Changed"/> (edge detection for GPIO
/// interrupts happens there).
/// </summary>
/// <remarks>
/// <b>Scope and limitations:</b> an ideal wire: no pull resistors, no contention between two drivers (the last
/// <see cref="Set"/> wins), no propagation delay. <b>Validation:</b> GpioDriverTests.
/// </remarks>
/// <param name="name">Name of the wire, e.g. <c>sx1262.busy</c>.</param>
/// <param name="initialLevel">Level at power-up.</param>
public sealed class GpioLine(string name, bool initialLevel = false)
{
    /// <summary>Name of the wire.</summary>
    public string Name { get; } = name;

    /// <summary>Current level (true = high).</summary>
    public bool Level { get; private set; } = initialLevel;

    /// <summary>Level changes so far.</summary>
    public long Edges { get; private set; }

    /// <summary>Raised after every level change with the line (its <see cref="Level"/> is the new level).</summary>
    public event Action<GpioLine>? Changed;

    /// <summary>Drives the line to <paramref name="level"/>; a change raises <see cref="Changed"/>.</summary>
    public void Set(bool level)
    {
        if (level == Level)
        {
            return;
        }

        Level = level;
        Edges++;
        Changed?.Invoke(this);
    }
}
