using SensorNet.NodeKernel.Chips;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Syscalls;
using SensorNet.NodeKernel.Tests.Support;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Tests.Kernel;

public class KernelSmokeTests
{
    [Fact]
    public void DelayLoop_SleepsBetweenAlarmsAndCountsSyscalls()
    {
        var h = new KernelHarness();
        var app = new DelayLoopProgram(100);
        TockProcess p = h.Kernel.AddProcess(app);
        h.Kernel.Boot();

        h.RunFor(SimDuration.FromSeconds(10));

        Assert.False(h.Kernel.IsPanicked, h.Kernel.PanicReason);
        Assert.InRange(app.Iterations, 95, 100);
        Assert.True(h.Asleep > SimDuration.FromSeconds(9), $"asleep {h.Asleep}");
        Assert.Equal(SimDuration.FromSeconds(10), h.Active + h.Asleep);
        // crt0's 3 memops, then 8 syscalls per delay (the last delay may be in progress).
        long perDelay = p.Counters.TotalSyscalls - 3;
        Assert.InRange(perDelay, 8L * app.Iterations, (8L * app.Iterations) + 8);
        Assert.Equal(app.Iterations, p.Counters.UpcallsDelivered);
        Assert.Equal(3, p.Counters.Syscalls(SyscallClass.Memop));
        Assert.True(h.Kernel.Counters.Wakeups >= app.Iterations);
    }
}
