using SensorNet.Energy.Storage;
using SensorNet.NodeKernel.Boards;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Syscalls;
using SensorNet.NodeKernel.Tests.Support;
using SensorNet.NodeKernel.Userspace;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Time;
using Libtock = SensorNet.NodeKernel.Userspace.Libtock.Libtock;

namespace SensorNet.NodeKernel.Tests.Processes;

/// <summary>
/// A process's call stack within a frame: plain iterators and library routines calling each other at any depth, each
/// step run once and in order, and the syscall registers seen after a callee returns being those of its last syscall.
/// </summary>
public class CallFrameTests
{
    private const uint NoSuchDriver = 0xBEEF;

    [Fact]
    public void IteratorsAndRoutines_NestedEitherWay_RunEveryStepInOrder()
    {
        var seen = new List<uint>();
        var sim = new Simulation();
        Board board = Board.Build(sim, 0, BoardDefinition.Nrf52840Dk with { ProcessConsole = false }, new UnlimitedSupply());
        TockProcess p = board.Node.Load(new ScriptedProgram("nested", ctx => Outer(ctx, seen)));
        board.Node.Boot();
        sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(1)));

        Assert.Equal(ProcessState.Terminated, p.State);
        Assert.Equal([(uint)ErrorCode.NoDevice, (uint)ErrorCode.NoDevice, 2250u], seen);
        // crt0's 3 memops and the exit, the delay's 8 syscalls, the sensor read's 2 and the failed command.
        Assert.Equal(4 + 8 + 2 + 1, p.Counters.TotalSyscalls);
        Assert.Equal(6 + 1 + 1, p.Counters.Syscalls(SyscallClass.Command));
        Assert.Equal(1, p.Counters.UpcallsDelivered);
        Assert.Equal(0, p.Counters.Faults);
    }

    // An iterator calling an iterator (Middle) and a routine (the sensor read).
    private static IEnumerable<UserOp> Outer(UserContext ctx, List<uint> seen)
    {
        yield return UserOp.Call(Middle(ctx, seen));
        seen.Add(ctx.Result.R1); // Middle ended with Inner's failed command
        yield return UserOp.Call(new Libtock(ctx).Sync.SensorRead(0x60000));
        seen.Add(ctx.Result.R1);
    }

    // One level down: a routine that itself calls routines (the delay), then another iterator.
    private static IEnumerable<UserOp> Middle(UserContext ctx, List<uint> seen)
    {
        yield return UserOp.Call(new Libtock(ctx).Sync.AlarmDelayMs(1));
        yield return UserOp.Call(Inner());
        seen.Add(ctx.Result.R1);
    }

    private static IEnumerable<UserOp> Inner()
    {
        yield return UserOp.Command(NoSuchDriver, 0);
    }
}
