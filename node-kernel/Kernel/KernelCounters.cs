namespace SensorNet.NodeKernel.Kernel;

/// <summary>What the kernel of one node did over a run.</summary>
public sealed class KernelCounters
{
    private readonly long[] _sleepsByState = new long[3];

    /// <summary>Kernel loop iterations.</summary>
    public long LoopIterations { get; internal set; }

    /// <summary>Wake-ups from sleep.</summary>
    public long Wakeups { get; internal set; }

    /// <summary>Times the chip entered a sleep state.</summary>
    public long SleepEntries { get; internal set; }

    /// <summary>Interrupt bottom halves serviced.</summary>
    public long BottomHalves { get; internal set; }

    /// <summary>Deferred calls serviced.</summary>
    public long DeferredCalls { get; internal set; }

    /// <summary>System calls handled.</summary>
    public long Syscalls { get; internal set; }

    /// <summary>
    /// Polling-loop passes the kernel model repeated in one step (<see cref="KernelOptions.RepeatPollPasses"/>): simulator
    /// work saved, not a Tock counter; their syscalls are in <see cref="Syscalls"/>.
    /// </summary>
    public long PassesRepeated { get; internal set; }

    /// <summary>Grants allocated.</summary>
    public long GrantAllocations { get; internal set; }

    /// <summary>Times the MPU was reprogrammed for a different process.</summary>
    public long MpuReconfigurations { get; internal set; }

    /// <summary>Process faults.</summary>
    public long Faults { get; internal set; }

    /// <summary>Processes loaded by the asynchronous loader.</summary>
    public long ProcessesLoaded { get; internal set; }

    /// <summary>Kernel panics.</summary>
    public long Panics { get; internal set; }

    /// <summary>Times the chip entered sleep state <paramref name="state"/> (1 shallow, 2 deep).</summary>
    public long SleepsIn(int state) => _sleepsByState[state];

    internal void CountSleep(int state) => _sleepsByState[state]++;
}
