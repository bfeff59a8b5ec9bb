using SensorNet.SimEngine.Quantities;

namespace SensorNet.Energy.Storage;

/// <summary>One point of a battery's open-circuit-voltage curve; the curve is linear between points.</summary>
/// <param name="StateOfCharge">State of charge, in [0, 1].</param>
/// <param name="Voltage">Open-circuit voltage at that state of charge.</param>
public readonly record struct OcvPoint(double StateOfCharge, Volts Voltage);
