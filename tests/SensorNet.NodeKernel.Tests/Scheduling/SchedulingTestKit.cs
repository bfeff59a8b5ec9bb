using SensorNet.NodeKernel.Chips;
using SensorNet.NodeKernel.Drivers;
using SensorNet.NodeKernel.Hardware;
using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Scheduling;
using SensorNet.NodeKernel.Syscalls;
using SensorNet.NodeKernel.Tests.Support;
using SensorNet.NodeKernel.Userspace;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Tests.Scheduling;

/// <summary>
/// Shared pieces of the scheduler tests. Times are in µs: the test chip runs at 1 MHz, so one cycle is one µs, and
/// with <see cref="TestChips.Free"/> every kernel step takes zero time, so a schedule is just the sum of the
/// programs' compute steps, which is what the tests compute by hand.
/// </summary>
internal static class SchedulingTestKit
{
    /// <summary>A decision as (process index, timeslice µs); TrySleep is (null, null).</summary>
    public static (int? Index, uint? SliceUs) D(SchedulingDecision decision) => (decision.Process?.Index, decision.TimesliceUs);

    public static (int? Index, uint? SliceUs) Run(int index, uint? sliceUs) => (index, sliceUs);

    public static (int? Index, uint? SliceUs) Sleep => (null, null);

    public static SimTime At(long us) => SimTime.FromStart(SimDuration.FromMicroseconds(us));

    public static SimTime AtNs(long ns) => new(ns);

    public static SimDuration Us(long us) => SimDuration.FromMicroseconds(us);

    public static long Ms(long ms) => ms * 1_000_000; // in ns, for CpuTimeNs

    public static long UsNs(long us) => us * 1_000; // in ns, for CpuTimeNs

    /// <summary>A harness on the 1 MHz chip with zero kernel costs (or <paramref name="costs"/>), room for 8 processes.</summary>
    public static KernelHarness Harness(IScheduler scheduler, FaultPolicy? faultPolicy = null, KernelCosts? costs = null) =>
        new(TestChips.Wfi1MHz(costs ?? TestChips.Free), scheduler, faultPolicy, new KernelOptions { MaxProcesses = 8 });

    /// <summary>A CPU-bound program: crt0 (2 000 µs of compute), then 1 000-cycle compute steps forever.</summary>
    public static UserProgram CpuBound(string name) => new ScriptedProgram(name, _ => Spin());

    /// <summary>
    /// Adds <paramref name="count"/> processes to a harness that is never booted: the scheduler under test is driven
    /// by hand. Each process starts Yielded with its init task queued, i.e. ready.
    /// </summary>
    public static TockProcess[] AddProcesses(KernelHarness harness, int count)
    {
        var result = new TockProcess[count];
        for (int i = 0; i < count; i++)
        {
            result[i] = harness.Kernel.AddProcess(CpuBound("p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return result;
    }

    /// <summary>Makes a process ready (Yielded with its init task) or not ready (Stopped).</summary>
    public static void SetReady(TockProcess process, bool ready)
    {
        if (ready)
        {
            process.Resume();
        }
        else
        {
            process.Stop();
        }

        Assert.Equal(ready, process.IsReady);
    }

    public static StoppedReason RandomReason(RandomStream rng) => (StoppedReason)rng.NextInt32(5);

    public static IEnumerable<UserOp> Spin()
    {
        while (true)
        {
            yield return UserOp.Compute(1_000);
        }
    }

    /// <summary>Waits on <see cref="TestDevice"/> with Yield-WaitFor and computes <paramref name="workUs"/> per event.</summary>
    public static IEnumerable<UserOp> Waiter(long workUs)
    {
        yield return UserOp.Command(TestDevice.Number, TestDevice.Listen);
        while (true)
        {
            yield return UserOp.YieldWaitFor(TestDevice.Number, 0);
            yield return UserOp.Compute(workUs);
        }
    }
}

/// <summary>A program with a chosen crt0 start-up time.</summary>
internal sealed class TimedProgram(string name, long startupCycles, Func<UserContext, IEnumerable<UserOp>> main) : UserProgram
{
    public override string Name => name;

    public override long StartupCycles => startupCycles;

    public override IEnumerable<UserOp> Main(UserContext context) => main(context);
}

/// <summary>
/// A test peripheral and its syscall driver: an interrupt line raised at chosen instants whose bottom half takes
/// <see cref="ServiceCycles"/> and queues upcall 0 for every listening process, plus a command that queues that upcall
/// for another process at once (a syscall that makes another process ready, as IPC can in Tock).
/// </summary>
internal sealed class TestDevice : ISyscallDriver, IInterruptHandler, IEventHandler
{
    public const uint Number = 0xA_0001;
    public const uint Listen = 0;
    public const uint Kick = 1;
    public const int Irq = 40;

    private readonly TockKernel _kernel;
    private readonly List<TockProcess> _listeners = [];

    public TestDevice(TockKernel kernel, long serviceCycles)
    {
        _kernel = kernel;
        ServiceCycles = serviceCycles;
        kernel.AddDriver(this);
        kernel.Interrupts.Register(Irq, this);
    }

    public long ServiceCycles { get; }

    public long Services { get; private set; }

    public uint DriverNumber => Number;

    public int UpcallCount => 1;

    public int ReadWriteAllowCount => 0;

    public int ReadOnlyAllowCount => 0;

    public int GrantBytes => 0;

    /// <summary>Raises the interrupt at <paramref name="us"/> µs of simulated time.</summary>
    public void RaiseAt(long us) => _kernel.Simulation.Schedule(SchedulingTestKit.At(us), this);

    public CommandResult Command(TockProcess process, uint command, uint argument1, uint argument2)
    {
        if (!_kernel.EnterGrant(process, Number))
        {
            return CommandResult.Failure(ErrorCode.NoMem);
        }

        switch (command)
        {
            case Listen:
                _listeners.Add(process);
                return CommandResult.Success();
            case Kick:
                _ = _kernel.ScheduleUpcall(_kernel.Processes[(int)argument1], new UpcallId(Number, 0), 0, 0, 0);
                return CommandResult.Success();
            default:
                return CommandResult.Failure(ErrorCode.NoSupport);
        }
    }

    public long Service()
    {
        Services++;
        foreach (TockProcess p in _listeners)
        {
            _ = _kernel.ScheduleUpcall(p, new UpcallId(Number, 0), 0, 0, 0);
        }

        return ServiceCycles;
    }

    public void OnEvent(SimTime now, long tag) => _kernel.Interrupts.Raise(Irq);
}
