using System.Collections;

namespace SensorNet.NodeKernel.Userspace;

/// <summary>
/// A userspace library routine written as an explicit state machine instead of a C# iterator, so that one object serves
/// call after call: an iterator allocates its state on every call, and the routines on a radio node's hot path
/// (RadioLib's SPI command, libtock-c's synchronous alarm delay and SPI transfer) run hundreds of times per packet.
/// </summary>
/// <remarks>
/// <para><see cref="Next"/> is called whenever the routine must decide what comes next. It either yields one step
/// (<see cref="Yield"/>), or runs a nested sequence to its end before <see cref="Next"/> is called again
/// (<see cref="Run"/>), or returns false at the end. <see cref="Step"/> says where to go on; 0 at the start.</para>
/// <para>The object is its own enumerator, so <c>foreach</c> over it allocates nothing. It runs one call at a time:
/// the owner restarts it (<see cref="Restart"/>) for the next call, and calls that can nest (a routine running inside
/// an upcall on top of a yield of the same routine) take their object from a <see cref="UserRoutinePool{T}"/>.</para>
/// </remarks>
internal abstract class UserRoutine : IEnumerable<UserOp>, IEnumerator<UserOp>
{
    private bool _finished;

    /// <summary>Where the routine goes on at the next <see cref="Next"/>; 0 at the start.</summary>
    protected int Step { get; set; }

    /// <summary>The object belongs to a <see cref="UserRoutinePool{T}"/>: disposing it frees it for the next call.</summary>
    internal bool IsPooled { get; set; }

    /// <summary>True while a pooled object waits in its pool for the next call.</summary>
    internal bool IsFree { get; set; }

    private UserOp _current;

    // The function a Run step calls, kept apart from _current (whose Callee stays null): storing a step built of
    // constants writes its fields directly, while a step holding a reference is copied as a block behind a write barrier.
    private IEnumerable<UserOp>? _callee;

    /// <inheritdoc/>
    public UserOp Current => _current.Kind == UserOpKind.Call ? _current with { Callee = _callee } : _current;

    /// <summary>
    /// <see cref="Current"/> in place: the kernel reads the step where <see cref="Yield"/> just wrote it, field by field,
    /// rather than copying 40 bytes as a block (a wide load over narrower stores still in the store buffer, which the
    /// CPU cannot forward, so it waits for them to drain).
    /// </summary>
    internal ref readonly UserOp CurrentInPlace => ref _current;

    /// <summary>The function a <see cref="UserOpKind.Call"/> step of <see cref="CurrentInPlace"/> runs (that step's own
    /// <see cref="UserOp.Callee"/> is null).</summary>
    internal IEnumerable<UserOp> CurrentCallee => _callee!;

    object IEnumerator.Current => Current;

    /// <inheritdoc/>
    public bool MoveNext()
    {
        if (_finished || !Next())
        {
            _finished = true;
            return false;
        }

        return true;
    }

    /// <summary>Ends the call: a pooled object is free for the next one.</summary>
    public void Dispose()
    {
        if (IsPooled && Step >= 0)
        {
            Step = -1; // released once: a second Dispose (foreach and an outer Dispose) changes nothing
            IsFree = true;
        }
    }

    /// <inheritdoc/>
    public IEnumerator<UserOp> GetEnumerator() => this;

    IEnumerator IEnumerable.GetEnumerator() => this;

    void IEnumerator.Reset() => throw new NotSupportedException();

    /// <summary>Prepares the object for a new call; derived classes set the call's arguments after it.</summary>
    protected void Restart()
    {
        _finished = false;
        Step = 0;
    }

    /// <summary>Decides what comes next: returns <see cref="Yield"/> or <see cref="Run"/>, or false at the end.</summary>
    protected abstract bool Next();

    /// <summary>Yields <paramref name="op"/>; the routine goes on at <see cref="Step"/> once it has run.</summary>
    protected bool Yield(UserOp op)
    {
        if (op.Kind == UserOpKind.Call)
        {
            return Run(op.Callee!);
        }

        _current = op;
        return true;
    }

    /// <summary>Runs <paramref name="nested"/> to its end (a <see cref="UserOp.Call"/>), then goes on at <see cref="Step"/>.</summary>
    protected bool Run(IEnumerable<UserOp> nested)
    {
        ArgumentNullException.ThrowIfNull(nested);
        _callee = nested;
        _current = new UserOp(UserOpKind.Call, 0, default, 0, 0, 0, 0);
        return true;
    }
}
