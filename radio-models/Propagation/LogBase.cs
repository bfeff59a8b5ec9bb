namespace SensorNet.RadioModels.Propagation;

/// <summary>The logarithm in the distance term of <see cref="LogDistance"/>.</summary>
public enum LogBase
{
    /// <summary>log10: the standard log-distance model, PL(d) = PL(d0) + 10·γ·log10(d/d0).</summary>
    Ten,

    /// <summary>
    /// Natural logarithm, PL(d) = PL(d0) + 10·γ·ln(d/d0): only for reproducing the LoRaSim code
    /// (<c>loraDir.py</c> uses <c>math.log</c>), not a physical model.
    /// </summary>
    Natural,
}
