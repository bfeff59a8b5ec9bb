namespace SensorNet.Benchmarks;

/// <summary>A command line the harness cannot run; Program prints the message and the usage text.</summary>
public sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
