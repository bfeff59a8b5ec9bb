using SensorNet.Energy.Storage;
using SensorNet.NodeKernel.Apps;
using SensorNet.NodeKernel.Boards;
using SensorNet.NodeKernel.Drivers;
using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Syscalls;
using SensorNet.NodeKernel.Tests.Support;
using SensorNet.NodeKernel.Userspace;
using SensorNet.RadioModels.Chips;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Tests.Drivers;

public class Ieee802154DriverTests
{
    [Fact]
    public void FrameDuration_IsPsduPlusSixBytesAt32MicrosecondsEach()
    {
        // 250 kb/s: 32 µs per byte; SHR + PHR = 6 bytes (models.md §2).
        Assert.Equal(SimDuration.FromMicroseconds((9 + 16 + 2 + 6) * 32), Ieee802154Timing.FrameDuration(9 + 16 + 2));
        Assert.Equal(SimDuration.FromMicroseconds(133 * 32), Ieee802154Timing.FrameDuration(127));
    }

    [Theory]
    [InlineData(AppStyle.Async)]
    [InlineData(AppStyle.Sync)]
    public void SenseAndSend_Nrf52840_SendsEveryPeriodAndTheReceiverStaysOn(AppStyle style)
    {
        var sim = new Simulation();
        Board board = Board.Build(sim, 0, BoardDefinition.Nrf52840Dk with { ProcessConsole = false }, new UnlimitedSupply());
        var app = new SenseAndSend154App(style, periodMs: 1000, payloadBytes: 16, sink: 0x0001);
        board.Node.Load(app);
        board.Node.Boot();
        var elapsed = SimDuration.FromSeconds(30);

        sim.RunUntil(SimTime.FromStart(elapsed));
        KernelReport r = board.Node.Report(elapsed);
        PacketRadio radio = board.RadioChip!;

        Assert.InRange(app.FramesSent, 28, 30);
        Assert.Equal(board.Ieee802154!.FramesSent, radio.FramesSent + (radio.IsBusy ? 1 : 0));
        // Each unicast frame: (9 + 16 + 2 + 6) × 32 µs = 1 056 µs on air plus the 512 µs ACK wait, counted at TX current.
        Assert.Equal(radio.FramesSent * (1056 + 512) * 1000L, radio.Consumer.Residency(PacketRadioProfile.TransmitState).Nanoseconds);
        // AwakeMac: once on, the receiver never turns off.
        Assert.Equal(0, radio.Consumer.Entries(PacketRadioProfile.OffState) - 1);
        Assert.True(radio.Consumer.Residency(PacketRadioProfile.ReceiveState) > SimDuration.FromSeconds(29));
        Assert.Equal(elapsed.Nanoseconds, r.ActiveNs + r.ShallowSleepNs + r.DeepSleepNs + r.OffNs);
    }

    [Fact]
    public void Rf233_SpiDrivenRadio_CostsSpiTransactionsAndMoreWakeupsPerFrame()
    {
        static (long Wakeups, int Frames, Board Board) Run(BoardDefinition definition)
        {
            var sim = new Simulation();
            Board board = Board.Build(sim, 0, definition with { ProcessConsole = false }, new UnlimitedSupply());
            var app = new SenseAndSend154App(AppStyle.Sync, periodMs: 1000, payloadBytes: 16);
            board.Node.Load(app);
            board.Node.Boot();
            sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(20)));
            return (board.Node.Report(SimDuration.FromSeconds(20)).Wakeups, app.FramesSent, board);
        }

        (long nrfWakeups, int nrfFrames, _) = Run(BoardDefinition.Nrf52840Dk);
        (long rfWakeups, int rfFrames, Board imix) = Run(BoardDefinition.Imix);

        Assert.InRange(nrfFrames, 18, 20);
        Assert.InRange(rfFrames, 18, 20);
        // rf233.rs: 10 register writes to start; per frame TX_ARET_ON, status, frame buffer, TX_START, then after
        // TRX_END IRQ_STATUS, TRAC_STATUS and back to RX_AACK_ON: 7 SPI transactions, each ending in an interrupt.
        var rf233 = (Rf233Radio)imix.Radio!;
        long framesStarted = imix.Ieee802154!.FramesSent;
        Assert.InRange(rf233.SpiTransactions, 10 + (7 * framesStarted) - 3, 10 + (7 * framesStarted));
        Assert.True(rfWakeups > nrfWakeups, $"rf233 {rfWakeups}, nrf {nrfWakeups}");
    }

    [Fact]
    public void Transmit_RadioOff_ReturnsOff()
    {
        var sim = new Simulation();
        Board board = Board.Build(sim, 0, BoardDefinition.Nrf52840Dk with { ProcessConsole = false }, new UnlimitedSupply());
        uint? status = null;
        board.Node.Load(new ScriptedProgram("send-off", ctx => Send(ctx, s => status = s)));
        board.Node.Boot();

        sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(1)));

        Assert.Equal((uint)ErrorCode.Off, status);
    }

    private static IEnumerable<UserOp> Send(UserContext ctx, Action<uint> status)
    {
        yield return UserOp.AllowReadOnly(0x30001, 0, ctx.RamStart + 1024, 8);
        yield return UserOp.Command(0x30001, 26, 1);
        status(ctx.Result.R1);
    }
}
