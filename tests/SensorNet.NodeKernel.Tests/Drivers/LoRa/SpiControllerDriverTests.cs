using SensorNet.NodeKernel.Drivers;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Syscalls;
using SensorNet.NodeKernel.Tests.Support;
using SensorNet.NodeKernel.Userspace;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Tests.Drivers.LoRa;

/// <summary>capsules_core::spi_controller::Spi semantics (tock/tock <c>capsules/core/src/spi_controller.rs</c>).</summary>
public class SpiControllerDriverTests
{
    private const uint Spi = SpiControllerDriver.LoRaPhySpiNumber;

    [Fact]
    public void ReadWrite_BytesReachTheDevice_RepliesLandInTheReadBuffer_AfterEightBitTimesPerByte()
    {
        // 1 MHz bus: 5 bytes × 8 bits = 40 µs between chip select and release; upcall 0 = (len, 0, 0).
        (KernelHarness h, SpiControllerDriver spi, EchoDevice device) = Create(_ => 1_000_000);
        byte[] read = [];
        SyscallReturn done = default;
        h.Kernel.AddProcess(new ScriptedProgram("rw", ctx => Ops(ctx, [
            () => ctx.Write(ctx.RamStart + 512, [1, 2, 3, 4, 5]),
        ], [
            UserOp.AllowReadWrite(Spi, 0, ctx.RamStart + 600, 5),
            UserOp.AllowReadOnly(Spi, 0, ctx.RamStart + 512, 5),
            UserOp.Command(Spi, 2, 5),
            UserOp.YieldWaitFor(Spi, 0),
        ], () =>
        {
            done = ctx.Result;
            read = ctx.Read(ctx.RamStart + 600, 5);
        })));
        h.Kernel.Boot();

        h.RunFor(SimDuration.FromMilliseconds(100));

        (SimDuration duration, byte[] mosi) = Assert.Single(device.Transfers);
        Assert.Equal([1, 2, 3, 4, 5], mosi);
        Assert.Equal([0xFE, 0xFD, 0xFC, 0xFB, 0xFA], read);
        Assert.Equal(SimDuration.FromMicroseconds(40), duration);
        Assert.Equal(5u, done.R1);
        Assert.Equal(1, spi.OperationsCompleted);
        Assert.False(spi.IsBusy);
    }

    [Fact]
    public void ReadWrite_WhileATransferRuns_IsBusy_AndLengthsBeyondTheBuffersOrZeroAreInval()
    {
        // A 1 kHz bus: the 4-byte transfer takes 32 ms, far longer than the next syscalls.
        (KernelHarness h, _, _) = Create(_ => 1_000);
        var results = new List<SyscallReturn>();
        h.Kernel.AddProcess(new ScriptedProgram("busy", ctx => Record(ctx, results, [
            UserOp.AllowReadOnly(Spi, 0, ctx.RamStart + 512, 8),
            UserOp.Command(Spi, 2, 9),     // longer than the write buffer
            UserOp.Command(Spi, 2, 0),     // zero length
            UserOp.AllowReadWrite(Spi, 0, ctx.RamStart + 600, 4),
            UserOp.Command(Spi, 2, 5),     // longer than min(write 8, read 4)
            UserOp.Command(Spi, 2, 4),     // starts
            UserOp.Command(Spi, 2, 4),     // one transfer at a time
            UserOp.Command(Spi, 3, 1),     // set chip select: "XXX: TODO: do nothing"
            UserOp.Command(Spi, 1, 0),     // read_write_byte: "No longer supported"
            UserOp.YieldWaitFor(Spi, 0),
            UserOp.Command(Spi, 2, 4),     // free again
        ])));
        h.Kernel.Boot();

        h.RunFor(SimDuration.FromMilliseconds(100));

        Assert.Equal(
            [ErrorCode.Inval, ErrorCode.Inval, ErrorCode.Inval, null, ErrorCode.Busy, ErrorCode.NoSupport, ErrorCode.NoSupport, null],
            results.Where((_, i) => i is not (0 or 3 or 9)).Select(r => r.IsSuccess ? (ErrorCode?)null : r.Error));
    }

