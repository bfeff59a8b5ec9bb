using SensorNet.SimEngine.Quantities;

namespace SensorNet.Energy;

/// <summary>
/// A storage whose voltage follows its stored energy (supercapacitor, Li-ion open-circuit voltage), so that a voltage
/// threshold (a supervisor's brown-out level, a regulator's minimum input) can be turned into an energy level.
/// </summary>
public interface IVoltageLevels
{
    /// <summary>The stored energy at which the storage's (open-circuit) voltage is <paramref name="voltage"/>.</summary>
    Joules StoredAtVoltage(Volts voltage);
}
