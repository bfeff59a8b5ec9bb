using SensorNet.Energy.Consumers;
using SensorNet.NodeKernel.Chips;
using SensorNet.NodeKernel.Drivers;
using SensorNet.NodeKernel.Hardware;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Scheduling;
using SensorNet.NodeKernel.Syscalls;
using SensorNet.NodeKernel.Time;
using SensorNet.NodeKernel.Userspace;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Kernel;

/// <summary>
/// A behavioural model of the Tock kernel on one MCU, making the decisions <c>Kernel::kernel_loop_operation</c>
/// (tock/tock <c>kernel/src/kernel.rs:374</c>) makes, so that sleep residency emerges from it. Each loop iteration
/// either services kernel work (all pending interrupt bottom halves lowest line first, then deferred calls lowest
/// index first while no interrupt is pending), or runs one process chosen by the scheduler through
/// <c>do_process</c> (<c>kernel.rs:484</c>), or tries to sleep: only when no interrupt and no deferred call is pending
/// and no process is ready, re-checked just before WFI. The chip chooses the sleep depth at that moment.
/// </summary>
/// <remarks>
/// <para><b>Time.</b> Every step costs CPU cycles at the chip clock (<see cref="KernelCosts"/>); a step's effects
/// happen when it starts and the CPU is busy until it ends. Userspace compute is the only interruptible work: an
/// interrupt cuts it (the top half only marks the line pending) and the process resumes later with what is left.
/// Interrupts arriving during kernel steps wait for the next check, as in Tock. A round-robin slice counts CPU
/// time inside <c>do_process</c> only (SysTick never runs while the chip sleeps).</para>
/// <para><b>Scope and limitations:</b> no IPC, no process console commands, no syscall filter, no MPU faults from
/// bad pointers beyond the buffer checks of allow; the panic handler is modelled as a CPU that stays active
/// forever (<c>panic_blink_forever</c>) without the LED current.</para>
/// <para><b>Validation:</b> the <c>TockConformance</c> tests name the tock/tock behaviour each one checks.</para>
/// </remarks>
public sealed class TockKernel : IEventHandler
{
    private const long StepTag = 0;
    private const long ComputeTag = 1;
    private const long MinimumQuantumNs = 500_000; // MIN_QUANTA_THRESHOLD_US (kernel/src/kernel.rs:42)
    private const int StepNsCacheSlots = 16;

    private readonly Simulation _simulation;
    private readonly StateBasedConsumer _cpu;
    private readonly IScheduler _scheduler;
    private readonly FaultPolicy _faultPolicy;
    private readonly YieldForReadinessRule _yieldForRule;
    private readonly List<TockProcess> _processes = [];
    // The installed drivers: a board has about a dozen, so a scan of one small array of numbers is cheaper than a hash
    // lookup, and every command, allow and subscribe makes one.
    private uint[] _driverNumbers = [];
    private ISyscallDriver[] _driverList = [];
    // Each driver's Command bound once: the call site serves every driver, so an interface call there goes through the
    // runtime's polymorphic resolve stub on every command; a bound delegate jumps straight to the implementation.
    private Func<TockProcess, uint, uint, uint, CommandResult>[] _driverCommands = [];
    private readonly long _grantPointerCount;
    private readonly bool _foldSyscallReturns;
    private readonly bool _foldKernelSteps;
    private readonly bool _repeatPollPasses;
    private readonly SimDuration _contextSwitch;
    private readonly Hertz _clock;
    // Step durations already converted, by cycle count (slot = cycles mod 16; key and value side by side): a step costs
    // one of a few dozen cycle counts, and converting one is a chain of floating-point operations on the hot path.
    private readonly long[] _stepNsCache = new long[2 * StepNsCacheSlots];
    private uint _nextProcessRam;

    private Phase _phase = Phase.NotBooted;
    private Continuation _continuation = Continuation.LoopTop;
    private EventHandle _pending;
    private TockProcess? _current;
    private uint? _sliceUs;
    private long _sliceNs;
    private SimTime _processStart;
    private SimTime _computeStart;
    private long _computeNs;
    private TockProcess? _mpuConfiguredFor;
    private SchedulingDecision _decision;
    private long _grantCyclesOwed;
    private bool _folded;
    private SimTime _foldCheck;
    private bool _inOwnEvent;
    private long _userChain; // RunUser entries: a polling pass counts only within one
    private PollPassRecord? _passRecord;

