using SensorNet.NodeKernel.Drivers;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Tests.Support;
using SensorNet.NodeKernel.Userspace;
using static SensorNet.NodeKernel.Tests.Support.Residency;

namespace SensorNet.NodeKernel.Tests.Drivers;

/// <summary>Button driver (capsules/core/src/button.rs): per-process pin masks in the grant, shared pin interrupts.</summary>
public class ButtonDriverTests
{
    private const uint Button = ButtonDriver.Number;

    [Fact]
    public void ProcessDiesWithThePinEnabled_TheInterruptStaysOn_UntilALiveProcessEnablesAndDisablesIt()
    {
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free), faultPolicy: new FaultPolicy(FaultPolicyKind.Stop));
        var buttons = new ButtonDriver(h.Kernel, count: 2, irq: 20);
        int onAfterDeath = -1;
        h.Kernel.AddProcess(new ConformanceProgram("dies", _ => [UserOp.Command(Button, 1, 0, 0), UserOp.Fault()]));
        h.Kernel.AddProcess(new ConformanceProgram("lives", _ => Body()));
        h.Kernel.Boot();

        h.RunFor(Ms(10));

        Assert.Equal(1, onAfterDeath);
        Assert.Equal(0, buttons.PinsWithInterruptEnabled);
        Assert.Equal(0, h.Kernel.Clocks.GpioInterruptsEnabled);

        IEnumerable<UserOp> Body()
        {
            onAfterDeath = buttons.PinsWithInterruptEnabled;
            yield return UserOp.Command(Button, 1, 0, 0); // the hardware interrupt is already on: no second enable
            yield return UserOp.Command(Button, 2, 0, 0); // the dead process's grant is gone: nobody else wants pin 0
        }
    }

    [Fact]
    public void RestartedProcess_StartsWithNoPinsEnabled_SoAnotherProcessDisablingThePinSwitchesItOff()
    {
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free), faultPolicy: new FaultPolicy(FaultPolicyKind.ThresholdRestart, 1));
        var buttons = new ButtonDriver(h.Kernel, count: 2, irq: 20);
        int incarnation = 0;
        TockProcess p = h.Kernel.AddProcess(new ConformanceProgram("restarts", _ => incarnation++ == 0
            ? [UserOp.Command(Button, 1, 0, 0), UserOp.Fault()]
            : ConformanceProgram.WaitForever()));
        h.Kernel.AddProcess(new ConformanceProgram("other", _ => [UserOp.Command(Button, 2, 0, 0)]));
        h.Kernel.Boot();

        h.RunFor(Ms(10));

        Assert.Equal((1, ProcessState.Yielded), (p.RestartCount, p.State)); // alive, but its grant was reset
        Assert.Equal(0, buttons.PinsWithInterruptEnabled);
        Assert.Equal(0, h.Kernel.Clocks.GpioInterruptsEnabled);
    }
}
