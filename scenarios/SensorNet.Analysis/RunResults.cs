using Microsoft.Data.Analysis;
using SensorNet.Scenarios.Results;

namespace SensorNet.Analysis;

/// <summary>
/// One run's result directory (as written by <c>sensornet run</c> or one sweep point), loaded as
/// <see cref="DataFrame"/>s, with helpers for the common questions: residency per node and state, energy per component,
/// lifetime projection and delivery ratio. Tables are read on first use, from Parquet or CSV, and a table the run did
/// not write (an older run, say) is an empty frame with the right columns.
/// </summary>
public sealed class RunResults
{
    private readonly Dictionary<string, DataFrame> _tables = new(StringComparer.Ordinal);

    private RunResults(string directory, RunManifest manifest)
    {
        Directory = directory;
        Manifest = manifest;
    }

    /// <summary>The run directory.</summary>
    public string Directory { get; }

    /// <summary>The run's manifest.</summary>
    public RunManifest Manifest { get; }

    /// <summary>Per-node summary (<c>nodes</c> table).</summary>
    public DataFrame Nodes => Table(ResultTables.Nodes.Name);

    /// <summary>Residency per node, component and power state (<c>residency</c> table).</summary>
    public DataFrame Residency => Table(ResultTables.Residency.Name);

    /// <summary>MCU residency and kernel counters per Tock node (<c>kernel</c> table).</summary>
    public DataFrame Kernel => Table(ResultTables.Kernel.Name);

    /// <summary>Counters per Tock process (<c>processes</c> table).</summary>
    public DataFrame Processes => Table(ResultTables.Processes.Name);

    /// <summary>The sampled energy time series (<c>energy</c> table).</summary>
    public DataFrame Energy => Table(ResultTables.Energy.Name);

    /// <summary>Power-state intervals (<c>power_states</c> table).</summary>
    public DataFrame PowerStates => Table(ResultTables.PowerStates.Name);

    /// <summary>Every transmission's outcome at every receiver (<c>packets</c> table).</summary>
    public DataFrame Packets => Table(ResultTables.Packets.Name);

    /// <summary>Simulated time covered by the run, in seconds.</summary>
    public double DurationS => Manifest.EndNs / 1e9;

    /// <summary>Loads the run in <paramref name="directory"/> (its manifest now, its tables on first use).</summary>
    /// <exception cref="InvalidDataException">The directory holds no complete run.</exception>
    public static RunResults Load(string directory)
    {
        string full = Path.GetFullPath(directory);
        return new RunResults(full, RunManifest.Load(full));
    }

    /// <summary>A result table by name (<c>nodes</c>, <c>residency</c>, …).</summary>
    public DataFrame Table(string name)
    {
        if (!_tables.TryGetValue(name, out DataFrame? frame))
        {
            frame = ResultFrames.ReadTable(Directory, name) ?? ResultFrames.Empty(name);
            _tables[name] = frame;
        }

        return frame;
    }

    /// <summary>
    /// Residency of one component per node and state: columns <c>node_id</c>, <c>state</c>, <c>time_ns</c>,
    /// <c>fraction</c> (of the run), <c>entries</c>, ordered by node then state as the run listed them.
    /// </summary>
    /// <param name="component">Component name, e.g. <c>mcu</c> or <c>radio</c>.</param>
    public DataFrame ResidencyByState(string component = "mcu")
    {
        var rows = Rows.Of(Residency).Where(r => r.Str("component") == component).ToList();
        double total = Manifest.EndNs;
        return new DataFrame(
            new Int32DataFrameColumn("node_id", rows.Select(r => r.Int("node_id"))),
            new StringDataFrameColumn("state", rows.Select(r => r.Str("state"))),
            new Int64DataFrameColumn("time_ns", rows.Select(r => r.Long("time_ns"))),
            new DoubleDataFrameColumn("fraction", rows.Select(r => total > 0 ? r.Long("time_ns") / total : 0.0)),
            new Int64DataFrameColumn("entries", rows.Select(r => r.Long("entries"))));
    }

