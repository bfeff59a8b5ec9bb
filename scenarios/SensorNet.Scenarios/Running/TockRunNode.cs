using SensorNet.Energy.Accounting;
using SensorNet.NodeKernel;
using SensorNet.NodeKernel.Boards;
using SensorNet.NodeKernel.Drivers;
using SensorNet.NodeKernel.Kernel;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Scenarios.Running;

/// <summary>
/// A node running the Tock kernel model, on a <see cref="Board"/> (<see cref="TockGroupConfig"/>) or a
/// <see cref="LoRaBoard"/> (<see cref="TockLoRaGroupConfig"/>); the boards differ only in how they boot and what their
/// radio reports, which the two factories capture.
/// </summary>
internal sealed class TockRunNode : IRunNode
{
    private readonly TockNode _node;
    private readonly Action _boot;
    private readonly string _group;
    private readonly (Meters X, Meters Y) _position;
    private readonly Func<Radio> _radio;
    private readonly SensorDriver? _temperature;
    private readonly SensorDriver? _humidity;
    private KernelReport? _kernel;

    private TockRunNode(TockNode node, Action boot, string group, (Meters X, Meters Y) position, Func<Radio> radio, SensorDriver? temperature, SensorDriver? humidity)
    {
        (_node, _boot, _group, _position, _radio, _temperature, _humidity) = (node, boot, group, position, radio, temperature, humidity);
    }

    public int Id => _node.Id;

    public NodeEnergy Energy => _node.Energy;

    public static TockRunNode For(Board board, string group, (Meters X, Meters Y) position) => new(
        board.Node,
        board.Boot,
        group,
        position,
        () => new Radio(
            board.RadioChip?.Profile.Name ?? "none",
            board.RadioChip?.Consumer.TotalEnergy() ?? Joules.Zero,
            (board.Ieee802154?.FramesSent ?? 0) + (board.BleRadio?.FramesSent ?? 0), // data frames, not X-MAC preamble strobes
            (board.RadioChip?.Airtime.Nanoseconds ?? 0) + (board.BleRadio?.Airtime.Nanoseconds ?? 0)),
        board.Temperature,
        board.Humidity);

    public static TockRunNode For(LoRaBoard board, string group, (Meters X, Meters Y) position) => new(
        board.Node,
        () => board.Node.Boot(board.Definition.Boot),
        group,
        position,
        () => new Radio(board.Radio.Chip.Name, board.Radio.Consumer.TotalEnergy(), board.Radio.FramesSent, board.Radio.Airtime.Nanoseconds),
        board.Temperature,
        board.Humidity);

    public void Boot(SimTime now) => _boot();

    public NodeSummary Summarise(SimDuration duration)
    {
        KernelReport k = Kernel(duration);
        NodeEnergy e = _node.Energy;
        Joules total = e.Demanded;
        Radio radio = _radio();
        return new NodeSummary(
            Id,
            _group,
            "tock",
            _position.X.Value,
            _position.Y.Value,
            k.Chip,
            radio.Chip,
            e.Storage.Initial.Value,
            e.Storage.Stored.Value,
            total.Value,
            _node.Mcu.TotalEnergy().Value,
            radio.Energy.Value,
            (total / duration).Value,
            k.ActiveNs,
            k.ShallowSleepNs + k.DeepSleepNs,
            k.OffNs,
            k.Wakeups,
            (_temperature?.Measurements ?? 0) + (_humidity?.Measurements ?? 0),
            radio.Frames,
            radio.AirtimeNs,
            e.DepletedAt?.Nanoseconds,
            e.Harvested.Value);
    }

    // Built once: the runner asks for it for the summary and for kernel.parquet.
    public KernelReport Kernel(SimDuration duration) => _kernel ??= _node.Report(duration);

    public IReadOnlyList<ProcessReport> Processes() => _node.ProcessReports();

    private readonly record struct Radio(string Chip, Joules Energy, long Frames, long AirtimeNs);
}
