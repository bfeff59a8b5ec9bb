using SensorNet.SimEngine.Quantities;

namespace SensorNet.RadioModels.Propagation;

/// <summary>
/// Log-distance path loss with optional log-normal shadowing:
/// PL(d) = PL(d0) + 10·γ·log(d/d0) + X, X = σ·z, z a standard normal deviate clamped to ±5.
/// </summary>
/// <remarks>
/// <para><b>Source:</b> the log-distance/log-normal shadowing model (Rappaport, <i>Wireless Communications</i>,
/// 2nd ed., §4.9–4.10). Parameters of <see cref="BorEtAl2016"/> from Bor, Roedig, Voigt and Alonso, "Do LoRa
/// Low-Power Wide-Area Networks Scale?", MSWiM 2016, as used by FLoRa (<c>LoRaLogNormalShadowing.cc</c>, log10,
/// σ = 3.57 dB); <see cref="LoRaSimCode"/> reproduces LoRaSim <c>loraDir.py</c> revision 218, which takes the
/// natural logarithm and sets <c>var = 0</c> (models.md §1.3).</para>
/// <para><b>Scope and limits:</b> an empirical large-scale fit; no terrain, antenna heights, fading or
/// frequency dependence beyond what PL(d0) captures. Distances below d0 (including 0 m) are clamped to d0, so
/// PL(d) = PL(d0) + X there: the fit says nothing closer in, and the loss must not fall below the measured
/// reference. Consequently <see cref="MaximumRange"/> returns 0 m when even PL(d0) − 5σ exceeds the budget, and
/// PathLoss(MaximumRange(b)) round-trips only for b ≥ PL(d0) − 5σ.</para>
/// </remarks>
public sealed class LogDistance : IPropagationModel
{
    /// <summary>Creates a log-distance model.</summary>
    /// <param name="referenceDistance">Reference distance d0; finite and &gt; 0.</param>
    /// <param name="referenceLoss">Mean path loss at d0, PL(d0); finite.</param>
    /// <param name="exponent">Path-loss exponent γ; finite and &gt; 0.</param>
    /// <param name="shadowingSigma">Standard deviation σ of the shadowing, dB; finite and ≥ 0 (0 disables shadowing).</param>
    /// <param name="logBase">Logarithm of the distance term; <see cref="LogBase.Ten"/> except to reproduce LoRaSim.</param>
    /// <param name="name">Name for reports; <c>log-distance</c> by default.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range.</exception>
    public LogDistance(Meters referenceDistance, Decibels referenceLoss, double exponent, Decibels shadowingSigma, LogBase logBase = LogBase.Ten, string name = "log-distance")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!double.IsFinite(referenceDistance.Value) || referenceDistance.Value <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(referenceDistance), referenceDistance.Value, "Reference distance must be finite and > 0 m.");
        }

        if (!double.IsFinite(referenceLoss.Value))
        {
            throw new ArgumentOutOfRangeException(nameof(referenceLoss), referenceLoss.Value, "Reference loss must be finite.");
        }

        if (!double.IsFinite(exponent) || exponent <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(exponent), exponent, "Path-loss exponent must be finite and > 0.");
        }

        if (!double.IsFinite(shadowingSigma.Value) || shadowingSigma.Value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(shadowingSigma), shadowingSigma.Value, "Shadowing σ must be finite and ≥ 0 dB.");
        }

        if (!Enum.IsDefined(logBase))
        {
            throw new ArgumentOutOfRangeException(nameof(logBase), logBase, "Unknown logarithm base.");
        }

        ReferenceDistance = referenceDistance;
        ReferenceLoss = referenceLoss;
        Exponent = exponent;
        ShadowingSigma = shadowingSigma;
        LogBase = logBase;
        Name = name;
    }

    /// <summary>
    /// Bor et al. (MSWiM 2016) as published: d0 = 40 m, PL(d0) = 127.41 dB, γ = 2.08, σ = 3.57 dB, log10
    /// (measured in a built-up area at 868 MHz).
    /// </summary>
    public static LogDistance BorEtAl2016 { get; } =
        new(new Meters(40.0), new Decibels(127.41), 2.08, new Decibels(3.57), LogBase.Ten, "bor-et-al-2016");

    /// <summary>
    /// The LoRaSim code (<c>loraDir.py</c> rev. 218): the same d0, PL(d0) and γ, but the natural logarithm and no
    /// shadowing (<c>var = 0</c>). Use only to reproduce LoRaSim results.
    /// </summary>
    public static LogDistance LoRaSimCode { get; } =
        new(new Meters(40.0), new Decibels(127.41), 2.08, new Decibels(0.0), LogBase.Natural, "lorasim-code");

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Reference distance d0.</summary>
    public Meters ReferenceDistance { get; }

    /// <summary>Mean path loss at d0.</summary>
    public Decibels ReferenceLoss { get; }

    /// <summary>Path-loss exponent γ.</summary>
    public double Exponent { get; }

    /// <summary>Shadowing standard deviation σ (0: none).</summary>
    public Decibels ShadowingSigma { get; }

    /// <summary>Logarithm of the distance term.</summary>
    public LogBase LogBase { get; }

    /// <summary>The mean (median, in dB) path loss at <paramref name="distance"/>, without shadowing.</summary>
    /// <param name="distance">Distance; finite and ≥ 0 (below d0 it is clamped to d0).</param>
    /// <exception cref="ArgumentOutOfRangeException">The distance is negative or not finite.</exception>
    public Decibels MeanPathLoss(Meters distance)
    {
        Shadowing.CheckDistance(distance);
        double ratio = Math.Max(distance / ReferenceDistance, 1.0);
        double log = LogBase == LogBase.Ten ? Math.Log10(ratio) : Math.Log(ratio);
        return new Decibels(ReferenceLoss.Value + (10.0 * Exponent * log));
    }

    /// <inheritdoc/>
    public Decibels PathLoss(Meters distance, ulong linkSeed)
    {
        Decibels mean = MeanPathLoss(distance);
        return ShadowingSigma.Value == 0 ? mean : new Decibels(mean.Value + (ShadowingSigma.Value * Shadowing.StandardDeviate(linkSeed)));
    }

    /// <inheritdoc/>
    public Meters MaximumRange(Decibels linkBudget) =>
        RangeForMeanLoss(new Decibels(linkBudget.Value + (IPropagationModel.ShadowingClampSigmas * ShadowingSigma.Value)));

    /// <inheritdoc/>
    public Meters MedianRange(Decibels linkBudget) => RangeForMeanLoss(linkBudget);

    // Inverse of the mean loss: d = d0 · base^((L − PL(d0)) / (10·γ)); 0 m when L is below PL(d0).
    private Meters RangeForMeanLoss(Decibels meanLoss)
    {
        Shadowing.CheckBudget(meanLoss);
        double excess = meanLoss.Value - ReferenceLoss.Value;
        if (excess < 0)
        {
            return new Meters(0.0);
        }

        double exponent = excess / (10.0 * Exponent);
        double factor = LogBase == LogBase.Ten ? Math.Pow(10.0, exponent) : Math.Exp(exponent);
        return ReferenceDistance * factor;
    }
}