    /// <summary>Creates the kernel of one node.</summary>
    /// <param name="simulation">The simulation.</param>
    /// <param name="chip">The MCU.</param>
    /// <param name="cpu">The MCU's energy consumer, built from <see cref="ChipModel.PowerStates"/>.</param>
    /// <param name="scheduler">The board's scheduler.</param>
    /// <param name="faultPolicy">The board's fault policy.</param>
    /// <param name="options">Memory and behaviour options.</param>
    public TockKernel(Simulation simulation, ChipModel chip, StateBasedConsumer cpu, IScheduler scheduler, FaultPolicy faultPolicy, KernelOptions? options = null)
    {
        _simulation = simulation ?? throw new ArgumentNullException(nameof(simulation));
        Chip = chip ?? throw new ArgumentNullException(nameof(chip));
        _cpu = cpu ?? throw new ArgumentNullException(nameof(cpu));
        _scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
        _faultPolicy = faultPolicy ?? throw new ArgumentNullException(nameof(faultPolicy));
        Options = options ?? new KernelOptions();
        _yieldForRule = Options.YieldForReadinessRule;
        _grantPointerCount = Options.GrantCount;
        _nextProcessRam = Options.AppRamStart;
        Costs = chip.Costs;
        _foldSyscallReturns = Options.FoldSyscallReturns;
        _foldKernelSteps = Options.FoldKernelSteps;
        _repeatPollPasses = Options.RepeatPollPasses && _foldSyscallReturns && _foldKernelSteps;
        _clock = chip.Clock;
        _contextSwitch = _clock.CyclesToDuration(Costs.ContextSwitch);
        _stepNsCache.AsSpan().Fill(-1);
        Clocks = new PeripheralClocks(chip.DeepSleepAllowedClocks);
        Interrupts = new InterruptController { Raised = OnInterruptRaised };
        DeferredCalls = new DeferredCalls { Raised = OnInterruptRaised };
        Alarm = new HardwareAlarm(simulation, Interrupts, chip.Alarm.Irq, chip.Alarm.FrequencyHz, chip.Alarm.WidthBits, chip.Alarm.MinimumDtTicks, chip.Alarm.SyncTicks);
        AlarmMux = new VirtualAlarmMux(Alarm);
    }

    private enum Phase
    {
        NotBooted,
        Busy,
        User,
        Sleeping,
        Waking,
        Panicked,
        Halted,
    }

    // What the kernel loop does next; None when the step just started waits for an event (a plain enum rather than a
    // nullable one: every kernel step returns one, and the nullable's two-part value cost a store-forwarding stall).
    private enum Continuation
    {
        None,
        LoopTop,
        KernelWork,
        StartProcess,
        DoProcess,
        RunUser,
        EndNoWork,
        TrySleep,
    }

    /// <summary>The MCU.</summary>
    public ChipModel Chip { get; }

    /// <summary>Cycle costs in force.</summary>
    public KernelCosts Costs { get; }

    /// <summary>Options in force.</summary>
    public KernelOptions Options { get; }

    /// <summary>The scheduler.</summary>
    public IScheduler Scheduler => _scheduler;

    /// <summary>Pending interrupt lines.</summary>
    public InterruptController Interrupts { get; }

    /// <summary>Deferred calls.</summary>
    public DeferredCalls DeferredCalls { get; }

    /// <summary>Peripheral clocks and GPIO interrupts held by drivers (SAM4L deep-sleep decision).</summary>
    public PeripheralClocks Clocks { get; }

    /// <summary>The chip's alarm peripheral.</summary>
    public HardwareAlarm Alarm { get; }

    /// <summary>The virtual alarm mux over <see cref="Alarm"/>.</summary>
    public VirtualAlarmMux AlarmMux { get; }

    /// <summary>Processes in array order.</summary>
    public IReadOnlyList<TockProcess> Processes => _processes;

    /// <summary>The processes as a list, whose <c>foreach</c> allocates nothing (drivers scan it on every event).</summary>
    internal List<TockProcess> ProcessList => _processes;

    /// <summary>Kernel counters.</summary>
    public KernelCounters Counters { get; } = new();

    /// <summary>The current simulated time.</summary>
    public SimTime Now => _simulation.Now;

    /// <summary>The simulation.</summary>
    public Simulation Simulation => _simulation;

    /// <summary>True once the kernel panicked.</summary>
    public bool IsPanicked => _phase == Phase.Panicked;

    /// <summary>Why the kernel panicked.</summary>
    public string? PanicReason { get; private set; }

    /// <summary>True while the MCU sleeps.</summary>
    public bool IsSleeping => _phase == Phase.Sleeping;

    /// <summary>True while a process is in <c>do_process</c>.</summary>
    public TockProcess? RunningProcess => _current;

    /// <summary>True if an interrupt or a deferred call is pending (<c>do_kernel_work_now</c>).</summary>
    public bool KernelWorkPending => Interrupts.AnyPending || DeferredCalls.HasTasks;

