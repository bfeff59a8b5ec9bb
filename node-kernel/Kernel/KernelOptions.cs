using SensorNet.NodeKernel.Processes;

namespace SensorNet.NodeKernel.Kernel;

/// <summary>Board-level kernel settings.</summary>
public sealed record KernelOptions
{
    /// <summary>
    /// Simulate a syscall's return to the process it came from as one event (the default) instead of two: when the
    /// process stays Running, no kernel work is pending and its time slice has room, <c>do_process</c>'s checks after
    /// the syscall are known to pass, so only the end of the context switch back is scheduled; an interrupt or deferred
    /// call raised before the check point moves the event back to it and the ordinary path runs. Results are the same
    /// either way (the switch exists for the equivalence test); it removes about a third of a RadioLib node's events.
    /// </summary>
    public bool FoldSyscallReturns { get; init; } = true;

    /// <summary>
    /// Run a kernel step that ends before any other event of the simulation is due without an event of its own (the
    /// default): the kernel advances the clock to the step's end (<see cref="SimEngine.Simulation.TryAdvanceTo"/>) and
    /// goes on at once, so a chain of loop iterations, syscalls and compute steps that nothing can interrupt takes one
    /// event. Nothing observable changes, since no other event could have run in between; only the engine's event count
    /// drops (the switch exists for the equivalence test). When the node's event domain may run ahead
    /// (<see cref="SimEngine.Events.EventDomain.MayRunAhead"/>), only its own events and those of no domain count, so
    /// other nodes' events do not break the chain.
    /// </summary>
    public bool FoldKernelSteps { get; init; } = true;

    /// <summary>
    /// Repeat a polling loop's pass in one step where the program marks its passes (<see cref="Userspace.UserOp.RepeatPass"/>;
    /// RadioLib's BUSY waits and its blocking transmit's DIO1 poll): when the pass before was the same, its syscalls
    /// returned at once and their drivers promise the same answers, the kernel advances the clock and the syscall counts
    /// by as many passes as fit before anything could differ, instead of running each (the default; needs both folds
    /// above). Results are the same either way (the switch exists for the equivalence test).
    /// </summary>
    public bool RepeatPollPasses { get; init; } = true;

    /// <summary>Most processes the board loads (<c>NUM_PROCS</c>).</summary>
    public int MaxProcesses { get; init; } = 4;

    /// <summary>First address of app RAM.</summary>
    public uint AppRamStart { get; init; } = 0x2000_8000;

    /// <summary>Bytes of RAM for apps.</summary>
    public long AppRamBytes { get; init; } = 64 * 1024;

    /// <summary>Grants the board created (one pointer per grant in every process, used or not).</summary>
    public int GrantCount { get; init; } = 16;

    /// <summary>YieldedFor readiness: Tock's "last enqueue wins" (default) or "any match".</summary>
    public YieldForReadinessRule YieldForReadinessRule { get; init; } = YieldForReadinessRule.LastEnqueueWins;
}
