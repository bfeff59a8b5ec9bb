using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;

namespace SensorNet.Analysis.Report;

/// <summary>What a report shows beyond its fixed charts.</summary>
/// <param name="MapMetric">Numeric column of the node table that colours the node map (default <c>energy_j</c>).</param>
/// <param name="SweepMetric">Summary column plotted against each swept parameter; null: delivery ratio (when frames were sent) and energy.</param>
public sealed record ReportOptions(string MapMetric = "energy_j", string? SweepMetric = null);

/// <summary>
/// Writes <c>report.html</c>: one self-contained page (inline CSS and SVG, no script, no fonts or images fetched, so it
/// opens offline and prints as it looks) for a run or a sweep. A run's page shows residency stacked bars, the energy
/// per component, stored energy and voltage over time, harvest against consumption, packet delivery, a node map
/// coloured by a chosen metric, the kernel counters and the manifest; a sweep's page shows each key metric (mean and
/// 95 % Student-t interval across replications) against each swept parameter. A chart whose data the run did not
/// record is replaced by a sentence saying what to switch on, never drawn empty. Same results ⇒ same bytes.
/// </summary>
public static class HtmlReport
{
    /// <summary>File name of the report.</summary>
    public const string FileName = "report.html";

    /// <summary>Above this many nodes, per-node bar charts show one bar per group (the group's mean) instead.</summary>
    public const int MaxBars = 60;

    /// <summary>Writes the report of the run or sweep in <paramref name="directory"/> and returns its path.</summary>
    /// <exception cref="InvalidDataException">The directory holds neither a complete run nor a finished sweep.</exception>
    /// <exception cref="ArgumentException">An option names a column that does not exist (the message lists those that do).</exception>
    public static string Write(string directory, ReportOptions? options = null)
    {
        options ??= new ReportOptions();
        string html = SweepResults.IsSweep(directory) ? Render(SweepResults.Load(directory), options) : Render(RunResults.Load(directory), options);
        string path = Path.Combine(directory, FileName);
        string partial = path + ".partial";
        File.WriteAllText(partial, html, new UTF8Encoding(false));
        File.Move(partial, path, overwrite: true);
        return path;
    }

