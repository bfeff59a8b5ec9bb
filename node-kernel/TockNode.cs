using System.Globalization;
using SensorNet.Energy;
using SensorNet.Energy.Accounting;
using SensorNet.Energy.Consumers;
using SensorNet.NodeKernel.Chips;
using SensorNet.NodeKernel.Drivers;
using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Scheduling;
using SensorNet.NodeKernel.Syscalls;
using SensorNet.NodeKernel.Userspace;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel;

/// <summary>
/// A node running the Tock kernel model: its energy system, the MCU as an energy consumer, the kernel with the
/// userspace alarm driver, and its processes. Running out of energy halts the kernel. <see cref="Report"/> gives the
/// residency and counters the results layer writes.
/// </summary>
public sealed class TockNode
{
    /// <summary>Builds the node; add drivers and processes through <see cref="Kernel"/>, then call <see cref="Boot"/>.</summary>
    public TockNode(Simulation simulation, int id, ChipModel chip, IEnergyStorage storage, IScheduler scheduler, FaultPolicy faultPolicy, KernelOptions? options = null)
        : this(simulation, id, chip, new NodeEnergy(simulation ?? throw new ArgumentNullException(nameof(simulation)), storage), scheduler, faultPolicy, options)
    {
    }

    /// <summary>Builds the node on an existing energy system (again after a power loss: the MCU consumer reattaches).</summary>
    public TockNode(Simulation simulation, int id, ChipModel chip, NodeEnergy energy, IScheduler scheduler, FaultPolicy faultPolicy, KernelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(chip);
        Id = id;
        Energy = energy ?? throw new ArgumentNullException(nameof(energy));
        Mcu = Energy.AddConsumer("mcu", chip.PowerStates(), ChipModel.ActiveState);
        Kernel = new TockKernel(simulation, chip, Mcu, scheduler, faultPolicy, options);
        Alarm = new AlarmDriver(Kernel);
    }

    // This kernel's RAM is gone for good: a restart builds a new node, so stop listening (the energy system outlives the
    // node, and its handler list would otherwise keep every dead kernel alive).
    private void OnPowerLost(SimTime now)
    {
        Kernel.Halt();
        Energy.PowerLost -= OnPowerLost;
    }

    /// <summary>Node id.</summary>
    public int Id { get; }

    /// <summary>Storage and consumers.</summary>
    public NodeEnergy Energy { get; }

    /// <summary>The MCU's energy consumer (active, shallow sleep, deep sleep).</summary>
    public StateBasedConsumer Mcu { get; }

    /// <summary>The kernel.</summary>
    public TockKernel Kernel { get; }

    /// <summary>The userspace alarm driver (0x0).</summary>
    public AlarmDriver Alarm { get; }

    /// <summary>Loads a process.</summary>
    public TockProcess Load(UserProgram program) => Kernel.AddProcess(program);

    /// <summary>Boots the kernel (clock start-up, process loading, kernel loop); from then on a power loss halts it.</summary>
    /// <remarks>Only a booted node listens for power loss, so a node built but never booted (one that stood in for a
    /// node not yet switched on) holds no reference from the energy system and can be collected.</remarks>
    public void Boot(BootOptions? options = null)
    {
        Kernel.Boot(options);
        Energy.PowerLost += OnPowerLost;
    }

    /// <summary>Residency and kernel counters up to now.</summary>
    /// <exception cref="InvalidOperationException">Residency does not sum to the time since the node was built (a model bug).</exception>
    public KernelReport Report(SimDuration elapsed)
    {
        ChipModel chip = Kernel.Chip;
        long active = Mcu.Residency(ChipModel.ActiveState).Nanoseconds;
        long shallow = Mcu.Residency(ChipModel.ShallowState).Nanoseconds;
        long deep = chip.Deep is null ? 0 : Mcu.Residency(ChipModel.DeepState).Nanoseconds;
        long off = Mcu.Residency(Mcu.OffState).Nanoseconds;
        if (active + shallow + deep + off != elapsed.Nanoseconds)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"MCU residency of node {Id} sums to {active + shallow + deep + off} ns, not {elapsed.Nanoseconds} ns."));
        }

        long processCpu = Kernel.Processes.Sum(p => p.Counters.CpuTimeNs);
        KernelCounters k = Kernel.Counters;
        return new KernelReport(
            Id,
            chip.Name,
            Kernel.Scheduler.Name,
            active,
            shallow,
            deep,
            off,
            active - processCpu,
            processCpu,
            k.Wakeups,
            Mcu.Transitions,
            k.SleepsIn(ChipModel.ShallowState),
            k.SleepsIn(ChipModel.DeepState),
            k.LoopIterations,
            k.BottomHalves,
            k.DeferredCalls,
            k.Syscalls,
            Kernel.Processes.Sum(p => p.Counters.UpcallsDelivered),
            Kernel.Processes.Sum(p => p.Counters.UpcallsDropped),
            k.Faults,
            Kernel.Processes.Sum(p => p.Counters.Restarts),
            Kernel.IsPanicked,
            Kernel.Alarm.Programmings,
            Kernel.AlarmMux.SplitLegsFired);
    }

    /// <summary>Per-process counters up to now, in process order.</summary>
    public IReadOnlyList<ProcessReport> ProcessReports() =>
        [.. Kernel.Processes.Select(p => new ProcessReport(
            Id,
            p.Index,
            p.Name,
            p.State.ToString(),
            p.Counters.Syscalls(SyscallClass.Yield),
            p.Counters.Syscalls(SyscallClass.Subscribe),
            p.Counters.Syscalls(SyscallClass.Command),
            p.Counters.Syscalls(SyscallClass.ReadWriteAllow),
            p.Counters.Syscalls(SyscallClass.ReadOnlyAllow),
            p.Counters.Syscalls(SyscallClass.Memop),
            p.Counters.Syscalls(SyscallClass.Exit),
            p.Counters.Syscalls(SyscallClass.UserspaceReadableAllow),
            p.Counters.UpcallsDelivered,
            p.Counters.WaitForDeliveries,
            p.Counters.ReturnValuesDiscarded,
            p.Counters.UpcallsDropped,
            p.Counters.CpuTimeNs,
            p.Counters.Dispatches,
            p.Counters.TimeslicesExpired,
            p.Counters.Preemptions,
            p.Counters.Faults,
            p.Counters.Restarts,
            p.Memory.GrantBytes))];
}
