using System.Globalization;
using SensorNet.Energy.Accounting;
using SensorNet.Energy.Consumers;
using SensorNet.Energy.Storage;
using SensorNet.NodeKernel;
using SensorNet.Energy;
using SensorNet.Energy.Harvesting;
using SensorNet.Energy.Solar;
using SensorNet.NodeKernel.Boards;
using SensorNet.NodeKernel.Chips;
using SensorNet.NodeKernel.Kernel;
using SensorNet.RadioModels.Ieee802154;
using SensorNet.RadioModels.Ble;
using SensorNet.RadioModels.Chips;
using SensorNet.RadioModels.LoRa;
using SensorNet.RadioModels.LoRa.LoRaWan;
using SensorNet.RadioModels.LoRa.Reception;
using SensorNet.RadioModels.Medium;
using SensorNet.RadioModels.Propagation;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;

namespace SensorNet.Scenarios.Running;

/// <summary>
/// Builds the object graph of a scenario and runs it. The only place that creates model objects from configuration;
/// a run is a pure function of (scenario, replication), so it can run on any thread.
/// </summary>
public static class ScenarioRunner
{
    /// <summary>Number of slices the run is cut into for progress reports; the slicing does not change the results.</summary>
    public const int ProgressSlices = 200;

    /// <summary>Runs the scenario and checks its invariants (energy ledger, residency sums).</summary>
    /// <param name="config">The resolved scenario.</param>
    /// <param name="replication">Replication index; selects independent random streams.</param>
    /// <param name="progress">Receives the fraction of simulated time done, from 0 to 1.</param>
    /// <param name="cancellationToken">Stops the run between slices.</param>
    /// <remarks>The traces are kept in memory (<see cref="TraceSinks.InMemory"/>) and returned in the result.</remarks>
    /// <exception cref="InvalidOperationException">An invariant failed (a model bug): no result is returned.</exception>
    public static RunResult Run(ScenarioConfig config, int replication = 0, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        TraceSinks traces = TraceSinks.InMemory();
        RunResult run = Run(config, replication, traces, progress, cancellationToken);
        return run with
        {
            Energy = ((TraceList<EnergySample>)traces.Energy).Rows,
            PowerStates = ((TraceList<PowerStateRow>)traces.PowerStates).Rows,
            Packets = ((TraceList<PacketRecord>)traces.Packets).Rows,
        };
    }

    /// <summary>Runs the scenario, handing the trace rows to <paramref name="traces"/> as they are produced.</summary>
    /// <param name="config">The resolved scenario.</param>
    /// <param name="replication">Replication index; selects independent random streams.</param>
    /// <param name="traces">Receives the energy samples, power-state intervals and packet records; the result's trace lists are empty.</param>
    /// <param name="progress">Receives the fraction of simulated time done, from 0 to 1.</param>
    /// <param name="cancellationToken">Stops the run between slices.</param>
    /// <exception cref="InvalidOperationException">An invariant failed (a model bug): no result is returned.</exception>
    public static RunResult Run(ScenarioConfig config, int replication, TraceSinks traces, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(traces);
        (Simulation simulation, IRunNode[] nodes, PacketCollector? packets, NetworkServer? server, EnergySampler? sampler) = Prepare(config, replication, traces);
        SimTime end = SimTime.FromStart(config.Duration);
        for (int slice = 1; slice <= ProgressSlices; slice++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            simulation.RunUntil(SimTime.FromStart(config.Duration * slice / ProgressSlices));
            progress?.Report(slice / (double)ProgressSlices);
        }

        if (simulation.Now != end)
        {
            throw new InvalidOperationException($"The run ended at {simulation.Now} instead of {end}.");
        }

        sampler?.Finish(end);
        var summaries = new List<NodeSummary>(nodes.Length);
        var residency = new List<ResidencyRow>();
        var kernels = new List<KernelReport>();
        var processes = new List<ProcessReport>();
        foreach (IRunNode node in nodes)
        {
            node.Energy.FlushPowerStates();
            node.Energy.VerifyLedger();
            NodeEnergy e = node.Energy;
            summaries.Add(node.Summarise(config.Duration) with
            {
                Outages = e.Outages,
                Restarts = e.Restarts,
                DowntimeNs = e.Downtime.Nanoseconds,
                ConverterLossJ = e.ConverterLoss.Value,
            });
            foreach (StateBasedConsumer c in node.Energy.Consumers)
            {
                AddResidency(residency, node.Id, c, config.Duration);
            }

            if (node.Kernel(config.Duration) is { } k)
            {
                kernels.Add(k);
            }

            processes.AddRange(node.Processes());
        }

        if (packets is not null)
        {
            // LoRaWAN counts messages the network server received (retransmissions of one message count once); an
            // 802.15.4 collection network counts messages that reached a sink, however many hops they took.
            Dictionary<int, long> delivered = packets.DeliveredBySender();
            summaries = [.. summaries.Select(n => n with
            {
                FramesDelivered = n.Kind switch
                {
                    "lorawan" => server!.MessagesReceived.GetValueOrDefault(n.NodeId),
                    "ieee802154" or "bleAdvertiser" or "bleScanner" => n.FramesDelivered, // counted by the devices themselves
                    _ => delivered.GetValueOrDefault(n.NodeId),
                },
            })];
        }

        return new RunResult(config, replication, end.Nanoseconds, simulation.EventsExecuted, summaries, residency, kernels, processes, [], []);
    }