    /// <summary>The report page of one run.</summary>
    public static string Render(RunResults run, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(options);
        var nodes = Rows.Of(run.Nodes).ToList();
        if (run.Nodes.Columns.IndexOf(options.MapMetric) < 0 || run.Nodes.Columns[options.MapMetric] is StringDataFrameColumn)
        {
            throw new ArgumentException($"'{options.MapMetric}' is not a numeric column of the node table; choose one of {string.Join(", ", run.Nodes.Columns.Where(c => c is not StringDataFrameColumn).Select(c => c.Name))}.", nameof(options));
        }

        var page = new Page($"{run.Manifest.RunName} — SensorNet report");
        RunManifest m = run.Manifest;
        page.Heading($"{m.RunName}", $"{m.ScenarioFile} · seed {m.Seed} · replication {m.Replication} · {Duration(m.EndNs)} simulated · {m.Events.ToString("N0", CultureInfo.InvariantCulture)} events · sensornet {m.ToolVersion}");
        page.Table(["nodes", "energy consumed", "harvested", "frames sent", "frames delivered", "outages"], [[
            nodes.Count.ToString(CultureInfo.InvariantCulture),
            Charts.Format(nodes.Sum(n => n.Double("energy_j"))) + " J",
            Charts.Format(nodes.Sum(n => n.Double("harvested_j"))) + " J",
            nodes.Sum(n => n.Long("frames_sent")).ToString(CultureInfo.InvariantCulture),
            nodes.Sum(n => n.Long("frames_delivered")).ToString(CultureInfo.InvariantCulture),
            nodes.Sum(n => n.Long("outages")).ToString(CultureInfo.InvariantCulture)]]);

        var grouping = new Grouping(nodes);
        page.Section("Residency");
        var residency = Rows.Of(run.Residency).ToList();
        string[] components = [.. residency.Select(r => r.Str("component")).Distinct(StringComparer.Ordinal)];
        if (components.Length == 0)
        {
            page.Missing("No residency rows: the run has no nodes.");
        }

        foreach (string component in components.Where(c => c is "mcu" or "radio").DefaultIfEmpty(components.FirstOrDefault() ?? "mcu").Distinct(StringComparer.Ordinal))
        {
            var rows = residency.Where(r => r.Str("component") == component).Select(r => (r.Int("node_id"), r.Str("state"), r.Long("time_ns") / (double)Math.Max(1, m.EndNs))).ToList();
            (string[] cats, List<(string, double[])> series) = grouping.Matrix(rows);
            page.Add(Charts.StackedBars($"residency-{component}", $"{component} residency per {grouping.Unit}", cats, series, "fraction of time", grouping.Note));
        }

        page.Section("Energy");
        (string[] ec, List<(string, double[])> es) = grouping.Matrix(residency.Select(r => (r.Int("node_id"), r.Str("component"), r.Double("energy_j"))).ToList());
        page.Add(Charts.StackedBars("energy-components", $"Energy per component per {grouping.Unit}", ec, es, "J", grouping.Note));
        TimeSeries(page, run, nodes.Count);

        page.Section("Packets");
        long sent = nodes.Sum(n => n.Long("frames_sent"));
        DataFrame outcomes = run.PacketOutcomes();
        if (sent > 0 && outcomes.Rows.Count == 0 && nodes.Sum(n => n.Long("frames_delivered")) == 0)
        {
            page.Missing($"{sent} frames were sent but no receiver listened (the scenario has no gateway, sink or scanner), so delivery is not defined.");
        }
        else if (sent > 0)
        {
            var ratio = nodes.Where(n => n.Long("frames_sent") > 0).Select(n => (n.Int("node_id"), "delivery", n.Long("frames_delivered") / (double)n.Long("frames_sent"))).ToList();
            (string[] dc, List<(string, double[])> ds) = grouping.Matrix(ratio);
            page.Add(Charts.Bars("delivery", $"Delivery ratio per {grouping.Unit} (frames delivered / frames sent)", dc, ds[0].Item2, "ratio", 1, grouping.Note));
        }
        else
        {
            page.Missing("No frames were sent in this run.");
        }

        if (outcomes.Rows.Count > 0)
        {
            var o = Rows.Of(outcomes).ToList();
            page.Add(Charts.Bars("packet-outcomes", "Reception outcomes (one record per transmission and receiver)", [.. o.Select(r => r.Str("outcome"))], [.. o.Select(r => (double)r.Long("records"))], "records"));
        }
        else
        {
            page.Missing("No packet records: no transmission reached a listening receiver (or the run has no radio medium).");
        }

        page.Section("Node map");
        page.Add(Charts.Map("node-map", $"Node positions coloured by {options.MapMetric}", [.. nodes.Select(n => $"node {n.Int("node_id")} ({n.Str("group")})")], [.. nodes.Select(n => n.Double("x_m"))], [.. nodes.Select(n => n.Double("y_m"))], [.. nodes.Select(n => n.Double(options.MapMetric))], options.MapMetric));

        var kernel = Rows.Of(run.Kernel).Take(MaxBars).ToList();
        if (kernel.Count > 0)
        {
            page.Section("Tock kernel");
            page.Table(["node", "chip", "active", "shallow sleep", "deep sleep", "off", "wakeups", "syscalls", "upcalls", "deferred calls"], kernel.Select(k => (IReadOnlyList<string>)[
                k.Int("node_id").ToString(CultureInfo.InvariantCulture), k.Str("chip"),
                Percent(k.Long("active_ns"), m.EndNs), Percent(k.Long("shallow_sleep_ns"), m.EndNs), Percent(k.Long("deep_sleep_ns"), m.EndNs), Percent(k.Long("off_ns"), m.EndNs),
                k.Long("wakeups").ToString(CultureInfo.InvariantCulture), k.Long("syscalls").ToString(CultureInfo.InvariantCulture),
                k.Long("upcalls_delivered").ToString(CultureInfo.InvariantCulture), k.Long("deferred_calls").ToString(CultureInfo.InvariantCulture)]).ToList());
        }

        page.Section("Manifest");
        page.Raw($"<details open><summary>manifest.json</summary><pre>{Svg.Escape(m.Json)}</pre></details>\n");
        return page.ToString();
    }

