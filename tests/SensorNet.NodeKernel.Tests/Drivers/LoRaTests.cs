using SensorNet.Energy.Storage;
using SensorNet.NodeKernel.Apps;
using SensorNet.NodeKernel.Boards;
using SensorNet.NodeKernel.Chips;
using SensorNet.NodeKernel.Drivers;
using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Syscalls;
using SensorNet.NodeKernel.Tests.Support;
using SensorNet.NodeKernel.Userspace;
using SensorNet.NodeKernel.Userspace.Libtock;
using SensorNet.NodeKernel.Userspace.RadioLib;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Time;
using Libtock = SensorNet.NodeKernel.Userspace.Libtock.Libtock;

namespace SensorNet.NodeKernel.Tests.Drivers;

/// <summary>
/// LoRa on Tock: RadioLib in userspace over the LoRa SPI (0x30003) and GPIO (0x30004) drivers (reference §7.8, §11.2),
/// on the apollo3 lora_things_plus-like and lora_e5_mini-like boards.
/// </summary>
public class LoRaTests
{
    private const long Crt0AndExit = 4;

    // SF9 / BW125 / CR 4/5 / 20-byte payload / explicit header / CRC on / preamble 8 / LDRO off, SX126x rules:
    // Tsym = 2^9 / 125 000 Hz = 4.096 ms; payload symbols = 8 + ceil((8·20 − 4·9 + 28 + 16) / (4·9)) · (1 + 4)
    // = 8 + ceil(168 / 36) · 5 = 33; preamble 8 + 4.25 = 12.25 symbols; ToA = 45.25 · 4.096 ms = 185.344 ms.
    private const long ToANs = 185_344_000;

    private static readonly RadioLibLoRaSettings Sf9Bw125 = new() { SpreadingFactor = 9, BandwidthKHz = 125, CodingRate = 5, OutputPowerDbm = 14 };

    [Fact]
    public void LibtocksyncLoraPhyReadWrite_OneSpiTransfer_Is6Syscalls_AndReturnsTheRadiosBytes()
    {
        // allow_rw, allow_ro, command(0x30003, 2, len), yield_wait_for(0x30003, 0), un-allow RO, un-allow RW.
        // GetStatus (0xC0, NOP) in STDBY_RC answers [0x00, 0x20] (chip mode 2 in bits 6:4).
        byte[] reply = [];
        (TockProcess p, LoRaBoard board) = RunOnce(ctx => Then(
            () => ctx.Write(ctx.RamStart + 1024, [0xC0, 0x00]),
            LibtockLoRa.SyncReadWrite(ctx, ctx.RamStart + 1024, ctx.RamStart + 1100, 2),
            () => reply = ctx.Read(ctx.RamStart + 1100, 2)));

        Assert.Equal(6, p.Counters.TotalSyscalls - Crt0AndExit);
        Assert.Equal(2, p.Counters.Syscalls(SyscallClass.ReadWriteAllow));
        Assert.Equal(2, p.Counters.Syscalls(SyscallClass.ReadOnlyAllow));
        Assert.Equal(1, p.Counters.Syscalls(SyscallClass.Command));
        Assert.Equal(1, p.Counters.Syscalls(SyscallClass.Yield));
        Assert.Equal(1, p.Counters.WaitForDeliveries);
        Assert.Equal(1, board.Spi.Transfers);
        Assert.Equal([0x00, 0x20], reply);
        Assert.Equal(1, board.Radio.CommandCount(0xC0));
        Assert.Equal(0, OtherCommands(board, 0xC0));
    }

    [Fact]
    public void RadioLibSpiCommand_WithBusyLow_Is20Syscalls()
    {
        // Module::SPItransferStream through libtockHal.h: millis (2 commands) + digitalRead(BUSY) (1); spiTransfer (6);
        // delayMicroseconds(1) = libtocksync_alarm_delay_ms(0) (8 and one upcall); millis (2) + digitalRead(BUSY) (1).
        RadioLibSx1262? radio = null;
        (TockProcess p, LoRaBoard board) = RunOnce(ctx =>
        {
            radio = new RadioLibSx1262(ctx, new Libtock(ctx), Sf9Bw125);
            return radio.Standby();
        });

        Assert.Equal(20, p.Counters.TotalSyscalls - Crt0AndExit);
        Assert.Equal(1, p.Counters.UpcallsDelivered);
        Assert.Equal(RadioLibSx1262.ErrNone, radio!.State);
        Assert.Equal(1, board.Radio.CommandCount(0x80));
        Assert.Equal(0, OtherCommands(board, 0x80));
        Assert.Equal(0, radio.BusyPolls);
    }