    /// <summary>Everything a run does before its first event: the network, the nodes switched on, traces and sampler attached.</summary>
    internal static Prepared Prepare(ScenarioConfig config, int replication, TraceSinks traces)
    {
        var simulation = new Simulation(initialCapacity: Math.Max(1024, config.NodeCount * 2));
        var streams = new RngStreams(config.Seed, replication);
        (WirelessMedium? medium, PacketCollector? packets, NetworkServer? server) = BuildNetwork(simulation, config, streams, traces.Packets);
        IRunNode[] nodes = BuildNodes(simulation, config, streams, medium);
        foreach (IRunNode node in nodes)
        {
            node.Boot(simulation.Now);
        }

        PowerStateTrace? trace = config.PowerStateTrace ? new PowerStateTrace(traces.PowerStates) : null;
        if (trace is not null)
        {
            simulation.AllowRunAhead = false; // the trace is one stream in the order intervals end: keep the global order
            foreach (IRunNode node in nodes)
            {
                node.Energy.PowerStateSink = trace.For(node.Id);
            }
        }

        EnergySampler? sampler = config.EnergySampleInterval.Nanoseconds > 0
            ? new EnergySampler(simulation, [.. nodes.Select(n => (n.Id, n.Energy))], config.EnergySampleInterval, traces.Energy)
            : null;
        sampler?.Start();

        return new Prepared(simulation, nodes, packets, server, sampler);
    }

    /// <summary>A scenario set up to run (<see cref="Prepare"/>).</summary>
    internal sealed record Prepared(Simulation Simulation, IRunNode[] Nodes, PacketCollector? Packets, NetworkServer? Server, EnergySampler? Sampler);

