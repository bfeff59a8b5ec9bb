using SensorNet.Energy;
using SensorNet.Energy.Harvesting;
using SensorNet.Energy.Solar;
using SensorNet.Energy.Storage;
using SensorNet.NodeKernel.Apps;
using SensorNet.NodeKernel.Boards;
using SensorNet.NodeKernel.Chips;
using SensorNet.NodeKernel.Firmware;
using SensorNet.RadioModels.Ieee802154;
using SensorNet.RadioModels.Ble;
using SensorNet.RadioModels.Chips;
using SensorNet.RadioModels.LoRa;
using SensorNet.RadioModels.LoRa.LoRaWan;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;

namespace SensorNet.Scenarios;

/// <summary>A scenario as resolved from its file: every value typed, every default applied, every reference looked up.</summary>
/// <param name="Name">Run name; names the results directory. Letters, digits, '-', '_' and '.'.</param>
/// <param name="Seed">Scenario seed for every random stream.</param>
/// <param name="Duration">Simulated time.</param>
/// <param name="Groups">Node groups; node ids run on from one group to the next.</param>
/// <param name="EnergySampleInterval">Interval of the energy time series (<c>energy.parquet</c>); zero for none.</param>
/// <param name="PowerStateTrace">True to trace every power-state interval (<c>power_states.parquet</c>).</param>
/// <param name="PacketTrace">True (the default) to record every reception outcome (<c>packets.parquet</c>); delivery is counted either way.</param>
public sealed record ScenarioConfig(string Name, ulong Seed, SimDuration Duration, IReadOnlyList<NodeGroupConfig> Groups, SimDuration EnergySampleInterval = default, bool PowerStateTrace = false, bool PacketTrace = true)
{
    /// <summary>Total number of nodes.</summary>
    public int NodeCount => Groups.Sum(g => g.Count);

    /// <summary>The shared radio medium and its gateways (<c>network:</c>); null: frames reach no one.</summary>
    public NetworkConfig? Network { get; init; }

    /// <summary>Table format the scenario asks for (<c>outputs.format</c>); null: Parquet unless the command line says otherwise.</summary>
    public Results.ResultsFormat? Format { get; init; }

    /// <inheritdoc/>
    public bool Equals(ScenarioConfig? other) =>
        other is not null && Name == other.Name && Seed == other.Seed && Duration == other.Duration && Groups.SequenceEqual(other.Groups)
        && EnergySampleInterval == other.EnergySampleInterval && PowerStateTrace == other.PowerStateTrace && PacketTrace == other.PacketTrace && Equals(Network, other.Network) && Format == other.Format;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Seed, Duration, Groups.Count);
}

/// <summary>A group of identical nodes placed by a rule.</summary>
/// <param name="Name">Group name (unique in the scenario).</param>
/// <param name="Count">Number of nodes.</param>
/// <param name="Placement">Where they stand.</param>
/// <param name="Storage">Energy storage of every node.</param>
public abstract record NodeGroupConfig(string Name, int Count, PlacementConfig Placement, StorageConfig Storage)
{
    /// <summary>Brown-out thresholds and regulator (<c>power:</c>); null: loads draw straight from the storage, which they run until it is exhausted.</summary>
    public PowerConfig? Power { get; init; }

    /// <summary>
    /// Tock groups: each node is switched on at a time drawn uniformly from [0, spread) (its own random stream), as
    /// nodes of a deployment are installed one after another; unpowered until then. Zero: every node boots at t = 0.
    /// </summary>
    public SimDuration BootSpread { get; init; }

    /// <summary>
    /// Per-node overrides (<c>overrides:</c>): nodes of this group configured otherwise, each a group of the same kind
    /// whose placement and count are this group's. Empty: every node is configured alike.
    /// </summary>
    public IReadOnlyList<NodeOverride> Overrides { get; init; } = [];

    /// <summary>The configuration of the group's node <paramref name="index"/> (0-based within the group).</summary>
    public NodeGroupConfig ForNode(int index)
    {
        foreach (NodeOverride o in Overrides)
        {
            if (o.Nodes.Contains(index))
            {
                return o.Config;
            }
        }

        return this;
    }

    /// <summary>This group's configuration and every override's.</summary>
    public IEnumerable<NodeGroupConfig> Configurations() => Overrides.Select(o => o.Config).Prepend(this);

    /// <inheritdoc/>
    public virtual bool Equals(NodeGroupConfig? other) =>
        other is not null && EqualityContract == other.EqualityContract && Name == other.Name && Count == other.Count && Placement == other.Placement
        && Storage == other.Storage && Power == other.Power && BootSpread == other.BootSpread && Overrides.SequenceEqual(other.Overrides);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Count, Placement, Storage, Power, BootSpread, Overrides.Count);
}

