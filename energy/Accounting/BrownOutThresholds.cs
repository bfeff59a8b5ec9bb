using System.Globalization;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.Energy.Accounting;

/// <summary>
/// The power-management thresholds of a node, as stored energy: the node turns off when its storage falls to
/// <see cref="Shutdown"/> and on again when it has risen to <see cref="Start"/> (hysteresis). Voltage thresholds of
/// storages whose voltage tracks their charge are converted to energy by the scenario layer.
/// </summary>
/// <remarks>
/// Modelled on the power-good supervisors of harvesting nodes, e.g. the TI BQ25570 (datasheet SLUSBH2), whose VBAT_OK
/// output drops when the storage falls below VBAT_OK_PROG and rises again only above the higher VBAT_OK_HYST: one level
/// cuts the load, a higher one reconnects it, so a node does not oscillate at the edge.
/// </remarks>
public sealed record BrownOutThresholds
{
    /// <summary>Creates thresholds; <paramref name="start"/> must exceed <paramref name="shutdown"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative or non-finite level, or no hysteresis.</exception>
    public BrownOutThresholds(Joules shutdown, Joules start)
    {
        if (!(shutdown.Value >= 0) || !double.IsFinite(shutdown.Value))
        {
            throw new ArgumentOutOfRangeException(nameof(shutdown), shutdown, "The shutdown level must be a finite energy ≥ 0 J.");
        }

        if (!(start.Value > shutdown.Value) || !double.IsFinite(start.Value))
        {
            throw new ArgumentOutOfRangeException(
                nameof(start),
                start,
                string.Create(CultureInfo.InvariantCulture, $"The start level must be finite and above the shutdown level ({shutdown})."));
        }

        Shutdown = shutdown;
        Start = start;
    }

    /// <summary>The node turns off when its stored energy falls to this level.</summary>
    public Joules Shutdown { get; }

    /// <summary>The node turns on again when its stored energy has risen to this level.</summary>
    public Joules Start { get; }
}
