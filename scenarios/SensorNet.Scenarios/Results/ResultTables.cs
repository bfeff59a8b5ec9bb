using SensorNet.NodeKernel.Kernel;
using SensorNet.Scenarios.Running;

namespace SensorNet.Scenarios.Results;

/// <summary>The tables every run writes, with their column names and units.</summary>
public static class ResultTables
{
    /// <summary>Per-node summary: <c>nodes.parquet</c>.</summary>
    public static ResultTable<NodeSummary> Nodes { get; } = new ResultTable<NodeSummary>("nodes")
        .Int32Column("node_id", n => n.NodeId)
        .StringColumn("group", n => n.Group)
        .StringColumn("kind", n => n.Kind)
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
        .NullableInt64Column("depleted_at_ns", n => n.DepletedAtNs)
        .DoubleColumn("harvested_j", n => n.HarvestedJ)
        .Int32Column("outages", n => n.Outages)
        .Int32Column("restarts", n => n.Restarts)
        .Int64Column("downtime_ns", n => n.DowntimeNs)
        .DoubleColumn("converter_loss_j", n => n.ConverterLossJ)
        .Int64Column("frames_delivered", n => n.FramesDelivered)
        .Int64Column("messages", n => n.Messages)
        .Int64Column("messages_acked", n => n.MessagesAcked)
        .Int64Column("retransmissions", n => n.Retransmissions)
        .Int64Column("duty_cycle_wait_ns", n => n.DutyCycleWaitNs)
        .Int64Column("frames_forwarded", n => n.FramesForwarded);

    /// <summary>Residency per node, component and power state: <c>residency.parquet</c>.</summary>
    public static ResultTable<ResidencyRow> Residency { get; } = new ResultTable<ResidencyRow>("residency")
        .Int32Column("node_id", r => r.NodeId)
        .StringColumn("component", r => r.Component)
        .StringColumn("state", r => r.State)
        .Int64Column("time_ns", r => r.TimeNs)
        .Int64Column("entries", r => r.Entries)
        .DoubleColumn("power_w", r => r.PowerW)
        .DoubleColumn("energy_j", r => r.EnergyJ);

    /// <summary>MCU residency and kernel counters per Tock node: <c>kernel.parquet</c> (no rows when no node runs Tock).</summary>
    public static ResultTable<KernelReport> Kernel { get; } = new ResultTable<KernelReport>("kernel")
        .Int32Column("node_id", k => k.NodeId)
        .StringColumn("chip", k => k.Chip)
        .StringColumn("scheduler", k => k.Scheduler)
        .Int64Column("active_ns", k => k.ActiveNs)
        .Int64Column("shallow_sleep_ns", k => k.ShallowSleepNs)
        .Int64Column("deep_sleep_ns", k => k.DeepSleepNs)
        .Int64Column("off_ns", k => k.OffNs)
        .Int64Column("kernel_cpu_ns", k => k.KernelCpuNs)
        .Int64Column("process_cpu_ns", k => k.ProcessCpuNs)
        .Int64Column("wakeups", k => k.Wakeups)
        .Int64Column("mcu_transitions", k => k.McuTransitions)
        .Int64Column("shallow_sleeps", k => k.ShallowSleeps)
        .Int64Column("deep_sleeps", k => k.DeepSleeps)
        .Int64Column("loop_iterations", k => k.LoopIterations)
        .Int64Column("bottom_halves", k => k.BottomHalves)
        .Int64Column("deferred_calls", k => k.DeferredCalls)
        .Int64Column("syscalls", k => k.Syscalls)
        .Int64Column("upcalls_delivered", k => k.UpcallsDelivered)
        .Int64Column("upcalls_dropped", k => k.UpcallsDropped)
        .Int64Column("faults", k => k.Faults)
        .Int64Column("restarts", k => k.Restarts)
        .Int32Column("panicked", k => k.Panicked ? 1 : 0)
        .Int64Column("alarm_programmings", k => k.AlarmProgrammings)
        .Int64Column("alarm_split_legs", k => k.AlarmSplitLegs);

