using SensorNet.Energy.Storage;
using SensorNet.NodeKernel.Boards;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Syscalls;
using SensorNet.NodeKernel.Tests.Support;
using SensorNet.NodeKernel.Userspace;
using SensorNet.NodeKernel.Userspace.Libtock;
using Libtock = SensorNet.NodeKernel.Userspace.Libtock.Libtock;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Tests.Userspace;

/// <summary>
/// Syscall counts per libtock-c operation (reference §11.2). Each program does the operation once and exits; crt0
/// adds 3 memops and the exit 1, so the operation's own count is the total minus 4.
/// </summary>
public class LibtockSyscallCountTests
{
    private const long Crt0AndExit = 4;

    [Fact]
    public void SyncAlarmDelay_Is8SyscallsAnd1Upcall()
    {
        (TockProcess p, _) = RunOnce(ctx => new Libtock(ctx).Sync.AlarmDelayMs(10));

        Assert.Equal(8, p.Counters.TotalSyscalls - Crt0AndExit);
        Assert.Equal(6, p.Counters.Syscalls(SyscallClass.Command));
        Assert.Equal(1, p.Counters.Syscalls(SyscallClass.Subscribe));
        Assert.Equal(1, p.Counters.Syscalls(SyscallClass.Yield));
        Assert.Equal(1, p.Counters.UpcallsDelivered);
    }

    [Fact]
    public void SyncTemperatureRead_Is2Syscalls_AndReturnsTheValue()
    {
        uint value = 0;
        (TockProcess p, _) = RunOnce(ctx => Then(new Libtock(ctx).Sync.SensorRead(0x60000), () => value = ctx.Result.R1));

        Assert.Equal(2, p.Counters.TotalSyscalls - Crt0AndExit);
        Assert.Equal(1, p.Counters.WaitForDeliveries);
        Assert.Equal(0, p.Counters.UpcallsDelivered);
        Assert.Equal(2250u, value);
    }

    [Fact]
    public void SyncConsoleWrite_Is4Syscalls_AndTakesTheUartTime()
    {
        (TockProcess p, Board board) = RunOnce(ctx => LibtockSync.ConsoleWrite(ctx.RamStart + 512, 40));

        Assert.Equal(4, p.Counters.TotalSyscalls - Crt0AndExit);
        Assert.Equal(2, p.Counters.Syscalls(SyscallClass.ReadOnlyAllow));
        Assert.Equal(40, board.Uart.BytesTransmitted);
    }

    [Fact]
    public void SyncIeee802154Send_Is6Syscalls()
    {
        (TockProcess p, Board board) = RunOnce(ctx => LibtockSync.Ieee802154Send(ctx.RamStart + 1024, ctx.RamStart + 1040, 16, 0x0001), radioOn: true);

        Assert.Equal(6, p.Counters.TotalSyscalls - Crt0AndExit);
        Assert.Equal(1, p.Counters.WaitForDeliveries);
        Assert.Equal(1, board.Ieee802154!.FramesSent);
    }

    [Fact]
    public void AsyncAlarms_ManyInTheUserspaceList_ShareOneKernelAlarm()
    {
        // Three alarms armed back to back: only the ones that become the head set the kernel alarm (command 0,6).
        var fired = new List<int>();
        (TockProcess p, Board board) = RunOnce(ctx => ThreeAlarms(new Libtock(ctx), fired));

        Assert.Equal([1, 2, 3], fired);
        Assert.Equal(3, p.Counters.UpcallsDelivered);
        Assert.Equal(0, board.Node.Kernel.AlarmMux.ArmedCount);
    }

    private static IEnumerable<UserOp> ThreeAlarms(Libtock tock, List<int> fired)
    {
        foreach (UserOp op in tock.Alarm.InMs(30, () => Record(fired, 3)).Concat(tock.Alarm.InMs(10, () => Record(fired, 1))).Concat(tock.Alarm.InMs(20, () => Record(fired, 2))))
        {
            yield return op;
        }

        while (fired.Count < 3)
        {
            yield return UserOp.YieldWait();
        }
    }

    private static IEnumerable<UserOp> Record(List<int> fired, int n)
    {
        fired.Add(n);
        yield break;
    }

    private static IEnumerable<UserOp> Then(IEnumerable<UserOp> ops, Action after)
    {
        foreach (UserOp op in ops)
        {
            yield return op;
        }

        after();
    }

    private static (TockProcess Process, Board Board) RunOnce(Func<UserContext, IEnumerable<UserOp>> body, bool radioOn = false)
    {
        var sim = new Simulation();
        Board board = Board.Build(sim, 0, BoardDefinition.Nrf52840Dk with { ProcessConsole = false, RadioOnAtBoot = radioOn }, new UnlimitedSupply());
        TockProcess p = board.Node.Load(new ScriptedProgram("once", body));
        board.Node.Boot();
        sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(1)));
        Assert.Equal(ProcessState.Terminated, p.State);
        return (p, board);
    }
}