    /// <summary>
    /// Energy per node and component (summed over states): columns <c>node_id</c>, <c>component</c>, <c>energy_j</c>,
    /// <c>share</c> (of the node's total), in the order components first appear.
    /// </summary>
    public DataFrame EnergyBreakdown()
    {
        var sums = new List<(int Node, string Component, double EnergyJ)>();
        var index = new Dictionary<(int, string), int>();
        foreach (Row r in Rows.Of(Residency))
        {
            (int, string) key = (r.Int("node_id"), r.Str("component"));
            if (!index.TryGetValue(key, out int i))
            {
                i = sums.Count;
                index[key] = i;
                sums.Add((key.Item1, key.Item2, 0));
            }

            sums[i] = (sums[i].Node, sums[i].Component, sums[i].EnergyJ + r.Double("energy_j"));
        }

        Dictionary<int, double> perNode = sums.GroupBy(s => s.Node).ToDictionary(g => g.Key, g => g.Sum(s => s.EnergyJ));
        return new DataFrame(
            new Int32DataFrameColumn("node_id", sums.Select(s => s.Node)),
            new StringDataFrameColumn("component", sums.Select(s => s.Component)),
            new DoubleDataFrameColumn("energy_j", sums.Select(s => s.EnergyJ)),
            new DoubleDataFrameColumn("share", sums.Select(s => perNode[s.Node] > 0 ? s.EnergyJ / perNode[s.Node] : 0.0)));
    }

    /// <summary>
    /// Lifetime per node: measured when the store ran out during the run (<c>depleted_at_ns</c>), otherwise projected by
    /// extrapolating the run's net drain of the store, <c>(initial_j − final_j) / duration</c>, which already includes
    /// harvest, converter loss and leakage. Columns <c>node_id</c>, <c>initial_j</c>, <c>final_j</c>,
    /// <c>net_drain_w</c>, <c>lifetime_d</c> (+∞ when the store did not fall: energy-neutral over this run),
    /// <c>measured</c> (1 when the node did run out), <c>outages</c> and <c>restarts</c>. For a harvesting node that
    /// browns out and boots again, <c>lifetime_d</c> is the time to its first outage: read it with the outage and
    /// restart counts beside it (and <c>downtime_ns</c> in the node table) rather than as the end of the node.
    /// </summary>
    /// <remarks>
    /// Linear extrapolation, as in battery-lifetime estimates from a measured average current: it ignores the
    /// rate-capacity and recovery effects of KiBaM/Peukert storage, self-discharge beyond what the run saw, seasons
    /// and weather beyond the simulated span. Run a season to project a harvesting node.
    /// </remarks>
    public DataFrame LifetimeProjection()
    {
        var rows = Rows.Of(Nodes).ToList();
        double seconds = DurationS;
        double[] drain = [.. rows.Select(r => seconds > 0 ? (r.Double("initial_j") - r.Double("final_j")) / seconds : 0.0)];
        double Lifetime(Row r, double w)
        {
            long? depleted = r.NullableLong("depleted_at_ns");
            if (depleted.HasValue)
            {
                return depleted.Value / 86_400e9;
            }

            return w > 0 ? r.Double("initial_j") / w / 86_400 : double.PositiveInfinity;
        }

        return new DataFrame(
            new Int32DataFrameColumn("node_id", rows.Select(r => r.Int("node_id"))),
            new DoubleDataFrameColumn("initial_j", rows.Select(r => r.Double("initial_j"))),
            new DoubleDataFrameColumn("final_j", rows.Select(r => r.Double("final_j"))),
            new DoubleDataFrameColumn("net_drain_w", drain.Select(d => (double?)d)),
            new DoubleDataFrameColumn("lifetime_d", rows.Select((r, i) => Lifetime(r, drain[i]))),
            new Int32DataFrameColumn("measured", rows.Select(r => r.NullableLong("depleted_at_ns").HasValue ? 1 : 0)),
            new Int32DataFrameColumn("outages", rows.Select(r => r.Int("outages"))),
            new Int32DataFrameColumn("restarts", rows.Select(r => r.Int("restarts"))));
    }

    /// <summary>
    /// Delivery ratio per sending node from the node table: <c>frames_delivered / frames_sent</c> as each model defines
    /// delivery (a LoRa uplink heard by any gateway, an 802.15.4 frame acknowledged by its next hop, a BLE advertisement
    /// heard by a scanner). Columns <c>node_id</c>, <c>group</c>, <c>frames_sent</c>, <c>frames_delivered</c>,
    /// <c>delivery_ratio</c> (missing for nodes that sent nothing).
    /// </summary>
    public DataFrame DeliveryByNode()
    {
        var rows = Rows.Of(Nodes).ToList();
        return new DataFrame(
            new Int32DataFrameColumn("node_id", rows.Select(r => r.Int("node_id"))),
            new StringDataFrameColumn("group", rows.Select(r => r.Str("group"))),
            new Int64DataFrameColumn("frames_sent", rows.Select(r => r.Long("frames_sent"))),
            new Int64DataFrameColumn("frames_delivered", rows.Select(r => r.Long("frames_delivered"))),
            new DoubleDataFrameColumn("delivery_ratio", rows.Select(r => r.Long("frames_sent") > 0 ? r.Long("frames_delivered") / (double)r.Long("frames_sent") : (double?)null)));
    }