    /// <summary>Adds a driver; its number must be unique.</summary>
    public void AddDriver(ISyscallDriver driver)
    {
        ArgumentNullException.ThrowIfNull(driver);
        if (Driver(driver.DriverNumber) is not null)
        {
            throw new InvalidOperationException($"Driver 0x{driver.DriverNumber:X} is already installed.");
        }

        _driverNumbers = [.. _driverNumbers, driver.DriverNumber];
        _driverList = [.. _driverList, driver];
        _driverCommands = [.. _driverCommands, driver.Command];
    }

    /// <summary>The driver with number <paramref name="number"/>, if installed.</summary>
    public ISyscallDriver? Driver(uint number)
    {
        int i = DriverIndex(number);
        return i >= 0 ? _driverList[i] : null;
    }

    /// <summary>Runs command <paramref name="command"/> of driver <paramref name="number"/>; false if it is not installed.</summary>
    internal bool TryCommand(uint number, TockProcess process, uint command, uint argument1, uint argument2, out CommandResult result)
    {
        int i = DriverIndex(number);
        if (i < 0)
        {
            result = default;
            return false;
        }

        result = _driverCommands[i](process, command, argument1, argument2);
        return true;
    }

    private int DriverIndex(uint number)
    {
        // A plain loop: for a dozen entries it beats Array.IndexOf's vectorised search, which costs a call per lookup.
        uint[] numbers = _driverNumbers;
        for (int i = 0; i < numbers.Length; i++)
        {
            if (numbers[i] == number)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Loads a process for <paramref name="program"/> in the next free part of app RAM.</summary>
    /// <exception cref="InvalidOperationException">No room left in app RAM or too many processes.</exception>
    public TockProcess AddProcess(UserProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        if (_phase != Phase.NotBooted)
        {
            throw new InvalidOperationException("Processes are loaded before boot.");
        }

        if (_processes.Count >= Options.MaxProcesses)
        {
            throw new InvalidOperationException($"The board supports {Options.MaxProcesses} processes.");
        }

        var memory = new ProcessMemory(_nextProcessRam, program.RamBytes, (int)_grantPointerCount);
        if ((long)memory.End > (long)Options.AppRamStart + Options.AppRamBytes)
        {
            throw new InvalidOperationException($"Process '{program.Name}' needs {memory.Size} B of RAM; only {(long)Options.AppRamStart + Options.AppRamBytes - _nextProcessRam} B are left.");
        }

        _nextProcessRam = memory.End;
        var process = new TockProcess(_processes.Count, program, memory, _yieldForRule);
        _processes.Add(process);
        return process;
    }

    /// <summary>
    /// Boots now: the clock start-up busy-wait, then synchronous loading before the loop, or asynchronous loading
    /// from a deferred call inside it; then the kernel loop. Processes start Yielded with their init function queued
    /// and run until their first blocking yield before the chip can first sleep.
    /// </summary>
    public void Boot(BootOptions? options = null)
    {
        if (_phase != Phase.NotBooted)
        {
            throw new InvalidOperationException("The kernel is already running.");
        }

        BootOptions boot = options ?? BootOptions.Immediate;
        _scheduler.Initialize(_processes);
        _cpu.SetState(ChipModel.ActiveState);
        long cycles = 0;
        if (boot.Loading == ProcessLoading.Synchronous)
        {
            cycles = boot.LoadCyclesPerProcess * _processes.Count;
        }
        else if (_processes.Count > 0)
        {
            foreach (TockProcess p in _processes)
            {
                p.SetLoaded(false);
            }

            var loader = new ProcessLoader(this, boot);
            loader.Start(DeferredCalls.Create(loader));
        }

        SimDuration busy = boot.ClockStartup + Chip.Clock.CyclesToDuration(cycles);
        if (busy.Nanoseconds == 0)
        {
            Continue(Continuation.LoopTop);
            return;
        }

        _phase = Phase.Busy;
        _continuation = Continuation.LoopTop;
        _pending = _simulation.ScheduleAfter(busy, this, StepTag);
    }

    /// <summary>Stops the kernel for good (the node lost power): nothing more runs, pending work is dropped.</summary>
    public void Halt()
    {
        _simulation.Cancel(_pending);
        _phase = Phase.Halted;
    }

    /// <summary>
    /// Queues an upcall for <paramref name="process"/> (<c>GrantKernelData::schedule_upcall</c>): a function call when
    /// a function is subscribed, else a Null-Upcall return value. Capsules usually ignore the result.
    /// </summary>
    /// <returns>Null on success; NoDevice if the process is not alive or has no grant for the driver; Inval for a subscribe
    /// number the driver does not have; NoMem if the queue was full (the task is dropped and counted).</returns>
    public ErrorCode? ScheduleUpcall(TockProcess process, UpcallId upcall, uint argument0, uint argument1, uint argument2)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (!process.IsAlive || !process.HasGrant(upcall.Driver))
        {
            return ErrorCode.NoDevice;
        }

        if (Driver(upcall.Driver) is not { } driver || upcall.SubscribeNumber >= driver.UpcallCount)
        {
            return ErrorCode.Inval;
        }

        (uint function, uint appData) = process.Subscription(upcall);
        var task = function == 0
            ? new ProcessTask(TaskKind.ReturnValue, upcall, argument0, argument1, argument2, 0, 0)
            : new ProcessTask(TaskKind.FunctionCall, upcall, argument0, argument1, argument2, function, appData);
        return process.EnqueueTask(task);
    }

    /// <summary>
    /// Enters a driver's grant for <paramref name="process"/>, allocating it on first use (<c>Grant::enter</c>).
    /// </summary>
    /// <returns>False (NOMEM for the caller) if the grant does not fit in the process's memory.</returns>
    public bool EnterGrant(TockProcess process, uint driver)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (process.HasGrant(driver))
        {
            return true;
        }

        ISyscallDriver d = Driver(driver) ?? throw new KeyNotFoundException($"Driver 0x{driver:X} is not installed.");
        if (!process.TryAllocateGrant(driver, GrantSize(d)))
        {
            return false;
        }

        Counters.GrantAllocations++;
        _grantCyclesOwed += Costs.GrantAllocation;
        return true;
    }

