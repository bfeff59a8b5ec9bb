using SensorNet.Energy.Accounting;
using SensorNet.Energy.Consumers;
using SensorNet.NodeKernel;
using SensorNet.NodeKernel.Chips;
using SensorNet.NodeKernel.Kernel;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Scenarios.Running;

/// <summary>A node of a <see cref="LoRaSenseGroupConfig"/> group: the interim sense-and-send firmware.</summary>
internal sealed class LoRaRunNode(SensorNode node, string group) : IRunNode
{
    public int Id => node.Id;

    public NodeEnergy Energy => node.Energy;

    public void Boot(SimTime now) => node.Boot(now);

    public NodeSummary Summarise(SimDuration duration)
    {
        StateBasedConsumer cpu = node.Cpu;
        Joules total = node.Energy.Demanded;
        return new NodeSummary(
            node.Id,
            group,
            "loraSenseAndSend",
            node.Position.X.Value,
            node.Position.Y.Value,
            node.Mcu.Name,
            node.Radio.Chip.Name,
            node.Energy.Storage.Initial.Value,
            node.Energy.Storage.Stored.Value,
            total.Value,
            cpu.TotalEnergy().Value,
            node.Radio.Consumer.TotalEnergy().Value,
            (total / duration).Value,
            cpu.Residency(McuProfile.ActiveState).Nanoseconds,
            cpu.Residency(McuProfile.SleepState).Nanoseconds,
            cpu.Residency(cpu.OffState).Nanoseconds,
            node.Wakeups,
            node.Readings,
            node.Radio.FramesSent,
            node.Radio.Airtime.Nanoseconds,
            node.Energy.DepletedAt?.Nanoseconds,
            node.Energy.Harvested.Value);
    }

    public KernelReport? Kernel(SimDuration duration) => null;

    public IReadOnlyList<ProcessReport> Processes() => [];
}
