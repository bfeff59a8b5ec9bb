namespace SensorNet.RadioModels.LoRa.Reception;

/// <summary>
/// Which part of the wanted packet's preamble an earlier interferer may overlap without harm. An interferer
/// that ends at or before the protected boundary is ignored.
/// </summary>
public enum PreambleTimingRule
{
    /// <summary>No timing rule: any time overlap counts (ns-3 lorawan).</summary>
    None,

    /// <summary>
    /// LoRaSim (Bor et al. 2016, <c>timingCollision</c> in <c>loraDir.py</c>, models.md §1.3): the wanted packet
    /// may lose its first Npreamble − 5 symbols; boundary = start + (Npreamble − 5)·Tsym.
    /// </summary>
    LoRaSim,

    /// <summary>
    /// FLoRa (<c>LoRaReceiver</c>, models.md §1.4): the receiver needs the last 6 preamble symbols;
    /// boundary = start + (Npreamble − 6)·Tsym.
    /// </summary>
    FLoRa,
}
