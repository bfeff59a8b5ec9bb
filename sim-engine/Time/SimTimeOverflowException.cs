namespace SensorNet.SimEngine.Time;

/// <summary>
/// Thrown when a simulated instant or duration would leave the range of a signed 64-bit nanosecond count
/// (about ±292 years). Wrapping around silently would reorder events, so arithmetic is checked instead.
/// </summary>
public sealed class SimTimeOverflowException : OverflowException
{
    /// <summary>Creates the exception with a message that names the operation that overflowed.</summary>
    public SimTimeOverflowException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public SimTimeOverflowException()
        : base("Simulated time overflowed the 64-bit nanosecond range (about 292 years).")
    {
    }

    /// <summary>Creates the exception wrapping the arithmetic overflow that caused it.</summary>
    public SimTimeOverflowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
