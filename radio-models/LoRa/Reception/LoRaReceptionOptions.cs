using SensorNet.SimEngine.Quantities;

namespace SensorNet.RadioModels.LoRa.Reception;

/// <summary>Which published rules <see cref="LoRaReceptionRules"/> applies. Immutable.</summary>
/// <remarks>
/// The defaults are Bor et al.'s capture model (orthogonal SFs, 6 dB same-SF capture, LoRaSim preamble timing)
/// on exact carriers, with the SX1276 SNR check against a 6 dB-noise-figure floor. The presets
/// <see cref="BorEtAl"/>, <see cref="FLoRa"/> and <see cref="Ns3"/> approximate the three reference simulators'
/// choices; <see cref="LoRaSimCollision"/> is the faithful LoRaSim check.
/// </remarks>
public sealed record LoRaReceptionOptions
{
    /// <summary>Orthogonal SFs, 6 dB capture, LoRaSim timing, <see cref="CarrierMatch.BandwidthTolerance"/>, no SNR check (LoRaSim has only sensitivity).</summary>
    public static LoRaReceptionOptions BorEtAl { get; } = new()
    {
        Matrix = InterferenceMatrix.Orthogonal,
        PreambleTiming = PreambleTimingRule.LoRaSim,
        Carrier = CarrierMatch.BandwidthTolerance,
        CheckSnr = false,
    };

    /// <summary>FLoRa: <see cref="InterferenceMatrix.CroceFLoRa"/> with its 1 dB diagonal, last-6-preamble-symbols timing, exact carrier, no SNR check.</summary>
    public static LoRaReceptionOptions FLoRa { get; } = new()
    {
        Matrix = InterferenceMatrix.CroceFLoRa,
        PreambleTiming = PreambleTimingRule.FLoRa,
        Carrier = CarrierMatch.Exact,
        CheckSnr = false,
    };

    /// <summary>ns-3 lorawan: <see cref="InterferenceMatrix.GoursaudNs3"/> energy rule, no timing rule, exact carrier, no SNR check.</summary>
    public static LoRaReceptionOptions Ns3 { get; } = new()
    {
        Matrix = InterferenceMatrix.GoursaudNs3,
        PreambleTiming = PreambleTimingRule.None,
        Carrier = CarrierMatch.Exact,
        CheckSnr = false,
    };

    /// <summary>Interference matrix and combination rule. Default <see cref="InterferenceMatrix.Orthogonal"/>.</summary>
    public InterferenceMatrix Matrix { get; init; } = InterferenceMatrix.Orthogonal;

    /// <summary>
    /// Same-SF capture threshold replacing the matrix diagonal; null keeps the matrix's own diagonal (6 dB for
    /// <see cref="InterferenceMatrix.Orthogonal"/> and <see cref="InterferenceMatrix.GoursaudNs3"/>, 1 dB for
    /// <see cref="InterferenceMatrix.CroceFLoRa"/>).
    /// </summary>
    public Decibels? SameSpreadingFactorCaptureThreshold { get; init; }

    /// <summary>Preamble timing rule. Default <see cref="PreambleTimingRule.LoRaSim"/>.</summary>
    public PreambleTimingRule PreambleTiming { get; init; } = PreambleTimingRule.LoRaSim;

    /// <summary>When two signals are on the same carrier. Default <see cref="CarrierMatch.Exact"/>.</summary>
    public CarrierMatch Carrier { get; init; } = CarrierMatch.Exact;

    /// <summary>Whether to require the SX1276 Table 13 SNR over the noise floor. Default true.</summary>
    public bool CheckSnr { get; init; } = true;

    /// <summary>Receiver noise figure for the computed noise floor. Default 6 dB (Semtech AN1200.22).</summary>
    public Decibels NoiseFigure { get; init; } = LoRaDemodulationLimits.DefaultNoiseFigure;

    /// <summary>The same-SF threshold in force: the override, else the matrix diagonal.</summary>
    public Decibels EffectiveCaptureThreshold => SameSpreadingFactorCaptureThreshold ?? Matrix.SameSpreadingFactorThreshold;
}
