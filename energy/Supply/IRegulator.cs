using SensorNet.SimEngine.Quantities;

namespace SensorNet.Energy.Supply;

/// <summary>
/// The converter between a node's storage and its loads (storage → regulator → loads): the loads draw power at the
/// regulated output rail, and the regulator turns that into the power drawn from the storage. The converter loss over an
/// interval is (<see cref="InputPower"/> − load) · Δt.
/// </summary>
public interface IRegulator
{
    /// <summary>What the regulator is, e.g. <c>ldo</c>, <c>buck</c>, <c>direct</c>.</summary>
    string Kind { get; }

    /// <summary>Voltage of the regulated output rail the loads run on.</summary>
    Volts OutputVoltage { get; }

    /// <summary>
    /// Lowest storage terminal voltage at which the output stays in regulation; below it the node browns out.
    /// <see cref="InputPower"/> does not model operation below it.
    /// </summary>
    Volts MinimumInputVoltage { get; }

    /// <summary>
    /// True if <see cref="InputPower"/> depends on the input voltage, so that a change of the storage voltage alone
    /// changes the power drawn from the storage.
    /// </summary>
    bool InputDependsOnVoltage { get; }

    /// <summary>Power drawn from the storage while the loads draw <paramref name="load"/> at the output rail.</summary>
    /// <param name="load">Power drawn by the loads at the output rail; finite and ≥ 0.</param>
    /// <param name="input">Storage terminal voltage; finite and &gt; 0.</param>
    /// <returns>The input power, ≥ <paramref name="load"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    Watts InputPower(Watts load, Volts input);
}
