using SensorNet.SimEngine.Quantities;

namespace SensorNet.RadioModels.LoRa.Reception;

/// <summary>
/// Settings of <see cref="LoRaSimCollision"/>. The defaults reproduce LoRaSim <c>loraDir.py</c> Revision 218 as
/// published, quirks included; <see cref="Corrected"/> turns the quirks off. Immutable.
/// </summary>
public sealed record LoRaSimCollisionOptions
{
    /// <summary>LoRaSim's documented intent, without its code quirks (still simple mode unless <see cref="FullCollision"/> is set).</summary>
    public static LoRaSimCollisionOptions Corrected { get; } = new()
    {
        ReplicateBandwidthComparisonBug = false,
        ReplicateToleranceInHertz = false,
        ReplicateFullModeArrivalReset = false,
    };

    /// <summary>
    /// LoRaSim's <c>full_collision</c>: false (its default) marks both packets on any same-SF same-frequency overlap;
    /// true applies the preamble timing check, then the power check.
    /// </summary>
    public bool FullCollision { get; init; }

    /// <summary>Power capture threshold of the full mode (<c>powerThreshold = 6</c> dB).</summary>
    public Decibels PowerThreshold { get; init; } = new(6.0);

    /// <summary>
    /// Replicate <c>frequencyCollision</c> testing the existing packet's <i>frequency</i> against 500 and 250
    /// (<c>p2.freq==500</c>) instead of its bandwidth, so only the arriving packet's bandwidth selects the wider
    /// tolerance. Default true (faithful).
    /// </summary>
    public bool ReplicateBandwidthComparisonBug { get; init; } = true;

    /// <summary>
    /// Replicate the tolerance units: LoRaSim stores frequencies in Hz but compares |Δf| with the bare numbers
    /// 120/60/30 (meant as kHz), so the effective tolerance is 120/60/30 Hz. Default true (faithful).
    /// </summary>
    public bool ReplicateToleranceInHertz { get; init; } = true;

    /// <summary>
    /// Replicate that in full mode the arriving packet's own loss is discarded: <c>transmit</c> sets
    /// <c>collided</c> to the return value of <c>checkcollision</c>, which is 1 only in simple mode, overwriting the
    /// mark <c>powerCollision</c> put on the arriving packet. The arriving packet can then only be marked later, as
    /// the existing packet of a subsequent arrival. Default true (faithful).
    /// </summary>
    public bool ReplicateFullModeArrivalReset { get; init; } = true;
}