/// <summary>Nodes of a group configured otherwise (<c>overrides[i]</c>).</summary>
/// <param name="Nodes">Their indices within the group, 0-based, ascending.</param>
/// <param name="Config">Their configuration: the group's with the override's blocks in place of its own.</param>
public sealed record NodeOverride(IReadOnlyList<int> Nodes, NodeGroupConfig Config)
{
    /// <inheritdoc/>
    public bool Equals(NodeOverride? other) => other is not null && Nodes.SequenceEqual(other.Nodes) && Config == other.Config;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Nodes.Count, Config);
}

/// <summary>
/// Pure-ALOHA LoRa devices as in LoRaSim (<see cref="AlohaLoRaDevice"/>): wait an exponential time, send, repeat; each
/// device picks one of <paramref name="Channels"/> at random and keeps it.
/// </summary>
/// <param name="Name">Group name.</param>
/// <param name="Count">Number of devices.</param>
/// <param name="Placement">Where they stand.</param>
/// <param name="Storage">Energy storage.</param>
/// <param name="Radio">LoRa radio of every device.</param>
/// <param name="Channels">Carriers to choose from.</param>
/// <param name="MeanWait">Mean exponential wait before each frame.</param>
/// <param name="PayloadBytes">PHY payload.</param>
public sealed record LoRaAlohaGroupConfig(string Name, int Count, PlacementConfig Placement, StorageConfig Storage, LoRaRadioConfig Radio, IReadOnlyList<Hertz> Channels, SimDuration MeanWait, int PayloadBytes)
    : NodeGroupConfig(Name, Count, Placement, Storage)
{
    /// <inheritdoc/>
    public bool Equals(LoRaAlohaGroupConfig? other) =>
        other is not null && base.Equals(other) && Radio == other.Radio && Channels.SequenceEqual(other.Channels) && MeanWait == other.MeanWait && PayloadBytes == other.PayloadBytes;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Radio, Channels.Count, MeanWait, PayloadBytes);
}

/// <summary>LoRaWAN class A end devices (<see cref="LoRaWanDevice"/>), activated by personalisation, sending periodically.</summary>
/// <param name="Name">Group name.</param>
/// <param name="Count">Number of devices.</param>
/// <param name="Placement">Where they stand.</param>
/// <param name="Storage">Energy storage.</param>
/// <param name="Radio">LoRa radio (its SF is the uplink data rate).</param>
/// <param name="Settings">Channels, period, payload, confirmed uplinks and retransmissions.</param>
public sealed record LoRaWanGroupConfig(string Name, int Count, PlacementConfig Placement, StorageConfig Storage, LoRaRadioConfig Radio, LoRaWanSettings Settings)
    : NodeGroupConfig(Name, Count, Placement, Storage)
{
    /// <inheritdoc/>
    public bool Equals(LoRaWanGroupConfig? other) =>
        other is not null && base.Equals(other) && Radio == other.Radio && Settings.Channels.SequenceEqual(other.Settings.Channels)
        && Settings with { Channels = [] } == other.Settings with { Channels = [] };

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Radio, Settings.Period, Settings.PayloadBytes);
}

/// <summary>
/// Always-on IEEE 802.15.4 nodes (<see cref="Ieee802154MacNode"/>: unslotted CSMA-CA, ACKs, retries) in a collection
/// network: sensors send a message every period toward a sink, directly or along a static collection tree.
/// </summary>
/// <param name="Name">Group name.</param>
/// <param name="Count">Number of nodes.</param>
/// <param name="Placement">Where they stand.</param>
/// <param name="Storage">Energy storage.</param>
/// <param name="IsSink">True for sinks (border routers); they generate no traffic.</param>
/// <param name="Channel">802.15.4 channel, 11–26.</param>
/// <param name="Radio">Radio chip and its currents.</param>
/// <param name="TxPower">Transmit power (the chip's current table is for 0 dBm).</param>
/// <param name="Period">A message every period (sensors), first at a random offset within it.</param>
/// <param name="PayloadBytes">PSDU of a data frame (MAC header, payload, FCS).</param>
/// <param name="Tree">True: forward along the collection tree; false: send straight to the nearest sink.</param>
public sealed record Ieee802154GroupConfig(string Name, int Count, PlacementConfig Placement, StorageConfig Storage, bool IsSink, int Channel, PacketRadioProfile Radio, Dbm TxPower, SimDuration Period, int PayloadBytes, bool Tree)
    : NodeGroupConfig(Name, Count, Placement, Storage);

