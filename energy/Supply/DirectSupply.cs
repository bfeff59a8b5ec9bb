using SensorNet.SimEngine.Quantities;

namespace SensorNet.Energy.Supply;

/// <summary>
/// No regulator: the loads run straight from the storage terminals (a board powered directly from a coin cell or two
/// AA cells), so the power drawn from the storage is the load power.
/// </summary>
/// <remarks>
/// <b>Scope and limitations:</b> the rail follows the storage voltage, so <see cref="OutputVoltage"/> is only the
/// nominal value reported for the rail; load powers are taken as given whatever the storage voltage (a real load's
/// current changes with its supply voltage), and no brown-out threshold is set (<see cref="MinimumInputVoltage"/> is
/// 0 V: give the loads' own minimum supply voltage elsewhere if it matters). Also the identity regulator for tests.
/// <b>Validation:</b> DirectSupplyTests.
/// </remarks>
public sealed class DirectSupply : IRegulator
{
    /// <summary>Creates a direct supply.</summary>
    /// <param name="nominalVoltage">Nominal rail (storage) voltage, reported as <see cref="OutputVoltage"/>; finite and &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The voltage is outside its range.</exception>
    public DirectSupply(Volts nominalVoltage)
    {
        OutputVoltage = RegulatorChecks.Positive(nominalVoltage);
    }

    /// <inheritdoc/>
    public string Kind => "direct";

    /// <summary>Nominal rail voltage (the rail follows the storage voltage).</summary>
    public Volts OutputVoltage { get; }

    /// <summary>0 V: no regulator, so no dropout.</summary>
    public Volts MinimumInputVoltage => new(0);

    /// <inheritdoc/>
    public bool InputDependsOnVoltage => false;

    /// <summary>The load power itself.</summary>
    /// <inheritdoc/>
    public Watts InputPower(Watts load, Volts input)
    {
        RegulatorChecks.InputPowerArguments(load, input);
        return load;
    }
}
