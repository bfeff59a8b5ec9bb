using SensorNet.SimEngine.Quantities;

namespace SensorNet.Energy;

/// <summary>One power state of a component: a hardware-named state and the constant power drawn in it.</summary>
/// <param name="Name">Hardware name of the state, e.g. <c>sleep</c>, <c>tx_14dbm</c>; unique within its table.</param>
/// <param name="Power">Power drawn from the supply rail while in the state, in W; ≥ 0.</param>
public readonly record struct PowerState(string Name, Watts Power);