    [Fact]
    public void Read_ClocksOut0xFF_AndReturnsTheBytesInTheReadBuffer()
    {
        (KernelHarness h, _, EchoDevice device) = Create(_ => 1_000_000);
        byte[] read = [];
        h.Kernel.AddProcess(new ScriptedProgram("read", ctx => Ops(ctx, [() => ctx.Write(ctx.RamStart + 600, [0x55, 0x55, 0x55])], [
            UserOp.AllowReadWrite(Spi, 0, ctx.RamStart + 600, 3),
            UserOp.Command(Spi, 11, 3),
            UserOp.YieldWaitFor(Spi, 0),
        ], () => read = ctx.Read(ctx.RamStart + 600, 3))));
        h.Kernel.Boot();

        h.RunFor(SimDuration.FromMilliseconds(100));

        Assert.Equal([0xFF, 0xFF, 0xFF], Assert.Single(device.Transfers).Mosi);
        Assert.Equal([0x00, 0x00, 0x00], read);
    }

    [Fact]
    public void SecondProcess_GetsNoMem_WhileTheFirstOwnsTheDriver()
    {
        (KernelHarness h, _, _) = Create(_ => 1_000_000);
        var first = new List<SyscallReturn>();
        var second = new List<SyscallReturn>();
        h.Kernel.AddProcess(new ScriptedProgram("owner", ctx => Record(ctx, first, [UserOp.Command(Spi, 6), UserOp.YieldWait()])));
        h.Kernel.AddProcess(new ScriptedProgram("other", ctx => Record(ctx, second, [UserOp.Command(Spi, 0), UserOp.Command(Spi, 6)])));
        h.Kernel.Boot();

        h.RunFor(SimDuration.FromMilliseconds(100));

        Assert.Equal(SpiControllerDriver.DefaultRateHz, first[0].R1);
        Assert.True(second[0].IsSuccess);
        Assert.Equal(ErrorCode.NoMem, second[1].Error);
    }

    [Fact]
    public void SetRate_ChangesTheBusClock_AndGetRateReturnsTheRequest()
    {
        // Identity mapping; 250 kHz: 5 bytes take 160 µs.
        (KernelHarness h, SpiControllerDriver spi, EchoDevice device) = Create(rate => rate);
        var results = new List<SyscallReturn>();
        h.Kernel.AddProcess(new ScriptedProgram("rate", ctx => Record(ctx, results, [
            UserOp.Command(Spi, 5, 250_000),
            UserOp.Command(Spi, 6),
            UserOp.AllowReadOnly(Spi, 0, ctx.RamStart + 512, 5),
            UserOp.Command(Spi, 2, 5),
            UserOp.YieldWaitFor(Spi, 0),
        ])));
        h.Kernel.Boot();

        h.RunFor(SimDuration.FromMilliseconds(100));

        Assert.Equal(250_000u, results[1].R1);
        Assert.Equal(250_000, spi.BusClockHz);
        Assert.Equal(SimDuration.FromMicroseconds(160), Assert.Single(device.Transfers).Duration);
    }

    private static (KernelHarness, SpiControllerDriver, EchoDevice) Create(Func<uint, long> busClockHz)
    {
        var h = new KernelHarness();
        var device = new EchoDevice(h.Simulation);
        var spi = new SpiControllerDriver(h.Kernel, device, irq: 20, busClockHz);
        return (h, spi, device);
    }

    private static IEnumerable<UserOp> Ops(UserContext ctx, Action[] before, UserOp[] ops, Action after)
    {
        foreach (Action a in before)
        {
            a();
        }

        foreach (UserOp op in ops)
        {
            yield return op;
        }

        after();
        _ = ctx;
    }

    private static IEnumerable<UserOp> Record(UserContext ctx, List<SyscallReturn> results, UserOp[] ops)
    {
        foreach (UserOp op in ops)
        {
            yield return op;
            results.Add(ctx.Result);
        }

        while (true)
        {
            yield return UserOp.YieldWait();
        }
    }

    /// <summary>Answers every byte with its complement and records (chip-select time, bytes) per transfer.</summary>
    private sealed class EchoDevice(Simulation simulation) : ISpiDevice
    {
        private SimTime _selected;

        public List<(SimDuration Duration, byte[] Mosi)> Transfers { get; } = [];

        public void ChipSelected() => _selected = simulation.Now;

        public void Transfer(ReadOnlySpan<byte> mosi, Span<byte> miso)
        {
            Transfers.Add((simulation.Now - _selected, mosi.ToArray()));
            for (int i = 0; i < mosi.Length; i++)
            {
                miso[i] = (byte)~mosi[i];
            }
        }
    }
}
