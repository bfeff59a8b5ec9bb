using SensorNet.NodeKernel.Userspace;

namespace SensorNet.NodeKernel.Tests.Support;

/// <summary>A program written inline as an iterator, for tests.</summary>
internal sealed class ScriptedProgram(string name, Func<UserContext, IEnumerable<UserOp>> main, int ramBytes = 4608) : UserProgram
{
    public override string Name => name;

    public override int RamBytes => ramBytes;

    public override IEnumerable<UserOp> Main(UserContext context) => main(context);
}

/// <summary>libtock-c building blocks, syscall for syscall (libtock-c/libtock/services/alarm.c, libtock-sync/services/alarm.c).</summary>
internal static class Libtock
{
    /// <summary>
    /// <c>libtocksync_alarm_delay_ms</c> with an empty userspace alarm list: command(0,2), three command(0,1),
    /// subscribe(0,0), command(0,6), then yield until the upcall, which runs command(0,2): 8 syscalls, 1 upcall.
    /// </summary>
    public static IEnumerable<UserOp> AlarmDelayMs(UserContext ctx, uint upcall, Func<bool> fired, Action reset, uint ms)
    {
        reset();
        yield return UserOp.Command(0, 2);
        uint now = ctx.Result.R1;
        yield return UserOp.Command(0, 1);
        yield return UserOp.Command(0, 1);
        yield return UserOp.Command(0, 1);
        uint frequency = ctx.Result.R1;
        uint ticks = (uint)((ulong)frequency * ms / 1000);
        yield return UserOp.Subscribe(0, 0, upcall, 0);
        yield return UserOp.Command(0, 6, now, ticks);
        while (!fired())
        {
            yield return UserOp.YieldWait();
        }
    }
}

/// <summary>A loop of synchronous alarm delays, as libtock-c's sync API writes it.</summary>
internal sealed class DelayLoopProgram(uint periodMs, long workCycles = 0) : UserProgram
{
    private bool _fired;

    public override string Name => "delay-loop";

    public int Iterations { get; private set; }

    public override IEnumerable<UserOp> Main(UserContext context)
    {
        uint upcall = context.Function(Fired);
        while (true)
        {
            foreach (UserOp op in Libtock.AlarmDelayMs(context, upcall, () => _fired, () => _fired = false, periodMs))
            {
                yield return op;
            }

            Iterations++;
            if (workCycles > 0)
            {
                yield return UserOp.Compute(workCycles);
            }
        }
    }

    private IEnumerable<UserOp> Fired(UpcallArguments args)
    {
        yield return UserOp.Command(0, 2);
        _fired = true;
    }
}
