using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using SensorNet.RadioModels.Medium;
using SensorNet.Scenarios.Running;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.Scenarios.Results;

/// <summary>
/// Writes a run's result directory: <c>nodes.parquet</c>, <c>residency.parquet</c>, <c>kernel.parquet</c>,
/// <c>processes.parquet</c>, <c>energy.parquet</c>, <c>power_states.parquet</c>, <c>packets.parquet</c> and <c>manifest.json</c>.
/// Everything is written to a sibling <c>.partial</c> directory that is renamed into place only when complete,
/// so an interrupted run never leaves a directory that looks finished. The files are byte-identical for the same
/// scenario, seed and replication: no timestamps, no absolute paths, fixed key order.
/// </summary>
public static class ResultsWriter
{
    /// <summary>Name of the manifest file.</summary>
    public const string ManifestFile = "manifest.json";

    /// <summary>Writes the results of <paramref name="run"/> to <paramref name="directory"/>, replacing an older result there.</summary>
    /// <param name="run">The finished run.</param>
    /// <param name="directory">Target directory, e.g. <c>results/quickstart</c>.</param>
    /// <param name="scenarioFileName">The scenario file's name (no directory), recorded in the manifest.</param>
    /// <param name="scenarioText">The scenario file's text, hashed into the manifest.</param>
    /// <param name="cancellationToken">Cancels writing; the target is then left untouched.</param>
    public static Task WriteAsync(RunResult run, string directory, string scenarioFileName, string scenarioText, CancellationToken cancellationToken = default) =>
        WriteAsync(run, directory, scenarioFileName, scenarioText, ResultsFormat.Parquet, cancellationToken);

