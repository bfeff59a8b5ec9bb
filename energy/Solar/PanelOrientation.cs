using System.Globalization;

namespace SensorNet.Energy.Solar;

/// <summary>
/// Orientation of a flat collector: tilt from horizontal and the compass azimuth of the direction it faces
/// (of the projection of its normal on the horizontal plane), eastward from north like the solar azimuth.
/// </summary>
/// <remarks>
/// An equator-facing panel in the northern hemisphere has azimuth 180°. The NREL SPA paper instead gives the
/// "surface azimuth rotation" γ, measured from south and positive toward west; γ = azimuth − 180°
/// (<see cref="FromSpaRotation"/>, <see cref="SpaAzimuthRotationDeg"/>).
/// </remarks>
public readonly record struct PanelOrientation
{
    /// <summary>Creates and validates an orientation.</summary>
    /// <param name="tiltDeg">Tilt from horizontal, in degrees, 0 (facing up) to 180 (facing down).</param>
    /// <param name="azimuthDeg">Azimuth the panel faces, in degrees eastward from north; any finite value, normalised to [0, 360).</param>
    /// <exception cref="ArgumentOutOfRangeException">The tilt is outside [0, 180] or the azimuth is not finite.</exception>
    public PanelOrientation(double tiltDeg, double azimuthDeg)
    {
        if (tiltDeg is not (>= 0 and <= 180))
        {
            throw new ArgumentOutOfRangeException(nameof(tiltDeg), tiltDeg, "Panel tilt must be in [0, 180] degrees.");
        }

        if (!double.IsFinite(azimuthDeg))
        {
            throw new ArgumentOutOfRangeException(nameof(azimuthDeg), azimuthDeg, "Panel azimuth must be a finite angle.");
        }

        TiltDeg = tiltDeg;
        AzimuthDeg = SolarMath.Limit360(azimuthDeg);
    }

    /// <summary>A horizontal panel facing up.</summary>
    public static PanelOrientation Horizontal => new(0, 180);

    /// <summary>Tilt from horizontal, in degrees.</summary>
    public double TiltDeg { get; }

    /// <summary>Azimuth the panel faces, in degrees eastward from north, in [0, 360).</summary>
    public double AzimuthDeg { get; }

    /// <summary>The SPA surface azimuth rotation γ: from south, positive toward west, in [−180, 180).</summary>
    public double SpaAzimuthRotationDeg => AzimuthDeg - 180.0;

    /// <summary>Builds an orientation from the SPA paper's slope ω and surface azimuth rotation γ.</summary>
    /// <param name="slopeDeg">Surface slope ω from horizontal, in degrees, 0–180.</param>
    /// <param name="azimuthRotationDeg">Rotation γ from south, in degrees, positive toward west (−10 = 10° east of south).</param>
    /// <exception cref="ArgumentOutOfRangeException">The slope is outside [0, 180] or the rotation is not finite.</exception>
    public static PanelOrientation FromSpaRotation(double slopeDeg, double azimuthRotationDeg) => new(slopeDeg, 180.0 + azimuthRotationDeg);

    /// <summary>Formats the orientation, invariant culture.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"tilt {TiltDeg}°, azimuth {AzimuthDeg}°");
}
