using SensorNet.NodeKernel.Chips;
using SensorNet.NodeKernel.Firmware;
using SensorNet.RadioModels.LoRa;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Scenarios;

/// <summary>A scenario as resolved from its file: every value typed, every default applied, every reference looked up.</summary>
/// <param name="Name">Run name; names the results directory. Letters, digits, '-', '_' and '.'.</param>
/// <param name="Seed">Scenario seed for every random stream.</param>
/// <param name="Duration">Simulated time.</param>
/// <param name="Nodes">The node population.</param>
public sealed record ScenarioConfig(string Name, ulong Seed, SimDuration Duration, NodeGroupConfig Nodes);

/// <summary>A group of identical nodes placed by a rule.</summary>
/// <param name="Count">Number of nodes.</param>
/// <param name="Placement">Where they stand.</param>
/// <param name="Mcu">MCU of every node.</param>
/// <param name="Radio">LoRa radio of every node.</param>
/// <param name="App">What every node runs.</param>
/// <param name="Storage">Energy storage of every node.</param>
public sealed record NodeGroupConfig(int Count, GridPlacementConfig Placement, McuProfile Mcu, LoRaRadioConfig Radio, SenseAndSendSettings App, LinearBatteryConfig Storage);

/// <summary>Nodes on a rectangular grid, filled row by row from the origin.</summary>
/// <param name="Columns">Nodes per row.</param>
/// <param name="Spacing">Distance between neighbours.</param>
public sealed record GridPlacementConfig(int Columns, Meters Spacing);

/// <summary>A LoRa radio.</summary>
/// <param name="Chip">Transceiver.</param>
/// <param name="TxPower">Transmit power.</param>
/// <param name="Modulation">Modulation and framing.</param>
public sealed record LoRaRadioConfig(LoRaChipProfile Chip, Dbm TxPower, LoRaModulation Modulation);

/// <summary>A linear battery.</summary>
/// <param name="Capacity">Full energy.</param>
/// <param name="Initial">Energy at the start.</param>
/// <param name="Voltage">Nominal voltage.</param>
public sealed record LinearBatteryConfig(Joules Capacity, Joules Initial, Volts Voltage);
