using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Kernel;

/// <summary>How processes are loaded at boot (tock/tock <c>kernel/src/process_loading.rs</c>).</summary>
public enum ProcessLoading
{
    /// <summary><c>load_processes</c>: all processes are created in <c>main()</c> before the kernel loop, without credential checks.</summary>
    Synchronous,

    /// <summary>
    /// <c>SequentialProcessLoaderMachine</c>: one binary per deferred call inside the kernel loop, each checked by the
    /// credential checker (hashing costs CPU time proportional to the binary size), delaying the first sleep.
    /// </summary>
    Asynchronous,
}

/// <summary>What a board does between reset and its processes' first blocking yield.</summary>
/// <param name="ClockStartup">Busy-wait for the clocks to start (nRF52: <c>NrfClockComponent</c> waits for LFXO and HFXO), CPU active.</param>
/// <param name="Loading">Synchronous or asynchronous loading.</param>
/// <param name="LoadCyclesPerProcess">CPU cycles to parse a TBF header and create a process.</param>
/// <param name="CredentialCyclesPerByte">CPU cycles per binary byte to check credentials (software SHA-256); 0 for the null checker.</param>
public sealed record BootOptions(SimDuration ClockStartup, ProcessLoading Loading, long LoadCyclesPerProcess = 5_000, long CredentialCyclesPerByte = 0)
{
    /// <summary>No start-up delay, synchronous loading at no cost: for tests that start at the kernel loop.</summary>
    public static BootOptions Immediate { get; } = new(SimDuration.Zero, ProcessLoading.Synchronous, 0);
}
