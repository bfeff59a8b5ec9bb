namespace SensorNet.NodeKernel.Hardware;

/// <summary>One peripheral clock of a node's <see cref="PeripheralClocks"/>, with its hold count.</summary>
public sealed class PeripheralClock
{
    internal PeripheralClock(PeripheralClocks owner, string name, bool blocksDeepSleep)
    {
        (Owner, Name, BlocksDeepSleep) = (owner, name, blocksDeepSleep);
    }

    /// <summary>The clock's name, <c>BUS.PERIPHERAL</c>.</summary>
    public string Name { get; }

    /// <summary>True if holding it keeps the SAM4L out of deep sleep.</summary>
    public bool BlocksDeepSleep { get; }

    /// <summary>Holds taken and not yet released.</summary>
    public int Holds { get; internal set; }

    internal PeripheralClocks Owner { get; }
}