    /// <inheritdoc/>
    void IEventHandler.OnEvent(SimTime now, long tag)
    {
        if (_phase is Phase.Panicked or Phase.Halted)
        {
            return;
        }

        // Only while the kernel runs from its own event may it advance the clock through its steps (TryAdvance).
        _inOwnEvent = true;
        if (tag == ComputeTag)
        {
            UserSegmentEnded(interrupted: false);
        }
        else
        {
            _folded = false;
            Continue(_continuation);
        }

        _inOwnEvent = false;
    }

    private static int GrantSize(ISyscallDriver d) => d.GrantBytes + (d.UpcallCount * 8) + ((d.ReadWriteAllowCount + d.ReadOnlyAllowCount) * 8);

    private void OnInterruptRaised()
    {
        switch (_phase)
        {
            case Phase.Sleeping:
                Counters.Wakeups++;
                ChipSleepState state = Chip.SleepState(_cpu.State);
                _cpu.SetState(ChipModel.ActiveState);
                _phase = Phase.Waking;
                _continuation = Continuation.LoopTop;
                _pending = _simulation.ScheduleAfter(state.WakeupLatency, this, StepTag);
                break;
            case Phase.User:
                _simulation.Cancel(_pending);
                UserSegmentEnded(interrupted: true);
                break;
            case Phase.Busy when _folded && Now <= _foldCheck:
                // A folded syscall return: do_process's check at _foldCheck would see this, so run it there.
                _folded = false;
                _continuation = Continuation.DoProcess;
                _simulation.Reschedule(_pending, _foldCheck);
                break;
            default:
                break; // Kernel code notices pending work at its next check.
        }
    }

    // Runs loop logic until a step takes time (Busy, user compute or sleep) that has to wait for an event.
    private void Continue(Continuation next)
    {
        Continuation step = next;
        while (step != Continuation.None && _phase is not (Phase.Panicked or Phase.Halted))
        {
            step = step switch
            {
                Continuation.LoopTop => LoopTop(),
                Continuation.KernelWork => KernelWork(),
                Continuation.StartProcess => StartProcess(),
                Continuation.DoProcess => DoProcess(),
                Continuation.RunUser => RunUser(),
                Continuation.EndNoWork => EndProcess(StoppedReason.NoWorkLeft),
                Continuation.TrySleep => TrySleep(),
                _ => throw new InvalidOperationException($"Unknown continuation {step}."),
            };
        }
    }

    // Chip.Clock.CyclesToDuration(cycles), remembered per cycle count.
    private SimDuration StepDuration(long cycles)
    {
        int slot = 2 * (int)(cycles & (StepNsCacheSlots - 1));
        long[] cache = _stepNsCache;
        if (cache[slot] != cycles || cycles < 0) // a negative count is not cached: CyclesToDuration rejects it
        {
            cache[slot + 1] = _clock.CyclesToDuration(cycles).Nanoseconds;
            cache[slot] = cycles;
        }

        return SimDuration.FromNanoseconds(cache[slot + 1]);
    }

    private Continuation Busy(long cycles, Continuation then)
    {
        cycles += _grantCyclesOwed;
        _grantCyclesOwed = 0;
        _phase = Phase.Busy;
        SimTime end = Now + StepDuration(cycles);
        if (TryAdvanceTo(end))
        {
            return then;
        }

        _continuation = then;
        _pending = _simulation.Schedule(end, this, StepTag);
        return Continuation.None;
    }

