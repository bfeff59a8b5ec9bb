using System.Globalization;
using SensorNet.Energy.Solar;
using SensorNet.Energy.Storage;
using SensorNet.NodeKernel.Boards;
using SensorNet.NodeKernel.Chips;
using SensorNet.RadioModels.Ieee802154;
using SensorNet.RadioModels.LoRa;
using SensorNet.Scenarios.Catalog;
using SensorNet.SimEngine.Quantities;
using static SensorNet.Scenarios.Catalog.ParameterSpec;

namespace SensorNet.Scenarios;

/// <summary>
/// Every block and kind a scenario file accepts, with each key's value (unit, bounds, choices), whether it is required,
/// its default and its meaning. The one source of truth for the format: the loader checks every key it reads against
/// it (<see cref="SimEngine.Configuration.YamlMappingReader.Declare"/>),
/// <see cref="ScenarioSchema"/> turns it into a JSON Schema, and <c>sensornet list</c> prints it.
/// </summary>
/// <remarks>
/// <b>Scope and limitations:</b> rules that depend on other files or on models (a trace's irradiance column, a chip's
/// transmit-power range, a board's process limit, a period longer than a frame's airtime) are only in descriptions;
/// the loader enforces them. <b>Validation:</b> ScenarioCatalogTests load documents generated from every kind and
/// variant, with every bound and every choice, and compare the loader's verdict with the schema's.
/// </remarks>
public static class ScenarioCatalog
{
    /// <summary>Names of runs, groups and gateways (they name directories): the loader's pattern.</summary>
    public const string NamePattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$";

