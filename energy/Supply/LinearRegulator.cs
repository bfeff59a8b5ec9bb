using SensorNet.SimEngine.Quantities;

namespace SensorNet.Energy.Supply;

/// <summary>
/// A linear (low-dropout, LDO) regulator: the input current is the load current plus the quiescent (ground) current,
/// I_in = P_load / V_out + I_q, so P_in = V_in · (P_load / V_out + I_q); the output stays in regulation down to
/// V_in = V_out + V_dropout.
/// </summary>
/// <remarks>
/// <para>Source: B. S. Lee, "Understanding the terms and definitions of LDO voltage regulators", Texas Instruments
/// application report SLVA079, 1999 (I_in = I_out + I_GND; efficiency = I_out·V_out / ((I_out + I_GND)·V_in), which is
/// V_out / V_in when I_out ≫ I_GND; dropout voltage). Typical parts: TI TPS7A02 (I_q 25 nA), TI TLV704 (I_q 3.2 µA).</para>
/// <para><b>Scope and limitations:</b> I_q is a constant; datasheets show it growing with load current and in dropout
/// (the ground-current curve), and with temperature. The dropout voltage is a constant, whereas it grows with load
/// current (roughly I_out · R_DS(on) for a PMOS pass device). Operation below <see cref="MinimumInputVoltage"/>
/// (output tracking the input) is not modelled: the caller treats it as a brown-out. Load power is taken at the
/// nominal <see cref="OutputVoltage"/>. No line/load regulation, transients or thermal limits.
/// <b>Validation:</b> LinearRegulatorTests (hand calculations of input power and efficiency, minimum input).</para>
/// </remarks>
public sealed class LinearRegulator : IRegulator
{
    /// <summary>Creates an LDO.</summary>
    /// <param name="outputVoltage">Regulated output voltage V_out; finite and &gt; 0.</param>
    /// <param name="quiescentCurrent">Quiescent (ground) current I_q drawn from the input at any load; finite and ≥ 0.</param>
    /// <param name="dropoutVoltage">Dropout voltage V_dropout; finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public LinearRegulator(Volts outputVoltage, Amperes quiescentCurrent, Volts dropoutVoltage)
    {
        OutputVoltage = RegulatorChecks.Positive(outputVoltage);
        QuiescentCurrent = RegulatorChecks.NonNegative(quiescentCurrent);
        DropoutVoltage = RegulatorChecks.NonNegative(dropoutVoltage);
    }

    /// <inheritdoc/>
    public string Kind => "ldo";

    /// <inheritdoc/>
    public Volts OutputVoltage { get; }

    /// <summary>Quiescent (ground) current I_q.</summary>
    public Amperes QuiescentCurrent { get; }

    /// <summary>Dropout voltage V_dropout.</summary>
    public Volts DropoutVoltage { get; }

    /// <summary>V_out + V_dropout.</summary>
    public Volts MinimumInputVoltage => OutputVoltage + DropoutVoltage;

    /// <summary>True: the input current does not fall as the input voltage rises, so the input power grows with it.</summary>
    public bool InputDependsOnVoltage => true;

    /// <summary>V_in · (P_load / V_out + I_q).</summary>
    /// <inheritdoc/>
    public Watts InputPower(Watts load, Volts input)
    {
        RegulatorChecks.InputPowerArguments(load, input);
        return input * ((load / OutputVoltage) + QuiescentCurrent);
    }
}