    // KernelOptions.FoldKernelSteps: when the event that would end a step at `time` would be the next event that can touch
    // this node (the next of the whole simulation, or with lookahead the next of its own domain and of no domain),
    // nothing can happen to it before then, so the step ends at once (what OnEvent would do) instead of by an event.
    private bool TryAdvanceTo(SimTime time)
    {
        if (!_inOwnEvent || !_foldKernelSteps || !_simulation.TryAdvanceTo(time))
        {
            return false;
        }

        _folded = false;
        return true;
    }

    private Continuation LoopTop()
    {
        Counters.LoopIterations++;
        if (KernelWorkPending)
        {
            return Continuation.KernelWork;
        }

        _decision = _scheduler.ChooseNext(Now);
        return Busy(Costs.Scheduler, _decision.IsTrySleep ? Continuation.TrySleep : Continuation.StartProcess);
    }

    // execute_kernel_work: all pending bottom halves lowest line first, then deferred calls while no interrupt is pending.
    private Continuation KernelWork()
    {
        if (Interrupts.TryTakeLowest(out _, out IInterruptHandler handler))
        {
            Counters.BottomHalves++;
            return Busy(Costs.BottomHalf + handler.Service(), Continuation.KernelWork);
        }

        if (DeferredCalls.HasTasks)
        {
            Counters.DeferredCalls++;
            return Busy(Costs.DeferredCall + DeferredCalls.ServiceNext(), Continuation.KernelWork);
        }

        return Continuation.LoopTop;
    }

    private Continuation TrySleep()
    {
        // Re-checked with interrupts masked: work that arrived after the decision is serviced first.
        if (KernelWorkPending)
        {
            return Continuation.LoopTop;
        }

        int state = Chip.ChooseSleepState(Clocks);
        Counters.SleepEntries++;
        Counters.CountSleep(state);
        _cpu.SetState(state);
        _phase = Phase.Sleeping;
        return Continuation.None;
    }

    private Continuation StartProcess()
    {
        TockProcess? p = _decision.Process;
        if (p is null || p.Index >= _processes.Count || _processes[p.Index] != p)
        {
            return Continuation.LoopTop;
        }

        _current = p;
        _sliceUs = _decision.TimesliceUs;
        _sliceNs = _sliceUs is uint requested ? EffectiveSliceNs(requested) : 0;
        _processStart = Now;
        p.Counters.Dispatches++;
        return Continuation.DoProcess;
    }

    // The do_process loop head: slice check, kernel-work check, readiness check, then act on the state.
    private Continuation DoProcess()
    {
        TockProcess p = _current!;
        if (_sliceUs is not null && _sliceNs - (Now - _processStart).Nanoseconds <= MinimumQuantumNs)
        {
            return EndProcess(StoppedReason.TimesliceExpired);
        }

        if (!_scheduler.ContinueProcess(p, KernelWorkPending))
        {
            return EndProcess(StoppedReason.KernelPreemption);
        }

        if (!p.IsReady)
        {
            return EndProcess(StoppedReason.NoWorkLeft);
        }

        switch (p.State)
        {
            case ProcessState.Running:
                long cost = Costs.ContextSwitch;
                if (!ReferenceEquals(_mpuConfiguredFor, p))
                {
                    cost += Costs.MpuReconfiguration;
                    Counters.MpuReconfigurations++;
                    _mpuConfiguredFor = p;
                }

                return Busy(cost, Continuation.RunUser);
            case ProcessState.Yielded:
                if (!p.Tasks.TryDequeue(out ProcessTask task))
                {
                    return EndProcess(StoppedReason.NoWorkLeft);
                }

                if (task.Kind == TaskKind.ReturnValue)
                {
                    p.Counters.ReturnValuesDiscarded++;
                    return Busy(Costs.TaskDispatch, Continuation.EndNoWork);
                }

                SetProcessFunction(p, task);
                return Busy(Costs.TaskDispatch, Continuation.DoProcess);
            case ProcessState.YieldedFor:
                if (!p.Tasks.TryRemoveFirst(p.YieldedFor, out ProcessTask match))
                {
                    return EndProcess(StoppedReason.NoWorkLeft);
                }

                p.Counters.WaitForDeliveries++;
                p.Context.Result = new SyscallReturn(ReturnVariant.YieldWaitFor, match.Argument0, match.Argument1, match.Argument2);
                p.SetRunning();
                return Busy(Costs.TaskDispatch, Continuation.DoProcess);
            case ProcessState.Stopped:
                return EndProcess(StoppedReason.Stopped);
            default:
                Panic($"Attempted to schedule an unrunnable process ({p.Name}, {p.State})");
                return Continuation.None;
        }
    }