    /// <summary>An instant with its UTC offset (ISO 8601), as the solar block's <c>start</c> takes it.</summary>
    public const string InstantPattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})$";

    /// <summary>Tock schedulers a board may be given.</summary>
    public static IReadOnlyList<string> Schedulers { get; } = ["round-robin", "cooperative", "priority", "mlfq"];

    private static readonly ValueSpec Name = ValueSpec.Text("name of letters, digits, '-', '_' and '.'", NamePattern);
    private static readonly ValueSpec Fraction = ValueSpec.Number(0, 1);
    private static readonly ValueSpec Efficiency = ValueSpec.Number(0, 1, exclusiveMinimum: true);
    private static readonly ValueSpec Carriers = ValueSpec.ListOf(ValueSpec.Frequency);
    private static readonly ValueSpec Level = ValueSpec.Text(
        "level: voltage (V, mV), percentage of capacity (%) or energy (J, mJ, uJ, µJ, kJ)",
        $@"^\s*{QuantityText.NumberPattern}\s*(%|{string.Join('|', QuantityText.Units(QuantityDimension.Voltage).Concat(QuantityText.Units(QuantityDimension.Energy).Where(u => u.EndsWith('J'))))})\s*$");

    // A position of a 'points' placement.
    private static readonly BlockSpec Point = new("point", "A node's position.",
    [
        Mandatory("x", ValueSpec.Length, "x coordinate.", "0 m"),
        Mandatory("y", ValueSpec.Length, "y coordinate.", "0 m"),
    ]);

    // A per-node override: its nodes, then any of the group kind's keys but kind, name, count and placement, each
    // replacing the group's whole value; the loader reads it as a group of the same kind (so the schema leaves it open).
    private static readonly BlockSpec Override = new(
        "override",
        "Nodes of the group configured otherwise: 'nodes', then any of the group's keys except kind, name, count and placement; each replaces the group's whole value.",
        [
            Mandatory("nodes", ValueSpec.ListOf(ValueSpec.WholeNumber(0)), "Indices of the nodes within the group (0 to count − 1), each in at most one override.", "[0]"),
        ])
    {
        Open = true,
    };

    private static readonly ParameterSpec InitialStateOfCharge = Optional("initialStateOfCharge", Fraction, "Fraction of the capacity stored at the start.", "1");
    private static readonly ParameterSpec InternalResistance = Optional("internalResistance", ValueSpec.Quantity(QuantityDimension.Resistance), "Series resistance (≥ 0 Ω); the terminal voltage sags by I·R.", "0 ohm");

    // Every Tock app kind takes the same keys, each used where it applies.
    private static readonly ParameterSpec[] AppParameters =
    [
        Optional("style", ValueSpec.OneOf(["async", "sync"]), "libtock callbacks (async) or libtock-sync (sync).", "sync"),
        Optional("period", ValueSpec.Duration, "Time between iterations: whole milliseconds, at least 1 ms, no longer than the scenario.", "1 s"),
        Optional("payload", ValueSpec.Size, "Bytes sent per frame, at most 116 B.", "16 B"),
        Optional("print", ValueSpec.Boolean, "Print each reading on the console.", "false"),
        Optional("mode", ValueSpec.OneOf(["blocking", "interrupt"]), "loraSense: RadioLib's blocking transmit (busy-poll) or interrupt-driven.", "interrupt"),
        Optional("spreadingFactor", ValueSpec.WholeNumber(5, 12), "loraSense: LoRa spreading factor.", "9"),
    ];

    /// <summary>Energy storage kinds (<c>nodes[i].storage</c>).</summary>
    public static KindFamily Storage { get; } = KindFamily.Create(
        "storage",
        "Energy storage of every node of the group.",
        new BlockSpec("linearBattery", "Ideal battery: stored energy falls linearly with the energy drawn.",
        [
            Mandatory("capacity", ValueSpec.Quantity(QuantityDimension.EnergyOrCharge), "Capacity (> 0); a charge is converted at the voltage.", "225 mAh"),
            Optional("initial", ValueSpec.Quantity(QuantityDimension.EnergyOrCharge), "Stored at the start, between 0 and the capacity. Default: the capacity.", example: "100 mAh"),
            Mandatory("voltage", ValueSpec.Voltage, "Nominal voltage (> 0 V).", "3.0 V"),
        ]),
        new BlockSpec("kibamBattery", "Kinetic battery model (Manwell–McGowan): available and bound charge wells; recovery at rest.",
        [
            Mandatory("capacity", ValueSpec.Quantity(QuantityDimension.EnergyOrCharge), "Total capacity (> 0).", "2000 mAh"),
            Mandatory("voltage", ValueSpec.Voltage, "Nominal voltage (> 0 V).", "3.0 V"),
            Mandatory("capacityRatio", Efficiency, "Fraction c of the charge in the available well.", "0.6"),
            Mandatory("rateConstant", ValueSpec.Text("rate per hour ('2.0 /h')", $@"^\s*{QuantityText.NumberPattern}\s*/h$"), "Rate constant k between the wells (> 0 per hour), as NREL SAM gives it.", "2.0 /h"),
            InitialStateOfCharge,
        ]),
        new BlockSpec("peukertBattery", "Battery whose usable capacity shrinks at high discharge rates (Peukert's law).",
        [
            Mandatory("capacity", ValueSpec.Quantity(QuantityDimension.Charge), "Rated capacity (> 0) at the rated discharge time.", "2000 mAh"),
            Optional("ratedDischargeTime", ValueSpec.Duration, "Discharge time at which the capacity is rated (> 0).", "20 h"),
            Mandatory("exponent", ValueSpec.Number(1, 2), "Peukert exponent.", "1.2"),
            Mandatory("voltage", ValueSpec.Voltage, "Nominal voltage (> 0 V).", "3.0 V"),
            InitialStateOfCharge,
        ]),
        new BlockSpec("liIonBattery", "Li-ion cell: open-circuit-voltage curve, internal resistance, cut-off voltage.",
        [
            Mandatory("capacity", ValueSpec.Quantity(QuantityDimension.Charge), "Capacity (> 0).", "2000 mAh"),
            InternalResistance,
            Mandatory("cutoffVoltage", ValueSpec.Voltage, "Terminal voltage at which the cell is empty (> 0 V).", "3.0 V"),
            InitialStateOfCharge,
        ]),
        new BlockSpec("coinCell", "CR2032-class lithium coin cell.",
        [
            Optional("capacity", ValueSpec.Quantity(QuantityDimension.Charge), "Capacity (> 0).", string.Create(CultureInfo.InvariantCulture, $"{CoinCell.TypicalCapacityMilliampereHours} mAh")),
            InternalResistance,
            InitialStateOfCharge,
        ]),
        new BlockSpec("supercapacitor", "Supercapacitor: E = ½C(V² − Vmin²), with leakage.",
        [
            Mandatory("capacitance", ValueSpec.Quantity(QuantityDimension.Capacitance), "Capacitance (> 0 F).", "1 F"),
            Mandatory("maximumVoltage", ValueSpec.Voltage, "Rated voltage (> 0 V).", "5.0 V"),
            Optional("minimumVoltage", ValueSpec.Voltage, "Voltage below which the load cannot use it (≥ 0 V, below maximumVoltage).", "0 V", example: "1.8 V"),
            Optional("initialVoltage", ValueSpec.Voltage, "Voltage at the start, at most maximumVoltage. Default: maximumVoltage.", example: "3.5 V"),
            Optional("leakageCurrent", ValueSpec.Quantity(QuantityDimension.Current), "Self-discharge current (≥ 0 A).", "0 A"),
        ]));

    /// <summary>Placement kinds (<c>nodes[i].placement</c>).</summary>
    public static KindFamily Placements { get; } = KindFamily.Create(
        "placement",
        "Where the group's nodes stand.",
        new BlockSpec("grid", "Rows of columns at a fixed spacing, filled row by row.",
        [
            Mandatory("columns", ValueSpec.WholeNumber(1, 100_000), "Nodes per row.", "5"),
            Mandatory("spacing", ValueSpec.Length, "Distance between neighbours (> 0 m).", "100 m"),
            Optional("originX", ValueSpec.Length, "x of the first node.", "0 m"),
            Optional("originY", ValueSpec.Length, "y of the first node.", "0 m"),
        ]),
        new BlockSpec("disc", "Uniformly at random in a disc, optionally keeping a minimum spacing.",
        [
            Mandatory("radius", ValueSpec.Length, "Radius (> 0 m).", "100 m"),
            Optional("minSpacing", ValueSpec.Length, "Minimum distance between nodes.", "0 m", example: "10 m"),
            Optional("centerX", ValueSpec.Length, "x of the centre.", "0 m"),
            Optional("centerY", ValueSpec.Length, "y of the centre.", "0 m"),
            Optional("spacingRule", ValueSpec.OneOf(["strict", "loraSim"]), "strict: every pair at least minSpacing apart; loraSim: LoRaSim's rule.", "strict"),
        ]),
        new BlockSpec("uniform", "Uniformly at random in a rectangle.",
        [
            Mandatory("width", ValueSpec.Length, "Width (> 0 m).", "500 m"),
            Mandatory("height", ValueSpec.Length, "Height (> 0 m).", "500 m"),
            Optional("originX", ValueSpec.Length, "x of the lower-left corner.", "0 m"),
            Optional("originY", ValueSpec.Length, "y of the lower-left corner.", "0 m"),
        ]),
        new BlockSpec("csv", "Positions from a CSV file.",
        [
            Mandatory("file", ValueSpec.Text("file path"), "CSV file relative to the scenario: header x_m,y_m, then one row per node in node order.", "positions.csv"),
        ]),
        new BlockSpec("points", "Positions listed in the scenario.",
        [
            Mandatory("positions", ValueSpec.ListOf(ValueSpec.Mapping(Point)), "One position per node, in node order (exactly count of them)."),
        ]));

    /// <summary>Tock app kinds (<c>nodes[i].apps[j]</c>); every kind takes the same keys (the same specs), each used where it applies.</summary>
    public static KindFamily Apps { get; } = KindFamily.Create(
        "app",
        "A Tock process on the board.",
        new BlockSpec("blink", "Toggles the LEDs every period.", AppParameters),
        new BlockSpec("sense", "Reads the temperature every period (libtock callbacks or libtock-sync).", AppParameters),
        new BlockSpec("senseAndSend154", "Reads a sensor and sends an 802.15.4 frame of payload bytes every period.", AppParameters),
        new BlockSpec("button", "Waits for button presses.", AppParameters),
        new BlockSpec("busyLoop", "Computes without yielding (scheduler stress).", AppParameters),
        new BlockSpec("faulting", "Faults every period (fault policy).", AppParameters),
        new BlockSpec("loraSense", "Reads a sensor and sends a LoRa frame through RadioLib (mode, spreadingFactor).", AppParameters),
        new BlockSpec("energyAware", "Reads the fuel gauge and temperature, sends a frame; stretches its period when the battery is low.", AppParameters),
        new BlockSpec("bleSense", "Reads a sensor and advertises it over BLE every period.", AppParameters));

    /// <summary>Cloud models of a clear-sky solar block (<c>solar.weather</c>).</summary>
    public static KindFamily Weather { get; } = KindFamily.Create(
        "weather",
        "Clouds over the clear sky: the same sky for every node of the group.",
        new BlockSpec("cloudCover", "Seeded Markov chain of cloud cover in oktas, attenuating GHI by Kasten–Czeplak.",
        [
            Mandatory("meanCloudCover", ValueSpec.Number(0, CloudCover.MaxOktas), "Mean cloud cover in oktas.", "4"),
            Mandatory("persistence", Fraction, "Probability of keeping the cover from one step to the next.", "0.8"),
            Optional("step", ValueSpec.Duration, "Time between cover changes, 1 min to 1 d.", "1 h"),
        ]));

    /// <summary>The solar harvester of a Tock group on a board with a solar input (<c>nodes[i].solar</c>).</summary>
    public static BlockSpec Solar { get; } = new(
        "solar",
        "A solar panel: a clear sky computed for the site (optionally clouded), or an irradiance trace (irradianceFile).",
        [
            Mandatory("start", ValueSpec.Text("ISO 8601 instant with its UTC offset", InstantPattern), "Wall-clock instant of simulated time 0.", "2024-06-01T00:00:00-07:00"),
            Mandatory("ratedPower", ValueSpec.Quantity(QuantityDimension.Power), "Panel power at 1000 W/m² and 25 °C (> 0 W).", "0.5 W"),
            Optional("temperatureCoefficient", ValueSpec.Number(), "Power change per °C of cell temperature.", "-0.004"),
            Optional("mpptEfficiency", Efficiency, "Efficiency of the maximum-power-point tracker.", "0.85"),
            Optional("irradianceFile", ValueSpec.Text("file path"), "CSV trace relative to the scenario: time,poa_w_m2[,temp_air_c] (in the panel's plane) or time,ghi_w_m2[,temp_air_c] (global horizontal; needs latitude and longitude). Replaces the clear sky.", example: "sky.csv"),
            Optional("latitude", ValueSpec.Number(-90, 90), "Site latitude in degrees (north positive), with longitude. Required for the clear sky and for a GHI trace; not allowed with a plane-of-array trace.", example: "37.87"),
            Optional("longitude", ValueSpec.Number(-180, 180), "Site longitude in degrees (east positive), with latitude.", example: "-122.27"),
            Optional("elevation", ValueSpec.Length, "Site elevation (with latitude and longitude).", "0 m"),
            Optional("tilt", ValueSpec.Number(0, 90), "Panel tilt from horizontal in degrees (with latitude and longitude).", "30"),
            Optional("azimuth", ValueSpec.Number(0, 360), "Panel azimuth in degrees, 180 facing south (with latitude and longitude).", "180"),
        ])
    {
        // The site and orientation come together; a trace needs them only for GHI (the loader refuses them with POA).
        Needs = new Dictionary<string, IReadOnlyList<string>>
        {
            ["latitude"] = ["longitude"],
            ["longitude"] = ["latitude"],
            ["elevation"] = ["latitude", "longitude"],
            ["tilt"] = ["latitude", "longitude"],
            ["azimuth"] = ["latitude", "longitude"],
        },
        Variants =
        [
            VariantSpec.WhenAbsent(
                "irradianceFile",
                Optional("linkeTurbidity", ValueSpec.Number(1, 10), "Linke turbidity of the clear sky (Ineichen–Perez).", "3"),
                Optional("step", ValueSpec.Duration, "Time between clear-sky evaluations, 1 s to 1 h.", "5 min"),
                Optional("weather", ValueSpec.KindOf(Weather), "Clouds over the clear sky.")) with { Requires = ["latitude", "longitude"] },
            VariantSpec.WhenPresent(
                "irradianceFile",
                Optional("windSpeed", ValueSpec.Number(0, 100, exclusiveMaximum: true), "Wind speed in m/s for the cell temperature.", "1")),
        ],
    };

    /// <summary>Regulator kinds between the storage and the loads (<c>nodes[i].power.regulator</c>).</summary>
    public static KindFamily Regulators { get; } = KindFamily.Create(
        "regulator",
        "Voltage regulator between the storage and the loads: loads draw at its output, the storage supplies its input.",
        new BlockSpec("ldo", "Linear regulator: input current = load current + quiescent current.",
        [
            Mandatory("output", ValueSpec.Voltage, "Output voltage (> 0 V).", "3.3 V"),
            Optional("quiescentCurrent", ValueSpec.Quantity(QuantityDimension.Current), "Own consumption (≥ 0 A).", "0 A"),
            Optional("dropout", ValueSpec.Voltage, "Minimum input − output voltage.", "0.1 V"),
        ]),
        Switching("buck", "Switching step-down converter (minimumInput ≥ output).", "3.6 V"),
        Switching("boost", "Switching step-up converter.", "1.8 V"),
        Switching("buckBoost", "Switching buck-boost converter.", "1.8 V"));

    /// <summary>Power management of a Tock group (<c>nodes[i].power</c>).</summary>
    public static BlockSpec Power { get; } = new(
        "power",
        "Brown-out and restart thresholds (hysteresis) and the supply regulator.",
        [
            Optional("shutdown", Level, "Storage level at which the node turns off (with start).", example: "20 %"),
            Optional("start", Level, "Storage level at which it turns on again, above shutdown and within the capacity (with shutdown).", example: "50 %"),
            Optional("regulator", ValueSpec.KindOf(Regulators), "Regulator between storage and loads; none: loads draw from the storage directly."),
        ])
    {
        Needs = new Dictionary<string, IReadOnlyList<string>> { ["shutdown"] = ["start"], ["start"] = ["shutdown"] },
    };

    /// <summary>The LoRa radio of a LoRa group (<c>nodes[i].radio</c>).</summary>
    public static KindFamily LoRaRadio { get; } = KindFamily.Create("loraRadio", "A LoRa transceiver and its modulation.", LoRaRadioSpec(5, "Any of 125, 250 or 500 kHz."));

    /// <summary>The LoRa radio of a LoRaWAN group: an EU868 BW125 data rate.</summary>
    public static KindFamily LoRaWanRadio { get; } = KindFamily.Create("lorawanRadio", "A LoRa transceiver at an EU868 BW125 data rate (SF7–SF12 at 125 kHz).", LoRaRadioSpec(7, "125 kHz for LoRaWAN."));

    /// <summary>The app of a <c>loraSenseAndSend</c> group (<c>nodes[i].app</c>).</summary>
    public static KindFamily SenseAndSendApp { get; } = KindFamily.Create(
        "senseAndSendApp",
        "The bare-metal application of a loraSenseAndSend node.",
        new BlockSpec("senseAndSend", "Wakes every period (± jitter), reads a sensor, sends one LoRa frame, sleeps.",
        [
            Mandatory("period", ValueSpec.Duration, "Time between readings (> 0, no longer than the scenario, longer than one reading's work and time on air).", "10 min"),
            Optional("jitter", ValueSpec.Duration, "Uniform jitter of each wake-up, less than half the period.", "0 s", example: "30 s"),
            Mandatory("payload", ValueSpec.Size, "LoRa frame payload, at most 255 B.", "20 B"),
            Optional("senseCycles", ValueSpec.WholeNumber(0, 1_000_000_000), "MCU cycles to read the sensor.", "20000"),
            Optional("interruptCycles", ValueSpec.WholeNumber(0, 1_000_000_000), "MCU cycles to handle the radio's interrupt.", "2000"),
        ]));

    /// <summary>Path-loss models (<c>network.propagation</c>).</summary>
    public static KindFamily Propagation { get; } = KindFamily.Create(
        "propagation",
        "Path-loss model of the shared medium.",
        new BlockSpec("borEtAl2016", "Log-distance model of Bor et al. 2016 (LoRaSim's paper).", []),
        new BlockSpec("loraSimCode", "Log-distance model as LoRaSim's code has it.", []),
        new BlockSpec("freeSpace", "Friis free-space loss.",
        [
            Mandatory("frequency", ValueSpec.Frequency, "Carrier frequency.", "868.1 MHz"),
        ]),
        new BlockSpec("unitDisk", "Every frame within range is received; none beyond.",
        [
            Mandatory("range", ValueSpec.Length, "Range.", "500 m"),
        ]),
        new BlockSpec("logDistance", "PL(d) = PL(d0) + 10·n·log10(d/d0), with optional log-normal shadowing.",
        [
            Mandatory("referenceDistance", ValueSpec.Length, "Reference distance d0.", "1 m"),
            Mandatory("referenceLoss", ValueSpec.Quantity(QuantityDimension.Ratio), "Loss PL(d0) at the reference distance.", "40 dB"),
            Mandatory("exponent", ValueSpec.Number(0, 10, exclusiveMinimum: true), "Path-loss exponent n.", "2.7"),
            Optional("sigma", ValueSpec.Quantity(QuantityDimension.Ratio), "Standard deviation of the shadowing.", "0 dB"),
        ]));

    /// <summary>A LoRa gateway (<c>network.gateways[i]</c>).</summary>
    public static BlockSpec Gateway { get; } = new(
        "gateway",
        "An SX1301-class LoRa gateway; any gateway receiving a frame delivers it.",
        [
            Mandatory("name", Name, "Gateway name.", "gw"),
            Mandatory("x", ValueSpec.Length, "x position.", "0 m"),
            Mandatory("y", ValueSpec.Length, "y position.", "0 m"),
            Mandatory("channels", Carriers, "Carriers it listens on, 100 MHz to 6 GHz.", "[868.1 MHz, 868.3 MHz, 868.5 MHz]"),
            Optional("bandwidth", ValueSpec.Frequency, "Channel bandwidth: 125, 250 or 500 kHz (sx1301 sensitivity: 125 kHz only).", "125 kHz"),
            Optional("sensitivity", ValueSpec.OneOf(GatewayConfig.SensitivityNames), "Sensitivity table.", "sx1301"),
            Optional("demodulators", ValueSpec.WholeNumber(1, 1_000_000), "Concurrent demodulation paths.", "8"),
        ]);

    /// <summary>The shared radio medium (<c>network</c>).</summary>
    public static BlockSpec Network { get; } = new(
        "network",
        "The shared radio medium: propagation, shadowing, reception rules and gateways.",
        [
            Mandatory("propagation", ValueSpec.KindOf(Propagation), "Path-loss model."),
            Optional("shadowing", ValueSpec.OneOf(["perLink", "perPacket"]), "Draw shadowing once per link or for every packet.", "perLink"),
            Optional("reception", ValueSpec.OneOf(NetworkConfig.ReceptionNames), "Gateway reception rules (collisions, capture).", "borEtAl"),
            Optional("gateways", ValueSpec.ListOf(ValueSpec.Mapping(Gateway), 0), "LoRa gateways."),
        ]);

    /// <summary>What a run records besides the per-node summary (<c>outputs</c>).</summary>
    public static BlockSpec Outputs { get; } = new(
        "outputs",
        "Optional traces.",
        [
            Optional("energySampleInterval", ValueSpec.Duration, "Interval of the energy time series (energy.parquet): at least 1 s, or 0 s for none.", "0 s", example: "10 min"),
            Optional("powerStateTrace", ValueSpec.Boolean, "Record every power-state interval (power_states.parquet).", "false"),
            Optional("packetTrace", ValueSpec.Boolean, "Record every reception outcome (packets.parquet); delivery is counted either way.", "true"),
            Optional("format", ValueSpec.OneOf(["parquet", "csv"]), "Table format of the results; the command line's --format wins.", "parquet"),
        ]);

    /// <summary>Node group kinds (<c>nodes[i]</c>).</summary>
    public static KindFamily Groups { get; } = KindFamily.Create(
        "group",
        "A group of identical nodes.",
        new BlockSpec("tock", "Nodes running the Tock OS model on a board, with apps as processes.",
        [
            .. GroupParameters,
            Mandatory("board", ValueSpec.OneOf([.. BoardDefinition.BuiltIn.Select(b => b.Name), .. LoRaBoards.BuiltIn.Select(b => b.Name)]), "Board (sensornet list shows each).", BoardDefinition.BuiltIn[0].Name),
            Mandatory("apps", ValueSpec.ListOf(ValueSpec.KindOf(Apps)), "Processes, at most the board's process limit."),
            Optional("processConsole", ValueSpec.Boolean, "Start the process console (a permanently armed UART receive). Default: the board's setting."),
            Optional("bootSpread", ValueSpec.Duration, "Nodes are switched on at instants drawn uniformly from [0, spread), shorter than the scenario.", "0 s", example: "10 min"),
            Optional("power", ValueSpec.Mapping(Power), "Brown-out thresholds and regulator; none: loads run the storage down."),
        ])
        {
            Variants =
            [
                VariantSpec.When(
                    "board",
                    BoardDefinition.BuiltIn.Select(b => b.Name),
                    Optional("radioOnAtBoot", ValueSpec.Boolean, "Start the 802.15.4 radio at boot. Default: the board's setting."),
                    Optional("scheduler", ValueSpec.OneOf(Schedulers), "Kernel scheduler. Default: the board's.")),
                VariantSpec.When(
                    "board",
                    BoardDefinition.BuiltIn.Where(b => b.SolarInput).Select(b => b.Name),
                    Optional("solar", ValueSpec.Mapping(Solar), "Solar harvester (boards with a solar input).")),
            ],
        },
        new BlockSpec("loraSenseAndSend", "Bare-metal LoRa sensor nodes: an MCU and a LoRa radio, waking to sense and send.",
        [
            .. GroupParameters,
            Mandatory("mcu", ValueSpec.OneOf(McuProfile.BuiltInNames), "MCU power profile.", McuProfile.BuiltInNames[0]),
            Mandatory("radio", ValueSpec.KindOf(LoRaRadio), "LoRa radio."),
            Mandatory("app", ValueSpec.KindOf(SenseAndSendApp), "Application."),
        ]),
        new BlockSpec("loraAloha", "LoRaSim's pure-ALOHA devices: exponential waits, one random channel each (needs network).",
        [
            .. GroupParameters,
            Mandatory("radio", ValueSpec.KindOf(LoRaRadio), "LoRa radio."),
            Mandatory("channels", Carriers, "Carriers to choose from, 100 MHz to 6 GHz.", "[868.1 MHz, 868.3 MHz, 868.5 MHz]"),
            Mandatory("meanWait", ValueSpec.Duration, "Mean exponential wait before each frame (> 0, no longer than the scenario).", "1000 s"),
            Mandatory("payload", ValueSpec.Size, "PHY payload, at most 255 B.", "20 B"),
        ]),
        new BlockSpec("lorawan", "LoRaWAN class A end devices, activated by personalisation (needs network with gateways).",
        [
            .. GroupParameters,
            Mandatory("radio", ValueSpec.KindOf(LoRaWanRadio), "LoRa radio; its spreading factor is the uplink data rate."),
            Optional("channels", Carriers, "EU868 carriers (863–870 MHz). Default: 868.1, 868.3 and 868.5 MHz.", example: "[868.1 MHz, 868.3 MHz, 868.5 MHz]"),
            Mandatory("period", ValueSpec.Duration, "Time between uplinks, at least 1 s and no longer than the scenario.", "10 min"),
            Mandatory("payload", ValueSpec.Size, "PHY payload, 12–255 B (13 B of LoRaWAN headers and MIC plus the application's bytes).", "20 B"),
            Optional("confirmed", ValueSpec.Boolean, "Confirmed uplinks (acknowledged, retransmitted).", "false"),
            Optional("maxTransmissions", ValueSpec.WholeNumber(1, 8), "Transmissions per uplink. Default: 8 if confirmed, else 1."),
            Optional("adr", ValueSpec.Boolean, "Adaptive data rate.", "false"),
        ]),
        new BlockSpec("ieee802154", "IEEE 802.15.4 sensors sending to a sink, directly or along a collection tree (needs network).",
        [
            .. GroupParameters,
            Optional("role", ValueSpec.OneOf(["sensor", "sink"]), "Sensors send; a sink collects.", "sensor"),
            Optional("channel", ValueSpec.WholeNumber(Ieee802154Phy.FirstChannel, Ieee802154Phy.LastChannel), "2.4 GHz channel.", "26"),
            Optional("radio", ValueSpec.OneOf(["nrf52840", "nrf52840Ldo", "at86rf233", "cc2420"]), "Radio power profile.", "nrf52840"),
            Optional("txPower", ValueSpec.PowerLevel, "Transmit power, −20 to +8 dBm.", "0 dBm"),
            Optional("payload", ValueSpec.Size, "PSDU, 9–127 B (9 B of MAC header and FCS plus the payload).", "40 B"),
            Optional("routing", ValueSpec.OneOf(["tree", "direct"]), "tree: multi-hop collection tree; direct: one hop to the sink.", "tree"),
        ])
        {
            Variants =
            [
                VariantSpec.When("role", ["sensor"], Mandatory("period", ValueSpec.Duration, "Time between frames, at least 10 ms and no longer than the scenario.", "30 s")),
            ],
        },
        new BlockSpec("ble", "BLE advertisers (beacons) and scanners (needs network).",
        [
            .. GroupParameters,
            Mandatory("role", ValueSpec.OneOf(["advertiser", "scanner"]), "Advertisers send advertising events; scanners listen.", "advertiser"),
        ])
        {
            Variants =
            [
                VariantSpec.When(
                    "role",
                    ["advertiser"],
                    Mandatory("advInterval", ValueSpec.Duration, "Advertising interval: a multiple of 0.625 ms from 20 ms to 10.24 s.", "100 ms"),
                    Optional("payload", ValueSpec.Size, "Advertising PDU payload, 6–37 B (AdvA 6 B plus up to 31 B of AdvData).", "37 B"),
                    Optional("txPower", ValueSpec.PowerLevel, "Transmit power, −40 to +8 dBm.", "0 dBm")),
                VariantSpec.When(
                    "role",
                    ["scanner"],
                    Mandatory("scanInterval", ValueSpec.Duration, "Scan interval, 2.5 ms to 10.24 s.", "100 ms"),
                    Optional("scanWindow", ValueSpec.Duration, "Listening time per interval (> 0, at most the interval). Default: the interval.", example: "30 ms")),
            ],
        });

    /// <summary>Group kinds whose devices share the radio medium: a scenario with one of them needs a <c>network</c> block.</summary>
    public static IReadOnlyList<string> NetworkGroupKinds { get; } = ["loraAloha", "lorawan", "ieee802154", "ble"];

    /// <summary>The scenario file's top level.</summary>
    public static BlockSpec Scenario { get; } = new(
        "scenario",
        "A SensorNet scenario.",
        [
            Mandatory("name", Name, "Run name; names the results directory.", "example"),
            Mandatory("seed", ValueSpec.WholeNumber(0), "Seed of every random stream (64-bit unsigned).", "1"),
            Mandatory("duration", ValueSpec.Duration, "Simulated time (> 0).", "1 d"),
            Mandatory("nodes", ValueSpec.ListOf(ValueSpec.KindOf(Groups)), "Node groups; node ids run on from one group to the next."),
            Optional("network", ValueSpec.Mapping(Network), $"The shared radio medium; required with groups of kind {string.Join(", ", NetworkGroupKinds)}."),
            Optional("outputs", ValueSpec.Mapping(Outputs), "Optional traces."),
        ]);

    /// <summary>Every kind family, in the order <c>sensornet list</c> prints them.</summary>
    public static IReadOnlyList<KindFamily> Families { get; } = [Groups, Apps, Storage, Placements, Regulators, Weather, Propagation, LoRaRadio, LoRaWanRadio, SenseAndSendApp];

    /// <summary>Every block with fixed keys, in the order <c>sensornet list</c> prints them.</summary>
    public static IReadOnlyList<BlockSpec> Blocks { get; } = [Scenario, Solar, Power, Network, Gateway, Outputs];

    // Keys every group kind takes besides its own (the kind key is added by the family).
    private static ParameterSpec[] GroupParameters =>
    [
        Optional("name", Name, "Group name, unique in the scenario. Default: group<i>.", example: "field"),
        Mandatory("count", ValueSpec.WholeNumber(1, 1_000_000), "Number of nodes.", "1"),
        Mandatory("placement", ValueSpec.KindOf(Placements), "Where the nodes stand."),
        Mandatory("storage", ValueSpec.KindOf(Storage), "Energy storage of every node."),
        Optional("overrides", ValueSpec.ListOf(ValueSpec.Mapping(Override)), "Nodes of the group configured otherwise."),
    ];


    private static BlockSpec Switching(string kind, string summary, string minimumInputExample) => new(kind, summary,
    [
        Mandatory("output", ValueSpec.Voltage, "Output voltage (> 0 V).", "3.3 V"),
        Mandatory("minimumInput", ValueSpec.Voltage, "Lowest input voltage it regulates from (> 0 V).", minimumInputExample),
        Optional("quiescentCurrent", ValueSpec.Quantity(QuantityDimension.Current), "Own consumption (≥ 0 A).", "0 A"),
        Optional("efficiency", Efficiency, "Constant conversion efficiency (or efficiencyCurve).", example: "0.9"),
        Optional("efficiencyCurve", ValueSpec.ListOf(ValueSpec.Text("point 'output current: efficiency'", $@"^\s*{QuantityText.NumberPattern}\s*({string.Join('|', QuantityText.Units(QuantityDimension.Current))})\s*:\s*{QuantityText.NumberPattern}\s*$")), "Datasheet efficiency against output current (efficiency in (0, 1]), interpolated in log10 of the current (or efficiency).", example: "['1 uA: 0.60', '100 uA: 0.85']"),
    ])
    {
        ExactlyOneOf = [["efficiency", "efficiencyCurve"]],
    };

    private static BlockSpec LoRaRadioSpec(int minimumSpreadingFactor, string bandwidth)
    {
        string[] sx127x = [.. LoRaChipProfile.BuiltInNames.Where(n => LoRaChipProfile.ByName(n).Family == LoRaChipFamily.Sx127x)];
        ParameterSpec spreadingFactor = Mandatory("spreadingFactor", ValueSpec.WholeNumber(minimumSpreadingFactor, 12), "Spreading factor (SX127x chips: 7–12).", "9");
        return new BlockSpec("lora", "A LoRa radio.",
        [
            Mandatory("chip", ValueSpec.OneOf(LoRaChipProfile.BuiltInNames), "Transceiver (current tables, time-on-air rules).", "sx1276"),
            spreadingFactor,
            Mandatory("bandwidth", ValueSpec.Frequency, "Bandwidth. " + bandwidth, "125 kHz"),
            Optional("codingRate", ValueSpec.OneOf(["4/5", "4/6", "4/7", "4/8"]), "Coding rate.", "4/5"),
            Optional("preamble", ValueSpec.WholeNumber(6, 65535), "Preamble symbols.", "8"),
            Optional("ldro", ValueSpec.OneOf(["auto", "on", "off"]), "Low data-rate optimisation.", "auto"),
            Mandatory("txPower", ValueSpec.PowerLevel, "Transmit power, within the chip's range.", "14 dBm"),
        ])
        {
            Variants = minimumSpreadingFactor >= 7 ? [] :
            [
                new VariantSpec("chip", VariantCondition.OneOf, sx127x, []) { Narrowed = [spreadingFactor with { Value = ValueSpec.WholeNumber(7, 12) }] },
            ],
        };
    }
}