    // Commands counted under any opcode but the one sent: each opcode keeps a counter of its own.
    private static long OtherCommands(LoRaBoard board, byte sent) =>
        Enumerable.Range(0, 256).Where(o => o != sent).Sum(o => board.Radio.CommandCount((byte)o));

    [Theory]
    [InlineData(LoRaTransmitMode.Blocking, 1)]
    [InlineData(LoRaTransmitMode.InterruptDriven, 0)]
    public void PayloadLongerThan255Bytes_IsRefusedWithPacketTooLong_BeforeAnythingIsSent(LoRaTransmitMode mode, int spiCommands)
    {
        // SX126x::transmit calls standby() first, then returns RADIOLIB_ERR_PACKET_TOO_LONG; startTransmit checks the
        // length before its first SPI command. The interrupt-driven variant has set up DIO1 by then and tears it down.
        RadioLibSx1262? radio = null;
        (_, LoRaBoard board) = RunOnce(ctx =>
        {
            radio = new RadioLibSx1262(ctx, new Libtock(ctx), Sf9Bw125);
            return mode == LoRaTransmitMode.Blocking ? radio.Transmit(new byte[256]) : radio.TransmitInterruptDriven(new byte[256]);
        });

        Assert.Equal(RadioLibSx1262.ErrPacketTooLong, radio!.State);
        Assert.Equal(spiCommands, radio.SpiTransactions);
        Assert.Equal(0, radio.PacketsSent);
        Assert.Equal(0, board.Radio.FramesSent);
        Assert.Equal(0, board.Node.Kernel.Clocks.GpioInterruptsEnabled);
    }

    [Theory]
    [InlineData(RadioLibSx1262.NotConnected, RadioLibSx1262.ErrSpiCommandTimeout, Sx1262Mode.Sleep)]
    [InlineData(0u, RadioLibSx1262.ErrNone, Sx1262Mode.StandbyRc)]
    public void RadioLibSleepThenStandby_WakesTheRadioOnlyWhenNssIsAGpio(uint nss, int expectedState, Sx1262Mode expectedMode)
    {
        // libtockHal.h leaves NSS unconnected (Tock's SPI driver owns chip select), so SX126x::standby() cannot pull it
        // low, and SPItransferStream waits for BUSY, which a sleeping SX126x holds high, until its 1 000 ms timeout.
        // Given lora_things_plus's GPIO 0 (H6, the same NSS pin) the wake-up works.
        RadioLibSx1262? radio = null;
        int afterBegin = int.MinValue;
        (_, LoRaBoard board) = RunOnce(ctx =>
        {
            radio = new RadioLibSx1262(ctx, new Libtock(ctx), Sf9Bw125, nss: nss);
            return Then(() => { }, radio.Begin(), () => afterBegin = radio.State).Concat(radio.Sleep()).Concat(radio.Standby());
        }, seconds: 3);

        Assert.Equal(RadioLibSx1262.ErrNone, afterBegin);
        Assert.Equal(expectedState, radio!.State);
        Assert.Equal(expectedMode, board.Radio.Mode);
        Assert.Equal(nss == 0 ? 1 : 0, board.Radio.WakeUps);
    }