    private static void SetProcessFunction(TockProcess p, ProcessTask task)
    {
        if (task.IsInit)
        {
            p.Context.AppBreak = p.Memory.AppBreak;
            p.PushFrame(p.Program.Start(p.Context).GetEnumerator(), isUpcall: false);
        }
        else
        {
            if (!p.Context.TryGetFunction(task.Function, out Func<UpcallArguments, IEnumerable<UserOp>> body))
            {
                throw new InvalidOperationException($"Process {p.Name} has no function at 0x{task.Function:X8}.");
            }

            p.Counters.UpcallsDelivered++;
            p.PushFrame(body(new UpcallArguments(task.Argument0, task.Argument1, task.Argument2, task.AppData)).GetEnumerator(), isUpcall: true);
        }

        p.SetRunning();
    }

    // Executes userspace until it traps (syscall, fault) or starts a compute step.
    private Continuation RunUser()
    {
        TockProcess p = _current!;
        _userChain++;
        while (true)
        {
            if (!p.HasFrames)
            {
                return Fault(p);
            }

            TockProcess.Frame frame = p.CurrentFrame;
            if (frame.PendingComputeNs > 0)
            {
                return StartCompute(frame.PendingComputeNs);
            }

            if (!frame.MoveNext()) // calls and returns between functions are taken inside
            {
                TockProcess.Frame done = p.PopFrame();
                if (!done.IsUpcall)
                {
                    return Fault(p); // crt0 never returns; falling off it is a fault.
                }

                p.Context.Result = done.SavedResult; // The yield the upcall ran on top of returns.
                continue;
            }

            ref readonly UserOp op = ref frame.Current;
            switch (op.Kind)
            {
                case UserOpKind.Compute:
                    long ns = StepDuration(op.Cycles).Nanoseconds;
                    if (ns > 0)
                    {
                        return StartCompute(ns);
                    }

                    continue;
                case UserOpKind.Syscall:
                    p.Counters.CountSyscall(op.Class);
                    Counters.Syscalls++;
                    long cycles = HandleSyscall(p, in op);
                    if (_passRecord is { Recording: true } record)
                    {
                        RecordPassStep(record, in op, Costs.Syscall + cycles);
                    }

                    if (TryFoldSyscallReturn(p, Costs.Syscall + cycles, out bool advanced))
                    {
                        if (advanced)
                        {
                            continue; // Nothing else was due before the process resumes: it runs on at once.
                        }

                        return Continuation.None;
                    }

                    return Busy(Costs.Syscall + cycles, Continuation.DoProcess);
                case UserOpKind.RepeatPass:
                    p.Context.PassesRepeated = RepeatPass(p, in op);
                    continue;
                default:
                    return Fault(p);
            }
        }
    }

    // A syscall of a polling pass being recorded, with the duration TryFoldSyscallReturn gives it when it folds (if it
    // does not, RunUser returns and the pass is broken). A step that pays for a grant would not cost the same again.
    private void RecordPassStep(PollPassRecord record, in UserOp op, long cycles)
    {
        if (_grantCyclesOwed != 0)
        {
            record.Stop();
            return;
        }

        record.Record(in op, StepDuration(cycles).Nanoseconds + _contextSwitch.Nanoseconds);
    }

    // UserOp.RepeatPass (KernelOptions.RepeatPollPasses): repeats the pass that just ended as often as it provably
    // would run the same, then starts recording the next.
    private int RepeatPass(TockProcess p, in UserOp op)
    {
        if (!_repeatPollPasses)
        {
            return 0;
        }

        PollPassRecord record = _passRecord ??= new PollPassRecord();
        int repeated = record.RepeatsPrevious(_userChain) && _inOwnEvent ? RepeatRecordedPass(p, record, in op) : 0;
        record.StartPass(_userChain);
        return repeated;
    }

