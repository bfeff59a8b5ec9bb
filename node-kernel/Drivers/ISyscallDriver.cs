using SensorNet.NodeKernel.Processes;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Drivers;

/// <summary>
/// A capsule reachable from userspace (tock/tock <c>kernel/src/syscall_driver.rs</c> <c>SyscallDriver</c>). The kernel
/// handles subscribe and allow itself (per-process grant tables); the driver answers commands and schedules upcalls
/// through <see cref="Kernel.TockKernel.ScheduleUpcall"/>.
/// </summary>
public interface ISyscallDriver
{
    /// <summary>Driver number (tock/tock <c>capsules/core/src/driver.rs</c>).</summary>
    uint DriverNumber { get; }

    /// <summary>Number of subscribe slots (<c>UpcallCount</c>).</summary>
    int UpcallCount { get; }

    /// <summary>Number of read-write allow slots.</summary>
    int ReadWriteAllowCount { get; }

    /// <summary>Number of read-only allow slots.</summary>
    int ReadOnlyAllowCount { get; }

    /// <summary>Bytes of per-process state the driver keeps in its grant (the kernel adds the upcall and allow tables).</summary>
    int GrantBytes { get; }

    /// <summary>Handles a command from <paramref name="process"/>.</summary>
    CommandResult Command(TockProcess process, uint command, uint argument1, uint argument2);

    /// <summary>
    /// Until when (exclusive) <see cref="Command"/> with these arguments, issued at any time from now on without
    /// an event in between, answers as it did when last issued: what lets the kernel repeat a polling loop's pass
    /// (<see cref="Userspace.UserOp.RepeatPass"/>). The command must change nothing but its answer. The default,
    /// <see cref="SimTime.Zero"/>, promises nothing.
    /// </summary>
    SimTime CommandAnswerUnchangedUntil(TockProcess process, uint command, uint argument1, uint argument2) => SimTime.Zero;

    /// <summary>
    /// For a command that reads a counter (a clock): until when (exclusive) its answer's first value, issued at any
    /// time from now on without an event in between, stays at least <paramref name="low"/> and below
    /// <paramref name="high"/> and never wraps. The command must change nothing but its answer. The default,
    /// <see cref="SimTime.Zero"/>, promises nothing.
    /// </summary>
    SimTime CountingAnswerInRangeUntil(TockProcess process, uint command, uint argument1, uint argument2, uint low, uint high) => SimTime.Zero;
}