    /// <summary>
    /// Reception ratio per spreading factor from the packet records: the share of transmissions that at least one
    /// receiver got (outcome <c>received</c> or <c>captured</c>). Columns <c>sf</c>, <c>transmissions</c>,
    /// <c>delivered</c>, <c>delivery_ratio</c>, by ascending SF (0 for non-LoRa frames).
    /// </summary>
    public DataFrame DeliveryBySpreadingFactor()
    {
        var perTx = new SortedDictionary<long, (int Sf, bool Delivered)>();
        foreach (Row r in Rows.Of(Packets))
        {
            long tx = r.Long("tx_id");
            bool ok = IsReception(r.Str("outcome"));
            perTx[tx] = perTx.TryGetValue(tx, out (int Sf, bool Delivered) v) ? (v.Sf, v.Delivered || ok) : (r.Int("sf"), ok);
        }

        var groups = perTx.Values.GroupBy(v => v.Sf).OrderBy(g => g.Key).ToList();
        return new DataFrame(
            new Int32DataFrameColumn("sf", groups.Select(g => g.Key)),
            new Int64DataFrameColumn("transmissions", groups.Select(g => (long)g.Count())),
            new Int64DataFrameColumn("delivered", groups.Select(g => (long)g.Count(v => v.Delivered))),
            new DoubleDataFrameColumn("delivery_ratio", groups.Select(g => g.Count(v => v.Delivered) / (double)g.Count())));
    }

    /// <summary>
    /// Link reception ratio against distance from the packet records: every (transmission, receiver) record falls in a
    /// bin of <paramref name="binWidthM"/> metres by its sender–receiver distance. Columns <c>distance_from_m</c>,
    /// <c>distance_to_m</c>, <c>records</c>, <c>received</c>, <c>reception_ratio</c>, nearest bin first, empty bins left out.
    /// </summary>
    /// <param name="binWidthM">Bin width in metres (positive).</param>
    public DataFrame ReceptionByDistance(double binWidthM)
    {
        if (!(binWidthM > 0) || double.IsInfinity(binWidthM))
        {
            throw new ArgumentOutOfRangeException(nameof(binWidthM), binWidthM, "expected a positive, finite bin width in metres");
        }

        var bins = new SortedDictionary<long, (long Records, long Received)>();
        foreach (Row r in Rows.Of(Packets))
        {
            long bin = (long)Math.Floor(r.Double("distance_m") / binWidthM);
            (long records, long received) = bins.GetValueOrDefault(bin);
            bins[bin] = (records + 1, received + (IsReception(r.Str("outcome")) ? 1 : 0));
        }

        return new DataFrame(
            new DoubleDataFrameColumn("distance_from_m", bins.Keys.Select(b => b * binWidthM)),
            new DoubleDataFrameColumn("distance_to_m", bins.Keys.Select(b => (b + 1) * binWidthM)),
            new Int64DataFrameColumn("records", bins.Values.Select(v => v.Records)),
            new Int64DataFrameColumn("received", bins.Values.Select(v => v.Received)),
            new DoubleDataFrameColumn("reception_ratio", bins.Values.Select(v => v.Received / (double)v.Records)));
    }

    /// <summary>Packet records per outcome (<c>outcome</c>, <c>records</c>), most frequent first, ties by name.</summary>
    public DataFrame PacketOutcomes()
    {
        var counts = Rows.Of(Packets).GroupBy(r => r.Str("outcome"), StringComparer.Ordinal)
            .Select(g => (Outcome: g.Key, Count: (long)g.Count()))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Outcome, StringComparer.Ordinal).ToList();
        return new DataFrame(
            new StringDataFrameColumn("outcome", counts.Select(c => c.Outcome)),
            new Int64DataFrameColumn("records", counts.Select(c => c.Count)));
    }

    internal static bool IsReception(string outcome) => outcome is "received" or "captured";
}