/// <summary>
/// BLE nodes on the 1M PHY: advertisers (<see cref="BleAdvertiser"/>, legacy advertising on 37/38/39) or passive
/// scanners and gateways (<see cref="BleScanner"/>).
/// </summary>
/// <param name="Name">Group name.</param>
/// <param name="Count">Number of nodes.</param>
/// <param name="Placement">Where they stand.</param>
/// <param name="Storage">Energy storage.</param>
/// <param name="IsScanner">True for scanners, false for advertisers.</param>
/// <param name="Interval">advInterval, or scanInterval.</param>
/// <param name="Window">scanWindow (scanners).</param>
/// <param name="PayloadBytes">Advertising PDU payload (advertisers).</param>
/// <param name="TxPower">Transmit power (advertisers).</param>
public sealed record BleGroupConfig(string Name, int Count, PlacementConfig Placement, StorageConfig Storage, bool IsScanner, SimDuration Interval, SimDuration Window, int PayloadBytes, Dbm TxPower)
    : NodeGroupConfig(Name, Count, Placement, Storage);

/// <summary>Nodes running the interim LoRa sense-and-send firmware (no Tock kernel).</summary>
/// <param name="Name">Group name.</param>
/// <param name="Count">Number of nodes.</param>
/// <param name="Placement">Where they stand.</param>
/// <param name="Storage">Energy storage.</param>
/// <param name="Mcu">MCU of every node.</param>
/// <param name="Radio">LoRa radio of every node.</param>
/// <param name="App">Firmware settings.</param>
public sealed record LoRaSenseGroupConfig(string Name, int Count, PlacementConfig Placement, StorageConfig Storage, McuProfile Mcu, LoRaRadioConfig Radio, SenseAndSendSettings App)
    : NodeGroupConfig(Name, Count, Placement, Storage);

/// <summary>Nodes running the Tock kernel model on a board, with apps loaded as processes.</summary>
/// <param name="Name">Group name.</param>
/// <param name="Count">Number of nodes.</param>
/// <param name="Placement">Where they stand.</param>
/// <param name="Storage">Energy storage.</param>
/// <param name="Board">The board, with the scenario's overrides applied.</param>
/// <param name="Apps">Apps in process order.</param>
/// <param name="Solar">The solar panel on the board's solar input, if any.</param>
public sealed record TockGroupConfig(string Name, int Count, PlacementConfig Placement, StorageConfig Storage, BoardDefinition Board, IReadOnlyList<TockAppConfig> Apps, SolarInputConfig? Solar = null)
    : NodeGroupConfig(Name, Count, Placement, Storage)
{
    /// <inheritdoc/>
    public bool Equals(TockGroupConfig? other) =>
        other is not null && base.Equals(other) && Board == other.Board && Apps.SequenceEqual(other.Apps) && Solar == other.Solar;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Board, Apps.Count);
}

/// <summary>Nodes running the Tock kernel model on a LoRa board (SX1262 through the SPI and GPIO drivers), with apps.</summary>
/// <param name="Name">Group name.</param>
/// <param name="Count">Number of nodes.</param>
/// <param name="Placement">Where they stand.</param>
/// <param name="Storage">Energy storage.</param>
/// <param name="Board">The LoRa board, with the scenario's overrides applied.</param>
/// <param name="Apps">Apps in process order.</param>
public sealed record TockLoRaGroupConfig(string Name, int Count, PlacementConfig Placement, StorageConfig Storage, LoRaBoardDefinition Board, IReadOnlyList<TockAppConfig> Apps)
    : NodeGroupConfig(Name, Count, Placement, Storage)
{
    /// <inheritdoc/>
    public bool Equals(TockLoRaGroupConfig? other) =>
        other is not null && base.Equals(other) && Board == other.Board && Apps.SequenceEqual(other.Apps);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Board, Apps.Count);
}

/// <summary>A built-in Tock app and its settings.</summary>
/// <param name="Kind">blink, sense, senseAndSend154, button, busyLoop, faulting, loraSense, energyAware or bleSense.</param>
/// <param name="Style">Async or sync (for the apps that have both).</param>
/// <param name="Period">Period of periodic apps.</param>
/// <param name="PayloadBytes">Payload of apps that send.</param>
/// <param name="Print">Whether sensing apps print each reading on the console.</param>
/// <param name="LoRaMode">For loraSense: RadioLib's blocking transmit or the interrupt-driven one.</param>
/// <param name="SpreadingFactor">For loraSense: the spreading factor.</param>
public sealed record TockAppConfig(string Kind, AppStyle Style, SimDuration Period, int PayloadBytes, bool Print, LoRaTransmitMode LoRaMode = LoRaTransmitMode.InterruptDriven, int SpreadingFactor = 9);

