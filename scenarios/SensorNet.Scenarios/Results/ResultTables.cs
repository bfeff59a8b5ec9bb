using SensorNet.Scenarios.Running;

namespace SensorNet.Scenarios.Results;

/// <summary>The tables every run writes, with their column names and units.</summary>
public static class ResultTables
{
    /// <summary>Per-node summary: <c>nodes.parquet</c>.</summary>
    public static ResultTable<NodeSummary> Nodes { get; } = new ResultTable<NodeSummary>("nodes")
        .Int32Column("node_id", n => n.NodeId)
        .DoubleColumn("x_m", n => n.XM)
        .DoubleColumn("y_m", n => n.YM)
        .StringColumn("mcu", n => n.Mcu)
        .StringColumn("radio", n => n.Radio)
        .DoubleColumn("initial_j", n => n.InitialJ)
        .DoubleColumn("final_j", n => n.FinalJ)
        .DoubleColumn("energy_j", n => n.EnergyJ)
        .DoubleColumn("mcu_energy_j", n => n.McuEnergyJ)
        .DoubleColumn("radio_energy_j", n => n.RadioEnergyJ)
        .DoubleColumn("avg_power_w", n => n.AveragePowerW)
        .Int64Column("mcu_active_ns", n => n.McuActiveNs)
        .Int64Column("mcu_sleep_ns", n => n.McuSleepNs)
        .Int64Column("mcu_off_ns", n => n.McuOffNs)
        .Int64Column("wakeups", n => n.Wakeups)
        .Int64Column("readings", n => n.Readings)
        .Int64Column("frames_sent", n => n.FramesSent)
        .Int64Column("airtime_ns", n => n.AirtimeNs)
        .NullableInt64Column("depleted_at_ns", n => n.DepletedAtNs);

    /// <summary>Residency per node, component and power state: <c>residency.parquet</c>.</summary>
    public static ResultTable<ResidencyRow> Residency { get; } = new ResultTable<ResidencyRow>("residency")
        .Int32Column("node_id", r => r.NodeId)
        .StringColumn("component", r => r.Component)
        .StringColumn("state", r => r.State)
        .Int64Column("time_ns", r => r.TimeNs)
        .Int64Column("entries", r => r.Entries)
        .DoubleColumn("power_w", r => r.PowerW)
        .DoubleColumn("energy_j", r => r.EnergyJ);
}
