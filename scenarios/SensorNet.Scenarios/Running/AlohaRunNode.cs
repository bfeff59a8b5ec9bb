using SensorNet.Energy.Accounting;
using SensorNet.NodeKernel.Kernel;
using SensorNet.RadioModels.LoRa;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Scenarios.Running;

/// <summary>A device of a <see cref="LoRaAlohaGroupConfig"/> group: LoRaSim's pure-ALOHA sender, no MCU model.</summary>
internal sealed class AlohaRunNode(int id, string group, (Meters X, Meters Y) position, NodeEnergy energy, AlohaLoRaDevice device) : IRunNode
{
    public int Id => id;

    public NodeEnergy Energy => energy;

    public void Boot(SimTime now) => device.Start();

    public NodeSummary Summarise(SimDuration duration)
    {
        LoRaRadio radio = device.Radio;
        Joules total = energy.Demanded;
        return new NodeSummary(
            id,
            group,
            "loraAloha",
            position.X.Value,
            position.Y.Value,
            "none",
            radio.Chip.Name,
            energy.Storage.Initial.Value,
            energy.Storage.Stored.Value,
            total.Value,
            0,
            radio.Consumer.TotalEnergy().Value,
            (total / duration).Value,
            0,
            0,
            duration.Nanoseconds, // no MCU is modelled: all of its time counts as off
            0,
            0,
            radio.FramesSent,
            radio.Airtime.Nanoseconds,
            energy.DepletedAt?.Nanoseconds,
            energy.Harvested.Value);
    }

    public KernelReport? Kernel(SimDuration duration) => null;

    public IReadOnlyList<ProcessReport> Processes() => [];
}
