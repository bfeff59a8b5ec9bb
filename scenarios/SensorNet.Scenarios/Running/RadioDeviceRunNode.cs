using SensorNet.Energy.Accounting;
using SensorNet.NodeKernel.Kernel;
using SensorNet.Energy.Consumers;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Scenarios.Running;

/// <summary>
/// A device modelled by its radio alone, no MCU (<see cref="LoRaAlohaGroupConfig"/>: LoRaSim's ALOHA sender;
/// <see cref="LoRaWanGroupConfig"/>: a LoRaWAN class A device; <see cref="Ieee802154GroupConfig"/>: an always-on
/// 802.15.4 node).
/// </summary>
/// <param name="id">Node id.</param>
/// <param name="group">Group name.</param>
/// <param name="kind">The group's kind.</param>
/// <param name="position">Position.</param>
/// <param name="energy">Energy system.</param>
/// <param name="radio">The radio's chip name and energy consumer.</param>
/// <param name="frames">Frames sent and time on air so far.</param>
/// <param name="start">Starts the device's traffic.</param>
/// <param name="counters">Adds the device's own counters to its summary.</param>
internal sealed class RadioDeviceRunNode(int id, string group, string kind, (Meters X, Meters Y) position, NodeEnergy energy, (string Chip, StateBasedConsumer Consumer) radio, Func<(long Frames, long AirtimeNs)> frames, Action start, Func<NodeSummary, NodeSummary>? counters = null) : IRunNode
{
    public int Id => id;

    public NodeEnergy Energy => energy;

    public void Boot(SimTime now) => start();

    public NodeSummary Summarise(SimDuration duration)
    {
        Joules total = energy.Demanded;
        (long sent, long airtimeNs) = frames();
        var summary = new NodeSummary(
            id,
            group,
            kind,
            position.X.Value,
            position.Y.Value,
            "none",
            radio.Chip,
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
            sent,
            airtimeNs,
            energy.DepletedAt?.Nanoseconds,
            energy.Harvested.Value);
        return counters?.Invoke(summary) ?? summary;
    }

    public KernelReport? Kernel(SimDuration duration) => null;

    public IReadOnlyList<ProcessReport> Processes() => [];
}
