using SensorNet.NodeKernel.Drivers;
using SensorNet.NodeKernel.Syscalls;
using SensorNet.NodeKernel.Tests.Support;
using SensorNet.NodeKernel.Userspace;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Tests.Drivers.LoRa;

/// <summary>capsules_core::gpio::GPIO semantics (tock/tock <c>capsules/core/src/gpio.rs</c>) on the LoRa GPIO number.</summary>
public class GpioDriverTests
{
    private const uint Gpio = GpioDriver.LoRaPhyGpioNumber;

    [Fact]
    public void Read_ReturnsTheLineLevel_AndOutputCommandsDriveTheLine()
    {
        (KernelHarness h, GpioLine pin0, GpioLine pin2, _) = Create();
        pin2.Set(true);
        var results = new List<SyscallReturn>();
        var levels = new List<bool>();
        h.Kernel.AddProcess(new ScriptedProgram("io", ctx => Record(ctx, results, () => levels.Add(pin0.Level), [
            UserOp.Command(Gpio, 6, 2),    // read pin 2: 1
            UserOp.Command(Gpio, 2, 0),    // set pin 0 while an input: latch only
            UserOp.Command(Gpio, 1, 0),    // make output: drives the latch (high)
            UserOp.Command(Gpio, 3, 0),    // clear
            UserOp.Command(Gpio, 4, 0),    // toggle
            UserOp.Command(Gpio, 6, 0),    // read back: 1
        ])));
        h.Kernel.Boot();

        h.RunFor(SimDuration.FromMilliseconds(100));

        Assert.Equal(ReturnVariant.SuccessU32, results[0].Variant);
        Assert.Equal(1u, results[0].R1);
        Assert.Equal([false, false, true, false, true, true], levels);
        Assert.Equal(1u, results[5].R1);
    }

    [Fact]
    public void EnableInterrupt_EnablesOneGpioInterruptPerPin_DisableReleasesIt()
    {
        // SAM4L GPIOPin::enable_interrupt counts a pin only when it is not yet enabled (chips/sam4l/src/gpio.rs).
        (KernelHarness h, _, _, GpioDriver gpio) = Create();
        var counts = new List<int>();
        h.Kernel.AddProcess(new ScriptedProgram("irq", ctx => Record(ctx, [], () => counts.Add(h.Kernel.Clocks.GpioInterruptsEnabled), [
            UserOp.Command(Gpio, 7, 0, 0),
            UserOp.Command(Gpio, 7, 0, 1),
            UserOp.Command(Gpio, 7, 2, 2),
            UserOp.Command(Gpio, 8, 0),
            UserOp.Command(Gpio, 8, 0),
            UserOp.Command(Gpio, 8, 2),
        ])));
        h.Kernel.Boot();

        h.RunFor(SimDuration.FromMilliseconds(100));

        Assert.Equal([1, 1, 2, 1, 1, 0], counts);
        Assert.Equal(0, gpio.PinsWithInterruptEnabled);
    }

    [Theory]
    [InlineData(1u, new uint[] { 1 })]    // rising edge only
    [InlineData(2u, new uint[] { 0 })]    // falling edge only
    [InlineData(0u, new uint[] { 1, 0 })] // either edge (libtock_change)
    public void Edges_OnAnEnabledPin_GiveUpcallsWithPinAndLevel(uint mode, uint[] expectedLevels)
    {
        (KernelHarness h, _, GpioLine pin2, _) = Create();
        var upcalls = new List<(uint Pin, uint Level)>();
        h.Kernel.AddProcess(new ScriptedProgram("edges", ctx => WaitForEdges(ctx, mode, upcalls)));
        var at = new TimedActions(h.Simulation);
        at.AtMicroseconds(40_000, () => pin2.Set(true));
        at.AtMicroseconds(60_000, () => pin2.Set(false));
        h.Kernel.Boot();

        h.RunFor(SimDuration.FromMilliseconds(100));

        Assert.Equal(expectedLevels.Select(l => (2u, l)), upcalls);
        Residency.AssertAccountsForAllTime(h);
    }