    // The medium and its gateways (ids after the nodes); none without a network section.
    private static (WirelessMedium? Medium, PacketCollector? Packets, NetworkServer? Server) BuildNetwork(Simulation simulation, ScenarioConfig config, RngStreams streams, ITraceSink<PacketRecord> records)
    {
        if (config.Network is not { } network)
        {
            return (null, null, null);
        }

        // Gateways answer LoRaWAN devices at the EU868 default 14 dBm (max EIRP 16 dBm).
        NetworkServer? server = config.Groups.Any(g => g is LoRaWanGroupConfig) ? new NetworkServer(simulation, new Dbm(14)) : null;

        int firstGateway = config.NodeCount;
        var packets = new PacketCollector(new HashSet<int>(Enumerable.Range(firstGateway, network.Gateways.Count)), config.PacketTrace ? records : null);
        // SX1262 boards (Tock) reach +22 dBm, nRF52840 BLE +8 dBm; the index is sized for the strongest transmitter,
        // per-node overrides included.
        NodeGroupConfig[] groups = [.. config.Groups.SelectMany(g => g.Configurations())];
        double strongest = groups.Any(g => g is TockLoRaGroupConfig) ? 22 : groups.Any(g => g is TockGroupConfig or LoRaAlohaGroupConfig or LoRaWanGroupConfig) ? 20 : 8;
        Dbm maxTx = new(Math.Max(strongest, groups.OfType<LoRaAlohaGroupConfig>().Select(g => g.Radio.TxPower.Value).Concat(groups.OfType<LoRaWanGroupConfig>().Select(g => g.Radio.TxPower.Value)).DefaultIfEmpty(strongest).Max()));
        maxTx = new Dbm(Math.Max(maxTx.Value, groups.OfType<Ieee802154GroupConfig>().Select(g => g.TxPower.Value).Concat(groups.OfType<BleGroupConfig>().Select(g => g.TxPower.Value)).DefaultIfEmpty(-20).Max()));
        var medium = new WirelessMedium(
            simulation,
            network.Propagation.Create(),
            MediumOptions.LoRa with { MaxTxPower = maxTx, Shadowing = network.Shadowing, InterferenceFloor = InterferenceFloor(config) },
            streams.SeedFor(RngStreams.NetworkWide, RngPurpose.Shadowing),
            packets);
        for (int i = 0; i < network.Gateways.Count; i++)
        {
            GatewayConfig g = network.Gateways[i];
            LoRaSensitivity table = g.Table;
            Dbm Sensitivity(int sf) => table.Get(sf, g.Bandwidth);
            RadioPort port = medium.Attach(firstGateway + i, new Position(g.X, g.Y), new ReceiverSettings(g.Channels, g.Bandwidth, 0, g.Demodulators, Sensitivity, network.CreateReception(Sensitivity)), server);
            server?.AddGateway(port);
        }

        return (medium, packets, server);
    }

    private static RadioDeviceRunNode BuildLoRaWan(Simulation simulation, int id, (Meters X, Meters Y) position, IEnergyStorage storage, LoRaWanGroupConfig group, RngStreams streams, WirelessMedium medium, NetworkConfig network)
    {
        var energy = new NodeEnergy(simulation, storage);
        var radio = new LoRaRadio(simulation, energy, group.Radio.Chip, group.Radio.Modulation, group.Radio.TxPower);
        Hertz bandwidth = group.Radio.Modulation.Bandwidth;
        // End devices decode with the LoRa rules (LoRaSim's check describes a gateway only) and the SX1272 table.
        IReceptionModel model = network.Reception.StartsWith("loraSim", StringComparison.Ordinal)
            ? new LoRaReceptionModel(LoRaReceptionOptions.BorEtAl)
            : network.CreateReception(sf => LoRaSensitivity.Sx1272.Get(sf, bandwidth));
        var receiver = new ReceiverSettings(group.Settings.Channels, bandwidth, group.Radio.Modulation.SpreadingFactor, 1, sf => LoRaSensitivity.Sx1272.Get(sf, bandwidth), model);
        RadioPort port = medium.AttachSleeping(id, new Position(position.X, position.Y), receiver);
        var device = new LoRaWanDevice(simulation, radio, port, group.Settings, streams.For(id, RngPurpose.Traffic));
        port.Listener = device;
        return new RadioDeviceRunNode(id, group.Name, "lorawan", position, energy, (radio.Chip.Name, radio.Consumer), () => (radio.FramesSent, radio.Airtime.Nanoseconds), device.Start, s => s with
        {
            Messages = device.Messages,
            MessagesAcked = device.MessagesAcked,
            Retransmissions = device.Retransmissions,
            DutyCycleWaitNs = device.DutyCycleWait.Nanoseconds,
        });
    }

    // 30 dB under the thermal noise of the narrowest receiver on the medium: a 125 kHz LoRa receiver (−147 dBm), else
    // a 2 MHz 2.4 GHz one (−174 + 63 + 6 − 30 ≈ −135 dBm).
    private static Dbm InterferenceFloor(ScenarioConfig config) =>
        config.Groups.Any(g => g is LoRaAlohaGroupConfig or LoRaWanGroupConfig or TockLoRaGroupConfig) || config.Network!.Gateways.Count > 0
            ? MediumOptions.LoRa.InterferenceFloor
            : new Dbm(-135);

