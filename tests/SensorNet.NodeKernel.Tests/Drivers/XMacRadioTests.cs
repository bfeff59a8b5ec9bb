using SensorNet.Energy.Storage;
using SensorNet.NodeKernel.Boards;
using SensorNet.NodeKernel.Drivers;
using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Syscalls;
using SensorNet.NodeKernel.Tests.Support;
using SensorNet.NodeKernel.Userspace;
using SensorNet.RadioModels.Chips;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Tests.Drivers;

public class XMacRadioTests
{
    private static (Board Board, Simulation Sim) Build(Ieee802154DriverMode mode = Ieee802154DriverMode.Framer)
    {
        var sim = new Simulation();
        Board board = Board.Build(sim, 0, BoardDefinition.Nrf52840Dk with { ProcessConsole = false, Mac = BoardMac.XMac, RadioOnAtBoot = true, BleAdvertising = false, DriverMode = mode }, new UnlimitedSupply());
        return (board, sim);
    }

    [Fact]
    public void Idle_RadioDutyCycleAndAverageCurrent_FollowTheXMacConstants()
    {
        // xmac.rs: sleep 250 ms, listen 10 ms. On the 32 768 Hz RTC: ticks_from_ms(250) = 8 192 ticks (250 ms exactly),
        // ticks_from_ms(10) = 327 ticks (9.979 ms). Duty cycle = 327 / 8 519 = 3.838 %; the radio listens at 6.53 mA
        // (nRF52840 802.15.4 RX, DC/DC), so its average current is 6.53 mA × 327 / 8 519 = 0.2507 mA.
        (Board board, Simulation sim) = Build();
        board.Node.Boot();
        var elapsed = SimDuration.FromSeconds(260);

        sim.RunUntil(SimTime.FromStart(elapsed));
        KernelReport r = board.Node.Report(elapsed);
        PacketRadio radio = board.RadioChip!;
        var xmac = (XMacRadio)board.Radio!;

        double duty = radio.Consumer.Residency(PacketRadioProfile.ReceiveState) / elapsed;
        Assert.Equal(327.0 / 8519, duty, 0.0005);
        double averageA = radio.Consumer.TotalEnergy().Value / elapsed.TotalSeconds / 3.0;
        Assert.Equal(6.53e-3 * 327 / 8519, averageA, 2e-6);
        // Each cycle costs two alarm wake-ups (open and close the listen window).
        Assert.InRange(xmac.ListenWindows, 1000 * 260 / 260 - 2, 1000 * 260 / 260 + 1);
        Assert.InRange(r.Wakeups, (2 * xmac.ListenWindows) - 2, (2 * xmac.ListenWindows) + 2);
    }

    [Fact]
    public void RawSend_StrobesPreamblesFor251ms_ThenSendsTheFrame_In4Syscalls()
    {
        // phy_driver.rs command 27 over X-MAC: without an early ACK the preamble runs the full PREAMBLE_TX_MS = 251 ms.
        (Board board, Simulation sim) = Build(Ieee802154DriverMode.RawPhy);
        SimTime? doneAt = null;
        TockProcess p = board.Node.Load(new ScriptedProgram("raw", ctx => Send(ctx, board, () => doneAt = board.Node.Kernel.Now)));
        board.Node.Boot();

        sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(2)));
        var xmac = (XMacRadio)board.Radio!;

        Assert.Equal(4 + 4, p.Counters.TotalSyscalls); // allow, command 27, yield-wait-for, un-allow + crt0 and exit
        Assert.NotNull(doneAt);
        // Strobes: ramp 40 µs + 11-byte PSDU (17 × 32 = 544 µs) + 512 µs listen ≈ 1.1 ms each (plus kernel latency):
        // about 251 / 1.1 ≈ 228 strobes; then the 30-byte frame.
        Assert.InRange(xmac.PreamblesSent, 200, 229);
        Assert.Equal(xmac.PreamblesSent + 1, board.RadioChip!.FramesSent);
        Assert.InRange(doneAt!.Value.TotalSeconds, 0.251, 0.260);
    }

    private static IEnumerable<UserOp> Send(UserContext ctx, Board board, Action done)
    {
        yield return UserOp.AllowReadOnly(0x30001, 0, ctx.RamStart + 1024, 28);
        yield return UserOp.Command(0x30001, 27);
        Assert.Equal(ReturnVariant.Success, ctx.Result.Variant);
        yield return UserOp.YieldWaitFor(0x30001, 1);
        done();
        yield return UserOp.AllowReadOnly(0x30001, 0, 0, 0);
    }
}
