using static SensorNet.Energy.Solar.SolarMath;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.Energy.Solar;

/// <summary>Clear-sky irradiance models: Haurwitz (GHI only) and Ineichen–Perez (GHI, DNI, DHI).</summary>
/// <remarks>
/// <para><b>Haurwitz</b> (B. Haurwitz, "Insolation in relation to cloud type", J. Meteorology 3, 1946; as evaluated in
/// M. Reno, C. Hansen, J. Stein, "Global horizontal irradiance clear sky models", SAND2012-2389):
/// GHI = 1098·cos z·exp(−0.059 / cos z), 0 when cos z ≤ 0.</para>
/// <para><b>Ineichen–Perez</b> (P. Ineichen and R. Perez, "A new airmass independent formulation for the Linke turbidity
/// coefficient", Solar Energy 73(3), 2002; R. Perez et al., "A new operational model for satellite-derived
/// irradiances", Solar Energy 73(5), 2002), in the form of pvlib <c>clearsky.ineichen</c>, including its cap of DNI by
/// the global value and without the optional Perez enhancement factor.</para>
/// <para><b>Scope and limitations:</b> cloudless sky only. Haurwitz has no aerosol or altitude input and tends to
/// overestimate at high-turbidity sites; Ineichen needs a Linke turbidity (monthly climatologies, typically 2–7) and
/// the pressure-corrected airmass (<see cref="Airmass"/>). Both take the apparent (refraction-corrected) zenith angle.
/// <b>Validation:</b> ClearSkyTests against pvlib's <c>test_haurwitz</c> and <c>test_ineichen_scalar_input</c> vectors
/// (models.md §5.2).</para>
/// </remarks>
public static class ClearSky
{
    /// <summary>Default extraterrestrial normal irradiance used by pvlib's Ineichen, in W/m².</summary>
    public const double DefaultDniExtraWm2 = 1364.0;

    /// <summary>Haurwitz clear-sky global horizontal irradiance.</summary>
    /// <param name="apparentZenithDeg">Apparent solar zenith angle, in degrees; finite.</param>
    /// <returns>GHI, in W/m²; 0 with the Sun at or below the horizon.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The zenith is not finite.</exception>
    public static double HaurwitzGhi(double apparentZenithDeg)
    {
        RequireFinite(apparentZenithDeg, nameof(apparentZenithDeg));
        double cosZ = CosDeg(apparentZenithDeg);
        return cosZ > 0 ? 1098.0 * cosZ * Math.Exp(-0.059 / cosZ) : 0.0;
    }

    /// <summary>Ineichen–Perez clear-sky GHI, DNI and DHI.</summary>
    /// <param name="apparentZenithDeg">Apparent solar zenith angle, in degrees; finite.</param>
    /// <param name="absoluteAirmass">Pressure-corrected (absolute) airmass, &gt; 0 (ignored at night).</param>
    /// <param name="linkeTurbidity">Linke turbidity T_L, &gt; 0 (typically 2–7).</param>
    /// <param name="altitude">Site altitude above sea level.</param>
    /// <param name="dniExtraWm2">Extraterrestrial normal irradiance I₀, in W/m², &gt; 0.</param>
    /// <returns>The components; all zero with the Sun at or below the horizon.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static ClearSkyIrradiance Ineichen(double apparentZenithDeg, double absoluteAirmass, double linkeTurbidity, Meters altitude = default, double dniExtraWm2 = DefaultDniExtraWm2)
    {
        RequireFinite(apparentZenithDeg, nameof(apparentZenithDeg));
        RequirePositive(linkeTurbidity, nameof(linkeTurbidity));
        RequirePositive(dniExtraWm2, nameof(dniExtraWm2));
        RequireFinite(altitude.Value, nameof(altitude));
        double cosZ = CosDeg(apparentZenithDeg);
        if (cosZ <= 0)
        {
            return ClearSkyIrradiance.Dark;
        }

        RequirePositive(absoluteAirmass, nameof(absoluteAirmass));
        double h = altitude.Value;
        double tl = linkeTurbidity;
        double am = absoluteAirmass;
        double fh1 = Math.Exp(-h / 8000.0);
        double fh2 = Math.Exp(-h / 1250.0);
        double cg1 = (5.09e-5 * h) + 0.868;
        double cg2 = (3.92e-5 * h) + 0.0387;

        double ghi = cg1 * dniExtraWm2 * cosZ * Math.Exp(-cg2 * am * (fh1 + (fh2 * (tl - 1))));

        // Beam from the turbidity, capped so that it never exceeds what the global value allows.
        double b = 0.664 + (0.163 / fh1);
        double beamFromTurbidity = dniExtraWm2 * Math.Max(b * Math.Exp(-0.09 * am * (tl - 1)), 0);
        double beamFromGlobal = ghi * Math.Max((1 - ((0.1 - (0.2 * Math.Exp(-tl))) / (0.1 + (0.882 / fh1)))) / cosZ, 0);
        double dni = Math.Min(beamFromTurbidity, beamFromGlobal);
        double dhi = ghi - (dni * cosZ);
        return new ClearSkyIrradiance(ghi, dni, dhi);
    }

    private static void RequireFinite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "Value must be finite.");
        }
    }

    private static void RequirePositive(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "Value must be finite and > 0.");
        }
    }
}