    /// <summary>Counters per process on every Tock node: <c>processes.parquet</c>.</summary>
    public static ResultTable<ProcessReport> Processes { get; } = new ResultTable<ProcessReport>("processes")
        .Int32Column("node_id", p => p.NodeId)
        .Int32Column("process", p => p.ProcessIndex)
        .StringColumn("name", p => p.Name)
        .StringColumn("state", p => p.State)
        .Int64Column("syscalls_yield", p => p.SyscallsYield)
        .Int64Column("syscalls_subscribe", p => p.SyscallsSubscribe)
        .Int64Column("syscalls_command", p => p.SyscallsCommand)
        .Int64Column("syscalls_allow_rw", p => p.SyscallsAllowRw)
        .Int64Column("syscalls_allow_ro", p => p.SyscallsAllowRo)
        .Int64Column("syscalls_memop", p => p.SyscallsMemop)
        .Int64Column("syscalls_exit", p => p.SyscallsExit)
        .Int64Column("syscalls_allow_ur", p => p.SyscallsAllowUr)
        .Int64Column("upcalls_delivered", p => p.UpcallsDelivered)
        .Int64Column("waitfor_deliveries", p => p.WaitForDeliveries)
        .Int64Column("return_values_discarded", p => p.ReturnValuesDiscarded)
        .Int64Column("upcalls_dropped", p => p.UpcallsDropped)
        .Int64Column("cpu_time_ns", p => p.CpuTimeNs)
        .Int64Column("dispatches", p => p.Dispatches)
        .Int64Column("timeslices_expired", p => p.TimeslicesExpired)
        .Int64Column("preemptions", p => p.Preemptions)
        .Int64Column("faults", p => p.Faults)
        .Int64Column("restarts", p => p.Restarts)
        .Int32Column("grant_bytes", p => p.GrantBytes);

    /// <summary>The energy time series: <c>energy.parquet</c> (no rows unless the scenario sets an interval).</summary>
    public static ResultTable<EnergySample> Energy { get; } = new ResultTable<EnergySample>("energy")
        .Int64Column("time_ns", e => e.TimeNs)
        .Int32Column("node_id", e => e.NodeId)
        .DoubleColumn("stored_j", e => e.StoredJ)
        .DoubleColumn("voltage_v", e => e.VoltageV)
        .DoubleColumn("harvest_w", e => e.HarvestW)
        .DoubleColumn("draw_w", e => e.DrawW)
        .Int32Column("on", e => e.On ? 1 : 0);

    /// <summary>Every power-state interval: <c>power_states.parquet</c> (no rows unless the scenario traces them).</summary>
    public static ResultTable<PowerStateRow> PowerStates { get; } = new ResultTable<PowerStateRow>("power_states")
        .Int32Column("node_id", r => r.NodeId)
        .StringColumn("component", r => r.Component)
        .StringColumn("state", r => r.State)
        .Int64Column("start_ns", r => r.StartNs)
        .Int64Column("end_ns", r => r.EndNs)
        .DoubleColumn("power_w", r => r.PowerW)
        .DoubleColumn("energy_j", r => r.EnergyJ);

    /// <summary>Every transmission's outcome at every receiver that heard it: <c>packets.parquet</c>.</summary>
    public static ResultTable<RadioModels.Medium.PacketRecord> Packets { get; } = new ResultTable<RadioModels.Medium.PacketRecord>("packets")
        .Int64Column("tx_id", p => p.TransmissionId)
        .Int32Column("sender", p => p.Sender)
        .Int32Column("receiver", p => p.Receiver)
        .Int64Column("start_ns", p => p.StartNs)
        .Int64Column("end_ns", p => p.EndNs)
        .Int32Column("sf", p => p.SpreadingFactor)
        .DoubleColumn("frequency_hz", p => p.FrequencyHz)
        .DoubleColumn("rx_power_dbm", p => p.RxPowerDbm)
        .DoubleColumn("distance_m", p => p.DistanceM)
        .StringColumn("outcome", p => OutcomeName(p.Outcome))
        .Int64Column("interferer_tx_id", p => p.InterfererId);

    /// <summary>Every table a run writes, by file stem.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<ResultColumn>> Schemas { get; } = new Dictionary<string, IReadOnlyList<ResultColumn>>(StringComparer.Ordinal)
    {
        [Nodes.Name] = Nodes.Columns,
        [Residency.Name] = Residency.Columns,
        [Kernel.Name] = Kernel.Columns,
        [Processes.Name] = Processes.Columns,
        [Energy.Name] = Energy.Columns,
        [PowerStates.Name] = PowerStates.Columns,
        [Packets.Name] = Packets.Columns,
    };

    private static string OutcomeName(RadioModels.Medium.ReceptionOutcome outcome) => outcome switch
    {
        RadioModels.Medium.ReceptionOutcome.Received => "received",
        RadioModels.Medium.ReceptionOutcome.Captured => "captured",
        RadioModels.Medium.ReceptionOutcome.BelowSensitivity => "below_sensitivity",
        RadioModels.Medium.ReceptionOutcome.Interference => "interference",
        RadioModels.Medium.ReceptionOutcome.ReceiverBusy => "receiver_busy",
        RadioModels.Medium.ReceptionOutcome.HalfDuplex => "half_duplex",
        _ => "no_free_demodulator",
    };
}
