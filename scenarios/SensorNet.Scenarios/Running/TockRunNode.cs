using SensorNet.Energy.Accounting;
using SensorNet.NodeKernel.Boards;
using SensorNet.NodeKernel.Kernel;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Scenarios.Running;

/// <summary>A node of a <see cref="TockGroupConfig"/> group: a board running the Tock kernel model.</summary>
internal sealed class TockRunNode(Board board, string group, (Meters X, Meters Y) position) : IRunNode
{
    private KernelReport? _kernel;

    public int Id => board.Node.Id;

    public NodeEnergy Energy => board.Node.Energy;

    public void Boot(SimTime now) => board.Boot();

    public NodeSummary Summarise(SimDuration duration)
    {
        KernelReport k = Kernel(duration);
        NodeEnergy e = board.Node.Energy;
        Joules total = e.Demanded;
        return new NodeSummary(
            Id,
            group,
            "tock",
            position.X.Value,
            position.Y.Value,
            k.Chip,
            board.RadioChip?.Profile.Name ?? "none",
            e.Storage.Initial.Value,
            e.Storage.Stored.Value,
            total.Value,
            board.Node.Mcu.TotalEnergy().Value,
            board.RadioChip?.Consumer.TotalEnergy().Value ?? 0,
            (total / duration).Value,
            k.ActiveNs,
            k.ShallowSleepNs + k.DeepSleepNs,
            k.OffNs,
            k.Wakeups,
            (board.Temperature?.Measurements ?? 0) + (board.Humidity?.Measurements ?? 0),
            (board.Ieee802154?.FramesSent ?? 0) + (board.BleRadio?.FramesSent ?? 0), // data frames, not X-MAC preamble strobes
            (board.RadioChip?.Airtime.Nanoseconds ?? 0) + (board.BleRadio?.Airtime.Nanoseconds ?? 0),
            e.DepletedAt?.Nanoseconds,
            e.Harvested.Value);
    }

    // Built once: the runner asks for it for the summary and for kernel.parquet.
    public KernelReport Kernel(SimDuration duration) => _kernel ??= board.Node.Report(duration);

    public IReadOnlyList<ProcessReport> Processes() => board.Node.ProcessReports();
}
