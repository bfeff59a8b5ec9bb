namespace SensorNet.Cli;

/// <summary>Process exit codes of <c>sensornet</c>, documented in the README.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The run failed inside the simulator (a model invariant broke); nothing was written.</summary>
    public const int RunFailed = 1;

    /// <summary>Invalid input: a bad scenario file or command-line arguments; nothing was written.</summary>
    public const int InvalidInput = 2;

    /// <summary>Interrupted (Ctrl-C); nothing partial was published.</summary>
    public const int Cancelled = 130;
}