/// <summary>A solar panel feeding a node: what every solar input has in common.</summary>
/// <param name="Start">Calendar instant of simulated time 0, with its UTC offset.</param>
/// <param name="RatedPower">Panel power at 1 000 W/m² and 25 °C (PVWatts pdc0).</param>
/// <param name="TemperatureCoefficientPerC">Power temperature coefficient, 1/°C.</param>
/// <param name="MpptEfficiency">Converter efficiency, 0–1.</param>
public abstract record SolarInputConfig(DateTimeOffset Start, Watts RatedPower, double TemperatureCoefficientPerC, double MpptEfficiency)
{
    /// <summary>A fresh harvester for one node.</summary>
    /// <param name="streams">The run's random streams (for a stochastic sky).</param>
    /// <param name="groupIndex">Index of the node's group in the scenario; every node of a group sees the same sky.</param>
    public abstract IEnergyHarvester CreateHarvester(RngStreams streams, int groupIndex);

    /// <summary>The panel.</summary>
    protected PvPanel Panel() => new(RatedPower, TemperatureCoefficientPerC) { MpptEfficiency = MpptEfficiency };
}

/// <summary>A panel driven by an irradiance trace from a CSV file (<see cref="IrradianceTraceHarvester"/>).</summary>
/// <param name="File">The file as the scenario names it (relative to the scenario file).</param>
/// <param name="Sha256">SHA-256 of the file's bytes, for the manifest (the scenario's own hash does not cover it).</param>
/// <param name="Samples">The records, from simulated time 0, covering the run.</param>
/// <param name="WindSpeedMs">Wind speed for the cell-temperature model, in m/s.</param>
/// <param name="Start">Calendar instant of simulated time 0.</param>
/// <param name="RatedPower">Panel power at 1 000 W/m² and 25 °C.</param>
/// <param name="TemperatureCoefficientPerC">Power temperature coefficient, 1/°C.</param>
/// <param name="MpptEfficiency">Converter efficiency, 0–1.</param>
/// <param name="GhiGeometry">For a trace of global horizontal irradiance (column <c>ghi_w_m2</c>): where the panel
/// stands and how it is oriented, to transpose GHI to its plane; null for a plane-of-array trace.</param>
public sealed record SolarTraceConfig(string File, string Sha256, IReadOnlyList<IrradianceSample> Samples, double WindSpeedMs, DateTimeOffset Start, Watts RatedPower, double TemperatureCoefficientPerC, double MpptEfficiency, SolarGeometryConfig? GhiGeometry = null)
    : SolarInputConfig(Start, RatedPower, TemperatureCoefficientPerC, MpptEfficiency)
{
    /// <inheritdoc/>
    public override IEnergyHarvester CreateHarvester(RngStreams streams, int groupIndex) => GhiGeometry is { } g
        ? IrradianceTraceHarvester.FromGlobalHorizontal(Samples, Panel(), g.Site(), Start, g.Orientation(), WindSpeedMs)
        : new IrradianceTraceHarvester(Samples, Panel(), WindSpeedMs);

    /// <inheritdoc/>
    public bool Equals(SolarTraceConfig? other) =>
        other is not null && base.Equals(other) && File == other.File && Sha256 == other.Sha256 && WindSpeedMs == other.WindSpeedMs && GhiGeometry == other.GhiGeometry && Samples.SequenceEqual(other.Samples);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), File, Samples.Count);
}

/// <summary>A solar panel under a clear sky at a place and date (harvested by <see cref="ClearSkySolarHarvester"/>).</summary>
/// <param name="LatitudeDeg">Latitude, degrees north.</param>
/// <param name="LongitudeDeg">Longitude, degrees east.</param>
/// <param name="Elevation">Elevation.</param>
/// <param name="Start">Calendar instant of simulated time 0, with its UTC offset.</param>
/// <param name="RatedPower">Panel power at 1 000 W/m² and 25 °C (PVWatts pdc0).</param>
/// <param name="TemperatureCoefficientPerC">Power temperature coefficient, 1/°C.</param>
/// <param name="TiltDeg">Panel tilt from horizontal, degrees.</param>
/// <param name="AzimuthDeg">Panel azimuth, degrees east of north (180 = south-facing).</param>
/// <param name="MpptEfficiency">Converter efficiency, 0–1.</param>
/// <param name="LinkeTurbidity">Sky turbidity for the clear-sky model.</param>
/// <param name="Step">Step of the piecewise-constant harvest.</param>
/// <param name="Weather">Cloud process attenuating the clear sky, or null for a clear sky.</param>
public sealed record SolarConfig(double LatitudeDeg, double LongitudeDeg, Meters Elevation, DateTimeOffset Start, Watts RatedPower, double TemperatureCoefficientPerC, double TiltDeg, double AzimuthDeg, double MpptEfficiency, double LinkeTurbidity, SimDuration Step, CloudCoverConfig? Weather = null)
    : SolarInputConfig(Start, RatedPower, TemperatureCoefficientPerC, MpptEfficiency)
{
    /// <inheritdoc/>
    public override IEnergyHarvester CreateHarvester(RngStreams streams, int groupIndex) =>
        new ClearSkySolarHarvester(new SolarSite(LatitudeDeg, LongitudeDeg, Elevation), Start, Panel(), new PanelOrientation(TiltDeg, AzimuthDeg), Step, LinkeTurbidity, clouds: Weather?.Create(streams, groupIndex));
}