    // The pass just recorded ran with every syscall returning at once, so until some event is due the process stays
    // Running, no kernel work or upcall arrives (a Yield-NoWait answers 0) and the scheduler keeps it: the same pass
    // again costs the same and answers the same, as far as its drivers promise. Repetitions stop before any step would
    // start after a driver's promise ends, before the time slice's check would fail, and before the clock could not
    // advance (an event due, the run's end); then the clock and the syscall counts move as if each step had run.
    private int RepeatRecordedPass(TockProcess p, PollPassRecord record, in UserOp op)
    {
        const long MaxRepetitions = 1 << 24;
        int n = record.Count;
        uint mayChange = op.R0;
        uint counting = op.R1;
        if (p.Tasks.Count > 0 || ((mayChange >> (n - 1)) & 1) != 0 || counting == n - 1)
        {
            return 0; // the process keeps the last answer (Result), which must be one that stays
        }

        Span<long> ends = stackalloc long[PollPassRecord.MaxSteps];
        long period = 0;
        for (int i = 0; i < n; i++)
        {
            period += record.DurationNs(i);
            ends[i] = period;
        }

        long now = Now.Nanoseconds;
        long limit = Math.Min(MaxRepetitions, (long.MaxValue - now) / period);
        for (int i = 0; i < n; i++)
        {
            SimTime until;
            switch (record.Class(i))
            {
                case SyscallClass.Yield when record.Register(i, 0) == (uint)YieldVariant.NoWait:
                    continue;
                case SyscallClass.Command:
                    if (Driver(record.Register(i, 0)) is not { } driver)
                    {
                        return 0;
                    }

                    (uint command, uint argument1, uint argument2) = (record.Register(i, 1), record.Register(i, 2), record.Register(i, 3));
                    if (i == counting)
                    {
                        until = driver.CountingAnswerInRangeUntil(p, command, argument1, argument2, op.R2, op.R3);
                    }
                    else if (((mayChange >> i) & 1) != 0)
                    {
                        continue;
                    }
                    else
                    {
                        until = driver.CommandAnswerUnchangedUntil(p, command, argument1, argument2);
                    }

                    break;
                default:
                    return 0;
            }

            // Step i of repetition j starts at now + j·period + (ends[i] − its duration), before `until` for every j < k.
            limit = Math.Min(limit, Repetitions(until.Nanoseconds - now - (ends[i] - record.DurationNs(i)), period));
        }

        if (_sliceUs is not null)
        {
            // TryFoldSyscallReturn's check, at each step's end less the context switch: the last step's binds.
            long sliceLimit = _processStart.Nanoseconds + _sliceNs - MinimumQuantumNs;
            limit = Math.Min(limit, Repetitions(sliceLimit - now - period + _contextSwitch.Nanoseconds, period));
        }

        if (limit <= 0)
        {
            return 0;
        }

        // The most repetitions the clock can take (an event due or the run's end stops it), by bisection.
        long k = limit;
        if (!_simulation.CanAdvanceTo(new SimTime(now + (k * period))))
        {
            long lo = 0, hi = k - 1;
            while (lo < hi)
            {
                long mid = lo + ((hi - lo + 1) / 2);
                (lo, hi) = _simulation.CanAdvanceTo(new SimTime(now + (mid * period))) ? (mid, hi) : (lo, mid - 1);
            }

            k = lo;
        }

        if (k == 0 || !_simulation.TryAdvanceRepeating(ends[..n], k))
        {
            return 0;
        }

        for (int i = 0; i < n; i++)
        {
            p.Counters.CountSyscalls(record.Class(i), k);
        }

        Counters.Syscalls += k * n;
        Counters.PassesRepeated += k;
        return (int)k;
    }

    // How many j ≥ 0 satisfy j · period < room.
    private static long Repetitions(long room, long period) => room <= 0 ? 0 : ((room - 1) / period) + 1;

    // The syscall's Busy step ends in do_process's checks, which pass for a Running process when nothing is raised
    // meanwhile, and lead to the context switch back into it. Schedule only the end of the context switch; if an
    // interrupt or deferred call is raised up to the check point, OnInterruptRaised moves the event back to it.
    private bool TryFoldSyscallReturn(TockProcess p, long cycles, out bool advanced)
    {
        advanced = false;
        if (!_foldSyscallReturns || p.State != ProcessState.Running || KernelWorkPending || !ReferenceEquals(_mpuConfiguredFor, p))
        {
            return false;
        }

        SimTime check = Now + StepDuration(cycles + _grantCyclesOwed);
        if ((_sliceUs is not null && _sliceNs - (check - _processStart).Nanoseconds <= MinimumQuantumNs)
            || !_scheduler.ContinueProcess(p, kernelWorkPending: false) || !p.IsLoaded) // ready(): Running (checked above) and loaded
        {
            return false;
        }

        _grantCyclesOwed = 0;
        _phase = Phase.Busy;
        SimTime resume = check + _contextSwitch;
        if (TryAdvanceTo(resume))
        {
            advanced = true;
            return true;
        }

        _continuation = Continuation.RunUser;
        _foldCheck = check;
        _folded = true;
        _pending = _simulation.Schedule(resume, this, StepTag);
        return true;
    }

    private Continuation StartCompute(long ns)
    {
        long segment = ns;
        if (_sliceUs is not null)
        {
            long left = _sliceNs - (Now - _processStart).Nanoseconds;
            segment = Math.Min(ns, Math.Max(left, 0));
        }

        _computeStart = Now;
        _computeNs = ns;
        _phase = Phase.User;
        SimTime end = Now + SimDuration.FromNanoseconds(segment);
        if (TryAdvanceTo(end))
        {
            return SegmentEnded(interrupted: false);
        }

        _pending = _simulation.Schedule(end, this, ComputeTag);
        return Continuation.None;
    }

