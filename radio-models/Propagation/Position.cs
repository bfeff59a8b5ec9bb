using SensorNet.SimEngine.Quantities;

namespace SensorNet.RadioModels.Propagation;

/// <summary>A point in a flat Cartesian frame, in metres (antenna position of a node or gateway).</summary>
/// <param name="X">East coordinate.</param>
/// <param name="Y">North coordinate.</param>
/// <param name="Z">Height; 0 by default, so 2-D layouts need only X and Y.</param>
/// <remarks>
/// <b>Scope:</b> Euclidean geometry in a local plane; no Earth curvature, which is negligible at the few-kilometre
/// scale of the propagation models here.
/// </remarks>
public readonly record struct Position(Meters X, Meters Y, Meters Z = default)
{
    /// <summary>Straight-line (Euclidean) distance to <paramref name="other"/>.</summary>
    /// <param name="other">The other point.</param>
    public Meters DistanceTo(Position other)
    {
        double dx = X.Value - other.X.Value;
        double dy = Y.Value - other.Y.Value;
        double dz = Z.Value - other.Z.Value;
        return new Meters(Math.Sqrt((dx * dx) + (dy * dy) + (dz * dz)));
    }
}
