using SensorNet.SimEngine.Quantities;

namespace SensorNet.RadioModels.Propagation;

/// <summary>Unit-disk connectivity: 0 dB within <see cref="Range"/> (inclusive), +∞ dB beyond.</summary>
/// <remarks>
/// <para><b>Source:</b> the unit-disk graph model (Clark, Colbourn and Johnson, "Unit disk graphs", Discrete
/// Mathematics 86, 1990).</para>
/// <para><b>Scope and limits:</b> not a physical model: for tests and for protocol studies that want
/// connectivity without radio detail. Every link within range works whatever the budget (if the budget is ≥ 0 dB);
/// no link beyond it ever does. <see cref="PathLoss"/> ignores the link seed.</para>
/// </remarks>
public sealed class UnitDisk : IPropagationModel
{
    /// <summary>Creates a unit-disk model.</summary>
    /// <param name="range">Radius within which the loss is 0 dB; finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The range is negative or not finite.</exception>
    public UnitDisk(Meters range)
    {
        if (!double.IsFinite(range.Value) || range.Value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(range), range.Value, "Range must be finite and ≥ 0 m.");
        }

        Range = range;
    }

    /// <inheritdoc/>
    public string Name => "unit-disk";

    /// <summary>Radius of the disk.</summary>
    public Meters Range { get; }

    /// <inheritdoc/>
    public Decibels PathLoss(Meters distance, ulong linkSeed)
    {
        Shadowing.CheckDistance(distance);
        return new Decibels(distance <= Range ? 0.0 : double.PositiveInfinity);
    }

    /// <inheritdoc/>
    /// <remarks><see cref="Range"/> for a budget ≥ 0 dB, 0 m below it, and +∞ for an infinite budget (every loss is ≤ +∞).</remarks>
    public Meters MaximumRange(Decibels linkBudget)
    {
        Shadowing.CheckBudget(linkBudget);
        return linkBudget.Value switch
        {
            double.PositiveInfinity => new Meters(double.PositiveInfinity),
            < 0 => new Meters(0.0),
            _ => Range,
        };
    }

    /// <inheritdoc/>
    public Meters MedianRange(Decibels linkBudget) => MaximumRange(linkBudget);
}
