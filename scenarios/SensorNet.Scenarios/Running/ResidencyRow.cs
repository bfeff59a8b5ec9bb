namespace SensorNet.Scenarios.Running;

/// <summary>Time and energy of one component of one node in one power state.</summary>
/// <param name="NodeId">Node id.</param>
/// <param name="Component">Component name (mcu, radio, …).</param>
/// <param name="State">Power state name.</param>
/// <param name="TimeNs">Residency, in ns.</param>
/// <param name="Entries">Times the state was entered.</param>
/// <param name="PowerW">Power drawn in the state, in W.</param>
/// <param name="EnergyJ">Energy used in the state, in J.</param>
public sealed record ResidencyRow(int NodeId, string Component, string State, long TimeNs, long Entries, double PowerW, double EnergyJ);
