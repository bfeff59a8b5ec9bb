namespace SensorNet.SimEngine.Quantities;

/// <summary>What a unit-bearing value in a scenario file measures; <see cref="QuantityText.Units"/> lists the units each accepts.</summary>
public enum QuantityDimension
{
    /// <summary>A duration: ns, us/µs, ms, s, min, h, d.</summary>
    Duration,

    /// <summary>An energy: J, mJ, uJ/µJ, kJ, Wh, mWh.</summary>
    Energy,

    /// <summary>A charge: mAh, Ah, C.</summary>
    Charge,

    /// <summary>An energy or a charge (converted to energy at the storage's voltage).</summary>
    EnergyOrCharge,

    /// <summary>A voltage: V, mV.</summary>
    Voltage,

    /// <summary>A current: A, mA, uA/µA, nA.</summary>
    Current,

    /// <summary>A power: W, mW, uW/µW, kW.</summary>
    Power,

    /// <summary>A frequency: Hz, kHz, MHz, GHz.</summary>
    Frequency,

    /// <summary>A length: m, km, cm.</summary>
    Length,

    /// <summary>A capacitance: F, mF, uF/µF.</summary>
    Capacitance,

    /// <summary>A resistance: ohm/Ω, mohm/mΩ, kohm/kΩ.</summary>
    Resistance,

    /// <summary>A power level in dBm.</summary>
    PowerLevel,

    /// <summary>A ratio in dB.</summary>
    Ratio,

    /// <summary>A size in bytes (B).</summary>
    Size,
}
