using SensorNet.SimEngine.Quantities;

namespace SensorNet.Energy.Supply;

/// <summary>One point of a switching regulator's datasheet efficiency curve.</summary>
/// <param name="OutputCurrent">Output (load) current.</param>
/// <param name="Efficiency">Efficiency P_out / P_in at that current, in (0, 1].</param>
public readonly record struct EfficiencyPoint(Amperes OutputCurrent, double Efficiency);
