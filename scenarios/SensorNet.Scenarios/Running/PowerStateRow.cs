namespace SensorNet.Scenarios.Running;

/// <summary>One interval a component spent in one power state; names carry units.</summary>
/// <param name="NodeId">Node id.</param>
/// <param name="Component">Consumer name, e.g. <c>mcu</c> or <c>radio</c>.</param>
/// <param name="State">Power state name (<c>off</c> once the node lost power).</param>
/// <param name="StartNs">Start, in ns since the start of the run.</param>
/// <param name="EndNs">End, in ns since the start of the run.</param>
/// <param name="PowerW">Power drawn in the state, in W.</param>
/// <param name="EnergyJ">Energy of the interval, in J.</param>
public readonly record struct PowerStateRow(int NodeId, string Component, string State, long StartNs, long EndNs, double PowerW, double EnergyJ);
