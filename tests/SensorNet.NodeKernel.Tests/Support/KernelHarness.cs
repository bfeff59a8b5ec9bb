using SensorNet.Energy.Accounting;
using SensorNet.Energy.Consumers;
using SensorNet.Energy.Storage;
using SensorNet.NodeKernel.Chips;
using SensorNet.NodeKernel.Drivers;
using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Scheduling;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Tests.Support;

/// <summary>One node's kernel with its MCU consumer and the alarm driver, on an unlimited supply (several may share a simulation).</summary>
internal sealed class KernelHarness
{
    public KernelHarness(ChipModel? chip = null, IScheduler? scheduler = null, FaultPolicy? faultPolicy = null, KernelOptions? options = null, Simulation? simulation = null)
    {
        Chip = chip ?? TestChips.Wfi1MHz();
        Simulation = simulation ?? new Simulation();
        Energy = new NodeEnergy(Simulation, new UnlimitedSupply());
        Cpu = Energy.AddConsumer("mcu", Chip.PowerStates(), ChipModel.ActiveState);
        Kernel = new TockKernel(Simulation, Chip, Cpu, scheduler ?? new RoundRobinScheduler(), faultPolicy ?? new FaultPolicy(FaultPolicyKind.Panic), options);
        Alarm = new AlarmDriver(Kernel);
    }

    public ChipModel Chip { get; }

    public Simulation Simulation { get; }

    public NodeEnergy Energy { get; }

    public StateBasedConsumer Cpu { get; }

    public TockKernel Kernel { get; }

    public AlarmDriver Alarm { get; }

    public SimDuration Active => Cpu.Residency(ChipModel.ActiveState);

    public SimDuration Asleep => Cpu.Residency(ChipModel.ShallowState) + (Chip.Deep is null ? SimDuration.Zero : Cpu.Residency(ChipModel.DeepState));

    public void RunFor(SimDuration d) => Simulation.RunUntil(Simulation.Now + d);
}