    [Fact]
    public void TimedLevel_OnAPinWithItsInterruptEnabled_FallsByAnEventAndInterruptsAtItsTime()
    {
        // A line driven with SetUntil (the SX1262's BUSY) changes lazily unless watched; an enabled GPIO interrupt
        // watches it, so the edge is seen on time.
        var h = new KernelHarness();
        var busy = new GpioLine("busy", simulation: h.Simulation);
        _ = new GpioDriver(h.Kernel, [null, null, busy], irq: 21);
        var upcalls = new List<(uint Pin, uint Level)>();
        h.Kernel.AddProcess(new ScriptedProgram("edges", ctx => WaitForEdges(ctx, mode: 2, upcalls)));
        var at = new TimedActions(h.Simulation);
        at.AtMicroseconds(40_000, () => busy.SetUntil(true, SimTime.FromStart(SimDuration.FromMicroseconds(45_000))));
        h.Kernel.Boot();

        h.RunFor(SimDuration.FromMilliseconds(100));

        Assert.Equal([(2u, 0u)], upcalls); // nothing reads the pin: only the driver's listener makes the fall happen
    }

    [Fact]
    public void PinsBeyondTheArray_AreInval_HolesAreNoDevice_UnknownModesAreNoSupport()
    {
        (KernelHarness h, _, _, _) = Create();
        var results = new List<SyscallReturn>();
        h.Kernel.AddProcess(new ScriptedProgram("bad", ctx => Record(ctx, results, () => { }, [
            UserOp.Command(Gpio, 6, 3),
            UserOp.Command(Gpio, 6, 1),
            UserOp.Command(Gpio, 5, 0, 3),
            UserOp.Command(Gpio, 7, 0, 3),
            UserOp.Command(Gpio, 11, 0),
            UserOp.Command(Gpio, 10),
        ])));
        h.Kernel.Boot();

        h.RunFor(SimDuration.FromMilliseconds(100));

        Assert.Equal([ErrorCode.Inval, ErrorCode.NoDevice, ErrorCode.NoSupport, ErrorCode.NoSupport, ErrorCode.NoSupport], results.Take(5).Select(r => r.Error));
        Assert.Equal(3u, results[5].R1);
    }

    // Pins: 0 and 2 are wired, 1 is a hole.
    private static (KernelHarness, GpioLine, GpioLine, GpioDriver) Create()
    {
        var h = new KernelHarness();
        var pin0 = new GpioLine("pin0");
        var pin2 = new GpioLine("pin2");
        var gpio = new GpioDriver(h.Kernel, [pin0, null, pin2], irq: 21);
        return (h, pin0, pin2, gpio);
    }

    private static IEnumerable<UserOp> WaitForEdges(UserContext ctx, uint mode, List<(uint Pin, uint Level)> upcalls)
    {
        uint function = ctx.Function(args => Add(upcalls, args));
        yield return UserOp.Subscribe(Gpio, 0, function);
        yield return UserOp.Command(Gpio, 5, 2, 2);
        yield return UserOp.Command(Gpio, 7, 2, mode);
        while (true)
        {
            yield return UserOp.YieldWait();
        }
    }

    private static IEnumerable<UserOp> Add(List<(uint Pin, uint Level)> upcalls, UpcallArguments args)
    {
        upcalls.Add((args.Argument0, args.Argument1));
        yield break;
    }

    private static IEnumerable<UserOp> Record(UserContext ctx, List<SyscallReturn> results, Action after, UserOp[] ops)
    {
        foreach (UserOp op in ops)
        {
            yield return op;
            results.Add(ctx.Result);
            after();
        }

        while (true)
        {
            yield return UserOp.YieldWait();
        }
    }
}
