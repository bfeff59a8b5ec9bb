using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SensorNet.NodeKernel.Syscalls;
using SensorNet.NodeKernel.Userspace;

namespace SensorNet.NodeKernel.Processes;

/// <summary>
/// One Tock process (tock/tock <c>kernel/src/process_standard.rs</c>): its state machine with the exact
/// <c>ready()</c> rules, its 9-task upcall queue, its subscribe and allow tables, its grants and memory, and the
/// userspace call stack of the program it runs.
/// </summary>
/// <remarks>
/// <b>Quirk kept:</b> while a process is YieldedFor, every successful enqueue sets its readiness to whether that
/// task matches the awaited upcall ("last enqueue wins", <c>enqueue_task</c> line 598), so a later non-matching
/// task hides an earlier matching one until the next matching enqueue. <see cref="YieldForReadinessRule"/> selects
/// the intended "any match" rule instead.
/// </remarks>
public sealed class TockProcess
{
    // A process holds a handful of subscriptions, allows and grants, looked up on nearly every syscall: a scan of a short
    // list beats hashing a tuple key.
    private readonly List<SubscriptionSlot> _subscriptions = [];
    private readonly List<AllowSlot> _allows = [];
    private readonly List<uint> _grants = [];
    private readonly List<Frame> _frames = []; // [0, _depth) in use; frame objects are reused (one upcall per alarm etc.)
    private int _depth;
    private Frame? _top; // _frames[_depth - 1]: the kernel's user loop reads it on every step, one load rather than three
    private UpcallId _yieldedFor;
    private ProcessState _stoppedFrom;
    private bool _yieldForReady;

    internal TockProcess(int index, UserProgram program, ProcessMemory memory, YieldForReadinessRule rule)
    {
        Index = index;
        Program = program;
        Memory = memory;
        Rule = rule;
        Context = new UserContext(index) { RamStart = memory.Start };
        Reset(countRestart: false);
    }

    /// <summary>Index in the kernel's process array (0 = highest priority for the priority scheduler).</summary>
    public int Index { get; }

    /// <summary>The program it runs.</summary>
    public UserProgram Program { get; }

    /// <summary>Name of the program.</summary>
    public string Name => Program.Name;

    /// <summary>RAM block and grant region.</summary>
    public ProcessMemory Memory { get; }

    /// <summary>Which YieldedFor readiness rule applies.</summary>
    public YieldForReadinessRule Rule { get; }

    /// <summary>Registers and function table seen by the program.</summary>
    public UserContext Context { get; }

    /// <summary>Current state.</summary>
    public ProcessState State { get; private set; }

    /// <summary>The upcall a YieldedFor process waits for.</summary>
    public UpcallId YieldedFor => _yieldedFor;

    /// <summary>The queued tasks.</summary>
    public TaskQueue Tasks { get; } = new();

    /// <summary>Times the process was restarted.</summary>
    public int RestartCount { get; private set; }

    /// <summary>Completion code of the last exit, if any.</summary>
    public uint? CompletionCode { get; private set; }

    /// <summary>Counters of this process.</summary>
    public ProcessCounters Counters { get; } = new();

    /// <summary>
    /// <c>ready()</c>: Running → true; YieldedFor → the readiness flag; Yielded → the queue is non-empty (Null-Upcall
    /// return values count, which gives a kernel-only pass that discards them); any other state → false.
    /// </summary>
    public bool IsReady => IsLoaded && State switch
    {
        ProcessState.Running => true,
        ProcessState.YieldedFor => _yieldForReady,
        ProcessState.Yielded => Tasks.Count > 0,
        _ => false,
    };

    /// <summary>False until an asynchronous loader has checked and loaded the process.</summary>
    public bool IsLoaded { get; private set; } = true;

    /// <summary>True unless faulted or terminated.</summary>
    public bool IsAlive => State is not (ProcessState.Faulted or ProcessState.Terminated);