    /// <summary>The report page of a sweep.</summary>
    public static string Render(SweepResults sweep, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(options);
        var page = new Page($"{sweep.Name} — SensorNet sweep report");
        page.Heading(sweep.Name, $"sweep over {string.Join(", ", sweep.Parameters)} · {sweep.RunsComplete} of {sweep.RunsTotal} runs complete");
        bool sent = Rows.Of(sweep.Summary).Any(r => r.Long("frames_sent") > 0);
        string[] metrics = options.SweepMetric is { } chosen ? [chosen] : sent ? ["delivery_ratio", "energy_j"] : ["energy_j"];
        foreach (string metric in metrics)
        {
            page.Section(metric);
            foreach (string p in sweep.Parameters)
            {
                var agg = Rows.Of(sweep.Aggregate(metric, 0.95, p)).ToList();
                page.Add(Charts.Intervals($"sweep-{metric}-{p}", $"{metric} against {p}", p, metric, [.. agg.Select(a => a.Str(p))], [.. agg.Select(a => a.Double("mean"))], [.. agg.Select(a => a.Double("ci_low"))], [.. agg.Select(a => a.Double("ci_high"))],
                    "Mean across replications (and across the other swept parameters) with its 95 % Student-t interval."));
            }

            var perPoint = Rows.Of(sweep.Aggregate(metric)).ToList();
            page.Table([.. sweep.Parameters, "n", "mean", "95 % CI"], perPoint.Select(a => (IReadOnlyList<string>)[.. sweep.Parameters.Select(a.Str), a.Int("n").ToString(CultureInfo.InvariantCulture), Charts.Format(a.Double("mean")), $"[{Charts.Format(a.Double("ci_low"))}, {Charts.Format(a.Double("ci_high"))}]"]).ToList());
        }

        return page.ToString();
    }

    private static void TimeSeries(Page page, RunResults run, int nodeCount)
    {
        var rows = Rows.Of(run.Energy).ToList();
        if (rows.Count == 0)
        {
            page.Missing("No energy time series: set outputs.energySampleInterval (e.g. 10 min) in the scenario to record stored energy, voltage, harvest and draw over time.");
            return;
        }

        bool days = run.Manifest.EndNs > 3 * 86_400e9;
        double scale = days ? 86_400e9 : 3_600e9;
        string xLabel = days ? "time (d)" : "time (h)";
        var byNode = rows.GroupBy(r => r.Int("node_id")).OrderBy(g => g.Key).ToList();
        List<(string, double[], double[])> Series(string column) => nodeCount <= 10
            ? [.. byNode.Select(g => ($"node {g.Key}", g.Select(r => r.Long("time_ns") / scale).ToArray(), g.Select(r => r.Double(column)).ToArray()))]
            : Band(rows, column, scale);
        string note = nodeCount <= 10 ? "One line per node." : "Minimum, mean and maximum across nodes at each sample.";
        page.Add(Charts.Lines("stored-energy", "Stored energy over time", xLabel, "J", Series("stored_j"), note));
        if (rows.Any(r => r.Double("voltage_v") > 0))
        {
            page.Add(Charts.Lines("voltage", "Storage voltage over time", xLabel, "V", Series("voltage_v"), note));
        }

        var totals = rows.GroupBy(r => r.Long("time_ns")).OrderBy(g => g.Key).ToList();
        double[] t = [.. totals.Select(g => g.Key / scale)];
        page.Add(Charts.Lines("harvest-vs-draw", "Harvested against consumed power, all nodes", xLabel, "W",
            [("harvest", t, [.. totals.Select(g => g.Sum(r => r.Double("harvest_w")))]), ("consumption", t, [.. totals.Select(g => g.Sum(r => r.Double("draw_w")))])],
            "Sum over nodes of the harvester's output and the loads' draw at each sample instant."));
    }

    private static List<(string, double[], double[])> Band(List<Row> rows, string column, double scale)
    {
        var at = rows.GroupBy(r => r.Long("time_ns")).OrderBy(g => g.Key).ToList();
        double[] t = [.. at.Select(g => g.Key / scale)];
        return [
            ("max", t, [.. at.Select(g => g.Max(r => r.Double(column)))]),
            ("mean", t, [.. at.Select(g => g.Average(r => r.Double(column)))]),
            ("min", t, [.. at.Select(g => g.Min(r => r.Double(column)))]),
        ];
    }

    private static string Percent(long ns, long total) => total > 0 ? (100.0 * ns / total).ToString("0.###", CultureInfo.InvariantCulture) + " %" : "–";