    [Fact]
    public void BlockingTransmit_KeepsTheMcuActiveForTheWholeTimeOnAir_WhileTheInterruptDrivenVariantSleepsThroughIt()
    {
        Run blocking = RunApp(LoRaBoards.Apollo3LoRaThingsPlus, LoRaTransmitMode.Blocking, packets: 3);
        Run interrupt = RunApp(LoRaBoards.Apollo3LoRaThingsPlus, LoRaTransmitMode.InterruptDriven, packets: 3);

        foreach (Run run in new[] { blocking, interrupt })
        {
            Assert.Equal(3, run.Windows.Count);
            Assert.All(run.Windows, w => Assert.Equal(ToANs, (w.End - w.Start).Nanoseconds));
        }

        // Blocking: the process never yields for real while DIO1 is low, so the MCU stays active through the ToA,
        // busy-polling with yield_no_wait + millis (2 commands) + digitalRead (1 command): 4 syscalls of 300 cycles
        // (trap 150 + return 150) = 25 µs at 48 MHz, so at most 185.344 ms / 25 µs ≈ 7 414 passes per packet. The one
        // sleep inside the ToA is the GetPacketType that SX126x::transmit issues right after startTransmit: a 3-byte
        // transfer of 3 · 8 / 750 kHz = 32 µs during which the process waits in Yield-WaitFor (minus kernel work).
        Assert.All(blocking.Windows, w => Assert.Equal(0, w.GpioInterrupts));
        Assert.All(blocking.Windows, w => Assert.Equal(1, w.Sleeps));
        Assert.All(blocking.Windows, w => Assert.InRange(w.DeepNs, 1, 32_000));
        Assert.All(blocking.Windows, w => Assert.Equal(ToANs - w.DeepNs, w.ActiveNs));
        Assert.True(blocking.Report.ActiveNs >= 3 * ToANs, $"active {blocking.Report.ActiveNs}");
        Assert.All(blocking.Windows, w => Assert.InRange(w.Yields, 7_000, 7_414));
        Assert.All(blocking.Windows, w => Assert.InRange(w.Commands, 3 * 7_000, 3 * 7_414));
        Assert.InRange(blocking.App.Radio!.TxDonePolls, 3 * 7_000, 3 * 7_415);
        Assert.Equal(0, blocking.App.Radio.Dio1Upcalls);

        // Interrupt-driven: after the last BUSY poll the process Yield-Waits and the Apollo3 deep-sleeps until DIO1's
        // GPIO interrupt at TxDone: active time per packet is a few tens of µs (< 0.05 % of the ToA).
        Assert.All(interrupt.Windows, w => Assert.InRange(w.ActiveNs, 1, ToANs / 2_000));
        Assert.All(interrupt.Windows, w => Assert.Equal(ToANs - w.ActiveNs, w.DeepNs));
        Assert.All(interrupt.Windows, w => Assert.InRange(w.Yields, 1, 3));
        Assert.All(interrupt.Windows, w => Assert.Equal(1, w.Sleeps));
        Assert.All(interrupt.Windows, w => Assert.Equal(1, w.GpioInterrupts)); // DIO1 enabled for the packet only
        Assert.Equal(0, interrupt.App.Radio!.TxDonePolls);
        Assert.Equal(3, interrupt.App.Radio.Dio1Upcalls);
        Assert.Equal(0, interrupt.Board.Node.Kernel.Clocks.GpioInterruptsEnabled);
    }

    [Fact]
    public void Sx1262TxEnergyPerPacket_IsTxCurrentTimesSupplyTimesTimeOnAir()
    {
        // 14 dBm: 45 mA (LoRaChipProfile.Sx1262, U) at 3.3 V for 185.344 ms = 0.1485 W · 0.185344 s = 27.523584 mJ.
        Run run = RunApp(LoRaBoards.Apollo3LoRaThingsPlus, LoRaTransmitMode.InterruptDriven, packets: 3);
        Sx1262Device radio = run.Board.Radio;

        Assert.Equal(3, radio.FramesSent);
        Assert.False(radio.TxPowerOutOfTable);
        Assert.Equal(3 * ToANs, radio.Consumer.Residency(radio.TransmitStateIndex).Nanoseconds);
        Assert.Equal(0.027523584, radio.Consumer.Energy(radio.TransmitStateIndex).Value / 3, 1e-12);
        Assert.Equal(915e6, radio.FrequencyHz, 1e-3);
        Assert.Equal(20, radio.PayloadLength);
    }