/// <summary>Where a panel stands and how it is oriented (for transposing horizontal irradiance to its plane).</summary>
/// <param name="LatitudeDeg">Latitude, degrees north.</param>
/// <param name="LongitudeDeg">Longitude, degrees east.</param>
/// <param name="Elevation">Elevation.</param>
/// <param name="TiltDeg">Panel tilt from horizontal, degrees.</param>
/// <param name="AzimuthDeg">Panel azimuth, degrees east of north (180 = south-facing).</param>
public sealed record SolarGeometryConfig(double LatitudeDeg, double LongitudeDeg, Meters Elevation, double TiltDeg, double AzimuthDeg)
{
    /// <summary>The site, with standard pressure and temperature.</summary>
    public SolarSite Site() => new(LatitudeDeg, LongitudeDeg, Elevation);

    /// <summary>The panel's orientation.</summary>
    public PanelOrientation Orientation() => new(TiltDeg, AzimuthDeg);
}

/// <summary>A stochastic cloud cover over a group's panels (<see cref="CloudCover"/>).</summary>
/// <param name="MeanOktas">Climatological mean cloud cover, 0–8 oktas.</param>
/// <param name="Persistence">Probability that the cover stays the same from one step to the next, 0–1.</param>
/// <param name="Step">Length of a cloud step.</param>
public sealed record CloudCoverConfig(double MeanOktas, double Persistence, SimDuration Step)
{
    /// <summary>The cloud process of a group.</summary>
    /// <param name="streams">The run's random streams.</param>
    /// <param name="groupIndex">Index of the group in the scenario.</param>
    public CloudCover Create(RngStreams streams, int groupIndex)
    {
        ArgumentNullException.ThrowIfNull(streams);

        // One sky per group: the stream is keyed by the group (network-wide id, substream = group index), not by the
        // node, so every node of the group draws the identical cover sequence from its own fresh copy of the stream,
        // and adding or removing nodes leaves the sky unchanged. Groups get independent skies.
        return new CloudCover(streams.For(RngStreams.NetworkWide, RngPurpose.HarvesterWeather, groupIndex), MeanOktas, Persistence, Step);
    }
}

/// <summary>Where a group's nodes stand (<c>placement:</c>).</summary>
public abstract record PlacementConfig
{
    /// <summary>The <c>kind:</c> of the scenario file.</summary>
    public abstract string Kind { get; }

    /// <summary>The positions of <paramref name="count"/> nodes; <paramref name="rng"/> is the group's placement stream.</summary>
    /// <exception cref="InvalidOperationException">The nodes do not fit (minimum spacing).</exception>
    public abstract IReadOnlyList<(Meters X, Meters Y)> Positions(int count, RandomStream rng);

    /// <summary>The parameters for the run manifest, with unit-suffixed names.</summary>
    public abstract IReadOnlyList<(string Name, double Value)> ManifestFields();
}

/// <summary>Nodes on a rectangular grid, filled row by row from an origin.</summary>
/// <param name="Columns">Nodes per row.</param>
/// <param name="Spacing">Distance between neighbours.</param>
/// <param name="OriginX">x of the first node.</param>
/// <param name="OriginY">y of the first node.</param>
public sealed record GridPlacementConfig(int Columns, Meters Spacing, Meters OriginX = default, Meters OriginY = default) : PlacementConfig
{
    /// <inheritdoc/>
    public override string Kind => "grid";

    /// <inheritdoc/>
    public override IReadOnlyList<(Meters X, Meters Y)> Positions(int count, RandomStream rng) =>
        [.. Enumerable.Range(0, count).Select(i => (OriginX + (Spacing * (i % Columns)), OriginY + (Spacing * (i / Columns))))];

    /// <inheritdoc/>
    public override IReadOnlyList<(string Name, double Value)> ManifestFields() =>
        [("columns", Columns), ("spacing_m", Spacing.Value), ("origin_x_m", OriginX.Value), ("origin_y_m", OriginY.Value)];
}

/// <summary>Nodes uniformly at random in a rectangle (independent uniform x and y from the group's placement stream).</summary>
/// <param name="Width">Extent along x.</param>
/// <param name="Height">Extent along y.</param>
/// <param name="OriginX">x of the rectangle's corner.</param>
/// <param name="OriginY">y of the rectangle's corner.</param>
public sealed record UniformPlacementConfig(Meters Width, Meters Height, Meters OriginX = default, Meters OriginY = default) : PlacementConfig
{
    /// <inheritdoc/>
    public override string Kind => "uniform";