    private static RadioDeviceRunNode BuildAloha(Simulation simulation, int id, (Meters X, Meters Y) position, IEnergyStorage storage, LoRaAlohaGroupConfig group, RngStreams streams, WirelessMedium? medium)
    {
        var energy = new NodeEnergy(simulation, storage);
        var radio = new LoRaRadio(simulation, energy, group.Radio.Chip, group.Radio.Modulation, group.Radio.TxPower);
        if (medium is not null)
        {
            // LoRaSim experiment 1: each device keeps one carrier drawn at random.
            Hertz channel = group.Channels[streams.For(id, RngPurpose.Traffic, 1).NextInt32(group.Channels.Count)];
            radio.AttachTo(medium.Attach(id, new Position(position.X, position.Y)), channel);
        }

        var device = new AlohaLoRaDevice(simulation, radio, group.MeanWait, group.PayloadBytes, streams.For(id, RngPurpose.Traffic));
        return new RadioDeviceRunNode(id, group.Name, "loraAloha", position, energy, (radio.Chip.Name, radio.Consumer), () => (radio.FramesSent, radio.Airtime.Nanoseconds), device.Start);
    }

    private static IRunNode[] BuildNodes(Simulation simulation, ScenarioConfig config, RngStreams streams, WirelessMedium? medium)
    {
        CollectionRegistry? registry = null;
        var macs = new List<(Ieee802154MacNode Node, Ieee802154GroupConfig Group)>();
        var heardByAnyScanner = new AdvertisingEventCounter();
        // Chip files are read once per run, not at every node's every boot; an override may name another board.
        var chips = new Dictionary<string, ChipModel>(StringComparer.Ordinal);
        ChipModel Chip(string nameOrPath) => chips.TryGetValue(nameOrPath, out ChipModel? c) ? c : chips[nameOrPath] = ChipFile.Resolve(nameOrPath);
        var nodes = new List<IRunNode>(config.NodeCount);
        for (int groupIndex = 0; groupIndex < config.Groups.Count; groupIndex++)
        {
            NodeGroupConfig g = config.Groups[groupIndex];
            IReadOnlyList<(Meters X, Meters Y)> positions = g.Placement.Positions(g.Count, streams.For(RngStreams.NetworkWide, RngPurpose.Placement, groupIndex));

            for (int i = 0; i < g.Count; i++)
            {
                int id = nodes.Count;
                (Meters X, Meters Y) position = positions[i];
                NodeGroupConfig node = g.ForNode(i); // the group's configuration, or an override's
                IEnergyStorage storage = node.Storage.Create();
                nodes.Add(node switch
                {
                    LoRaAlohaGroupConfig a => BuildAloha(simulation, id, position, storage, a, streams, medium),
                    LoRaWanGroupConfig w => BuildLoRaWan(simulation, id, position, storage, w, streams, medium!, config.Network!),
                    BleGroupConfig b => BuildBle(simulation, id, position, storage, b, streams, medium!, heardByAnyScanner),
                    Ieee802154GroupConfig z => BuildIeee802154(simulation, id, position, storage, z, streams, medium!, registry ??= new CollectionRegistry(), macs),
                    LoRaSenseGroupConfig l => new LoRaRunNode(new SensorNode(simulation, id, position, storage, l.Mcu, l.Radio.Chip, l.Radio.Modulation, l.Radio.TxPower, l.App, streams), g.Name),
                    TockGroupConfig t => BuildTock(simulation, id, position, Energy(simulation, storage, t), t, Chip(t.Board.Chip), streams, groupIndex, medium?.Attach(id, new Position(position.X, position.Y)), BootDelay(t, streams, id)),
                    TockLoRaGroupConfig t => BuildTockLoRa(simulation, id, position, Energy(simulation, storage, t), t, Chip(t.Board.Chip), medium?.Attach(id, new Position(position.X, position.Y)), BootDelay(t, streams, id)),
                    _ => throw new InvalidOperationException($"Unknown node group {g.GetType().Name}."),
                });
            }
        }

        if (macs.Count > 0)
        {
            CollectionRouting.Assign(macs, medium!);
        }

        return [.. nodes];
    }

