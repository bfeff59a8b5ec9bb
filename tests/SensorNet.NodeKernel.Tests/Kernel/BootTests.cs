using SensorNet.NodeKernel.Chips;
using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Tests.Support;
using SensorNet.NodeKernel.Userspace;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Tests.Kernel;

public class BootTests
{
    private sealed class SizedProgram(int binaryBytes) : UserProgram
    {
        public override string Name => "sized";

        public override int BinaryBytes => binaryBytes;

        public override long StartupCycles => 0;

        public override IEnumerable<UserOp> Main(UserContext context)
        {
            while (true)
            {
                yield return UserOp.YieldWait();
            }
        }
    }

    private static SimTime FirstSleep(BootOptions boot, params int[] binaryBytes)
    {
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        foreach (int bytes in binaryBytes)
        {
            h.Kernel.AddProcess(new SizedProgram(bytes));
        }

        SimTime? first = null;
        h.Kernel.Boot(boot);
        while (first is null && h.Simulation.Now < SimTime.FromStart(SimDuration.FromSeconds(10)))
        {
            h.Simulation.RunUntil(h.Simulation.Now + SimDuration.FromMicroseconds(1));
            if (h.Kernel.IsSleeping)
            {
                first = h.Simulation.Now;
            }
        }

        Assert.All(h.Kernel.Processes, p => Assert.True(p.IsLoaded));
        Assert.All(h.Kernel.Processes, p => Assert.Equal(ProcessState.Yielded, p.State));
        return first!.Value;
    }

    [Fact]
    public void Synchronous_ClockStartupAndLoadCost_DelayTheFirstSleep()
    {
        // 1 MHz, zero kernel costs: 250 ms clock start-up + 2 processes × 5 000 cycles; then the processes run crt0
        // (3 memops, free) to their first Yield-Wait and the chip sleeps.
        SimTime t = FirstSleep(new BootOptions(SimDuration.FromMilliseconds(250), ProcessLoading.Synchronous, 5_000), 1_000, 1_000);

        Assert.InRange(t.Nanoseconds, 260_000_000, 260_003_000);
    }

    [Fact]
    public void Asynchronous_CredentialCheck_CostGrowsWithBinarySize()
    {
        // process_loading.rs SequentialProcessLoaderMachine: one binary per deferred call; software SHA-256 at
        // 60 cycles/byte: 16 KiB + 32 KiB → (16 384 + 32 768) × 60 = 2 949 120 cycles ≈ 2.949 s at 1 MHz, plus 2 × 1 000.
        SimTime small = FirstSleep(new BootOptions(SimDuration.Zero, ProcessLoading.Asynchronous, 1_000, 60), 16_384);
        SimTime both = FirstSleep(new BootOptions(SimDuration.Zero, ProcessLoading.Asynchronous, 1_000, 60), 16_384, 32_768);

        Assert.InRange(small.Nanoseconds, 984_040_000, 984_045_000);
        Assert.InRange(both.Nanoseconds, 2_951_120_000, 2_951_125_000);
    }

    [Fact]
    public void Asynchronous_PendingLoaderVetoesSleep_AndCountsLoads()
    {
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        h.Kernel.AddProcess(new SizedProgram(1_000));
        h.Kernel.AddProcess(new SizedProgram(1_000));
        h.Kernel.Boot(new BootOptions(SimDuration.Zero, ProcessLoading.Asynchronous, 0, 100));

        h.RunFor(SimDuration.FromMilliseconds(50));
        Assert.Equal(0, h.Kernel.Counters.SleepEntries);
        Assert.False(h.Kernel.Processes[1].IsLoaded);

        h.RunFor(SimDuration.FromMilliseconds(200));
        Assert.Equal(2, h.Kernel.Counters.ProcessesLoaded);
        Assert.Equal(2, h.Kernel.Counters.DeferredCalls);
        Assert.Equal(1, h.Kernel.Counters.SleepEntries);
        Assert.Equal(SimDuration.FromMilliseconds(200), h.Active);
    }
}
