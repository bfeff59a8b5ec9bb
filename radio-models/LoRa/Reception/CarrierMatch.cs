namespace SensorNet.RadioModels.LoRa.Reception;

/// <summary>When two signals count as being on the same carrier, so that one can interfere with the other.</summary>
public enum CarrierMatch
{
    /// <summary>Only exactly equal carrier frequencies (ns-3 lorawan <c>LoraInterferenceHelper</c>, models.md §1.4).</summary>
    Exact,

    /// <summary>
    /// LoRaSim's bandwidth-dependent tolerance as documented (models.md §1.3 rule 1): |Δf| ≤ 120 kHz if either
    /// signal is 500 kHz wide, ≤ 60 kHz if either is 250 kHz wide, else ≤ 30 kHz. This is the corrected rule:
    /// both bandwidths are compared and the tolerance is in kHz (see <see cref="LoRaSimCollision"/> for the
    /// code's own quirks).
    /// </summary>
    BandwidthTolerance,
}