    /// <inheritdoc/>
    public override IReadOnlyList<(Meters X, Meters Y)> Positions(int count, RandomStream rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var placed = new (Meters X, Meters Y)[count];
        for (int i = 0; i < count; i++)
        {
            double x = OriginX.Value + (Width.Value * rng.NextDouble());
            placed[i] = (new Meters(x), new Meters(OriginY.Value + (Height.Value * rng.NextDouble())));
        }

        return placed;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<(string Name, double Value)> ManifestFields() =>
        [("width_m", Width.Value), ("height_m", Height.Value), ("origin_x_m", OriginX.Value), ("origin_y_m", OriginY.Value)];
}

/// <summary>Nodes at positions listed in the scenario (<c>positions: [{ x: 0 m, y: 0 m }, …]</c>), one per node in node order.</summary>
/// <param name="Points">The positions.</param>
public sealed record PointsPlacementConfig(IReadOnlyList<(Meters X, Meters Y)> Points) : PlacementConfig
{
    /// <inheritdoc/>
    public override string Kind => "points";

    /// <inheritdoc/>
    public override IReadOnlyList<(Meters X, Meters Y)> Positions(int count, RandomStream rng) =>
        count == Points.Count ? Points : throw new InvalidOperationException($"{Points.Count} positions for {count} nodes.");

    /// <inheritdoc/>
    public override IReadOnlyList<(string Name, double Value)> ManifestFields() =>
        [.. Points.SelectMany((p, i) => new[] { ($"x{i}_m", p.X.Value), ($"y{i}_m", p.Y.Value) })];

    /// <inheritdoc/>
    public bool Equals(PointsPlacementConfig? other) => other is not null && Points.SequenceEqual(other.Points);

    /// <inheritdoc/>
    public override int GetHashCode() => Points.Count;
}

/// <summary>Nodes at positions read from a CSV file (<c>x_m,y_m</c> per row, in order of node).</summary>
/// <param name="File">The file as the scenario names it.</param>
/// <param name="Sha256">SHA-256 of its bytes, for the manifest.</param>
/// <param name="Points">The positions.</param>
public sealed record CsvPlacementConfig(string File, string Sha256, IReadOnlyList<(Meters X, Meters Y)> Points) : PlacementConfig
{
    /// <inheritdoc/>
    public override string Kind => "csv";

    /// <inheritdoc/>
    public override IReadOnlyList<(Meters X, Meters Y)> Positions(int count, RandomStream rng) =>
        count <= Points.Count ? [.. Points.Take(count)] : throw new InvalidOperationException($"{File} holds {Points.Count} positions for {count} nodes.");

    /// <inheritdoc/>
    public override IReadOnlyList<(string Name, double Value)> ManifestFields() => [("positions", Points.Count)];

    /// <inheritdoc/>
    public bool Equals(CsvPlacementConfig? other) => other is not null && File == other.File && Sha256 == other.Sha256;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(File, Sha256);
}

/// <summary>
/// Nodes uniformly at random in a disc, as LoRaSim places them (<c>loraDir.py</c> <c>myNode</c>: two uniform numbers
/// a ≤ b, radius b·R, angle 2π·a/b, which is uniform over the disc), at least <see cref="MinSpacing"/> apart.
/// </summary>
/// <remarks>
/// By default a position is redrawn until it is at least the spacing from every earlier node, up to 100 draws per
/// node (LoRaSim's limit), then the placement fails with an error. LoRaSim's own loop accepts a position as soon as
/// one earlier node is far enough, which makes the rule almost inert and lets 1,600 nodes fit in a 99 m disc;
/// <paramref name="LoRaSimSpacing"/> reproduces that. With LoRaSim's collision rule positions do not change delivery.
/// </remarks>
/// <param name="Radius">Disc radius (LoRaSim: the range at its minimum sensitivity).</param>
/// <param name="MinSpacing">Least distance between two nodes.</param>
/// <param name="CenterX">x of the centre (the gateway in LoRaSim).</param>
/// <param name="CenterY">y of the centre.</param>
/// <param name="LoRaSimSpacing">Accept a position if any earlier node is at least the spacing away (LoRaSim's code).</param>
public sealed record DiscPlacementConfig(Meters Radius, Meters MinSpacing, Meters CenterX = default, Meters CenterY = default, bool LoRaSimSpacing = false) : PlacementConfig
{
    /// <inheritdoc/>
    public override string Kind => "disc";

