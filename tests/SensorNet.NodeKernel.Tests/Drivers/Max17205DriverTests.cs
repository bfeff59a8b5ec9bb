using SensorNet.Energy.Storage;
using SensorNet.NodeKernel.Apps;
using SensorNet.NodeKernel.Boards;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Syscalls;
using SensorNet.NodeKernel.Tests.Support;
using SensorNet.NodeKernel.Userspace;
using SensorNet.NodeKernel.Userspace.Libtock;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Tests.Drivers;

public class Max17205DriverTests
{
    private static (Board Board, Simulation Sim) Build(double capacityJ, double initialJ)
    {
        var sim = new Simulation();
        var battery = new LinearBattery(new Joules(capacityJ), new Joules(initialJ), new Volts(3.0));
        return (Board.Build(sim, 0, BoardDefinition.Nrf52840Dk with { ProcessConsole = false, FuelGauge = true }, battery), sim);
    }

    [Fact]
    public void ReadStateOfCharge_Is2Syscalls_InRegisterUnits()
    {
        // 1 000 J of 2 160 J at 3.0 V: 46.296 % → RepSOC = round(46.296 × 256) = 11 852;
        // RepCap = 1 000 J / (3.6 × 3.0) mAh × 2 = 185.19 → 185; FullCapRep = 2 160 / 10.8 × 2 = 400.
        (Board board, Simulation sim) = Build(2160, 1000);
        SyscallReturn result = default;
        TockProcess p = board.Node.Load(new ScriptedProgram("soc", ctx => Then(LibtockSync.FuelGaugeReadStateOfCharge(), () => result = ctx.Result)));
        board.Node.Boot();

        sim.RunUntil(SimTime.FromStart(SimDuration.FromMilliseconds(10)));

        Assert.Equal(ProcessState.Terminated, p.State);
        Assert.Equal(2 + 4, p.Counters.TotalSyscalls);
        Assert.Equal(ReturnVariant.YieldWaitFor, result.Variant);
        Assert.Equal(0u, result.R1);
        Assert.Equal(11_852u, result.R2);
        Assert.Equal((185u << 16) | 400u, result.R3);
    }

    [Fact]
    public void SecondProcess_WhileTheOwnerLives_GetsNoMem()
    {
        (Board board, Simulation sim) = Build(2160, 2160);
        uint second = 0;
        board.Node.Load(new ScriptedProgram("owner", OwnerForever));
        board.Node.Load(new ScriptedProgram("other", ctx => Then([UserOp.Command(0x80001, 3)], () => second = ctx.Result.R1)));
        board.Node.Boot();

        sim.RunUntil(SimTime.FromStart(SimDuration.FromMilliseconds(50)));

        Assert.Equal((uint)ErrorCode.NoMem, second);
    }

    [Fact]
    public void EnergyAwareApp_StretchesItsPeriodOnceTheBatteryRunsLow()
    {
        // The nRF52840dk with its 802.15.4 receiver on draws ≈ 6.7 mA × 3 V ≈ 20 mW: 40 J last ≈ 2 000 s; starting at
        // 60 % of 40 J the charge crosses 50 % after ≈ 200 s, then periods stretch from 10 s to 60 s.
        (Board board, Simulation sim) = Build(40, 24);
        var app = new EnergyAwareApp(periodMs: 10_000, lowPercent: 50, stretch: 6);
        board.Node.Load(app);
        board.Node.Boot();

        sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(900)));

        Assert.InRange(app.NormalPeriods, 18, 22);
        Assert.InRange(app.StretchedPeriods, 11, 13);
        Assert.True(app.LastPercent < 50);
    }

    private static IEnumerable<UserOp> OwnerForever(UserContext ctx)
    {
        yield return UserOp.Command(0x80001, 4);
        while (true)
        {
            yield return UserOp.YieldWait();
        }
    }

    private static IEnumerable<UserOp> Then(IEnumerable<UserOp> ops, Action after)
    {
        foreach (UserOp op in ops)
        {
            yield return op;
        }

        after();
    }
}
