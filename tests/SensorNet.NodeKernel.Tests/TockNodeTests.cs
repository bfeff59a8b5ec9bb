using SensorNet.Energy.Storage;
using SensorNet.NodeKernel.Chips;
using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Scheduling;
using SensorNet.NodeKernel.Tests.Support;
using SensorNet.NodeKernel.Userspace;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Tests;

public class TockNodeTests
{
    public static TheoryData<string> Chips => [.. ChipFile.BuiltInNames];

    [Theory]
    [MemberData(nameof(Chips))]
    public void Report_DelayLoopOnEveryChip_ResidencySumsExactly(string chipName)
    {
        var sim = new Simulation();
        var node = new TockNode(sim, 7, ChipFile.BuiltIn(chipName), new UnlimitedSupply(), new RoundRobinScheduler(), new FaultPolicy(FaultPolicyKind.Panic));
        var app = new DelayLoopProgram(250, workCycles: 5_000);
        node.Load(app);
        node.Boot();
        var elapsed = SimDuration.FromSeconds(30);

        sim.RunUntil(SimTime.FromStart(elapsed));
        KernelReport r = node.Report(elapsed);

        Assert.Equal(elapsed.Nanoseconds, r.ActiveNs + r.ShallowSleepNs + r.DeepSleepNs + r.OffNs);
        Assert.InRange(app.Iterations, 110, 120);
        Assert.True(r.Wakeups >= app.Iterations);
        Assert.Equal(r.ActiveNs, r.KernelCpuNs + r.ProcessCpuNs);
        Assert.True(r.KernelCpuNs > 0 && r.ProcessCpuNs > 0);
        ChipModel chip = node.Kernel.Chip;
        if (chip.Policy == SleepPolicy.AlwaysDeep)
        {
            Assert.Equal(0, r.ShallowSleepNs);
            Assert.True(r.DeepSleepNs > 0);
        }
        else if (chip.Deep is null)
        {
            Assert.Equal(0, r.DeepSleepNs);
        }

        ProcessReport p = Assert.Single(node.ProcessReports());
        Assert.Equal(r.ProcessCpuNs, p.CpuTimeNs);
        Assert.Equal(app.Iterations, p.UpcallsDelivered);
        Assert.Equal(3, p.SyscallsMemop);
        Assert.Equal(r.Syscalls, p.SyscallsYield + p.SyscallsSubscribe + p.SyscallsCommand + p.SyscallsMemop);
        node.Energy.VerifyLedger();
    }

    [Fact]
    public void Report_EnergyRunsOut_KernelHaltsAndOffTimeIsCounted()
    {
        var sim = new Simulation();
        // nRF52840 idles at ≈0.6 mW; 0.1 J lasts a few minutes.
        var node = new TockNode(sim, 1, ChipFile.BuiltIn("nrf52840"), new LinearBattery(new Joules(0.1), new Joules(0.1), new Volts(3)), new RoundRobinScheduler(), new FaultPolicy(FaultPolicyKind.Panic));
        var app = new DelayLoopProgram(1000);
        node.Load(app);
        node.Boot();
        var elapsed = SimDuration.FromMinutes(10);

        sim.RunUntil(SimTime.FromStart(elapsed));
        KernelReport r = node.Report(elapsed);

        Assert.False(node.Energy.IsPowered);
        Assert.Equal((elapsed - node.Energy.DepletedAt!.Value.SinceStart).Nanoseconds, r.OffNs);
        Assert.InRange(node.Energy.DepletedAt.Value.TotalSeconds, 150, 170);
        Assert.Equal(0, sim.PendingEvents);
        Assert.Equal(elapsed.Nanoseconds, r.ActiveNs + r.ShallowSleepNs + r.DeepSleepNs + r.OffNs);
    }

    [Fact]
    public void Report_RandomProgramsOnRandomChips_ResidencyAlwaysExact()
    {
        var rng = new RandomStream(77);
        IScheduler[] Schedulers() => [new RoundRobinScheduler(), new CooperativeScheduler(), new PriorityScheduler(), new MlfqScheduler()];
        for (int trial = 0; trial < 24; trial++)
        {
            var sim = new Simulation();
            string chip = ChipFile.BuiltInNames[rng.NextInt32(ChipFile.BuiltInNames.Count)];
            IScheduler scheduler = Schedulers()[rng.NextInt32(4)];
            var node = new TockNode(sim, trial, ChipFile.BuiltIn(chip), new UnlimitedSupply(), scheduler, new FaultPolicy(FaultPolicyKind.Restart));
            int processes = 1 + rng.NextInt32(3);
            for (int i = 0; i < processes; i++)
            {
                uint period = (uint)(5 + rng.NextInt32(200));
                long work = rng.NextInt32(3) == 0 ? 2_000_000 : rng.NextInt32(20_000);
                node.Load(new DelayLoopProgram(period, work));
            }

            node.Boot();
            var elapsed = SimDuration.FromMilliseconds(500 + rng.NextInt32(3000));
            sim.RunUntil(SimTime.FromStart(elapsed));
            KernelReport r = node.Report(elapsed);

            Assert.Equal(elapsed.Nanoseconds, r.ActiveNs + r.ShallowSleepNs + r.DeepSleepNs + r.OffNs);
            Assert.False(r.Panicked);
            Assert.True(r.ProcessCpuNs <= r.ActiveNs);
        }
    }
}
