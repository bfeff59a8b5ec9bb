using SensorNet.SimEngine.Quantities;

namespace SensorNet.RadioModels.Propagation;

/// <summary>
/// A large-scale path-loss model: the loss between two antennas at a distance, optionally with log-normal
/// shadowing drawn from a caller-chosen seed.
/// </summary>
/// <remarks>
/// <para><b>Shadowing seeds:</b> the caller decides the correlation. Passing the same seed for a link on every
/// packet gives static (per-link) shadowing; passing a seed derived from (link, packet) gives independent
/// shadowing per packet. A model without shadowing ignores the seed. The same (distance, seed) always gives the
/// same loss.</para>
/// <para><b>Clamping:</b> shadowing deviates are clamped to ±<see cref="ShadowingClampSigmas"/>σ so that
/// <see cref="MaximumRange"/> is finite and exact: a spatial index may ignore receivers beyond it with no
/// probability of error. For a normal deviate the probability mass beyond ±5σ is 5.7·10⁻⁷.</para>
/// </remarks>
public interface IPropagationModel
{
    /// <summary>How many standard deviations a shadowing deviate may reach before it is clamped (5).</summary>
    const double ShadowingClampSigmas = 5.0;

    /// <summary>A short, stable name for reports (e.g. <c>free-space</c>, <c>bor-et-al-2016</c>).</summary>
    string Name { get; }

    /// <summary>The path loss at <paramref name="distance"/>, including the shadowing deviate selected by <paramref name="linkSeed"/>.</summary>
    /// <param name="distance">Distance between the antennas; finite and ≥ 0.</param>
    /// <param name="linkSeed">Seed of the shadowing deviate (per link, or per link and packet).</param>
    /// <exception cref="ArgumentOutOfRangeException">The distance is negative or not finite.</exception>
    Decibels PathLoss(Meters distance, ulong linkSeed);

    /// <summary>
    /// The largest distance at which the path loss can still be ≤ <paramref name="linkBudget"/> for any shadowing
    /// draw (deviates are clamped to ±5σ); 0 m when no distance can meet the budget.
    /// </summary>
    /// <param name="linkBudget">Largest tolerable loss (TX power + antenna gains − receiver sensitivity).</param>
    /// <exception cref="ArgumentException">The budget is NaN.</exception>
    Meters MaximumRange(Decibels linkBudget);

    /// <summary>
    /// The largest distance at which the median path loss (shadowing deviate 0) is ≤ <paramref name="linkBudget"/>:
    /// the range a link reaches half the time. Equals <see cref="MaximumRange"/> for a model without shadowing.
    /// </summary>
    /// <param name="linkBudget">Largest tolerable loss.</param>
    /// <exception cref="ArgumentException">The budget is NaN.</exception>
    Meters MedianRange(Decibels linkBudget);
}
