using SensorNet.SimEngine.Quantities;

namespace SensorNet.Energy;

/// <summary>
/// The energy flows of one storage interval; all values ≥ 0. Identity: stored after − stored before =
/// (offered for charging − <see cref="Refused"/>) − <see cref="Delivered"/> − <see cref="Lost"/>, with nothing offered on a
/// discharge step; on a discharge step <see cref="Delivered"/> + <see cref="Unserved"/> = P·Δt. <see cref="Stored"/> is
/// counted after charge losses and before leakage; <see cref="Unserved"/> is 0 on charge steps.
/// </summary>
/// <param name="Delivered">Energy delivered to the load.</param>
/// <param name="Stored">Energy added to the storage (after charge losses).</param>
/// <param name="Lost">Energy lost inside the storage (charge inefficiency, leakage, internal resistance).</param>
/// <param name="Refused">Charging energy the storage could not take because it was full.</param>
/// <param name="Unserved">Discharge energy asked for but not delivered because the storage ran out.</param>
public readonly record struct StorageStep(Joules Delivered, Joules Stored, Joules Lost, Joules Refused, Joules Unserved);