    /// <inheritdoc/>
    public override IReadOnlyList<(Meters X, Meters Y)> Positions(int count, RandomStream rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var placed = new List<(Meters X, Meters Y)>(count);
        double spacing2 = MinSpacing.Value * MinSpacing.Value;
        for (int i = 0; i < count; i++)
        {
            for (int round = 0; ; round++)
            {
                if (round == 100)
                {
                    throw new InvalidOperationException($"Could not place node {i} at least {MinSpacing} from the others within {Radius}.");
                }

                double a = rng.NextDouble();
                double b = rng.NextDouble();
                if (b < a)
                {
                    (a, b) = (b, a);
                }

                if (b == 0)
                {
                    continue;
                }

                double x = CenterX.Value + (b * Radius.Value * Math.Cos(2 * Math.PI * a / b));
                double y = CenterY.Value + (b * Radius.Value * Math.Sin(2 * Math.PI * a / b));
                bool Apart((Meters X, Meters Y) p) => ((p.X.Value - x) * (p.X.Value - x)) + ((p.Y.Value - y) * (p.Y.Value - y)) >= spacing2;
                if (LoRaSimSpacing ? placed.Count == 0 || placed.Exists(Apart) : placed.TrueForAll(Apart))
                {
                    placed.Add((new Meters(x), new Meters(y)));
                    break;
                }
            }
        }

        return placed;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<(string Name, double Value)> ManifestFields() =>
        [("radius_m", Radius.Value), ("min_spacing_m", MinSpacing.Value), ("center_x_m", CenterX.Value), ("center_y_m", CenterY.Value), ("lorasim_spacing", LoRaSimSpacing ? 1 : 0)];
}

/// <summary>A LoRa radio.</summary>
/// <param name="Chip">Transceiver.</param>
/// <param name="TxPower">Transmit power.</param>
/// <param name="Modulation">Modulation and framing.</param>
public sealed record LoRaRadioConfig(LoRaChipProfile Chip, Dbm TxPower, LoRaModulation Modulation);

/// <summary>A node's energy storage, as the scenario file gives it; each node gets its own instance.</summary>
public abstract record StorageConfig
{
    /// <summary>The <c>kind:</c> of the scenario file.</summary>
    public abstract string Kind { get; }

    /// <summary>A fresh storage for one node.</summary>
    public abstract IEnergyStorage Create();

    /// <summary>The parameters for the run manifest, with unit-suffixed names.</summary>
    public abstract IReadOnlyList<(string Name, double Value)> ManifestFields();
}

/// <summary>A linear battery (<see cref="LinearBattery"/>).</summary>
/// <param name="Capacity">Full energy.</param>
/// <param name="Initial">Energy at the start.</param>
/// <param name="Voltage">Nominal voltage.</param>
public sealed record LinearBatteryConfig(Joules Capacity, Joules Initial, Volts Voltage) : StorageConfig
{
    /// <inheritdoc/>
    public override string Kind => "linearBattery";

    /// <inheritdoc/>
    public override IEnergyStorage Create() => new LinearBattery(Capacity, Initial, Voltage);

    /// <inheritdoc/>
    public override IReadOnlyList<(string Name, double Value)> ManifestFields() =>
        [("capacity_j", Capacity.Value), ("initial_j", Initial.Value), ("voltage_v", Voltage.Value)];
}

/// <summary>A kinetic battery (<see cref="KibamBattery"/>: Manwell and McGowan's two-well model, as in SAM).</summary>
/// <param name="CapacityAmpereHours">Maximum charge q_max, in A·h.</param>
/// <param name="CapacityRatio">c, the available well's share, in (0, 1].</param>
/// <param name="RateConstantPerHour">k, in 1/h.</param>
/// <param name="Voltage">Nominal voltage.</param>
/// <param name="InitialStateOfCharge">Charge at the start as a fraction of q_max.</param>
public sealed record KibamBatteryConfig(double CapacityAmpereHours, double CapacityRatio, double RateConstantPerHour, Volts Voltage, double InitialStateOfCharge) : StorageConfig
{
    /// <inheritdoc/>
    public override string Kind => "kibamBattery";

    /// <inheritdoc/>
    public override IEnergyStorage Create() => new KibamBattery(CapacityAmpereHours, CapacityRatio, RateConstantPerHour, Voltage, InitialStateOfCharge);

    /// <inheritdoc/>
    public override IReadOnlyList<(string Name, double Value)> ManifestFields() =>
        [("capacity_ah", CapacityAmpereHours), ("capacity_ratio", CapacityRatio), ("rate_constant_per_h", RateConstantPerHour), ("voltage_v", Voltage.Value), ("initial_soc", InitialStateOfCharge)];
}

/// <summary>A battery whose capacity shrinks at high current (<see cref="PeukertBattery"/>).</summary>
/// <param name="RatedCapacityAmpereHours">Capacity at the rated discharge time, in A·h.</param>
/// <param name="RatedHours">Discharge time of the rating, in h.</param>
/// <param name="Exponent">Peukert exponent, ≥ 1.</param>
/// <param name="Voltage">Nominal voltage.</param>
/// <param name="InitialStateOfCharge">Charge at the start as a fraction of the rated capacity.</param>
public sealed record PeukertBatteryConfig(double RatedCapacityAmpereHours, double RatedHours, double Exponent, Volts Voltage, double InitialStateOfCharge) : StorageConfig
{
    /// <inheritdoc/>
    public override string Kind => "peukertBattery";