    [Fact]
    public void Apollo3_InterruptDrivenApp_DeepSleepsThroughTimeOnAirAndBetweenPackets()
    {
        Run run = RunApp(LoRaBoards.Apollo3LoRaThingsPlus, LoRaTransmitMode.InterruptDriven, packets: 4, periodMs: 2_000);
        KernelReport r = run.Report;

        Assert.Equal(4, run.App.PacketsSent);
        Assert.Equal(0, r.ShallowSleeps);
        Assert.Equal(0, r.ShallowSleepNs);
        Assert.True(r.DeepSleeps > 100, $"deep sleeps {r.DeepSleeps}");
        long elapsed = r.ActiveNs + r.ShallowSleepNs + r.DeepSleepNs + r.OffNs;
        Assert.True(r.DeepSleepNs >= elapsed * 99 / 100, $"deep {r.DeepSleepNs} of {elapsed}");

        // Between TxDone and the next packet's transmission (finishTransmit, the sensor reads, the 2 s delay and the next
        // packet's SPI set-up) the MCU is asleep at least 99 % of the time.
        for (int i = 0; i + 1 < run.Windows.Count; i++)
        {
            Window a = run.Windows[i];
            Window b = run.Windows[i + 1];
            long gap = (b.Start - a.End).Nanoseconds;
            Assert.True(b.DeepAtStart - a.DeepAtEnd >= gap * 99 / 100, $"gap {i}: deep {b.DeepAtStart - a.DeepAtEnd} of {gap}");
        }
    }

    [Fact]
    public void LoraE5Mini_IsAlwaysShallow_AndItsSubGhzSpiRunsAt15625Hz()
    {
        // The STM32WLE5 clears SLEEPDEEP (chips/stm32wle5xx/src/chip.rs); the SubGHz SPI's set_rate selects /256, here of
        // the 4 MHz MSI: a 22-byte WriteBuffer (opcode, offset, 20 payload bytes) takes 22 · 8 / 15 625 Hz = 11.264 ms.
        Run run = RunApp(LoRaBoards.LoraE5Mini, LoRaTransmitMode.InterruptDriven, packets: 2, readSensors: false);

        Assert.Equal(2, run.App.PacketsSent);
        Assert.Equal(0, run.Report.DeepSleeps);
        Assert.True(run.Report.ShallowSleeps > 0);
        Assert.Equal(15_625, run.Board.Spi.BusClockHz);
        Assert.Equal(SimDuration.FromNanoseconds(11_264_000), run.Board.Spi.TransferTime(22));
        Assert.All(run.Windows, w => Assert.Equal(ToANs - w.ActiveNs, w.ShallowNs));
    }

    [Fact]
    public void LoraE5Mini_GpioMap_HasOnlyBusyAndDio1()
    {
        // gpio_component_helper!(1 => busy, 2 => interrupt): pin 0 is a hole (NODEVICE), 3 and 4 lie beyond (INVAL).
        var results = new List<SyscallReturn>();
        RunOnce(
            ctx => Record(ctx, results, [LibtockLoRa.GpioRead(0), LibtockLoRa.GpioRead(1), LibtockLoRa.GpioRead(2), LibtockLoRa.GpioEnableOutput(4)]),
            LoRaBoards.LoraE5Mini);

        Assert.Equal(ErrorCode.NoDevice, results[0].Error);
        Assert.Equal(0u, results[1].R1);
        Assert.Equal(0u, results[2].R1);
        Assert.Equal(ErrorCode.Inval, results[3].Error);
    }

    [Fact]
    public void Apollo3IomSpiClock_ForTheVirtualDevicesDefault100kHz_Is750kHz()
    {
        // chips/apollo3/src/iom.rs set_rate(100 000): div = 480, n = max(tz(480) = 5, 6) = 6, TOTPER = ceil(480 / 64) = 8,
        // FSEL = n + 1 = 7, DIV3 = 0, DIVEN = 0; get_rate = 48 MHz / 2^(7−1) = 750 000 Hz.
        Assert.Equal(750_000, LoRaBoards.SpiBusClockHz("apollo3", 100_000));
        Assert.Equal(15_625, LoRaBoards.SpiBusClockHz("stm32wle5", 8_000_000));
        Assert.Equal(8_000_000, LoRaBoards.SpiBusClockHz("other", 8_000_000));
    }