    // An advertiser's frames_delivered counts its events heard by any scanner, each once.
    private static RadioDeviceRunNode BuildBle(Simulation simulation, int id, (Meters X, Meters Y) position, IEnergyStorage storage, BleGroupConfig group, RngStreams streams, WirelessMedium medium, AdvertisingEventCounter heardByAnyScanner)
    {
        var energy = new NodeEnergy(simulation, storage);
        StateBasedConsumer radio = energy.AddConsumer("radio", PacketRadioProfile.Nrf52840Ble.PowerStates(), PacketRadioProfile.OffState);
        if (group.IsScanner)
        {
            var settings = new ReceiverSettings([BleChannels.CenterFrequency(37)], BleChannels.ChannelWidth, 0, 1, _ => BleSensitivity, new BleReceptionModel(), SymbolTime: BleChannels.SymbolTime);
            var scanner = new BleScanner(simulation, medium.AttachSleeping(id, new Position(position.X, position.Y), settings), group.Interval, group.Window, radio, heardByAnyScanner);
            energy.PowerLost += _ => scanner.Stop();
            return new RadioDeviceRunNode(id, group.Name, "bleScanner", position, energy, (PacketRadioProfile.Nrf52840Ble.Name, radio), () => (0, 0), scanner.Start, n => n with { Messages = scanner.PdusReceived });
        }

        var advertiser = new BleAdvertiser(simulation, medium.Attach(id, new Position(position.X, position.Y)), group.Interval, group.PayloadBytes, group.TxPower, streams.For(id, RngPurpose.Traffic), radio);
        energy.PowerLost += _ => advertiser.Stop();
        return new RadioDeviceRunNode(id, group.Name, "bleAdvertiser", position, energy, (PacketRadioProfile.Nrf52840Ble.Name, radio), () => (advertiser.Pdus, advertiser.Airtime.Nanoseconds), advertiser.Start, n => n with
        {
            Messages = advertiser.Events,
            FramesDelivered = heardByAnyScanner.Count(id),
        });
    }

    /// <summary>nRF52840 BLE 1M receiver sensitivity (U).</summary>
    private static readonly Dbm BleSensitivity = new(-95);

    private static RadioDeviceRunNode BuildIeee802154(Simulation simulation, int id, (Meters X, Meters Y) position, IEnergyStorage storage, Ieee802154GroupConfig group, RngStreams streams, WirelessMedium medium, CollectionRegistry registry, List<(Ieee802154MacNode Node, Ieee802154GroupConfig Group)> macs)
    {
        var energy = new NodeEnergy(simulation, storage);
        StateBasedConsumer radio = energy.AddConsumer("radio", group.Radio.PowerStates(), PacketRadioProfile.OffState);
        var receiver = new ReceiverSettings(
            [Ieee802154Phy.ChannelCenterFrequency(group.Channel)],
            Ieee802154Phy.ChannelWidth,
            0,
            1,
            _ => CollectionRouting.Sensitivity,
            new OqpskReceptionModel(streams.For(id, RngPurpose.Fading)),
            SymbolTime: Ieee802154Phy.SymbolTime);
        RadioPort port = medium.Attach(id, new Position(position.X, position.Y), receiver);
        var mac = new Ieee802154MacNode(simulation, port, group.Channel, group.TxPower, streams.For(id, RngPurpose.MacBackoff), radio: radio, registry: registry) { IsSink = group.IsSink };
        macs.Add((mac, group));
        energy.PowerLost += _ => mac.Stop(); // radio-only devices have no reboot model: a dead node is silent
        var traffic = new PeriodicSource(simulation, group.Period, () => mac.SendToParent(group.PayloadBytes), streams.For(id, RngPurpose.Traffic));
        return new RadioDeviceRunNode(id, group.Name, "ieee802154", position, energy, (group.Radio.Name, radio), () => (mac.Transmissions + mac.AcksSent, mac.Airtime.Nanoseconds), group.IsSink ? () => { } : traffic.Start, n => n with
        {
            Messages = mac.Generated,
            MessagesAcked = mac.OwnAcked,
            Retransmissions = mac.Retransmissions,
            FramesDelivered = registry.DeliveredByOrigin.GetValueOrDefault(id),
            FramesForwarded = mac.Forwarded,
        });
    }

