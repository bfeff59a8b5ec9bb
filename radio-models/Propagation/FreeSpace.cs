using SensorNet.SimEngine.Quantities;

namespace SensorNet.RadioModels.Propagation;

/// <summary>Free-space path loss (Friis): PL(d) = 20·log10(4π·d/λ), λ = c/f; no shadowing.</summary>
/// <remarks>
/// <para><b>Source:</b> H. T. Friis, "A Note on a Simple Transmission Formula", Proc. IRE 34(5), 1946, with
/// isotropic antennas (antenna gains belong in the link budget).</para>
/// <para><b>Scope and limits:</b> line of sight in empty space, far field only (d ≫ λ); it underestimates the
/// loss of any real ground-level link, so use it as a bound or for tests. Below d = λ/(4π) the formula would give
/// a gain, so the distance is clamped there: the loss is never below 0 dB (at 868 MHz λ/(4π) ≈ 2.7 cm; the
/// near field is outside the model's validity anyway). <see cref="PathLoss"/> ignores the link seed.</para>
/// </remarks>
public sealed class FreeSpace : IPropagationModel
{
    /// <summary>Speed of light in vacuum, m/s (exact, SI).</summary>
    public const double SpeedOfLight = 299_792_458.0;

    /// <summary>Creates a free-space model at a carrier frequency.</summary>
    /// <param name="frequency">Carrier frequency; finite and &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The frequency is not finite and positive.</exception>
    public FreeSpace(Hertz frequency)
    {
        if (!double.IsFinite(frequency.Value) || frequency.Value <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(frequency), frequency.Value, "Frequency must be finite and > 0 Hz.");
        }

        Frequency = frequency;
        MinimumDistance = new Meters(SpeedOfLight / frequency.Value / (4.0 * Math.PI));
    }

    /// <inheritdoc/>
    public string Name => "free-space";

    /// <summary>Carrier frequency.</summary>
    public Hertz Frequency { get; }

    /// <summary>λ/(4π): distances below it are clamped to it (0 dB loss).</summary>
    public Meters MinimumDistance { get; }

    /// <inheritdoc/>
    public Decibels PathLoss(Meters distance, ulong linkSeed)
    {
        Shadowing.CheckDistance(distance);
        return new Decibels(20.0 * Math.Log10(Math.Max(distance / MinimumDistance, 1.0)));
    }

    /// <inheritdoc/>
    /// <remarks>d = λ/(4π) · 10^(b/20); 0 m for a negative budget, since the loss is never below 0 dB.</remarks>
    public Meters MaximumRange(Decibels linkBudget)
    {
        Shadowing.CheckBudget(linkBudget);
        return linkBudget.Value < 0 ? new Meters(0.0) : MinimumDistance * Math.Pow(10.0, linkBudget.Value / 20.0);
    }

    /// <inheritdoc/>
    public Meters MedianRange(Decibels linkBudget) => MaximumRange(linkBudget);
}