    /// <summary>
    /// Queues a task for this process (<c>enqueue_task</c>). Fails with NoDevice if the process is not alive and with
    /// NoMem (the task is dropped and counted) if the queue is full.
    /// </summary>
    public ErrorCode? EnqueueTask(in ProcessTask task)
    {
        if (!IsAlive)
        {
            return ErrorCode.NoDevice;
        }

        if (!Tasks.TryEnqueue(task))
        {
            Counters.UpcallsDropped++;
            return ErrorCode.NoMem;
        }

        if (State == ProcessState.YieldedFor)
        {
            _yieldForReady = Rule == YieldForReadinessRule.LastEnqueueWins
                ? task.Upcall == _yieldedFor
                : _yieldForReady || task.Upcall == _yieldedFor;
        }

        return null;
    }

    /// <summary>The subscribed (function, app data) for an upcall; (0, 0) is the Null Upcall.</summary>
    public (uint Function, uint AppData) Subscription(UpcallId id)
    {
        int i = SubscriptionIndex(id);
        return i < 0 ? default : (_subscriptions[i].Function, _subscriptions[i].AppData);
    }

    /// <summary>True if the process has a grant for <paramref name="driver"/>.</summary>
    public bool HasGrant(uint driver)
    {
        foreach (uint d in CollectionsMarshal.AsSpan(_grants))
        {
            if (d == driver)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Moves a live process to Stopped (process console "stop").</summary>
    public void Stop()
    {
        if (IsAlive && State != ProcessState.Stopped)
        {
            _stoppedFrom = State;
            State = ProcessState.Stopped;
        }
    }

    /// <summary>Resumes a stopped process into the state it was stopped in.</summary>
    public void Resume()
    {
        if (State == ProcessState.Stopped)
        {
            State = _stoppedFrom;
            if (State == ProcessState.YieldedFor)
            {
                // tock/tock kernel/src/process_standard.rs resume(): Stopped(YieldedFor(id)) goes through
                // set_yielded_for_state(id), which rescans the queue for a task queued while stopped.
                _yieldForReady = Tasks.Contains(_yieldedFor);
            }
        }
    }

    internal bool IsStopped => State == ProcessState.Stopped;

    internal void SetLoaded(bool loaded) => IsLoaded = loaded;

    internal bool HasFrames => _depth > 0;

    internal Frame CurrentFrame => _top!;

    internal void SetRunning() => State = ProcessState.Running;

    internal void SetYielded()
    {
        if (State == ProcessState.Running)
        {
            State = ProcessState.Yielded;
        }
    }

    internal void SetYieldedFor(UpcallId id)
    {
        if (State != ProcessState.Running)
        {
            return;
        }

        State = ProcessState.YieldedFor;
        _yieldedFor = id;
        _yieldForReady = Tasks.Contains(id);
    }

    internal void PushFrame(IEnumerator<UserOp> body, bool isUpcall)
    {
        if (_depth == _frames.Count)
        {
            _frames.Add(new Frame());
        }

        _top = _frames[_depth++];
        _top.Start(body, isUpcall, Context.Result);
    }

    /// <summary>Ends the current frame; the object returned stays valid until the next <see cref="PushFrame"/>.</summary>
    internal Frame PopFrame()
    {
        Frame f = _frames[--_depth];
        _top = _depth > 0 ? _frames[_depth - 1] : null;
        f.End();
        return f;
    }

    internal bool TrySubscribe(UpcallId id, uint function, uint appData, out (uint Function, uint AppData) previous)
    {
        int i = SubscriptionIndex(id);
        if (i < 0)
        {
            previous = default;
            _subscriptions.Add(new SubscriptionSlot(id, function, appData));
            return true;
        }

        ref SubscriptionSlot slot = ref CollectionsMarshal.AsSpan(_subscriptions)[i];
        previous = (slot.Function, slot.AppData);
        (slot.Function, slot.AppData) = (function, appData);
        return true;
    }

    internal (uint Address, uint Length) SwapAllow(uint driver, uint number, SyscallClass kind, uint address, uint length)
    {
        // One lookup for the swap (RadioLib's HAL makes four allows per SPI transfer).
        int i = AllowIndex(driver, number, kind);
        if (i < 0)
        {
            _allows.Add(new AllowSlot(driver, number, kind, address, length));
            return default;
        }

        ref AllowSlot slot = ref CollectionsMarshal.AsSpan(_allows)[i];
        (uint Address, uint Length) previous = (slot.Address, slot.Length);
        (slot.Address, slot.Length) = (address, length);
        return previous;
    }

    /// <summary>The buffer currently allowed for (driver, number, kind), or (0, 0).</summary>
    public (uint Address, uint Length) Allowed(uint driver, uint number, SyscallClass kind)
    {
        int i = AllowIndex(driver, number, kind);
        return i < 0 ? default : (_allows[i].Address, _allows[i].Length);
    }

    private int SubscriptionIndex(UpcallId id)
    {
        ReadOnlySpan<SubscriptionSlot> slots = CollectionsMarshal.AsSpan(_subscriptions);
        for (int i = 0; i < slots.Length; i++)
        {
            if (slots[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    private int AllowIndex(uint driver, uint number, SyscallClass kind)
    {
        ReadOnlySpan<AllowSlot> slots = CollectionsMarshal.AsSpan(_allows);
        for (int i = 0; i < slots.Length; i++)
        {
            ref readonly AllowSlot slot = ref slots[i];
            if (slot.Driver == driver && slot.Number == number && slot.Kind == kind)
            {
                return i;
            }
        }

        return -1;
    }

    internal bool TryAllocateGrant(uint driver, int bytes)
    {
        if (HasGrant(driver))
        {
            return true;
        }

        if (!Memory.TryAllocateGrant(bytes))
        {
            return false;
        }

        _grants.Add(driver);
        return true;
    }

    internal void Terminate(uint? completionCode)
    {
        CompletionCode = completionCode;
        Tasks.Clear();
        _subscriptions.Clear();
        _allows.Clear();
        _grants.Clear();
        while (_depth > 0)
        {
            PopFrame();
        }

        State = ProcessState.Terminated;
    }

    internal void MarkFaulted() => State = ProcessState.Faulted;

    /// <summary>Terminates and resets: memory and grants are reclaimed, the init function is queued, state Yielded.</summary>
    internal void Restart(uint? completionCode)
    {
        Terminate(completionCode);
        Reset(countRestart: true);
    }

    private void Reset(bool countRestart)
    {
        if (countRestart)
        {
            RestartCount++;
            Counters.Restarts++;
        }

        Memory.Reset();
        Context.ResetMemory(Memory.Size);
        Context.ClearFunctions();
        Context.AppBreak = Memory.AppBreak;
        Context.Result = default;
        Tasks.Clear();
        State = ProcessState.Yielded;
        Tasks.TryEnqueue(new ProcessTask(TaskKind.FunctionCall, ProcessTask.InitUpcall, Memory.Start, Memory.Start, Memory.Size, 0, Memory.AppBreak));
    }

    private struct SubscriptionSlot(UpcallId id, uint function, uint appData)
    {
        public readonly UpcallId Id = id;
        public uint Function = function;
        public uint AppData = appData;
    }

    private struct AllowSlot(uint driver, uint number, SyscallClass kind, uint address, uint length)
    {
        public readonly uint Driver = driver;
        public readonly uint Number = number;
        public readonly SyscallClass Kind = kind;
        public uint Address = address;
        public uint Length = length;
    }

    /// <summary>One userspace call frame: main (via crt0) or an upcall function running on top of a yield.</summary>
    /// <remarks>
    /// <see cref="UserOpKind.Call"/> steps nest inside a frame: the innermost function runs, and the callers below it
    /// resume when it ends, both within <see cref="MoveNext"/>.
    /// </remarks>
    internal sealed class Frame
    {
        // The callers below the innermost function, innermost last: structs, so a push needs no covariant array-store
        // check and a return no type test.
        private Caller[] _callers = new Caller[4];
        private int _callerCount;

        // The innermost function, and whether it is a UserRoutine (stepped without interface calls). One reference per
        // function rather than two: a library call and its return each store one reference (a GC write barrier) less.
        private IEnumerator<UserOp> _body = Enumerable.Empty<UserOp>().GetEnumerator();
        private bool _isRoutine;
        private UserOp _enumeratorCurrent;

        public bool IsUpcall { get; private set; }

        /// <summary>Nanoseconds left of a compute step that an interrupt or the timeslice cut short.</summary>
        public long PendingComputeNs { get; set; }

        /// <summary>The registers of the yield an upcall frame runs on top of, restored when it returns.</summary>
        public Syscalls.SyscallReturn SavedResult { get; private set; }

        public void Start(IEnumerator<UserOp> body, bool isUpcall, Syscalls.SyscallReturn savedResult)
        {
            SetBody(body);
            IsUpcall = isUpcall;
            PendingComputeNs = 0;
            SavedResult = savedResult;
        }

        /// <summary>A <see cref="UserOpKind.Call"/>: <paramref name="callee"/> runs until it ends.</summary>
        private void Call(IEnumerable<UserOp> callee)
        {
            if (_callerCount == _callers.Length)
            {
                Array.Resize(ref _callers, _callerCount * 2);
            }

            _callers[_callerCount++] = new Caller(_body, _isRoutine);
            if (callee is UserRoutine routine)
            {
                (_body, _isRoutine) = (routine, true); // a routine is its own enumerator
            }
            else
            {
                SetBody(callee.GetEnumerator());
            }
        }

        /// <summary>
        /// Advances to the next step that is not a <see cref="UserOpKind.Call"/>: calls and returns between functions are
        /// taken here, without a pass through the kernel's loop each (a radio node makes about 200 per uplink). False when
        /// the frame's own function has ended.
        /// </summary>
        public bool MoveNext()
        {
            while (true)
            {
                if (_isRoutine)
                {
                    UserRoutine routine = Unsafe.As<UserRoutine>(_body);
                    if (routine.MoveNext())
                    {
                        ref readonly UserOp op = ref routine.CurrentInPlace;
                        if (op.Kind != UserOpKind.Call)
                        {
                            return true;
                        }

                        Call(routine.CurrentCallee);
                        continue;
                    }
                }
                else if (_body.MoveNext())
                {
                    _enumeratorCurrent = _body.Current;
                    if (_enumeratorCurrent.Kind != UserOpKind.Call)
                    {
                        return true;
                    }

                    Call(_enumeratorCurrent.Callee!);
                    continue;
                }

                if (!TryReturn())
                {
                    return false;
                }
            }
        }

        /// <summary>The step <see cref="MoveNext"/> stopped at, in place (a routine's own field; another enumerator's copied once).</summary>
        public ref readonly UserOp Current => ref _isRoutine ? ref Unsafe.As<UserRoutine>(_body).CurrentInPlace : ref _enumeratorCurrent;

        /// <summary>The innermost function ended: back to its caller; false if it was the frame's own function.</summary>
        private bool TryReturn()
        {
            if (_callerCount == 0)
            {
                return false;
            }

            if (_isRoutine)
            {
                Unsafe.As<UserRoutine>(_body).Dispose();
            }
            else
            {
                _body.Dispose();
            }

            ref Caller caller = ref _callers[--_callerCount];
            (_body, _isRoutine) = (caller.Body, caller.IsRoutine);
            caller = default; // the pooled routine it held must not be kept alive here
            return true;
        }

        /// <summary>Disposes every function still running in the frame, innermost first.</summary>
        public void End()
        {
            _body.Dispose();
            for (int i = _callerCount - 1; i >= 0; i--)
            {
                _callers[i].Body.Dispose();
                _callers[i] = default;
            }

            _callerCount = 0;
            _enumeratorCurrent = default;
        }

        private void SetBody(IEnumerator<UserOp> body)
        {
            _body = body;
            _isRoutine = body is UserRoutine;
        }

        private readonly record struct Caller(IEnumerator<UserOp> Body, bool IsRoutine);
    }
}
