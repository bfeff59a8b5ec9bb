using SensorNet.NodeKernel.Syscalls;
using SensorNet.NodeKernel.Userspace;

namespace SensorNet.NodeKernel.Kernel;

/// <summary>
/// The syscalls of a polling loop's pass as the kernel saw them (<see cref="UserOp.RepeatPass"/>): class, registers
/// and duration of each, recorded between two marks while every syscall returns to the process at once, and whether
/// the pass repeated the one before it step for step. One per kernel, made when a program first marks a pass.
/// </summary>
internal sealed class PollPassRecord
{
    /// <summary>Most syscalls a pass may hold (a BUSY wait with its timeout check has four).</summary>
    public const int MaxSteps = 6;

    // Per step: [class | duration ns << 8], [R0 | R1 << 32], [R2 | R3 << 32]. The pass being recorded overwrites the one
    // before in place, comparing as it goes.
    private readonly long[] _steps = new long[3 * MaxSteps];
    private int _count;
    private int _previousCount = -1;
    private bool _sameAsPrevious;

    /// <summary>True while the syscalls of a pass are being recorded.</summary>
    public bool Recording { get; private set; }

    /// <summary>The kernel's <c>RunUser</c> entry the recording belongs to: a pass broken by an event is not one.</summary>
    public long Chain { get; private set; }

    /// <summary>Steps of the pass just recorded.</summary>
    public int Count => _count;

    /// <summary>True if the pass just recorded is complete and the same as the one before it.</summary>
    public bool RepeatsPrevious(long chain) =>
        Recording && Chain == chain && _count > 0 && _count == _previousCount && _sameAsPrevious;

    /// <summary>Starts recording the next pass; the one just recorded becomes the one before (if of this chain).</summary>
    public void StartPass(long chain)
    {
        _previousCount = Recording && Chain == chain ? _count : -1;
        _count = 0;
        _sameAsPrevious = true;
        Recording = true;
        Chain = chain;
    }

    /// <summary>Records a syscall that returned to the process at once after <paramref name="durationNs"/>.</summary>
    public void Record(in UserOp op, long durationNs)
    {
        if (_count == MaxSteps)
        {
            Recording = false; // too long to be a polling pass
            return;
        }

        int i = 3 * _count;
        long kind = (long)op.Class | (durationNs << 8);
        long a = op.R0 | ((long)op.R1 << 32);
        long b = op.R2 | ((long)op.R3 << 32);
        long[] steps = _steps;
        _sameAsPrevious &= _count < _previousCount && steps[i] == kind && steps[i + 1] == a && steps[i + 2] == b;
        (steps[i], steps[i + 1], steps[i + 2]) = (kind, a, b);
        _count++;
    }

    /// <summary>Stops recording (the pass was not one the kernel can repeat).</summary>
    public void Stop() => Recording = false;

    /// <summary>The class of step <paramref name="i"/>.</summary>
    public SyscallClass Class(int i) => (SyscallClass)(_steps[3 * i] & 0xFF);

    /// <summary>The duration of step <paramref name="i"/>, from its start to the process running again, in ns.</summary>
    public long DurationNs(int i) => _steps[3 * i] >> 8;

    /// <summary>Register <paramref name="r"/> (0–3) of step <paramref name="i"/>.</summary>
    public uint Register(int i, int r) => (uint)(_steps[(3 * i) + 1 + (r / 2)] >> (32 * (r % 2)));
}
