using SensorNet.SimEngine.Quantities;

namespace SensorNet.RadioModels.LoRa.Reception;

/// <summary>Demodulator SNR limits and the thermal noise floor of a LoRa receiver.</summary>
/// <remarks>
/// <para><b>Required SNR</b> per SF, SX1276 datasheet Table 13 (models.md §1.5): SF6 −5, SF7 −7.5, SF8 −10,
/// SF9 −12.5, SF10 −15, SF11 −17.5, SF12 −20 dB. SF7–SF12 are also hard-coded in FLoRa
/// <c>NetworkServerApp.cc</c> (S); the SF6 value is not verified against the datasheet (U). SF5 (SX126x only) is
/// not in the reference and is rejected.</para>
/// <para><b>Noise floor</b> N = −174 dBm/Hz + 10·log10(BW/Hz) + NF: −174 dBm/Hz is kT at 290 K; the form and the
/// 6 dB default noise figure are those of Semtech AN1200.22 "LoRa Modulation Basics" (not checked against the
/// PDF here, U). Cross-check (D): with NF = 6 dB at 125 kHz, N + SNR_req gives −124.5 dBm for SF7 and −137.0 dBm for
/// SF12, against −124 and −137 dBm in the SX1272 sensitivity table of models.md §1.5.</para>
/// </remarks>
public static class LoRaDemodulationLimits
{
    /// <summary>Thermal noise density at 290 K used for the floor, in dBm/Hz.</summary>
    public const double ThermalNoiseDensityDbmPerHz = -174.0;

    /// <summary>Default receiver noise figure (Semtech AN1200.22 example value).</summary>
    public static Decibels DefaultNoiseFigure => new(6.0);

    /// <summary>The SNR the demodulator needs at this SF (SX1276 Table 13).</summary>
    /// <param name="spreadingFactor">Spreading factor, 6–12.</param>
    /// <exception cref="ArgumentOutOfRangeException">SF outside 6–12.</exception>
    public static Decibels RequiredSnr(int spreadingFactor) => spreadingFactor switch
    {
        6 => new Decibels(-5.0),
        7 => new Decibels(-7.5),
        8 => new Decibels(-10.0),
        9 => new Decibels(-12.5),
        10 => new Decibels(-15.0),
        11 => new Decibels(-17.5),
        12 => new Decibels(-20.0),
        _ => throw new ArgumentOutOfRangeException(nameof(spreadingFactor), spreadingFactor, "Required SNR is tabulated for SF6–SF12 only."),
    };

    /// <summary>Noise floor −174 dBm/Hz + 10·log10(BW) + NF.</summary>
    /// <param name="bandwidth">Receiver (signal) bandwidth.</param>
    /// <param name="noiseFigure">Receiver noise figure.</param>
    public static Dbm NoiseFloor(Hertz bandwidth, Decibels noiseFigure) =>
        new(ThermalNoiseDensityDbmPerHz + (10.0 * Math.Log10(bandwidth.Value)) + noiseFigure.Value);
}