    private static Run RunApp(LoRaBoardDefinition definition, LoRaTransmitMode mode, int packets, uint periodMs = 1_000, bool readSensors = true)
    {
        var sim = new Simulation();
        LoRaBoard board = LoRaBoards.Build(sim, 0, definition, new UnlimitedSupply());
        var app = new LoRaSenseApp(mode, periodMs, payloadBytes: 20, readSensors, Sf9Bw125);
        TockProcess p = board.Node.Load(app);
        var windows = new List<Window>();
        Window open = default;
        board.Radio.TransmitStarted += t => open = Snapshot(board, p) with { Start = t };
        board.Radio.TransmitDone += t =>
        {
            Window end = Snapshot(board, p);
            windows.Add(open with
            {
                End = t,
                ActiveNs = end.ActiveNs - open.ActiveNs,
                ShallowNs = end.ShallowNs - open.ShallowNs,
                DeepNs = end.DeepNs - open.DeepNs,
                Yields = end.Yields - open.Yields,
                Commands = end.Commands - open.Commands,
                Sleeps = end.Sleeps - open.Sleeps,
                DeepAtStart = open.DeepNs,
                DeepAtEnd = end.DeepNs,
            });
        };
        board.Node.Boot();
        sim.RunWhile(() => board.Radio.FramesSent < packets, SimTime.FromStart(SimDuration.FromSeconds(60)));
        Assert.Equal(packets, board.Radio.FramesSent);
        sim.RunUntil(sim.Now + SimDuration.FromMilliseconds(100)); // finishTransmit; the app is then in its delay
        return new Run(board, app, windows, board.Node.Report(sim.Now.SinceStart));
    }

    private static Window Snapshot(LoRaBoard board, TockProcess p)
    {
        ChipModel chip = board.Node.Kernel.Chip;
        return new Window(
            default,
            default,
            board.Node.Mcu.Residency(ChipModel.ActiveState).Nanoseconds,
            board.Node.Mcu.Residency(ChipModel.ShallowState).Nanoseconds,
            chip.Deep is null ? 0 : board.Node.Mcu.Residency(ChipModel.DeepState).Nanoseconds,
            p.Counters.Syscalls(SyscallClass.Yield),
            p.Counters.Syscalls(SyscallClass.Command),
            board.Node.Kernel.Counters.SleepEntries,
            0,
            0,
            board.Node.Kernel.Clocks.GpioInterruptsEnabled);
    }

    private static (TockProcess Process, LoRaBoard Board) RunOnce(Func<UserContext, IEnumerable<UserOp>> body, LoRaBoardDefinition? definition = null, int seconds = 1)
    {
        var sim = new Simulation();
        LoRaBoard board = LoRaBoards.Build(sim, 0, definition ?? LoRaBoards.Apollo3LoRaThingsPlus, new UnlimitedSupply());
        TockProcess p = board.Node.Load(new ScriptedProgram("once", body));
        board.Node.Boot();
        sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(seconds)));
        Assert.Equal(ProcessState.Terminated, p.State);
        board.Node.Report(SimDuration.FromSeconds(seconds));
        return (p, board);
    }

    private static IEnumerable<UserOp> Then(Action before, IEnumerable<UserOp> ops, Action after)
    {
        before();
        foreach (UserOp op in ops)
        {
            yield return op;
        }

        after();
    }

    private static IEnumerable<UserOp> Record(UserContext ctx, List<SyscallReturn> results, UserOp[] ops)
    {
        foreach (UserOp op in ops)
        {
            yield return op;
            results.Add(ctx.Result);
        }
    }

    private sealed record Run(LoRaBoard Board, LoRaSenseApp App, List<Window> Windows, KernelReport Report);

    /// <summary>One frame on air: [Start, End) and what the MCU and the process did meanwhile.</summary>
    private readonly record struct Window(SimTime Start, SimTime End, long ActiveNs, long ShallowNs, long DeepNs, long Yields, long Commands, long Sleeps, long DeepAtStart, long DeepAtEnd, int GpioInterrupts);
}
