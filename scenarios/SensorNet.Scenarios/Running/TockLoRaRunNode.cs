using SensorNet.Energy.Accounting;
using SensorNet.NodeKernel.Boards;
using SensorNet.NodeKernel.Kernel;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Scenarios.Running;

/// <summary>A node of a <see cref="TockLoRaGroupConfig"/> group: a LoRa board running the Tock kernel model.</summary>
internal sealed class TockLoRaRunNode(LoRaBoard board, string group, (Meters X, Meters Y) position) : IRunNode
{
    private KernelReport? _kernel;

    public int Id => board.Node.Id;

    public NodeEnergy Energy => board.Node.Energy;

    public void Boot(SimTime now) => board.Node.Boot(board.Definition.Boot);

    public NodeSummary Summarise(SimDuration duration)
    {
        KernelReport k = Kernel(duration);
        NodeEnergy e = board.Node.Energy;
        Joules total = e.Demanded;
        Joules radio = e.Consumers.First(c => c.Name == "radio").TotalEnergy();
        return new NodeSummary(
            Id,
            group,
            "tock",
            position.X.Value,
            position.Y.Value,
            k.Chip,
            board.Radio.Chip.Name,
            e.Storage.Initial.Value,
            e.Storage.Stored.Value,
            total.Value,
            board.Node.Mcu.TotalEnergy().Value,
            radio.Value,
            (total / duration).Value,
            k.ActiveNs,
            k.ShallowSleepNs + k.DeepSleepNs,
            k.OffNs,
            k.Wakeups,
            (board.Temperature?.Measurements ?? 0) + (board.Humidity?.Measurements ?? 0),
            board.Radio.FramesSent,
            board.Radio.Airtime.Nanoseconds,
            e.DepletedAt?.Nanoseconds,
            e.Harvested.Value);
    }

    // Built once: the runner asks for it for the summary and for kernel.parquet.
    public KernelReport Kernel(SimDuration duration) => _kernel ??= board.Node.Report(duration);

    public IReadOnlyList<ProcessReport> Processes() => board.Node.ProcessReports();
}
