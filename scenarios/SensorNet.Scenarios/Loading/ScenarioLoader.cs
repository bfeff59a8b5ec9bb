using SensorNet.Energy;
using SensorNet.Energy.Harvesting;
using SensorNet.Energy.Solar;
using SensorNet.Energy.Supply;
using SensorNet.RadioModels.Chips;
using SensorNet.RadioModels.Ieee802154;
using SensorNet.RadioModels.LoRa.LoRaWan;
using SensorNet.RadioModels.Medium;
using System.Globalization;
using System.Text.RegularExpressions;
using SensorNet.NodeKernel.Apps;
using SensorNet.Scenarios.Catalog;
using SensorNet.NodeKernel.Boards;
using SensorNet.NodeKernel.Chips;
using SensorNet.NodeKernel.Firmware;
using SensorNet.RadioModels.LoRa;
using SensorNet.SimEngine.Configuration;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Scenarios.Loading;

/// <summary>
/// Reads a scenario file (YAML; JSON is accepted as YAML flow syntax) into a <see cref="ScenarioConfig"/>.
/// Every value with a dimension carries its unit; unknown keys, missing keys, bad units and physically
/// impossible values are errors that name the file, line, column and field path. Each mapping's keys are those
/// <see cref="ScenarioCatalog"/> declares for it (<see cref="YamlMappingReader.Declare"/>), so the loader, the JSON
/// Schema and <c>sensornet list</c> describe one format.
/// </summary>
public static partial class ScenarioLoader
{
    /// <summary>Loads and validates the scenario at <paramref name="path"/>.</summary>
    /// <exception cref="ConfigurationException">The file is missing, malformed or invalid.</exception>
    public static ScenarioConfig LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"{path}: cannot read the scenario file ({e.Message})", e);
        }

        return Parse(text, path);
    }

    /// <summary>Parses scenario text; <paramref name="fileName"/> is used in error messages.</summary>
    /// <exception cref="ConfigurationException">The text is malformed or invalid.</exception>
    public static ScenarioConfig Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        YamlMappingReader root = YamlMappingReader.Load(text, fileName);
        root.Declare(ScenarioCatalog.Scenario.Keys, "scenario");
        string name = root.Require("name", ValidateName, "a run name of letters, digits, '-', '_' and '.'");
        ulong seed = root.Require("seed", v => ulong.Parse(v, NumberStyles.None, CultureInfo.InvariantCulture), "a non-negative integer seed");
        SimDuration duration = root.Require("duration", QuantityText.ParseDuration, "a duration such as '1 d'");
        if (duration.Nanoseconds <= 0)
        {
            throw root.Error("duration", "expected a duration > 0");
        }

        var groups = new List<NodeGroupConfig>();
        IReadOnlyList<YamlMappingReader> items = root.RequireMappingList("nodes");
        for (int i = 0; i < items.Count; i++)
        {
            NodeGroupConfig group = ReadGroup(items[i], i, duration, Path.GetDirectoryName(Path.GetFullPath(fileName)) ?? ".");
            if (groups.Exists(g => g.Name == group.Name))
            {
                throw items[i].Error("name", $"group name '{group.Name}' is used twice");
            }

            groups.Add(group);
        }

        SimDuration sampling = SimDuration.Zero;
        bool powerStateTrace = false;
        bool packetTrace = true;
        Results.ResultsFormat? format = null;
        if (root.OptionalMapping("outputs") is { } outputs)
        {
            outputs.Declare(ScenarioCatalog.Outputs.Keys, "outputs");
            format = outputs.Optional<Results.ResultsFormat?>("format", v => v switch { "parquet" => Results.ResultsFormat.Parquet, "csv" => Results.ResultsFormat.Csv, _ => throw new FormatException("unknown format") }, "parquet or csv", null);
            powerStateTrace = outputs.OptionalBoolean("powerStateTrace", false);
            packetTrace = outputs.OptionalBoolean("packetTrace", true);
            sampling = outputs.Optional("energySampleInterval", QuantityText.ParseDuration, "a duration such as '10 min'", SimDuration.Zero);
            if (sampling.Nanoseconds < 0 || (sampling.Nanoseconds > 0 && sampling < SimDuration.FromSeconds(1)))
            {
                throw outputs.Error("energySampleInterval", "expected at least 1 s (or 0 s for no time series)");
            }

            long samples = sampling.Nanoseconds == 0 ? 0 : duration.Nanoseconds / sampling.Nanoseconds * groups.Sum(g => g.Count);
            if (samples > 10_000_000)
            {
                throw outputs.Error("energySampleInterval", $"would write {samples:N0} samples; choose a longer interval");
            }

            outputs.RejectUnknownKeys();
        }

        NetworkConfig? network = root.OptionalMapping("network") is { } nr ? ReadNetwork(nr) : null;
        if (network is null && groups.FindIndex(g => g is LoRaAlohaGroupConfig or LoRaWanGroupConfig or Ieee802154GroupConfig or BleGroupConfig) is var needy and >= 0)
        {
            throw items[needy].Error("kind", "expected a 'network:' section (propagation, and gateways for LoRa) for devices on the shared medium");
        }

        root.RejectUnknownKeys();
        return new ScenarioConfig(name, seed, duration, groups, sampling, powerStateTrace, packetTrace) { Network = network, Format = format };
    }

    private static NodeGroupConfig ReadGroup(YamlMappingReader r, int index, SimDuration duration, string scenarioDirectory)
    {
        string kind = r.RequireKind(ScenarioCatalog.Groups.Names);
        r.Declare(ScenarioCatalog.Groups[kind].Keys, "group " + kind);
        string name = r.Optional("name", ValidateName, "a group name of letters, digits, '-', '_' and '.'", $"group{index}");
        int count = (int)r.RequireInteger("count", 1, 1_000_000);
        PlacementConfig placement = ReadPlacement(r.RequireMapping("placement"), count, scenarioDirectory);
        StorageConfig storage = ReadStorage(r.RequireMapping("storage"));
        NodeGroupConfig group = kind switch
        {
            "tock" => ReadTockGroup(r, name, count, placement, storage, duration, scenarioDirectory),
            "loraAloha" => ReadAlohaGroup(r, name, count, placement, storage, duration),
            "lorawan" => ReadLoRaWanGroup(r, name, count, placement, storage, duration),
            "ieee802154" => ReadIeee802154Group(r, name, count, placement, storage, duration),
            "ble" => ReadBleGroup(r, name, count, placement, storage),
            _ => ReadLoRaGroup(r, name, count, placement, storage, duration),
        };
        if (kind != "tock" && r.Keys.Contains("power", StringComparer.Ordinal))
        {
            throw r.Error("power", "power management only on 'tock' groups (the other kinds have no reboot model)");
        }

        PowerConfig? power = kind == "tock" && r.OptionalMapping("power") is { } pr ? ReadPower(pr, storage) : null;
        List<NodeOverride> overrides = ReadOverrides(r, index, count, duration, scenarioDirectory);
        r.RejectUnknownKeys();
        return group with { Power = power, Overrides = overrides };
    }

    // Keys that hold for a group as a whole: its nodes are placed and counted together, and share a kind.
    private static readonly string[] GroupWideKeys = ["kind", "name", "count", "placement", "overrides"];

    // overrides: [{ nodes: [3, 7], storage: {...}, apps: [...] }]: the group's fields with the override's blocks
    // in place of its own (whole blocks, not merged), read and validated as a group of the same kind.
    private static List<NodeOverride> ReadOverrides(YamlMappingReader r, int index, int count, SimDuration duration, string scenarioDirectory)
    {
        var overrides = new List<NodeOverride>();
        var claimed = new Dictionary<int, int>();
        IReadOnlyList<YamlMappingReader> items = r.OptionalMappingList("overrides");
        for (int j = 0; j < items.Count; j++)
        {
            YamlMappingReader o = items[j];
            if (o.Keys.FirstOrDefault(k => Array.IndexOf(GroupWideKeys, k) >= 0) is { } fixedKey)
            {
                throw o.Error(fixedKey, $"'{fixedKey}' holds for the whole group and cannot be overridden per node");
            }

            IReadOnlyList<string> specs = o.OptionalStringList("nodes");
            if (specs.Count == 0)
            {
                throw o.Error("nodes", "expected a non-empty list of node indices within the group, such as [0, 5]");
            }

            var nodes = new SortedSet<int>();
            foreach (string spec in specs)
            {
                int node = NodeIndex(o, spec, count);
                if (!claimed.TryAdd(node, j))
                {
                    throw o.Error("nodes", claimed[node] == j ? $"node {node} is listed twice" : $"node {node} is already overridden by overrides[{claimed[node]}]");
                }

                nodes.Add(node);
            }

            NodeGroupConfig config = ReadGroup(r.Overlaid(o, dropped: ["overrides"], overlayOnly: ["nodes"]), index, duration, scenarioDirectory);
            overrides.Add(new NodeOverride([.. nodes], config));
        }

        return overrides;
    }

    // A node index within the group: 0 to count - 1.
    private static int NodeIndex(YamlMappingReader o, string spec, int count) =>
        int.TryParse(spec, NumberStyles.None, CultureInfo.InvariantCulture, out int node) && node < count
            ? node
            : throw o.Error("nodes", $"expected node indices within the group (0 to {count - 1}), not '{spec}'");

    private static PowerConfig ReadPower(YamlMappingReader r, StorageConfig storage)
    {
        r.Declare(ScenarioCatalog.Power.Keys, "power");
        const string LevelExpected = "a level such as '2.1 V', '20 %' or '5 J'";
        StorageLevel? shutdown = r.Optional<StorageLevel?>("shutdown", v => StorageLevel.Parse(v), LevelExpected, null);
        StorageLevel? start = r.Optional<StorageLevel?>("start", v => StorageLevel.Parse(v), LevelExpected, null);
        if (shutdown.HasValue != start.HasValue)
        {
            throw r.Error(shutdown.HasValue ? "start" : "shutdown", "expected both 'shutdown' and 'start' (the restart level, above the shutdown level) or neither");
        }

        RegulatorConfig? regulator = r.OptionalMapping("regulator") is { } rr ? ReadRegulator(rr) : null;
        r.RejectUnknownKeys();
        var power = new PowerConfig(shutdown, start, regulator);
        // Resolve against one node's storage now, so a level the storage cannot have is reported with its place.
        IEnergyStorage probe = storage.Create();
        Joules? off = Resolve(r, "shutdown", shutdown, probe);
        Joules? on = Resolve(r, "start", start, probe);
        if (off is { } o && on is { } s)
        {
            if (!(s > o))
            {
                throw r.Error("start", $"expected a start level above the shutdown level ({o})");
            }

            if (s > probe.Capacity)
            {
                throw r.Error("start", $"expected a start level within the storage's capacity ({probe.Capacity}); the node could never restart");
            }
        }

        if (regulator is not null && shutdown is { Unit: StorageLevelUnit.Volts } v && v.Value < regulator.Create().MinimumInputVoltage.Value)
        {
            throw r.Error("shutdown", $"expected at least the regulator's minimum input voltage ({regulator.Create().MinimumInputVoltage}): below it the output is out of regulation");
        }

        return power;
    }

    private static Joules? Resolve(YamlMappingReader r, string key, StorageLevel? level, IEnergyStorage storage)
    {
        try
        {
            return level?.Resolve(storage);
        }
        catch (ArgumentException e)
        {
            throw r.Error(key, "expected " + e.Message.Split(" (Parameter", 2)[0]);
        }
    }

    // One point of a datasheet efficiency plot: "100 uA: 0.85".
    private static EfficiencyPoint ParseEfficiencyPoint(YamlMappingReader r, string point, Func<string, double> parseEfficiency)
    {
        string[] parts = point.Split(':', 2, StringSplitOptions.TrimEntries);
        try
        {
            return parts.Length == 2
                ? new EfficiencyPoint(QuantityText.ParseCurrent(parts[0]), parseEfficiency(parts[1]))
                : throw new FormatException("no ':'");
        }
        catch (FormatException)
        {
            throw r.Error("efficiencyCurve", $"expected points 'output current: efficiency' such as '100 uA: 0.85', not '{point}'");
        }
    }

    private static RegulatorConfig ReadRegulator(YamlMappingReader r)
    {
        string kind = r.RequireKind(ScenarioCatalog.Regulators.Names);
        r.Declare(ScenarioCatalog.Regulators[kind].Keys, "regulator " + kind);
        Volts output = r.Require("output", QuantityText.ParseVoltage, "an output voltage such as '3.3 V'");
        Amperes quiescent = r.Optional("quiescentCurrent", QuantityText.ParseCurrent, "a current such as '1 uA'", new Amperes(0));
        Volts dropout = kind == "ldo" ? r.Optional("dropout", QuantityText.ParseVoltage, "a voltage such as '0.1 V'", new Volts(0.1)) : default;
        Volts minimumInput = kind == "ldo" ? default : r.Require("minimumInput", QuantityText.ParseVoltage, "a voltage such as '1.8 V'");
        Func<string, double> parseEfficiency = v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture) is var e && e > 0 && e <= 1 ? e : throw new FormatException("out of range");
        List<EfficiencyPoint> curve = kind == "ldo" ? [] : [.. r.OptionalStringList("efficiencyCurve").Select(point => ParseEfficiencyPoint(r, point, parseEfficiency))];
        double efficiency = kind == "ldo" || curve.Count > 0 ? 1 : r.Require("efficiency", parseEfficiency, "an efficiency in (0, 1], or an efficiencyCurve");
        r.RejectUnknownKeys();
        var config = new RegulatorConfig(kind, output, quiescent, dropout, minimumInput, efficiency, curve);
        try
        {
            config.Create();
        }
        catch (ArgumentException e)
        {
            throw r.Error(e.ParamName == "efficiencyCurve" ? "efficiencyCurve" : "kind", "a consistent regulator: " + e.Message.Split(" (Parameter", 2)[0]);
        }

        return config;
    }

    private static LoRaAlohaGroupConfig ReadAlohaGroup(YamlMappingReader r, string name, int count, PlacementConfig placement, StorageConfig storage, SimDuration duration)
    {
        LoRaRadioConfig radio = ReadRadio(r.RequireMapping("radio"), ScenarioCatalog.LoRaRadio);
        IReadOnlyList<Hertz> channels = Frequencies(r, "channels");
        SimDuration meanWait = r.Require("meanWait", QuantityText.ParseDuration, "a duration such as '1000 s'");
        if (meanWait.Nanoseconds <= 0 || meanWait > duration)
        {
            throw r.Error("meanWait", "expected a mean wait > 0 s and no longer than the scenario");
        }

        int payload = r.Require("payload", QuantityText.ParseBytes, "a size such as '20 B'");
        if (payload > 255)
        {
            throw r.Error("payload", "expected at most 255 B (one LoRa frame)");
        }

        return new LoRaAlohaGroupConfig(name, count, placement, storage, radio, channels, meanWait, payload);
    }

    private static LoRaWanGroupConfig ReadLoRaWanGroup(YamlMappingReader r, string name, int count, PlacementConfig placement, StorageConfig storage, SimDuration duration)
    {
        LoRaRadioConfig radio = ReadRadio(r.RequireMapping("radio"), ScenarioCatalog.LoRaWanRadio);
        if (radio.Modulation.Bandwidth.Value != 125e3 || radio.Modulation.SpreadingFactor < 7)
        {
            throw r.Error("radio", "expected an EU868 BW125 data rate: SF7–SF12 at 125 kHz");
        }

        IReadOnlyList<Hertz> channels = r.OptionalStringList("channels").Count == 0 ? Eu868.DefaultChannels : Frequencies(r, "channels");
        foreach (Hertz f in channels)
        {
            try
            {
                Eu868.SubBand(f);
            }
            catch (ArgumentOutOfRangeException)
            {
                throw r.Error("channels", $"expected EU868 carriers (863–870 MHz sub-bands), not {f.Value / 1e6:0.###} MHz");
            }
        }

        SimDuration period = r.Require("period", QuantityText.ParseDuration, "a duration such as '10 min'");
        if (period < SimDuration.FromSeconds(1) || period > duration)
        {
            throw r.Error("period", "expected at least 1 s and no longer than the scenario");
        }

        int payload = r.Require("payload", QuantityText.ParseBytes, "a PHY payload size such as '20 B'");
        if (payload is < 12 or > 255)
        {
            throw r.Error("payload", "expected 12–255 B of PHY payload (13 B of LoRaWAN headers and MIC plus the application's bytes)");
        }

        bool confirmed = r.OptionalBoolean("confirmed", false);
        int maxTransmissions = (int)r.OptionalInteger("maxTransmissions", 1, 8, confirmed ? 8 : 1);
        bool adr = r.OptionalBoolean("adr", false);
        return new LoRaWanGroupConfig(name, count, placement, storage, radio, new LoRaWanSettings(channels, period, payload, confirmed, maxTransmissions, Adr: adr));
    }

    private static Ieee802154GroupConfig ReadIeee802154Group(YamlMappingReader r, string name, int count, PlacementConfig placement, StorageConfig storage, SimDuration duration)
    {
        bool sink = r.Optional("role", v => v switch { "sensor" => false, "sink" => true, _ => throw new FormatException("unknown") }, "sensor or sink", false);
        int channel = (int)r.OptionalInteger("channel", Ieee802154Phy.FirstChannel, Ieee802154Phy.LastChannel, 26);
        PacketRadioProfile radio = r.Optional(
            "radio",
            v => v switch
            {
                "nrf52840" => PacketRadioProfile.Nrf52840Ieee802154,
                "nrf52840Ldo" => PacketRadioProfile.Nrf52840Ieee802154Ldo,
                "at86rf233" => PacketRadioProfile.At86rf233,
                "cc2420" => PacketRadioProfile.Cc2420,
                _ => throw new FormatException("unknown"),
            },
            "nrf52840, nrf52840Ldo, at86rf233 or cc2420",
            PacketRadioProfile.Nrf52840Ieee802154);
        Dbm txPower = r.Optional("txPower", QuantityText.ParseDbm, "a power such as '0 dBm'", new Dbm(0));
        if (txPower.Value is < -20 or > 8)
        {
            throw r.Error("txPower", "expected −20 to +8 dBm");
        }

        SimDuration period = sink ? duration : r.Require("period", QuantityText.ParseDuration, "a duration such as '10 s'");
        if (!sink && (period < SimDuration.FromMilliseconds(10) || period > duration))
        {
            throw r.Error("period", "expected at least 10 ms and no longer than the scenario");
        }

        int payload = r.Optional("payload", QuantityText.ParseBytes, "a PSDU size such as '40 B'", 40);
        if (payload < Ieee802154Phy.MinMpduOverhead || payload > Ieee802154Phy.MaxPhyPacketSize)
        {
            throw r.Error("payload", "expected a PSDU of 9–127 B (9 B of MAC header and FCS plus the payload)");
        }

        bool tree = r.Optional("routing", v => v switch { "tree" => true, "direct" => false, _ => throw new FormatException("unknown") }, "tree or direct", true);
        return new Ieee802154GroupConfig(name, count, placement, storage, sink, channel, radio, txPower, period, payload, tree);
    }

    private static BleGroupConfig ReadBleGroup(YamlMappingReader r, string name, int count, PlacementConfig placement, StorageConfig storage)
    {
        bool scanner = r.Require("role", v => v switch { "advertiser" => false, "scanner" => true, _ => throw new FormatException("unknown") }, "advertiser or scanner");
        if (scanner)
        {
            SimDuration interval = r.Require("scanInterval", QuantityText.ParseDuration, "a duration such as '100 ms'");
            SimDuration window = r.Optional("scanWindow", QuantityText.ParseDuration, "a duration such as '30 ms'", interval);
            if (interval < SimDuration.FromMicroseconds(2_500) || interval > SimDuration.FromMilliseconds(10_240))
            {
                throw r.Error("scanInterval", "expected 2.5 ms to 10.24 s");
            }

            if (window.Nanoseconds <= 0 || window > interval)
            {
                throw r.Error("scanWindow", "expected a window > 0 and no longer than the scan interval");
            }

            return new BleGroupConfig(name, count, placement, storage, true, interval, window, 0, default);
        }

        SimDuration advInterval = r.Require("advInterval", QuantityText.ParseDuration, "a duration such as '100 ms'");
        if (advInterval < SimDuration.FromMilliseconds(20) || advInterval > SimDuration.FromMilliseconds(10_240) || advInterval.Nanoseconds % 625_000 != 0)
        {
            throw r.Error("advInterval", "expected a multiple of 0.625 ms from 20 ms to 10.24 s");
        }

        int payload = r.Optional("payload", QuantityText.ParseBytes, "a size such as '31 B'", 37);
        if (payload is < 6 or > 37)
        {
            throw r.Error("payload", "expected 6–37 B (AdvA 6 B plus up to 31 B of AdvData)");
        }

        Dbm txPower = r.Optional("txPower", QuantityText.ParseDbm, "a power such as '0 dBm'", new Dbm(0));
        if (txPower.Value is < -40 or > 8)
        {
            throw r.Error("txPower", "expected −40 to +8 dBm");
        }

        return new BleGroupConfig(name, count, placement, storage, false, advInterval, default, payload, txPower);
    }

    private static List<Hertz> Frequencies(YamlMappingReader r, string key)
    {
        IReadOnlyList<string> items = r.OptionalStringList(key);
        if (items.Count == 0)
        {
            throw r.Error(key, "expected a list of carrier frequencies such as [868.1 MHz, 868.3 MHz]");
        }

        var result = new List<Hertz>(items.Count);
        foreach (string item in items)
        {
            try
            {
                Hertz f = QuantityText.ParseFrequency(item);
                result.Add(f.Value is >= 100e6 and <= 6e9 ? f : throw new FormatException("out of range"));
            }
            catch (FormatException)
            {
                throw r.Error(key, $"expected carrier frequencies between 100 MHz and 6 GHz with units, such as '868.1 MHz', not '{item}'");
            }
        }

        return result;
    }

    private static NetworkConfig ReadNetwork(YamlMappingReader r)
    {
        r.Declare(ScenarioCatalog.Network.Keys, "network");
        YamlMappingReader pr = r.RequireMapping("propagation");
        string kind = pr.RequireKind(ScenarioCatalog.Propagation.Names);
        pr.Declare(ScenarioCatalog.Propagation[kind].Keys, "propagation " + kind);
        var propagation = kind switch
        {
            "freeSpace" => new PropagationConfig(kind, Frequency: pr.Require("frequency", QuantityText.ParseFrequency, "a frequency such as '868.1 MHz'")),
            "logDistance" => new PropagationConfig(
                kind,
                Range: pr.Require("referenceDistance", QuantityText.ParseLength, "a length such as '1 m'"),
                ReferenceLoss: pr.Require("referenceLoss", v => QuantityText.ParseDecibels(v), "a loss such as '40 dB'"),
                Exponent: pr.Require("exponent", v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture) is var g && g > 0 && g <= 10 ? g : throw new FormatException("out of range"), "a path-loss exponent in (0, 10]"),
                Sigma: pr.Optional("sigma", v => QuantityText.ParseDecibels(v), "a shadowing deviation such as '4 dB'", default(Decibels))),
            "unitDisk" => new PropagationConfig(kind, Range: pr.Require("range", QuantityText.ParseLength, "a length such as '500 m'")),
            _ => new PropagationConfig(kind),
        };
        pr.RejectUnknownKeys();
        ShadowingMode shadowing = r.Optional("shadowing", v => v switch { "perLink" => ShadowingMode.PerLink, "perPacket" => ShadowingMode.PerPacket, _ => throw new FormatException("unknown") }, "perLink or perPacket", ShadowingMode.PerLink);
        string reception = r.Optional("reception", v => NetworkConfig.ReceptionNames.Contains(v) ? v : throw new FormatException("unknown"), $"one of {string.Join(", ", NetworkConfig.ReceptionNames)}", "borEtAl");
        var gateways = new List<GatewayConfig>();
        foreach (YamlMappingReader g in r.OptionalMappingList("gateways"))
        {
            g.Declare(ScenarioCatalog.Gateway.Keys, "gateway");
            string name = g.Require("name", ValidateName, "a gateway name of letters, digits, '-', '_' and '.'");
            Meters x = g.Require("x", QuantityText.ParseLength, "a length such as '0 m'");
            Meters y = g.Require("y", QuantityText.ParseLength, "a length such as '0 m'");
            IReadOnlyList<Hertz> channels = Frequencies(g, "channels");
            Hertz bandwidth = g.Optional("bandwidth", QuantityText.ParseFrequency, "125 kHz, 250 kHz or 500 kHz", Hertz.FromKilohertz(125));
            if (bandwidth.Value is not (125e3 or 250e3 or 500e3))
            {
                throw g.Error("bandwidth", "expected 125 kHz, 250 kHz or 500 kHz");
            }

            string sensitivity = g.Optional("sensitivity", v => GatewayConfig.SensitivityNames.Contains(v) ? v : throw new FormatException("unknown"), $"one of {string.Join(", ", GatewayConfig.SensitivityNames)}", "sx1301");
            if (sensitivity == "sx1301" && bandwidth.Value != 125e3)
            {
                throw g.Error("sensitivity", "the SX1301 table has BW125 values only; choose sx1272 or loraSim for other bandwidths");
            }

            int demodulators = (int)g.OptionalInteger("demodulators", 1, 1_000_000, 8);
            g.RejectUnknownKeys();
            gateways.Add(new GatewayConfig(name, x, y, channels, bandwidth, sensitivity, demodulators));
        }

        r.RejectUnknownKeys();
        return new NetworkConfig(propagation, shadowing, reception, gateways);
    }

    private static LoRaSenseGroupConfig ReadLoRaGroup(YamlMappingReader r, string name, int count, PlacementConfig placement, StorageConfig storage, SimDuration duration)
    {
        McuProfile mcu = r.Require("mcu", McuProfile.ByName, $"an MCU name ({string.Join(", ", McuProfile.BuiltInNames)})");
        LoRaRadioConfig radio = ReadRadio(r.RequireMapping("radio"), ScenarioCatalog.LoRaRadio);
        SenseAndSendSettings app = ReadApp(r.RequireMapping("app"), radio, mcu, duration);
        return new LoRaSenseGroupConfig(name, count, placement, storage, mcu, radio, app);
    }

    private static NodeGroupConfig ReadTockGroup(YamlMappingReader r, string name, int count, PlacementConfig placement, StorageConfig storage, SimDuration duration, string scenarioDirectory)
    {
        string[] boards = [.. BoardDefinition.BuiltIn.Select(b => b.Name), .. LoRaBoards.BuiltIn.Select(b => b.Name)];
        string boardName = r.Require(
            "board",
            v => boards.Contains(v, StringComparer.Ordinal) ? v : throw new FormatException("unknown board"),
            $"a board ({string.Join(", ", boards)})");
        if (LoRaBoards.BuiltIn.FirstOrDefault(b => b.Name == boardName) is { } loraBoard)
        {
            loraBoard = loraBoard with { ProcessConsole = r.OptionalBoolean("processConsole", loraBoard.ProcessConsole) };
            List<TockAppConfig> loraApps = [.. r.RequireMappingList("apps").Select(a => ReadTockApp(a, duration))];
            if (loraApps.Count > loraBoard.MaxProcesses)
            {
                throw r.Error("apps", $"board {loraBoard.Name} runs at most {loraBoard.MaxProcesses} processes");
            }

            return new TockLoRaGroupConfig(name, count, placement, storage, loraBoard, loraApps) { BootSpread = ReadBootSpread(r, duration) };
        }

        BoardDefinition board = BoardDefinition.BuiltIn.First(b => b.Name == boardName);
        board = board with
        {
            ProcessConsole = r.OptionalBoolean("processConsole", board.ProcessConsole),
            RadioOnAtBoot = r.OptionalBoolean("radioOnAtBoot", board.RadioOnAtBoot),
            Scheduler = r.Optional("scheduler", v => ScenarioCatalog.Schedulers.Contains(v) ? v : throw new FormatException("unknown scheduler"), string.Join(", ", ScenarioCatalog.Schedulers), board.Scheduler),
        };
        var apps = new List<TockAppConfig>();
        foreach (YamlMappingReader a in r.RequireMappingList("apps"))
        {
            apps.Add(ReadTockApp(a, duration));
        }

        if (apps.Count > board.MaxProcesses)
        {
            throw r.Error("apps", $"board {board.Name} runs at most {board.MaxProcesses} processes");
        }

        SolarInputConfig? solar = r.OptionalMapping("solar") is { } sr ? ReadSolar(sr, duration, scenarioDirectory) : null;
        if (solar is not null && !board.SolarInput)
        {
            throw r.Error("solar", $"board {board.Name} has no solar input (use signpost)");
        }

        return new TockGroupConfig(name, count, placement, storage, board, apps, solar) { BootSpread = ReadBootSpread(r, duration) };
    }

    private static SimDuration ReadBootSpread(YamlMappingReader r, SimDuration duration)
    {
        SimDuration spread = r.Optional("bootSpread", QuantityText.ParseDuration, "a duration such as '10 min'", SimDuration.Zero);
        return spread.Nanoseconds >= 0 && spread < duration ? spread : throw r.Error("bootSpread", "expected a duration ≥ 0 and shorter than the scenario, over which the nodes are switched on");
    }

    private static SolarInputConfig ReadSolar(YamlMappingReader r, SimDuration duration, string scenarioDirectory)
    {
        r.Declare(ScenarioCatalog.Solar.Keys, "solar");
        double Degrees(string key, double min, double max, double? fallback = null)
        {
            Func<string, double> parse = InRange(min, max);
            string expected = string.Create(CultureInfo.InvariantCulture, $"degrees in [{min}, {max}]");
            return fallback is { } f ? r.Optional(key, parse, expected, f) : r.Require(key, parse, expected);
        }

        string? traceFile = r.OptionalString("irradianceFile");
        DateTimeOffset start = r.Require(
            "start",
            v => v.Contains('T', StringComparison.Ordinal) && (v.EndsWith('Z') || v.LastIndexOfAny(['+', '-']) > v.IndexOf('T', StringComparison.Ordinal))
                ? DateTimeOffset.Parse(v, CultureInfo.InvariantCulture, DateTimeStyles.None)
                : throw new FormatException("needs a date, a time and a UTC offset"),
            "an ISO 8601 instant with its offset, e.g. '2024-06-01T00:00:00-07:00'");
        Watts rated = r.Require("ratedPower", QuantityText.ParsePower, "a power such as '0.5 W'");
        if (!(rated.Value > 0))
        {
            throw r.Error("ratedPower", "expected a power > 0 W");
        }

        double gamma = r.Optional("temperatureCoefficient", v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture), "a coefficient per °C such as -0.004", -0.004);
        double mppt = r.Optional("mpptEfficiency", v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture) is var e && e > 0 && e <= 1 ? e : throw new FormatException("out of range"), "an efficiency in (0, 1]", 0.85);
        SolarGeometryConfig Geometry() => new(
            Degrees("latitude", -90, 90),
            Degrees("longitude", -180, 180),
            r.Optional("elevation", QuantityText.ParseLength, "a length such as '50 m'", default(Meters)),
            Degrees("tilt", 0, 90, 30),
            Degrees("azimuth", 0, 360, 180));

        if (traceFile is not null)
        {
            // A plane-of-array trace is already in the panel's plane: site, orientation and sky model do not apply. A
            // GHI trace needs the site and orientation (tilt and azimuth defaulting as for the clear sky) to get there.
            double wind = r.Optional("windSpeed", v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture) is var w && w >= 0 && w < 100 ? w : throw new FormatException("out of range"), "a wind speed in m/s in [0, 100)", 1.0);
            string path = Path.GetFullPath(Path.Combine(scenarioDirectory, traceFile));
            (IReadOnlyList<IrradianceSample> samples, string sha256, string column) = IrradianceCsv.Read(path, start, duration, $"{r.Path}.irradianceFile");
            if (column == IrradianceCsv.GhiColumn && Array.Find(["latitude", "longitude"], k => r.OptionalString(k) is null) is { } missing)
            {
                throw r.Error(missing, $"a trace of global horizontal irradiance ('{IrradianceCsv.GhiColumn}') needs the site's latitude and longitude to bring it into the panel's plane");
            }

            SolarGeometryConfig? ghiGeometry = column == IrradianceCsv.GhiColumn ? Geometry() : null;
            r.RejectUnknownKeys();
            return new SolarTraceConfig(traceFile, sha256, samples, wind, start, rated, gamma, mppt, ghiGeometry);
        }

        SolarGeometryConfig g = Geometry();
        double turbidity = r.Optional("linkeTurbidity", v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture) is var t && t >= 1 && t <= 10 ? t : throw new FormatException("out of range"), "a Linke turbidity in [1, 10]", 3.0);
        SimDuration step = r.Optional("step", QuantityText.ParseDuration, "a duration such as '5 min'", SimDuration.FromMinutes(5));
        if (step < SimDuration.FromSeconds(1) || step > SimDuration.FromHours(1))
        {
            throw r.Error("step", "expected a step between 1 s and 1 h");
        }

        CloudCoverConfig? weather = r.OptionalMapping("weather") is { } wr ? ReadWeather(wr) : null;
        r.RejectUnknownKeys();
        return new SolarConfig(g.LatitudeDeg, g.LongitudeDeg, g.Elevation, start, rated, gamma, g.TiltDeg, g.AzimuthDeg, mppt, turbidity, step, weather);
    }

    private static CloudCoverConfig ReadWeather(YamlMappingReader r)
    {
        string kind = r.RequireKind(ScenarioCatalog.Weather.Names);
        r.Declare(ScenarioCatalog.Weather[kind].Keys, "weather " + kind);
        double mean = r.Require("meanCloudCover", InRange(0, CloudCover.MaxOktas), "a mean cloud cover in oktas in [0, 8]");
        double persistence = r.Require("persistence", InRange(0, 1), "a probability in [0, 1] of keeping the cover from one step to the next");
        SimDuration step = r.Optional("step", QuantityText.ParseDuration, "a duration such as '1 h'", SimDuration.FromHours(1));
        if (step < SimDuration.FromMinutes(1) || step > SimDuration.FromDays(1))
        {
            throw r.Error("step", "expected a cloud step between 1 min and 1 d");
        }

        r.RejectUnknownKeys();
        return new CloudCoverConfig(mean, persistence, step);
    }

    private static Func<string, double> InRange(double min, double max) =>
        v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && d >= min && d <= max ? d : throw new FormatException("out of range");

    private static TockAppConfig ReadTockApp(YamlMappingReader r, SimDuration duration)
    {
        string kind = r.RequireKind(ScenarioCatalog.Apps.Names);
        r.Declare(ScenarioCatalog.Apps[kind].Keys, "app " + kind);
        AppStyle style = r.Optional("style", v => Enum.Parse<AppStyle>(v, ignoreCase: true), "async or sync", AppStyle.Sync);
        SimDuration period = r.Optional("period", QuantityText.ParseDuration, "a duration such as '10 s'", SimDuration.FromSeconds(1));
        if (period < SimDuration.FromMilliseconds(1) || period > duration || period.Nanoseconds % SimDuration.NanosecondsPerMillisecond != 0)
        {
            throw r.Error("period", "expected a whole number of milliseconds, at least 1 ms and no longer than the scenario duration");
        }

        int payload = r.Optional("payload", QuantityText.ParseBytes, "a size such as '16 B'", 16);
        if (payload > 127 - 11)
        {
            throw r.Error("payload", "expected at most 116 B (an 802.15.4 frame with a 9-byte header and FCS)");
        }

        bool print = r.OptionalBoolean("print", false);
        LoRaTransmitMode mode = r.Optional("mode", v => v switch { "blocking" => LoRaTransmitMode.Blocking, "interrupt" => LoRaTransmitMode.InterruptDriven, _ => throw new FormatException("unknown mode") }, "blocking or interrupt", LoRaTransmitMode.InterruptDriven);
        int sf = (int)r.OptionalInteger("spreadingFactor", 5, 12, 9);
        r.RejectUnknownKeys();
        return new TockAppConfig(kind, style, period, payload, print, mode, sf);
    }

    private static PlacementConfig ReadPlacement(YamlMappingReader r, int count, string scenarioDirectory)
    {
        string kind = r.RequireKind(ScenarioCatalog.Placements.Names);
        r.Declare(ScenarioCatalog.Placements[kind].Keys, "placement " + kind);
        Meters Positive(string key, string example)
        {
            Meters value = r.Require(key, QuantityText.ParseLength, $"a length such as '{example}'");
            return value.Value > 0 ? value : throw r.Error(key, $"expected a {key} > 0 m");
        }

        if (kind == "uniform")
        {
            Meters width = Positive("width", "500 m");
            Meters height = Positive("height", "500 m");
            Meters x0 = r.Optional("originX", QuantityText.ParseLength, "a length such as '0 m'", default(Meters));
            Meters y0 = r.Optional("originY", QuantityText.ParseLength, "a length such as '0 m'", default(Meters));
            r.RejectUnknownKeys();
            return new UniformPlacementConfig(width, height, x0, y0);
        }

        if (kind == "points")
        {
            IReadOnlyList<YamlMappingReader> items = r.RequireMappingList("positions");
            if (items.Count != count)
            {
                throw r.Error("positions", $"expected {count} positions (one per node, in node order); the list holds {items.Count}");
            }

            (Meters X, Meters Y)[] points = [.. items.Select(p =>
            {
                (Meters X, Meters Y) point = (p.Require("x", QuantityText.ParseLength, "a length such as '120 m'"), p.Require("y", QuantityText.ParseLength, "a length such as '-40 m'"));
                p.RejectUnknownKeys();
                return point;
            })];
            r.RejectUnknownKeys();
            return new PointsPlacementConfig(points);
        }

        if (kind == "csv")
        {
            string file = r.Require("file", v => v, "a CSV file of positions (x_m,y_m), relative to the scenario");
            r.RejectUnknownKeys();
            string path = Path.GetFullPath(Path.Combine(scenarioDirectory, file));
            (IReadOnlyList<(Meters X, Meters Y)> points, string sha256) = PositionsCsv.Read(path, $"{r.Path}.file");
            if (points.Count < count)
            {
                throw r.Error("file", $"expected at least {count} positions (one per node); the file holds {points.Count}");
            }

            return new CsvPlacementConfig(file, sha256, points);
        }

        if (kind == "disc")
        {
            Meters radius = Positive("radius", "100 m");
            Meters minSpacing = r.Optional("minSpacing", QuantityText.ParseLength, "a length such as '10 m'", default(Meters));
            Meters centerX = r.Optional("centerX", QuantityText.ParseLength, "a length such as '0 m'", default(Meters));
            Meters centerY = r.Optional("centerY", QuantityText.ParseLength, "a length such as '0 m'", default(Meters));
            bool loraSimSpacing = r.Optional("spacingRule", v => v switch { "strict" => false, "loraSim" => true, _ => throw new FormatException("unknown") }, "strict or loraSim", false);
            r.RejectUnknownKeys();
            return new DiscPlacementConfig(radius, minSpacing, centerX, centerY, loraSimSpacing);
        }

        int columns = (int)r.RequireInteger("columns", 1, 100_000);
        Meters spacing = Positive("spacing", "100 m");
        Meters originX = r.Optional("originX", QuantityText.ParseLength, "a length such as '0 m'", default(Meters));
        Meters originY = r.Optional("originY", QuantityText.ParseLength, "a length such as '0 m'", default(Meters));
        r.RejectUnknownKeys();
        return new GridPlacementConfig(columns, spacing, originX, originY);
    }

    private static LoRaRadioConfig ReadRadio(YamlMappingReader r, KindFamily family)
    {
        string kind = r.RequireKind(family.Names);
        r.Declare(family[kind].Keys, family.Name);
        LoRaChipProfile chip = r.Require("chip", LoRaChipProfile.ByName, $"a LoRa chip ({string.Join(", ", LoRaChipProfile.BuiltInNames)})");
        int minSf = chip.Family == LoRaChipFamily.Sx127x ? 7 : 5;
        int sf = (int)r.RequireInteger("spreadingFactor", minSf, 12);
        Hertz bandwidth = r.Require("bandwidth", QuantityText.ParseFrequency, "a bandwidth such as '125 kHz'");
        if (bandwidth.Value is not (125e3 or 250e3 or 500e3))
        {
            throw r.Error("bandwidth", "expected 125 kHz, 250 kHz or 500 kHz");
        }

        int cr = r.Optional("codingRate", ParseCodingRate, "a coding rate 4/5, 4/6, 4/7 or 4/8", 1);
        int preamble = (int)r.OptionalInteger("preamble", 6, 65535, 8);
        LdroMode ldro = r.Optional("ldro", v => Enum.Parse<LdroMode>(v, ignoreCase: true), "auto, on or off", LdroMode.Auto);
        Dbm txPower = r.Require("txPower", QuantityText.ParseDbm, "a power level such as '14 dBm'");
        try
        {
            chip.TxCurrent(txPower);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw r.Error("txPower", "expected a transmit power the chip supports: " + e.Message.Split(" (Parameter", 2)[0]);
        }

        r.RejectUnknownKeys();
        return new LoRaRadioConfig(chip, txPower, new LoRaModulation(sf, bandwidth, cr, preamble, explicitHeader: true, crc: true, ldro));
    }

    private static SenseAndSendSettings ReadApp(YamlMappingReader r, LoRaRadioConfig radio, McuProfile mcu, SimDuration duration)
    {
        string kind = r.RequireKind(ScenarioCatalog.SenseAndSendApp.Names);
        r.Declare(ScenarioCatalog.SenseAndSendApp[kind].Keys, "app " + kind);
        SimDuration period = r.Require("period", QuantityText.ParseDuration, "a duration such as '10 min'");
        SimDuration jitter = r.Optional("jitter", QuantityText.ParseDuration, "a duration such as '30 s'", SimDuration.Zero);
        int payload = r.Require("payload", QuantityText.ParseBytes, "a size such as '20 B'");
        if (payload > 255)
        {
            throw r.Error("payload", "expected at most 255 B (one LoRa frame)");
        }

        long senseCycles = r.OptionalInteger("senseCycles", 0, 1_000_000_000, 20_000);
        long interruptCycles = r.OptionalInteger("interruptCycles", 0, 1_000_000_000, 2_000);
        if (period.Nanoseconds <= 0 || period > duration)
        {
            throw r.Error("period", "expected a period > 0 and no longer than the scenario duration");
        }

        SimDuration airtime = LoRaTimeOnAir.Compute(radio.Modulation, payload, radio.Chip.Family).Duration;
        SimDuration busy = airtime + mcu.Clock.CyclesToDuration(senseCycles) + mcu.Clock.CyclesToDuration(interruptCycles);
        if (period <= busy)
        {
            throw r.Error("period", $"expected a period longer than one reading's work; one reading takes {busy} (time on air {airtime})");
        }

        if (jitter.Nanoseconds < 0 || jitter * 2 >= period || period - (jitter * 2) <= busy)
        {
            throw r.Error("jitter", $"expected a jitter ≥ 0 and less than half the period, leaving room for one reading's work ({busy})");
        }

        r.RejectUnknownKeys();
        return new SenseAndSendSettings(period, jitter, payload, senseCycles, interruptCycles);
    }

    private static StorageConfig ReadStorage(YamlMappingReader r)
    {
        string kind = r.RequireKind(ScenarioCatalog.Storage.Names);
        r.Declare(ScenarioCatalog.Storage[kind].Keys, "storage " + kind);
        StorageConfig storage = kind switch
        {
            "kibamBattery" => ReadKibam(r),
            "peukertBattery" => ReadPeukert(r),
            "liIonBattery" => new LiIonBatteryConfig(
                MilliampereHours(r, "capacity", fallback: null),
                InternalResistance(r),
                ReadPositiveVoltage(r, "cutoffVoltage"),
                Fraction(r, "initialStateOfCharge", includeZero: true, fallback: 1.0)),
            "coinCell" => new CoinCellConfig(
                MilliampereHours(r, "capacity", fallback: Energy.Storage.CoinCell.TypicalCapacityMilliampereHours),
                InternalResistance(r),
                Fraction(r, "initialStateOfCharge", includeZero: true, fallback: 1.0)),
            "supercapacitor" => ReadSupercapacitor(r),
            _ => ReadLinearBattery(r),
        };
        r.RejectUnknownKeys();
        return storage;
    }

    private static double Fraction(YamlMappingReader r, string key, bool includeZero, double? fallback = null)
    {
        string expected = includeZero ? "a fraction in [0, 1]" : "a fraction in (0, 1]";
        Func<string, double> parse = v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && (includeZero ? d >= 0 : d > 0) && d <= 1
            ? d
            : throw new FormatException("out of range");
        return fallback is { } f ? r.Optional(key, parse, expected, f) : r.Require(key, parse, expected);
    }

    private static KibamBatteryConfig ReadKibam(YamlMappingReader r)
    {
        Volts voltage = ReadPositiveVoltage(r, "voltage");
        Joules capacity = r.Require("capacity", v => QuantityText.ParseEnergyOrCharge(v, voltage), "an energy or charge such as '225 mAh' or '2430 J'");
        if (!(capacity.Value > 0))
        {
            throw r.Error("capacity", "expected a capacity > 0");
        }

        double ratio = Fraction(r, "capacityRatio", includeZero: false);
        // k in 1/h as SAM gives it; written "2.0 /h" so the unit is visible.
        double k = r.Require(
            "rateConstant",
            v => v.EndsWith("/h", StringComparison.Ordinal) && double.TryParse(v[..^2], NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && d > 0 && double.IsFinite(d)
                ? d
                : throw new FormatException("not a rate per hour"),
            "a rate constant > 0 per hour such as '2.0 /h'");
        double soc = Fraction(r, "initialStateOfCharge", includeZero: true, fallback: 1.0);
        return new KibamBatteryConfig(capacity.Value / voltage.Value / 3600, ratio, k, voltage, soc);
    }

    private static double MilliampereHours(YamlMappingReader r, string key, double? fallback)
    {
        const string expected = "a charge such as '225 mAh'";
        double coulombs = fallback is { } f
            ? r.Optional(key, QuantityText.ParseChargeCoulombs, expected, f * 3.6)
            : r.Require(key, QuantityText.ParseChargeCoulombs, expected);
        if (!(coulombs > 0))
        {
            throw r.Error(key, "expected a charge > 0");
        }

        return coulombs / 3.6;
    }

    private static double InternalResistance(YamlMappingReader r)
    {
        double ohms = r.Optional("internalResistance", QuantityText.ParseResistanceOhms, "a resistance such as '0.15 ohm'", 0.0);
        return ohms >= 0 && double.IsFinite(ohms) ? ohms : throw r.Error("internalResistance", "expected a resistance ≥ 0 Ω");
    }

    private static PeukertBatteryConfig ReadPeukert(YamlMappingReader r)
    {
        double ah = MilliampereHours(r, "capacity", fallback: null) / 1000;
        SimDuration rated = r.Optional("ratedDischargeTime", QuantityText.ParseDuration, "a duration such as '20 h'", SimDuration.FromHours(20));
        if (rated.Nanoseconds <= 0)
        {
            throw r.Error("ratedDischargeTime", "expected a duration > 0");
        }

        double exponent = r.Require(
            "exponent",
            v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double k) && k >= 1 && k <= 2 ? k : throw new FormatException("out of range"),
            "a Peukert exponent in [1, 2] such as 1.2");
        Volts voltage = ReadPositiveVoltage(r, "voltage");
        double soc = Fraction(r, "initialStateOfCharge", includeZero: true, fallback: 1.0);
        return new PeukertBatteryConfig(ah, rated.TotalSeconds / 3600, exponent, voltage, soc);
    }

    private static SupercapacitorConfig ReadSupercapacitor(YamlMappingReader r)
    {
        double farads = r.Require("capacitance", QuantityText.ParseCapacitanceFarads, "a capacitance such as '1 F' or '470 mF'");
        if (!(farads > 0))
        {
            throw r.Error("capacitance", "expected a capacitance > 0 F");
        }

        Volts max = ReadPositiveVoltage(r, "maximumVoltage");
        Volts min = r.Optional("minimumVoltage", QuantityText.ParseVoltage, "a voltage such as '1.8 V'", new Volts(0));
        if (!(min.Value >= 0) || !(min < max))
        {
            throw r.Error("minimumVoltage", $"expected a voltage ≥ 0 V and below maximumVoltage ({max})");
        }

        Volts initial = r.Optional("initialVoltage", QuantityText.ParseVoltage, "a voltage such as '5.0 V'", max);
        if (!(initial.Value >= 0) || initial > max)
        {
            throw r.Error("initialVoltage", $"expected a voltage between 0 V and maximumVoltage ({max})");
        }

        Amperes leakage = r.Optional("leakageCurrent", QuantityText.ParseCurrent, "a current such as '5 uA'", new Amperes(0));
        if (!(leakage.Value >= 0))
        {
            throw r.Error("leakageCurrent", "expected a current ≥ 0 A");
        }

        return new SupercapacitorConfig(farads, max, min, initial, leakage);
    }

    private static Volts ReadPositiveVoltage(YamlMappingReader r, string key)
    {
        Volts voltage = r.Require(key, QuantityText.ParseVoltage, "a voltage such as '3.0 V'");
        if (!(voltage.Value > 0))
        {
            throw r.Error(key, "expected a voltage > 0 V");
        }

        return voltage;
    }

    private static LinearBatteryConfig ReadLinearBattery(YamlMappingReader r)
    {
        Volts voltage = r.Require("voltage", QuantityText.ParseVoltage, "a voltage such as '3.0 V'");
        if (!(voltage.Value > 0))
        {
            throw r.Error("voltage", "expected a voltage > 0 V");
        }

        Joules capacity = r.Require("capacity", v => QuantityText.ParseEnergyOrCharge(v, voltage), "an energy or charge such as '225 mAh' or '2430 J'");
        if (!(capacity.Value > 0))
        {
            throw r.Error("capacity", "expected a capacity > 0");
        }

        Joules initial = r.Optional("initial", v => QuantityText.ParseEnergyOrCharge(v, voltage), "an energy or charge", capacity);
        if (initial.Value < 0 || initial > capacity)
        {
            throw r.Error("initial", "expected an initial charge between 0 and the capacity");
        }

        return new LinearBatteryConfig(capacity, initial, voltage);
    }

    private static int ParseCodingRate(string text) => text switch
    {
        "4/5" => 1,
        "4/6" => 2,
        "4/7" => 3,
        "4/8" => 4,
        _ => throw new FormatException("not a LoRa coding rate"),
    };

    private static string ValidateName(string name) =>
        RunName().IsMatch(name) ? name : throw new FormatException("contains characters not allowed in a directory name");

    [GeneratedRegex(ScenarioCatalog.NamePattern, RegexOptions.CultureInvariant)]
    private static partial Regex RunName();
}
