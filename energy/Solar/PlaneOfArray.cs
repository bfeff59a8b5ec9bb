using static SensorNet.Energy.Solar.SolarMath;

namespace SensorNet.Energy.Solar;

/// <summary>
/// Irradiance on a tilted, oriented collector from horizontal components, with the isotropic-sky (Liu–Jordan)
/// transposition: POA = DNI·max(cos AOI, 0) + DHI·(1 + cos β)/2 + GHI·ρ·(1 − cos β)/2.
/// </summary>
/// <remarks>
/// <para>Sources: B. Y. H. Liu and R. C. Jordan, "The long-term average performance of flat-plate solar-energy
/// collectors", Solar Energy 7(2), 1963 (isotropic sky); the ground term is the usual isotropic reflection with albedo
/// ρ; the same decomposition as pvlib <c>irradiance.get_total_irradiance(model='isotropic')</c>. β is the tilt.</para>
/// <para><b>Scope and limitations:</b> the isotropic sky ignores circumsolar and horizon brightening, so it
/// typically underestimates plane-of-array irradiance on clear days for sun-facing tilts (anisotropic models such as
/// Hay–Davies or Perez do better); no shading, soiling or reflection (incidence-angle) losses; flat, uniform ground.
/// <b>Validation:</b> PlaneOfArrayTests: a horizontal panel receives exactly GHI (when GHI = DHI + DNI·cos z); a
/// vertical panel facing away from the Sun receives only the diffuse and ground parts; angle-of-incidence checks.</para>
/// </remarks>
public static class PlaneOfArray
{
    /// <summary>Typical ground albedo (grass, soil) used by pvlib as its default.</summary>
    public const double DefaultAlbedo = 0.25;

    /// <summary>Angle of incidence between the Sun and the panel normal.</summary>
    /// <param name="panel">Panel orientation.</param>
    /// <param name="solarZenithDeg">Solar zenith angle, in degrees.</param>
    /// <param name="solarAzimuthDeg">Solar azimuth, in degrees eastward from north.</param>
    /// <returns>The angle, in degrees, 0–180; above 90° the Sun is behind the panel.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An angle is not finite.</exception>
    public static double AngleOfIncidenceDeg(PanelOrientation panel, double solarZenithDeg, double solarAzimuthDeg)
    {
        RequireFinite(solarZenithDeg, nameof(solarZenithDeg));
        RequireFinite(solarAzimuthDeg, nameof(solarAzimuthDeg));
        return AcosDeg(CosAoi(panel, solarZenithDeg, solarAzimuthDeg));
    }

    /// <summary>Isotropic-sky plane-of-array irradiance.</summary>
    /// <param name="panel">Panel orientation.</param>
    /// <param name="solarZenithDeg">Solar zenith angle, in degrees (apparent, as used for the irradiance).</param>
    /// <param name="solarAzimuthDeg">Solar azimuth, in degrees eastward from north.</param>
    /// <param name="ghiWm2">Global horizontal irradiance, W/m², ≥ 0.</param>
    /// <param name="dniWm2">Direct normal irradiance, W/m², ≥ 0.</param>
    /// <param name="dhiWm2">Diffuse horizontal irradiance, W/m², ≥ 0.</param>
    /// <param name="albedo">Ground reflectance ρ, 0–1.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static PoaIrradiance Isotropic(
        PanelOrientation panel,
        double solarZenithDeg,
        double solarAzimuthDeg,
        double ghiWm2,
        double dniWm2,
        double dhiWm2,
        double albedo = DefaultAlbedo)
    {
        RequireFinite(solarZenithDeg, nameof(solarZenithDeg));
        RequireFinite(solarAzimuthDeg, nameof(solarAzimuthDeg));
        RequireIrradiance(ghiWm2, nameof(ghiWm2));
        RequireIrradiance(dniWm2, nameof(dniWm2));
        RequireIrradiance(dhiWm2, nameof(dhiWm2));
        if (albedo is not (>= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(albedo), albedo, "Albedo must be in [0, 1].");
        }

        // With the Sun behind the panel (cos AOI < 0) the beam does not reach the front face.
        double direct = dniWm2 * Math.Max(CosAoi(panel, solarZenithDeg, solarAzimuthDeg), 0.0);
        double cosTilt = CosDeg(panel.TiltDeg);
        double sky = dhiWm2 * (1 + cosTilt) / 2;
        double ground = ghiWm2 * albedo * (1 - cosTilt) / 2;
        return new PoaIrradiance(direct, sky, ground);
    }

    /// <summary>
    /// Isotropic-sky plane-of-array irradiance from global horizontal irradiance alone: GHI is split into DNI and DHI
    /// with <see cref="Erbs"/> (true zenith, day of year of the instant in UTC), then transposed as in
    /// <see cref="Isotropic"/> with the same zenith, so a horizontal panel receives exactly GHI.
    /// </summary>
    /// <param name="panel">Panel orientation.</param>
    /// <param name="sun">The Sun's position at <paramref name="instant"/>.</param>
    /// <param name="ghiWm2">Global horizontal irradiance, W/m², ≥ 0.</param>
    /// <param name="instant">The instant, for the extraterrestrial irradiance of its day.</param>
    /// <param name="albedo">Ground reflectance ρ, 0–1.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static PoaIrradiance IsotropicFromGhi(PanelOrientation panel, SolarPositionResult sun, double ghiWm2, DateTimeOffset instant, double albedo = DefaultAlbedo)
    {
        ArgumentNullException.ThrowIfNull(sun);
        double trueZenithDeg = 90.0 - sun.ElevationUncorrectedDeg;
        DecomposedIrradiance parts = Erbs.Decompose(ghiWm2, trueZenithDeg, Erbs.DayOfYearUtc(instant));
        return Isotropic(panel, trueZenithDeg, sun.AzimuthDeg, ghiWm2, parts.DniWm2, parts.DhiWm2, albedo);
    }

    // cos AOI = cos z·cos β + sin z·sin β·cos(φs − φp)
    private static double CosAoi(PanelOrientation panel, double zenithDeg, double azimuthDeg) =>
        Math.Clamp(
            (CosDeg(zenithDeg) * CosDeg(panel.TiltDeg)) + (SinDeg(zenithDeg) * SinDeg(panel.TiltDeg) * CosDeg(azimuthDeg - panel.AzimuthDeg)),
            -1.0,
            1.0);

    private static void RequireFinite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "Angle must be finite.");
        }
    }

    private static void RequireIrradiance(double value, string name)
    {
        if (!(value >= 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "Irradiance must be finite and ≥ 0 W/m².");
        }
    }
}