    // Uniform on whole nanoseconds in [0, spread), from the node's own stream: the same node boots at the same instant
    // whatever the other groups or the node count.
    private static SimDuration BootDelay(NodeGroupConfig group, RngStreams streams, int id) =>
        group.BootSpread.Nanoseconds == 0 ? SimDuration.Zero : SimDuration.FromNanoseconds((long)streams.For(id, RngPurpose.StartOffset).NextUInt64((ulong)group.BootSpread.Nanoseconds));

    // The energy system outlives every boot of the node, so it is built outside any board's event domain.
    private static NodeEnergy Energy(Simulation simulation, IEnergyStorage storage, NodeGroupConfig group) =>
        new(simulation, storage, group.Power?.Thresholds(storage), group.Power?.Regulator?.Create());

    // The antenna outlives the boards: every boot's SX1262 transmits through the same port.
    private static TockRunNode BuildTockLoRa(Simulation simulation, int id, (Meters X, Meters Y) position, NodeEnergy energy, TockLoRaGroupConfig group, ChipModel chip, RadioPort? port, SimDuration bootDelay) =>
        TockRunNode.For(
            simulation,
            id,
            energy,
            () =>
            {
                LoRaBoard board = LoadApps(LoRaBoards.Build(simulation, id, group.Board, energy, chip: chip), b => b.Node, group.Apps);
                board.Radio.Port = port;
                return board;
            },
            group.Name,
            position,
            bootDelay,
            port);

    private static TockRunNode BuildTock(Simulation simulation, int id, (Meters X, Meters Y) position, NodeEnergy energy, TockGroupConfig group, ChipModel chip, RngStreams streams, int groupIndex, RadioPort? port, SimDuration bootDelay)
    {
        if (group.Solar?.CreateHarvester(streams, groupIndex) is { } harvester)
        {
            energy.AddHarvester(harvester);
        }

        // The board's 802.15.4 and BLE radios share the node's one antenna, which outlives brown-out reboots.
        return TockRunNode.For(
            simulation,
            id,
            energy,
            () =>
            {
                Board board = LoadApps(Board.Build(simulation, id, group.Board, energy, chip: chip), b => b.Node, group.Apps);
                if (board.RadioChip is { } radio)
                {
                    radio.Port = port;
                }

                if (board.BleRadio is { } ble)
                {
                    ble.Port = port;
                }

                return board;
            },
            group.Name,
            position,
            bootDelay,
            port);
    }

    // Every boot loads the apps again, as the kernel loads the process binaries from flash at boot.
    private static TBoard LoadApps<TBoard>(TBoard board, Func<TBoard, TockNode> node, IReadOnlyList<TockAppConfig> apps)
    {
        foreach (TockAppConfig app in apps)
        {
            node(board).Load(TockApps.Create(app));
        }

        return board;
    }

    private static void AddResidency(List<ResidencyRow> rows, int nodeId, StateBasedConsumer c, SimDuration duration)
    {
        long sum = 0;
        for (int s = 0; s <= c.OffState; s++)
        {
            long ns = c.Residency(s).Nanoseconds;
            sum += ns;
            double power = s == c.OffState ? 0 : c.Table[s].Power.Value;
            rows.Add(new ResidencyRow(nodeId, c.Name, c.StateName(s), ns, c.Entries(s), power, c.Energy(s).Value));
        }

        // Residency is integer nanoseconds, so it must add up to the simulated time exactly.
        if (sum != duration.Nanoseconds)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"Residency of node {nodeId} component {c.Name} sums to {sum} ns, not {duration.Nanoseconds} ns."));
        }
    }
}