    /// <inheritdoc/>
    public override IEnergyStorage Create() => new PeukertBattery(RatedCapacityAmpereHours, RatedHours, Exponent, Voltage, InitialStateOfCharge);

    /// <inheritdoc/>
    public override IReadOnlyList<(string Name, double Value)> ManifestFields() =>
        [("capacity_ah", RatedCapacityAmpereHours), ("rated_h", RatedHours), ("exponent", Exponent), ("voltage_v", Voltage.Value), ("initial_soc", InitialStateOfCharge)];
}

/// <summary>A Li-ion cell with the generic open-circuit-voltage curve (<see cref="LiIonBattery"/>).</summary>
/// <param name="CapacityMilliampereHours">Capacity from SOC 0 to 1, in mA·h.</param>
/// <param name="InternalResistanceOhms">Internal resistance, in Ω.</param>
/// <param name="CutoffVoltage">Lowest terminal voltage the load accepts.</param>
/// <param name="InitialStateOfCharge">SOC at the start.</param>
public sealed record LiIonBatteryConfig(double CapacityMilliampereHours, double InternalResistanceOhms, Volts CutoffVoltage, double InitialStateOfCharge) : StorageConfig
{
    /// <inheritdoc/>
    public override string Kind => "liIonBattery";

    /// <inheritdoc/>
    public override IEnergyStorage Create() => new LiIonBattery(CapacityMilliampereHours, LiIonBattery.GenericOcvCurve, InternalResistanceOhms, CutoffVoltage, InitialStateOfCharge);

    /// <inheritdoc/>
    public override IReadOnlyList<(string Name, double Value)> ManifestFields() =>
        [("capacity_mah", CapacityMilliampereHours), ("internal_resistance_ohm", InternalResistanceOhms), ("cutoff_voltage_v", CutoffVoltage.Value), ("initial_soc", InitialStateOfCharge)];
}

/// <summary>A CR2032-like lithium coin cell (<see cref="CoinCell"/>).</summary>
/// <param name="CapacityMilliampereHours">Capacity to 2.0 V, in mA·h.</param>
/// <param name="InternalResistanceOhms">Internal resistance, in Ω (0: no sag).</param>
/// <param name="InitialStateOfCharge">Remaining share of the capacity at the start.</param>
public sealed record CoinCellConfig(double CapacityMilliampereHours, double InternalResistanceOhms, double InitialStateOfCharge) : StorageConfig
{
    /// <inheritdoc/>
    public override string Kind => "coinCell";

    /// <inheritdoc/>
    public override IEnergyStorage Create() => new CoinCell(CapacityMilliampereHours, InternalResistanceOhms, InitialStateOfCharge);

    /// <inheritdoc/>
    public override IReadOnlyList<(string Name, double Value)> ManifestFields() =>
        [("capacity_mah", CapacityMilliampereHours), ("internal_resistance_ohm", InternalResistanceOhms), ("initial_soc", InitialStateOfCharge)];
}

/// <summary>A supercapacitor (<see cref="Supercapacitor"/>) with optional constant leakage current.</summary>
/// <param name="CapacitanceFarads">C, in F.</param>
/// <param name="MaximumVoltage">V_max.</param>
/// <param name="MinimumVoltage">V_min, where the converter stops drawing.</param>
/// <param name="InitialVoltage">Voltage at the start.</param>
/// <param name="Leakage">Constant leakage current.</param>
public sealed record SupercapacitorConfig(double CapacitanceFarads, Volts MaximumVoltage, Volts MinimumVoltage, Volts InitialVoltage, Amperes Leakage) : StorageConfig
{
    /// <inheritdoc/>
    public override string Kind => "supercapacitor";

    /// <inheritdoc/>
    public override IEnergyStorage Create() => new Supercapacitor(CapacitanceFarads, MaximumVoltage, MinimumVoltage, InitialVoltage) { LeakageCurrent = Leakage };

    /// <inheritdoc/>
    public override IReadOnlyList<(string Name, double Value)> ManifestFields() =>
        [("capacitance_f", CapacitanceFarads), ("maximum_voltage_v", MaximumVoltage.Value), ("minimum_voltage_v", MinimumVoltage.Value), ("initial_voltage_v", InitialVoltage.Value), ("leakage_a", Leakage.Value)];
}