    private void UserSegmentEnded(bool interrupted) => Continue(SegmentEnded(interrupted));

    private Continuation SegmentEnded(bool interrupted)
    {
        TockProcess p = _current!;
        TockProcess.Frame frame = p.CurrentFrame;
        long ran = (Now - _computeStart).Nanoseconds;
        frame.PendingComputeNs = _computeNs - ran;
        _phase = Phase.Busy;
        bool sliceExpired = _sliceUs is not null && _sliceNs - (Now - _processStart).Nanoseconds <= 0;
        if (sliceExpired)
        {
            return EndProcess(StoppedReason.TimesliceExpired);
        }

        // Interrupted: back to the do_process checks (which see the pending interrupt); otherwise userspace goes on.
        return interrupted ? Continuation.DoProcess : Continuation.RunUser;
    }

    private Continuation EndProcess(StoppedReason reason)
    {
        TockProcess p = _current!;
        long ranNs = (Now - _processStart).Nanoseconds;
        uint? executedUs = null;
        if (_sliceUs is uint slice)
        {
            executedUs = reason == StoppedReason.TimesliceExpired ? slice : (uint)Math.Min(slice, ranNs / 1000);
        }

        p.Counters.CpuTimeNs += ranNs;
        if (reason == StoppedReason.TimesliceExpired)
        {
            p.Counters.TimeslicesExpired++;
        }
        else if (reason == StoppedReason.KernelPreemption)
        {
            p.Counters.Preemptions++;
        }

        _scheduler.Result(reason, executedUs);
        _current = null;
        return Continuation.LoopTop;
    }

    private Continuation Fault(TockProcess p)
    {
        p.Counters.Faults++;
        Counters.Faults++;
        switch (_faultPolicy.Decide(p.RestartCount))
        {
            case FaultAction.Panic:
                p.MarkFaulted();
                Panic($"Process {p.Name} had a fault");
                return Continuation.None;
            case FaultAction.Restart:
                p.Restart(null);
                break;
            default:
                p.Terminate(null);
                p.MarkFaulted();
                break;
        }

        // tock/tock kernel/src/kernel.rs do_process: after set_fault_state() the loop goes on with the same process:
        // a restarted process (Yielded, init queued) runs its init again in this do_process; a stopped one is not
        // ready() and ends it with NoWorkLeft (do_process never reports StoppedFaulted).
        return Busy(Costs.TaskDispatch, Continuation.DoProcess);
    }

    /// <summary>
    /// The slice the scheduler timer really gives: Cortex-M SysTick's <c>start(us)</c> computes reload = hertz · us / 10⁶
    /// and writes it into the 24-bit RELOAD field (tock/tock <c>arch/cortex-m/src/systick.rs</c>), so larger reloads wrap.
    /// </summary>
    private long EffectiveSliceNs(uint requestedUs)
    {
        int bits = Chip.SchedulerTimerBits;
        if (bits <= 0)
        {
            return (long)requestedUs * 1000;
        }

        long hertz = (long)Chip.Clock.Value;
        long reload = (long)((Int128)hertz * requestedUs / 1_000_000) & ((1L << bits) - 1);
        return (long)((Int128)reload * 1_000_000_000 / hertz);
    }

    /// <summary>
    /// <c>SequentialProcessLoaderMachine</c>: each deferred call discovers and checks one binary (credential check cost
    /// proportional to its size), loads it, and sets the deferred call again while binaries remain.
    /// </summary>
    private sealed class ProcessLoader(TockKernel kernel, BootOptions boot) : IDeferredCallClient
    {
        private int _next;
        private int _call;

        public void Start(int call)
        {
            _call = call;
            kernel.DeferredCalls.Set(call);
        }

        public long HandleDeferredCall()
        {
            TockProcess p = kernel._processes[_next++];
            p.SetLoaded(true);
            kernel.Counters.ProcessesLoaded++;
            if (_next < kernel._processes.Count)
            {
                kernel.DeferredCalls.Set(_call);
            }

            return boot.LoadCyclesPerProcess + (boot.CredentialCyclesPerByte * p.Program.BinaryBytes);
        }
    }

    /// <summary>Kernel panic: the board's panic handler blinks an LED forever with the CPU fully active.</summary>
    public void Panic(string reason)
    {
        _simulation.Cancel(_pending);
        PanicReason = reason;
        Counters.Panics++;
        _phase = Phase.Panicked;
        _cpu.SetState(ChipModel.ActiveState);
    }

    private long HandleSyscall(TockProcess p, in UserOp op) => SyscallHandler.Handle(this, p, op);
}