    /// <summary>Writes the results of <paramref name="run"/> as Parquet or CSV tables (same names and columns).</summary>
    /// <param name="run">The finished run.</param>
    /// <param name="directory">Target directory.</param>
    /// <param name="scenarioFileName">The scenario file's name, recorded in the manifest.</param>
    /// <param name="scenarioText">The scenario file's text, hashed into the manifest.</param>
    /// <param name="format">Table format.</param>
    /// <param name="cancellationToken">Cancels writing; the target is then left untouched.</param>
    public static async Task WriteAsync(RunResult run, string directory, string scenarioFileName, string scenarioText, ResultsFormat format, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        string target = Path.GetFullPath(directory);
        string partial = StartPartial(target);
        var files = new List<(string Name, long Rows)>();
        await WriteSummaryTablesAsync(run, partial, format, files, cancellationToken).ConfigureAwait(false);
        files.Add(await WriteTableAsync(ResultTables.Energy, run.Energy, partial, format, cancellationToken).ConfigureAwait(false));
        files.Add(await WriteTableAsync(ResultTables.PowerStates, run.PowerStates, partial, format, cancellationToken).ConfigureAwait(false));
        files.Add(await WriteTableAsync(ResultTables.Packets, run.Packets, partial, format, cancellationToken).ConfigureAwait(false));
        await PublishAsync(run, target, partial, scenarioFileName, scenarioText, files, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Default rows per row group when traces are streamed (about 15 MB of power-state rows per buffer).</summary>
    public const int DefaultRowGroupRows = 1 << 18;

    /// <summary>
    /// Runs <paramref name="config"/> and writes its results to <paramref name="directory"/>, streaming the energy time
    /// series, power-state intervals and packet records to their files in row groups of <paramref name="rowGroupRows"/>
    /// while the run goes on: memory does not grow with the traces (and the in-memory caps do not apply), and writing
    /// overlaps the simulation. Everything goes to the <c>.partial</c> directory first and is renamed into place only
    /// when the run and every file are complete; on failure or cancellation the partial directory is removed.
    /// </summary>
    /// <param name="config">The resolved scenario.</param>
    /// <param name="replication">Replication index.</param>
    /// <param name="directory">Target directory.</param>
    /// <param name="scenarioFileName">The scenario file's name, recorded in the manifest.</param>
    /// <param name="scenarioText">The scenario file's text, hashed into the manifest.</param>
    /// <param name="format">Table format.</param>
    /// <param name="progress">Receives the fraction of simulated time done.</param>
    /// <param name="rowGroupRows">Rows per row group (per CSV batch) of the streamed tables.</param>
    /// <param name="cancellationToken">Stops the run; the target is then left untouched.</param>
    /// <returns>The run's result, whose trace lists are empty (the rows are in the files).</returns>
    public static async Task<RunResult> RunAsync(
        ScenarioConfig config,
        int replication,
        string directory,
        string scenarioFileName,
        string scenarioText,
        ResultsFormat format = ResultsFormat.Parquet,
        IProgress<double>? progress = null,
        int rowGroupRows = DefaultRowGroupRows,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        string target = Path.GetFullPath(directory);
        string partial = StartPartial(target);
        try
        {
            string extension = Extension(format);
            string PathOf<T>(ResultTable<T> table) => Path.Combine(partial, table.Name + extension);
            await using StreamedTable<EnergySample> energy = await StreamedTable<EnergySample>.OpenAsync(ResultTables.Energy, PathOf(ResultTables.Energy), format, rowGroupRows, cancellationToken).ConfigureAwait(false);
            await using StreamedTable<PowerStateRow> powerStates = await StreamedTable<PowerStateRow>.OpenAsync(ResultTables.PowerStates, PathOf(ResultTables.PowerStates), format, rowGroupRows, cancellationToken).ConfigureAwait(false);
            await using StreamedTable<PacketRecord> packets = await StreamedTable<PacketRecord>.OpenAsync(ResultTables.Packets, PathOf(ResultTables.Packets), format, rowGroupRows, cancellationToken).ConfigureAwait(false);
            RunResult run = ScenarioRunner.Run(config, replication, new TraceSinks(energy, powerStates, packets), progress, cancellationToken);
            var files = new List<(string Name, long Rows)>();
            await WriteSummaryTablesAsync(run, partial, format, files, cancellationToken).ConfigureAwait(false);
            await energy.CompleteAsync().ConfigureAwait(false);
            await powerStates.CompleteAsync().ConfigureAwait(false);
            await packets.CompleteAsync().ConfigureAwait(false);
            files.Add((ResultTables.Energy.Name + extension, energy.Rows));
            files.Add((ResultTables.PowerStates.Name + extension, powerStates.Rows));
            files.Add((ResultTables.Packets.Name + extension, packets.Rows));
            await PublishAsync(run, target, partial, scenarioFileName, scenarioText, files, cancellationToken).ConfigureAwait(false);
            return run;
        }
        catch
        {
            // Nothing of a failed run is kept: a .partial directory is never mistaken for a result, but it is not left behind.
            if (Directory.Exists(partial))
            {
                Directory.Delete(partial, recursive: true);
            }

            throw;
        }
    }

    private static string Extension(ResultsFormat format) => format == ResultsFormat.Csv ? ".csv" : ".parquet";

    // A fresh sibling '.partial' directory for the files of a result being written.
    private static string StartPartial(string target)
    {
        string partial = target.TrimEnd(Path.DirectorySeparatorChar) + ".partial";
        if (Directory.Exists(partial))
        {
            Directory.Delete(partial, recursive: true);
        }

        Directory.CreateDirectory(partial);
        return partial;
    }

    private static async Task<(string Name, long Rows)> WriteTableAsync<T>(ResultTable<T> table, IReadOnlyList<T> rows, string partial, ResultsFormat format, CancellationToken cancellationToken)
    {
        string name = table.Name + Extension(format);
        string path = Path.Combine(partial, name);
        int count = format == ResultsFormat.Csv
            ? await table.WriteCsvAsync(rows, path, cancellationToken).ConfigureAwait(false)
            : await table.WriteParquetAsync(rows, path, cancellationToken).ConfigureAwait(false);
        return (name, count);
    }

    private static async Task WriteSummaryTablesAsync(RunResult run, string partial, ResultsFormat format, List<(string Name, long Rows)> files, CancellationToken cancellationToken)
    {
        files.Add(await WriteTableAsync(ResultTables.Nodes, run.Nodes, partial, format, cancellationToken).ConfigureAwait(false));
        files.Add(await WriteTableAsync(ResultTables.Residency, run.Residency, partial, format, cancellationToken).ConfigureAwait(false));
        files.Add(await WriteTableAsync(ResultTables.Kernel, run.Kernels, partial, format, cancellationToken).ConfigureAwait(false));
        files.Add(await WriteTableAsync(ResultTables.Processes, run.Processes, partial, format, cancellationToken).ConfigureAwait(false));
    }

    // Writes the manifest and renames the partial directory into place.
    private static async Task PublishAsync(RunResult run, string target, string partial, string scenarioFileName, string scenarioText, List<(string Name, long Rows)> files, CancellationToken cancellationToken)
    {
        await File.WriteAllBytesAsync(Path.Combine(partial, ManifestFile), Manifest(run, scenarioFileName, scenarioText, partial, files), cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (Directory.Exists(target))
        {
            // Move the old result aside first so that the target name always holds a complete result or nothing.
            string old = target + ".old";
            if (Directory.Exists(old))
            {
                Directory.Delete(old, recursive: true);
            }

            Directory.Move(target, old);
            Directory.Move(partial, target);
            Directory.Delete(old, recursive: true);
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            Directory.Move(partial, target);
        }
    }

    /// <summary>The tool's version as recorded in manifests.</summary>
    public static string ToolVersion { get; } =
        typeof(ResultsWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private static byte[] Manifest(RunResult run, string scenarioFileName, string scenarioText, string dir, List<(string Name, long Rows)> files)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            ScenarioConfig c = run.Config;
            w.WriteStartObject();
            w.WriteString("format", "sensornet-run/1");
            w.WriteStartObject("tool");
            w.WriteString("name", "sensornet");
            w.WriteString("version", ToolVersion);
            w.WriteEndObject();
            w.WriteString("run_name", c.Name);
            w.WriteString("scenario_file", scenarioFileName);
            w.WriteString("scenario_sha256", Sha256(System.Text.Encoding.UTF8.GetBytes(scenarioText)));
            w.WriteNumber("seed", c.Seed);
            w.WriteNumber("replication", run.Replication);
            w.WriteNumber("duration_ns", c.Duration.Nanoseconds);
            w.WriteNumber("end_ns", run.EndNs);
            w.WriteNumber("events", run.Events);
            // Network-wide totals, so a sweep's summary can be built from the manifests alone.
            w.WriteStartObject("totals");
            w.WriteNumber("nodes", run.Nodes.Count);
            w.WriteNumber("frames_sent", run.Nodes.Sum(n => n.FramesSent));
            w.WriteNumber("frames_delivered", run.Nodes.Sum(n => n.FramesDelivered));
            w.WriteNumber("messages", run.Nodes.Sum(n => n.Messages));
            w.WriteNumber("energy_j", run.Nodes.Sum(n => n.EnergyJ));
            w.WriteNumber("harvested_j", run.Nodes.Sum(n => n.HarvestedJ));
            w.WriteNumber("outages", run.Nodes.Sum(n => n.Outages));
            w.WriteEndObject();
            w.WritePropertyName("scenario");
            WriteScenario(w, c);
            w.WriteStartArray("files");
            foreach ((string name, long rows) in files)
            {
                w.WriteStartObject();
                w.WriteString("name", name);
                w.WriteNumber("rows", rows);
                w.WriteString("sha256", Sha256(File.ReadAllBytes(Path.Combine(dir, name))));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    // The scenario as resolved: every default applied, values in canonical units with the unit in the key.
    private static void WriteScenario(Utf8JsonWriter w, ScenarioConfig c)
    {
        w.WriteStartObject();
        w.WriteString("name", c.Name);
        w.WriteNumber("seed", c.Seed);
        w.WriteNumber("duration_ns", c.Duration.Nanoseconds);
        w.WriteNumber("energy_sample_interval_ns", c.EnergySampleInterval.Nanoseconds);
        w.WriteBoolean("power_state_trace", c.PowerStateTrace);
        w.WriteBoolean("packet_trace", c.PacketTrace);
        w.WriteStartArray("nodes");
        foreach (NodeGroupConfig g in c.Groups)
        {
            w.WriteStartObject();
            WriteGroupFields(w, g);
            if (g.Overrides.Count > 0)
            {
                w.WriteStartArray("overrides");
                foreach (NodeOverride o in g.Overrides)
                {
                    w.WriteStartObject();
                    w.WriteStartArray("node_indices");
                    foreach (int node in o.Nodes)
                    {
                        w.WriteNumberValue(node);
                    }

                    w.WriteEndArray();
                    WriteGroupFields(w, o.Config);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (c.Network is { } network)
        {
            WriteNetwork(w, network);
        }

        w.WriteEndObject();
    }

    // A group's fields (also an override's, whose name, count and placement are the group's).
    private static void WriteGroupFields(Utf8JsonWriter w, NodeGroupConfig g)
    {
        w.WriteString("name", g.Name);
        w.WriteNumber("count", g.Count);
        if (g.BootSpread.Nanoseconds > 0)
        {
            w.WriteNumber("boot_spread_ns", g.BootSpread.Nanoseconds);
        }

        w.WriteStartObject("placement");
        w.WriteString("kind", g.Placement.Kind);
        foreach ((string name, double value) in g.Placement.ManifestFields())
        {
            w.WriteNumber(name, value);
        }

        w.WriteEndObject();
        w.WriteStartObject("storage");
        w.WriteString("kind", g.Storage.Kind);
        foreach ((string name, double value) in g.Storage.ManifestFields())
        {
            w.WriteNumber(name, value);
        }

        w.WriteEndObject();
        switch (g)
        {
            case LoRaSenseGroupConfig l:
                WriteLoRaGroup(w, l);
                break;
            case TockGroupConfig t:
                WriteTockGroup(w, t);
                break;
            case TockLoRaGroupConfig t:
                WriteTockLoRaGroup(w, t);
                break;
            case LoRaAlohaGroupConfig a:
                WriteAlohaGroup(w, a);
                break;
            case BleGroupConfig b:
                w.WriteString("kind", "ble");
                w.WriteString("role", b.IsScanner ? "scanner" : "advertiser");
                w.WriteNumber(b.IsScanner ? "scan_interval_ns" : "adv_interval_ns", b.Interval.Nanoseconds);
                if (b.IsScanner)
                {
                    w.WriteNumber("scan_window_ns", b.Window.Nanoseconds);
                }
                else
                {
                    w.WriteNumber("payload_bytes", b.PayloadBytes);
                    w.WriteNumber("tx_power_dbm", b.TxPower.Value);
                }

                break;
            case Ieee802154GroupConfig z:
                w.WriteString("kind", "ieee802154");
                w.WriteString("role", z.IsSink ? "sink" : "sensor");
                w.WriteNumber("channel", z.Channel);
                w.WriteString("radio", z.Radio.Name);
                w.WriteString("radio_source", z.Radio.Source);
                w.WriteNumber("tx_power_dbm", z.TxPower.Value);
                w.WriteNumber("period_ns", z.Period.Nanoseconds);
                w.WriteNumber("payload_bytes", z.PayloadBytes);
                w.WriteString("routing", z.Tree ? "tree" : "direct");
                break;
            case LoRaWanGroupConfig l:
                w.WriteString("kind", "lorawan");
                WriteRadio(w, l.Radio);
                WriteFrequencies(w, l.Settings.Channels);
                w.WriteNumber("period_ns", l.Settings.Period.Nanoseconds);
                w.WriteNumber("payload_bytes", l.Settings.PayloadBytes);
                w.WriteBoolean("confirmed", l.Settings.Confirmed);
                w.WriteNumber("max_transmissions", l.Settings.MaxTransmissions);
                w.WriteBoolean("adr", l.Settings.Adr);
                break;
            default:
                throw new InvalidOperationException($"Unknown node group {g.GetType().Name}.");
        }

        if (g.Power is { } power)
        {
            w.WriteStartObject("power");
            foreach ((string name, string value) in power.ManifestFields())
            {
                w.WriteString(name, value);
            }

            w.WriteEndObject();
        }
    }

    private static void WriteRadio(Utf8JsonWriter w, LoRaRadioConfig radio)
    {
        w.WriteStartObject("radio");
        w.WriteString("kind", "lora");
        w.WriteString("chip", radio.Chip.Name);
        w.WriteNumber("tx_power_dbm", radio.TxPower.Value);
        w.WriteNumber("spreading_factor", radio.Modulation.SpreadingFactor);
        w.WriteNumber("bandwidth_hz", radio.Modulation.Bandwidth.Value);
        w.WriteString("coding_rate", radio.Modulation.CodingRateText);
        w.WriteNumber("preamble_symbols", radio.Modulation.PreambleSymbols);
        w.WriteString("ldro", radio.Modulation.Ldro.ToString().ToUpperInvariant());
        w.WriteString("source", radio.Chip.Source);
        w.WriteEndObject();
    }

    private static void WriteAlohaGroup(Utf8JsonWriter w, LoRaAlohaGroupConfig g)
    {
        w.WriteString("kind", "loraAloha");
        WriteRadio(w, g.Radio);
        WriteFrequencies(w, g.Channels);
        w.WriteNumber("mean_wait_ns", g.MeanWait.Nanoseconds);
        w.WriteNumber("payload_bytes", g.PayloadBytes);
    }

    private static void WriteFrequencies(Utf8JsonWriter w, IReadOnlyList<Hertz> channels)
    {
        w.WriteStartArray("channels_hz");
        foreach (Hertz f in channels)
        {
            w.WriteNumberValue(f.Value);
        }

        w.WriteEndArray();
    }

    private static void WriteNetwork(Utf8JsonWriter w, NetworkConfig n)
    {
        w.WriteStartObject("network");
        w.WriteString("propagation", n.Propagation.Create().Name);
        w.WriteString("shadowing", n.Shadowing.ToString());
        w.WriteString("reception", n.Reception);
        w.WriteStartArray("gateways");
        foreach (GatewayConfig g in n.Gateways)
        {
            w.WriteStartObject();
            w.WriteString("name", g.Name);
            w.WriteNumber("x_m", g.X.Value);
            w.WriteNumber("y_m", g.Y.Value);
            WriteFrequencies(w, g.Channels);
            w.WriteNumber("bandwidth_hz", g.Bandwidth.Value);
            w.WriteString("sensitivity", g.Sensitivity);
            w.WriteNumber("demodulators", g.Demodulators);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteLoRaGroup(Utf8JsonWriter w, LoRaSenseGroupConfig g)
    {
        w.WriteString("kind", "loraSenseAndSend");
        w.WriteStartObject("mcu");
        w.WriteString("name", g.Mcu.Name);
        w.WriteNumber("clock_hz", g.Mcu.Clock.Value);
        w.WriteNumber("supply_v", g.Mcu.Supply.Value);
        w.WriteNumber("active_a", g.Mcu.Active.Value);
        w.WriteNumber("sleep_a", g.Mcu.Sleep.Value);
        w.WriteString("source", g.Mcu.Source);
        w.WriteEndObject();
        WriteRadio(w, g.Radio);
        w.WriteStartObject("app");
        w.WriteString("kind", "senseAndSend");
        w.WriteNumber("period_ns", g.App.Period.Nanoseconds);
        w.WriteNumber("jitter_ns", g.App.Jitter.Nanoseconds);
        w.WriteNumber("payload_bytes", g.App.PayloadBytes);
        w.WriteNumber("sense_cycles", g.App.SenseCycles);
        w.WriteNumber("interrupt_cycles", g.App.InterruptCycles);
        w.WriteEndObject();
    }

    private static void WriteTockLoRaGroup(Utf8JsonWriter w, TockLoRaGroupConfig g)
    {
        w.WriteString("kind", "tock");
        w.WriteStartObject("board");
        w.WriteString("name", g.Board.Name);
        w.WriteString("chip", g.Board.Chip);
        w.WriteString("scheduler", g.Board.Scheduler);
        w.WriteNumber("max_processes", g.Board.MaxProcesses);
        w.WriteBoolean("process_console", g.Board.ProcessConsole);
        w.WriteString("radio", g.Board.Radio.Name);
        w.WriteEndObject();
        WriteApps(w, g.Apps);
    }

    private static void WriteTockGroup(Utf8JsonWriter w, TockGroupConfig g)
    {
        w.WriteString("kind", "tock");
        w.WriteStartObject("board");
        w.WriteString("name", g.Board.Name);
        w.WriteString("chip", g.Board.Chip);
        w.WriteString("scheduler", g.Board.Scheduler);
        w.WriteNumber("max_processes", g.Board.MaxProcesses);
        w.WriteNumber("app_ram_bytes", g.Board.AppRamBytes);
        w.WriteString("fault_policy", g.Board.FaultPolicy.Kind.ToString());
        w.WriteBoolean("process_console", g.Board.ProcessConsole);
        w.WriteString("radio", g.Board.Radio.ToString());
        w.WriteBoolean("radio_on_at_boot", g.Board.RadioOnAtBoot);
        w.WriteString("sensor", g.Board.Sensor.ToString());
        w.WriteString("source", g.Board.Source);
        w.WriteEndObject();
        if (g.Solar is { } input)
        {
            w.WriteStartObject("solar");
            w.WriteString("kind", input is SolarTraceConfig ? "irradianceTrace" : "clearSky");
            w.WriteString("start", input.Start.ToString("o", CultureInfo.InvariantCulture));
            w.WriteNumber("rated_power_w", input.RatedPower.Value);
            w.WriteNumber("temperature_coefficient_per_c", input.TemperatureCoefficientPerC);
            w.WriteNumber("mppt_efficiency", input.MpptEfficiency);
            switch (input)
            {
                case SolarTraceConfig trace:
                    w.WriteString("irradiance_file", trace.File);
                    w.WriteString("irradiance_sha256", trace.Sha256);
                    w.WriteString("irradiance_plane", trace.GhiGeometry is null ? "poa" : "ghi");
                    w.WriteNumber("records", trace.Samples.Count);
                    w.WriteNumber("wind_speed_m_s", trace.WindSpeedMs);
                    if (trace.GhiGeometry is { } geometry)
                    {
                        WriteSolarGeometry(w, geometry);
                        w.WriteString("decomposition", "erbs");
                    }

                    break;
                case SolarConfig solar:
                    WriteSolarGeometry(w, new SolarGeometryConfig(solar.LatitudeDeg, solar.LongitudeDeg, solar.Elevation, solar.TiltDeg, solar.AzimuthDeg));
                    w.WriteNumber("linke_turbidity", solar.LinkeTurbidity);
                    w.WriteNumber("step_ns", solar.Step.Nanoseconds);
                    if (solar.Weather is { } weather)
                    {
                        w.WriteStartObject("weather");
                        w.WriteString("kind", "cloudCover");
                        w.WriteNumber("mean_cloud_cover_oktas", weather.MeanOktas);
                        w.WriteNumber("persistence", weather.Persistence);
                        w.WriteNumber("step_ns", weather.Step.Nanoseconds);
                        w.WriteEndObject();
                    }

                    break;
                default:
                    throw new InvalidOperationException($"No manifest writer for {input.GetType().Name}.");
            }

            w.WriteEndObject();
        }

        WriteApps(w, g.Apps);
    }

    private static void WriteSolarGeometry(Utf8JsonWriter w, SolarGeometryConfig g)
    {
        w.WriteNumber("latitude_deg", g.LatitudeDeg);
        w.WriteNumber("longitude_deg", g.LongitudeDeg);
        w.WriteNumber("elevation_m", g.Elevation.Value);
        w.WriteNumber("tilt_deg", g.TiltDeg);
        w.WriteNumber("azimuth_deg", g.AzimuthDeg);
    }

    private static void WriteApps(Utf8JsonWriter w, IReadOnlyList<TockAppConfig> apps)
    {
        w.WriteStartArray("apps");
        foreach (TockAppConfig a in apps)
        {
            w.WriteStartObject();
            w.WriteString("kind", a.Kind);
            w.WriteString("style", a.Style.ToString().ToUpperInvariant());
            w.WriteNumber("period_ns", a.Period.Nanoseconds);
            w.WriteNumber("payload_bytes", a.PayloadBytes);
            w.WriteBoolean("print", a.Print);
            if (a.Kind == "loraSense")
            {
                w.WriteString("mode", a.LoRaMode == NodeKernel.Apps.LoRaTransmitMode.Blocking ? "blocking" : "interrupt");
                w.WriteNumber("spreading_factor", a.SpreadingFactor);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Formats a double for reports with invariant culture and round-trip precision.</summary>
    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>File format of a run's tables.</summary>
public enum ResultsFormat
{
    /// <summary>Apache Parquet (Parquet.Net), typed columns.</summary>
    Parquet,

    /// <summary>CSV (CsvHelper): a header row, invariant-culture numbers with round-trip precision.</summary>
    Csv,
}
