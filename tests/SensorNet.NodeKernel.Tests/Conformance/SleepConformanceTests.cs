using SensorNet.NodeKernel.Chips;
using SensorNet.NodeKernel.Drivers;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Tests.Support;
using SensorNet.NodeKernel.Userspace;
using SensorNet.SimEngine.Time;
using static SensorNet.NodeKernel.Tests.Support.Residency;
using static SensorNet.NodeKernel.Tests.Support.UserOps;

namespace SensorNet.NodeKernel.Tests.Conformance;

/// <summary>
/// When and how deeply the MCU sleeps: the sleep predicate of tock/tock <c>kernel/src/kernel.rs</c>
/// <c>kernel_loop_operation</c> (re-checked with interrupts masked) and the SAM4L depth decision of
/// <c>chips/sam4l/src/pm.rs</c> <c>deep_sleep_ready</c> (no non-whitelisted clock, no GPIO interrupt). The SAM4L-like
/// test chip wakes from WAIT in 20 µs and from SLEEP at once; kernel costs are zero.
/// </summary>
public class SleepConformanceTests
{
    private const uint Fake = FakeDriver.DefaultNumber;

    [Fact]
    [Trait("Category", "TockConformance")]
    public void InterruptArrivingAfterTheSleepDecision_IsServicedBeforeWfi()
    {
        // kernel.rs kernel_loop_operation TrySleep: chip.with_interrupts_disabled(|| if !has_pending_interrupts() &&
        // !DeferredCall::has_tasks() { sleep() }). A scheduler decision costs 100 µs; the process yields at 100 µs,
        // the TrySleep decision ends at 200 µs; an interrupt raised at 150 µs is seen by the re-check.
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free with { Scheduler = 100 }));
        var irq = new FakeInterruptSource(h.Kernel, 5);
        irq.RaiseAtMicroseconds(150);
        h.Kernel.AddProcess(new ConformanceProgram("app", _ => ConformanceProgram.WaitForever()));
        h.Kernel.Boot();

        h.RunFor(Ms(1_000));

        Assert.Equal([AtUs(200)], irq.ServicedAt);
        Assert.Equal((0L, 1L), (h.Kernel.Counters.Wakeups, h.Kernel.Counters.SleepEntries));
        Assert.Equal(Us(300), h.Active);
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void Kernel_DoesNotSleepWhileAnyProcessIsReady()
    {
        // kernel.rs: TrySleep only when scheduler.next() finds no ready() process (round_robin.rs next()).
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        h.Kernel.AddProcess(new ConformanceProgram("busy", _ => Then(UserOp.Compute(5_000))));
        h.Kernel.AddProcess(new ConformanceProgram("idle", _ => ConformanceProgram.WaitForever()));
        h.Kernel.Boot();

        h.RunFor(Ms(100));

        Assert.Equal(1, h.Kernel.Counters.SleepEntries);
        Assert.Equal(Ms(5), h.Active);
        Assert.Equal(Ms(95), h.Asleep);
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void Sam4l_SleepDepth_FollowsHeldClocksAndGpioInterrupts()
    {
        // chips/sam4l/src/pm.rs deep_sleep_ready(): deep (WAIT) only if no HSB/PBA/PBB clock outside the allowed sets
        // is on and gpio::INTERRUPT_COUNT == 0; PBC/PBD never block; PBA TWIS0 is allowed. Every 10 ms a bottom half
        // changes one thing; the next sleep shows the effect:
        // 0 deep | 10 USART2 held → shallow | 20 released → deep | 30 GPIO irq → shallow | 40 disabled → deep |
        // 50 TWIS0 → deep | 60 PBC.AST → deep | 70 HSB.USBC → shallow | 100 end.
        var h = new KernelHarness(TestChips.Sam4lLike() with { Costs = TestChips.Free });
        var clocks = h.Kernel.Clocks;
        Action[] steps =
        [
            () => clocks.Hold("PBA.USART2"),
            () => clocks.Release("PBA.USART2"),
            clocks.EnableGpioInterrupt,
            clocks.DisableGpioInterrupt,
            () => clocks.Hold("PBA.TWIS0"),
            () => clocks.Hold("PBC.AST"),
            () => clocks.Hold("HSB.USBC"),
        ];
        var source = new FakeInterruptSource(h.Kernel, 5);
        source.OnService = () => steps[source.ServicedAt.Count - 1]();
        for (int i = 1; i <= steps.Length; i++)
        {
            source.RaiseAtMicroseconds(i * 10_000);
        }

        h.Kernel.Boot();

        h.RunFor(Ms(100));

        Assert.Equal((3L, 5L, 7L), (h.Kernel.Counters.SleepsIn(ChipModel.ShallowState), h.Kernel.Counters.SleepsIn(ChipModel.DeepState), h.Kernel.Counters.Wakeups));
        Assert.Equal(Us(100), h.Cpu.Residency(ChipModel.ActiveState)); // five 20 µs wake-ups from WAIT
        Assert.Equal(Us(49_940), h.Cpu.Residency(ChipModel.ShallowState));
        Assert.Equal(Us(49_960), h.Cpu.Residency(ChipModel.DeepState));
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void Sam4l_ArmedUartReceive_KeepsShallowSleep_UntilTheReceiveCompletes()
    {
        // chips/sam4l/src/usart.rs: the USART clock stays on while an RX DMA / interrupt is armed, and PBA USART is not
        // in the deep-sleep whitelist (pm.rs): SLEEP for the 50 ms the receive is armed, WAIT afterwards.
        var h = new KernelHarness(TestChips.Sam4lLike() with { Costs = TestChips.Free });
        var uart = new FakeDriver(h.Kernel)
        {
            OnCommand = (_, c, _, _) => c == 10 ? Hold(h, "PBA.USART2") : null,
        };
        uart.OnService = () => h.Kernel.Clocks.Release("PBA.USART2"); // receive complete
        TockProcess p = h.Kernel.AddProcess(new ConformanceProgram("console", _ => Then(UserOp.Command(Fake, 10), UserOp.YieldWaitFor(Fake, 0))));
        uart.CompleteAtMicroseconds(50_000, p, 0, 'x');
        h.Kernel.Boot();

        h.RunFor(Ms(100));

        Assert.Equal(1, p.Counters.WaitForDeliveries);
        Assert.Equal((1L, 1L), (h.Kernel.Counters.SleepsIn(ChipModel.ShallowState), h.Kernel.Counters.SleepsIn(ChipModel.DeepState)));
        Assert.Equal(Ms(50), h.Cpu.Residency(ChipModel.ShallowState));
        Assert.Equal(Ms(50), h.Cpu.Residency(ChipModel.DeepState));
        Assert.Equal(SimDuration.Zero, h.Active);
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void Sam4l_EnabledButtonInterrupt_KeepsShallowSleep_UntilDisabled()
    {
        // capsules/core/src/button.rs command 1 enables the pin interrupt; chips/sam4l/src/gpio.rs enable_interrupt
        // increments INTERRUPT_COUNT, which blocks deep sleep (pm.rs). Pressed at 30 ms, the app disables it.
        var h = new KernelHarness(TestChips.Sam4lLike() with { Costs = TestChips.Free });
        var button = new FakeDriver(h.Kernel)
        {
            OnCommand = (_, c, _, _) => c switch
            {
                11 => Gpio(h.Kernel.Clocks.EnableGpioInterrupt),
                12 => Gpio(h.Kernel.Clocks.DisableGpioInterrupt),
                _ => null,
            },
        };
        TockProcess p = h.Kernel.AddProcess(new ConformanceProgram("button", _ => Then(UserOp.Command(Fake, 11), UserOp.YieldWaitFor(Fake, 0), UserOp.Command(Fake, 12))));
        button.CompleteAtMicroseconds(30_000, p, 0, 1);
        h.Kernel.Boot();

        h.RunFor(Ms(100));

        Assert.Equal(0, h.Kernel.Clocks.GpioInterruptsEnabled);
        Assert.Equal(Ms(30), h.Cpu.Residency(ChipModel.ShallowState));
        Assert.Equal(Ms(70), h.Cpu.Residency(ChipModel.DeepState));
        AssertAccountsForAllTime(h);
    }

    private static CommandResult Hold(KernelHarness h, string clock)
    {
        h.Kernel.Clocks.Hold(clock);
        return CommandResult.Success();
    }

    private static CommandResult Gpio(Action change)
    {
        change();
        return CommandResult.Success();
    }
}
