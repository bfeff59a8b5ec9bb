using SensorNet.NodeKernel.Drivers;
using SensorNet.NodeKernel.Hardware;
using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Syscalls;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Tests.Support;

/// <summary>
/// A capsule for conformance tests: 2 subscribe numbers, 2 read-write and 1 read-only allow slots, a grant entered
/// on every command (as <c>Grant::enter</c> does), and an interrupt line whose bottom half delivers scripted
/// completions as upcalls.
/// </summary>
/// <remarks>
/// Every command first enters the process's grant (NOMEM if it cannot be allocated). Commands: 0 exists; 1 completes after <c>arg1</c> µs with upcall 0 = (arg2, arg2 + 1, arg2 + 2); 2 schedules
/// <c>arg1</c> upcalls on subscribe number <c>arg2</c> at once with arguments (i, 0, 0) and returns how many were
/// queued; 3 raises the interrupt line now. <see cref="OnCommand"/> can answer any command first.
/// </remarks>
internal sealed class FakeDriver : ISyscallDriver, IInterruptHandler
{
    public const uint DefaultNumber = 0xA_0000;

    private readonly TimedActions _timer;
    private readonly List<Completion> _due = [];

    public FakeDriver(TockKernel kernel, uint number = DefaultNumber, int irq = 9, List<string>? log = null)
    {
        Kernel = kernel;
        DriverNumber = number;
        Irq = irq;
        Log = log ?? [];
        _timer = new TimedActions(kernel.Simulation);
        kernel.AddDriver(this);
        kernel.Interrupts.Register(irq, this);
    }

    public TockKernel Kernel { get; }

    public uint DriverNumber { get; }

    public int Irq { get; }

    public int UpcallCount => 2;

    public int ReadWriteAllowCount => 2;

    public int ReadOnlyAllowCount => 1;

    public int GrantBytes => 8;

    /// <summary>Answers a command before the built-in ones when it returns a value.</summary>
    public Func<TockProcess, uint, uint, uint, CommandResult?>? OnCommand { get; set; }

    /// <summary>Runs in the bottom half after the due completions were delivered.</summary>
    public Action? OnService { get; set; }

    /// <summary>CPU cycles of the bottom half's own work.</summary>
    public long ServiceCycles { get; set; }

    /// <summary>What every <c>schedule_upcall</c> returned (null = queued).</summary>
    public List<ErrorCode?> ScheduleResults { get; } = [];

    /// <summary>A shared log: "cmd{n}" per command, "irq{line}" per bottom half.</summary>
    public List<string> Log { get; }

    /// <summary>Queues upcall <paramref name="subscribe"/> for <paramref name="process"/> now.</summary>
    public ErrorCode? Schedule(TockProcess process, uint subscribe, uint argument0, uint argument1 = 0, uint argument2 = 0)
    {
        ErrorCode? result = Kernel.ScheduleUpcall(process, new UpcallId(DriverNumber, subscribe), argument0, argument1, argument2);
        ScheduleResults.Add(result);
        return result;
    }

    /// <summary>At <paramref name="microseconds"/> µs from the start, raises the line; its bottom half queues the upcall.</summary>
    public void CompleteAtMicroseconds(long microseconds, TockProcess process, uint subscribe, uint argument0, uint argument1 = 0, uint argument2 = 0) =>
        CompleteAt(SimTime.FromStart(SimDuration.FromMicroseconds(microseconds)), process, subscribe, argument0, argument1, argument2);

    /// <inheritdoc/>
    public CommandResult Command(TockProcess process, uint command, uint argument1, uint argument2)
    {
        Log.Add($"cmd{command}");
        if (!Kernel.EnterGrant(process, DriverNumber))
        {
            return CommandResult.Failure(ErrorCode.NoMem);
        }

        if (OnCommand?.Invoke(process, command, argument1, argument2) is { } custom)
        {
            return custom;
        }

        switch (command)
        {
            case 0:
                return CommandResult.Success();
            case 1:
                CompleteAt(Kernel.Now + SimDuration.FromMicroseconds(argument1), process, 0, argument2, argument2 + 1, argument2 + 2);
                return CommandResult.Success();
            case 2:
                uint queued = 0;
                for (uint i = 0; i < argument1; i++)
                {
                    if (Schedule(process, argument2, i) is null)
                    {
                        queued++;
                    }
                }

                return CommandResult.SuccessU32(queued);
            case 3:
                Kernel.Interrupts.Raise(Irq);
                return CommandResult.Success();
            default:
                return CommandResult.Failure(ErrorCode.NoSupport);
        }
    }

    long IInterruptHandler.Service()
    {
        Log.Add($"irq{Irq}");
        SimTime now = Kernel.Now;
        foreach (Completion c in _due.Where(c => c.Time <= now).ToList())
        {
            _due.Remove(c);
            Schedule(c.Process, c.Subscribe, c.Argument0, c.Argument1, c.Argument2);
        }

        OnService?.Invoke();
        return ServiceCycles;
    }

    private void CompleteAt(SimTime time, TockProcess process, uint subscribe, uint argument0, uint argument1, uint argument2)
    {
        _due.Add(new Completion(time, process, subscribe, argument0, argument1, argument2));
        _timer.At(time, () => Kernel.Interrupts.Raise(Irq));
    }

    private readonly record struct Completion(SimTime Time, TockProcess Process, uint Subscribe, uint Argument0, uint Argument1, uint Argument2);
}
