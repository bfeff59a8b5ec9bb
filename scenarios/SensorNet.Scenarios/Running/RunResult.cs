namespace SensorNet.Scenarios.Running;

/// <summary>Everything a finished run produced, ready to be written.</summary>
/// <param name="Config">The scenario as resolved.</param>
/// <param name="Replication">Replication index.</param>
/// <param name="EndNs">Simulated end time, in ns.</param>
/// <param name="Events">Events executed.</param>
/// <param name="Nodes">Per-node summaries, by node id.</param>
/// <param name="Residency">Per-node, per-component, per-state residency.</param>
/// <param name="Kernels">MCU residency and kernel counters of every Tock node.</param>
/// <param name="Processes">Counters of every process on every Tock node.</param>
/// <param name="Energy">The energy time series (empty when not sampled).</param>
/// <param name="PowerStates">Every power-state interval (empty unless traced).</param>
public sealed record RunResult(
    ScenarioConfig Config,
    int Replication,
    long EndNs,
    long Events,
    IReadOnlyList<NodeSummary> Nodes,
    IReadOnlyList<ResidencyRow> Residency,
    IReadOnlyList<NodeKernel.Kernel.KernelReport> Kernels,
    IReadOnlyList<NodeKernel.Kernel.ProcessReport> Processes,
    IReadOnlyList<EnergySample> Energy,
    IReadOnlyList<PowerStateRow> PowerStates)
{
    /// <summary>Every transmission's outcome at every receiver that heard it (empty without a network).</summary>
    public IReadOnlyList<RadioModels.Medium.PacketRecord> Packets { get; init; } = [];
}