    private static string Duration(long ns) => ns >= 86_400e9 ? Charts.Format(ns / 86_400e9) + " d" : ns >= 3_600e9 ? Charts.Format(ns / 3_600e9) + " h" : Charts.Format(ns / 1e9) + " s";

    /// <summary>Per-node bars, or per-group means above <see cref="MaxBars"/> nodes.</summary>
    private sealed class Grouping(List<Row> nodes)
    {
        private readonly Dictionary<int, string> _group = nodes.ToDictionary(n => n.Int("node_id"), n => n.Str("group"));

        public bool PerNode { get; } = nodes.Count <= MaxBars;

        public string Unit => PerNode ? "node" : "group";

        public string? Note => PerNode ? null : $"{nodes.Count} nodes: each bar is the mean over the nodes of a group.";

        /// <summary>Categories (node ids or groups in first-seen order) and one series per key, values summed per node then averaged per group.</summary>
        public (string[] Categories, List<(string Name, double[] Values)> Series) Matrix(List<(int Node, string Key, double Value)> rows)
        {
            string Category(int node) => PerNode ? node.ToString(CultureInfo.InvariantCulture) : _group.GetValueOrDefault(node, "?");
            string[] categories = [.. rows.Select(r => Category(r.Node)).Distinct(StringComparer.Ordinal)];
            string[] keys = [.. rows.Select(r => r.Key).Distinct(StringComparer.Ordinal)];
            var catIndex = categories.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
            var members = rows.GroupBy(r => Category(r.Node), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(r => r.Node).Distinct().Count(), StringComparer.Ordinal);
            var series = keys.Select(k => (k, new double[categories.Length])).ToList();
            var keyIndex = keys.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i, StringComparer.Ordinal);
            foreach ((int node, string key, double value) in rows)
            {
                string c = Category(node);
                series[keyIndex[key]].Item2[catIndex[c]] += value / members[c];
            }

            return (categories, series);
        }
    }

    /// <summary>The page skeleton: inline style, headings, tables, figures.</summary>
    private sealed class Page
    {
        private readonly StringBuilder _b = new();

        public Page(string title)
        {
            _b.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Svg.Escape(title)).Append("</title>\n<style>")
              .Append("body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:24px auto;max-width:900px;color:#222;background:#fff}")
              .Append("h1{font-size:22px;margin-bottom:2px}h2{font-size:17px;border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:32px}")
              .Append(".sub{color:#666;margin-top:0}figure.chart{margin:16px 0}figcaption{font-weight:600;margin-bottom:4px}")
              .Append(".note{color:#666;font-size:12px;margin:2px 0}.missing{color:#8a5a00;background:#fff8e6;padding:6px 10px;border-left:3px solid #e0a800}")
              .Append("table{border-collapse:collapse;font-size:13px;margin:8px 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:right}th{background:#f3f3f3}")
              .Append("pre{background:#f7f7f7;padding:8px;font-size:12px;overflow:auto;max-height:480px}svg text{fill:#222;font-family:inherit}")
              .Append("</style></head><body>\n");
        }

        public void Heading(string title, string subtitle) =>
            _b.Append("<h1>").Append(Svg.Escape(title)).Append("</h1><p class=\"sub\">").Append(Svg.Escape(subtitle)).Append("</p>\n");

        public void Section(string title) => _b.Append("<h2>").Append(Svg.Escape(title)).Append("</h2>\n");

        public void Add(string figure) => _b.Append(figure);

        public void Raw(string html) => _b.Append(html);

        public void Missing(string sentence) => _b.Append("<p class=\"missing\">").Append(Svg.Escape(sentence)).Append("</p>\n");

        public void Table(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
        {
            _b.Append("<table><tr>");
            foreach (string h in header)
            {
                _b.Append("<th>").Append(Svg.Escape(h)).Append("</th>");
            }

            _b.Append("</tr>");
            foreach (IReadOnlyList<string> row in rows)
            {
                _b.Append("<tr>");
                foreach (string cell in row)
                {
                    _b.Append("<td>").Append(Svg.Escape(cell)).Append("</td>");
                }

                _b.Append("</tr>");
            }

            _b.Append("</table>\n");
        }

        public override string ToString() => _b + "</body></html>\n";
    }
}
