using static SensorNet.Energy.Solar.SolarMath;

namespace SensorNet.Energy.Solar;

/// <summary>
/// Splits global horizontal irradiance into direct normal and diffuse horizontal parts with the Erbs correlation of the
/// diffuse fraction against the clearness index.
/// </summary>
/// <remarks>
/// <para>Source: D. G. Erbs, S. A. Klein and J. A. Duffie, "Estimation of the diffuse radiation fraction for hourly,
/// daily and monthly-average global radiation", Solar Energy 28(4), 293–302, 1982, eq. 1 (hourly): with
/// k_t = GHI / (E₀·cos z), the diffuse fraction is 1 − 0.09·k_t for k_t ≤ 0.22,
/// 0.9511 − 0.1604·k_t + 4.388·k_t² − 16.638·k_t³ + 12.336·k_t⁴ for 0.22 &lt; k_t ≤ 0.80, and 0.165 above;
/// DHI = fraction·GHI and DNI = (GHI − DHI)/cos z.</para>
/// <para>Extraterrestrial normal irradiance E₀ is J. W. Spencer's Fourier series for the Earth–Sun distance
/// ("Fourier series representation of the position of the Sun", Search 2(5), 172, 1971):
/// E₀ = 1366.1·(1.00011 + 0.034221·cos B + 0.00128·sin B + 0.000719·cos 2B + 0.000077·sin 2B) W/m² with
/// B = 2π·(doy − 1)/365 and the integer day of year in UTC. The limits are those of pvlib's <c>irradiance.erbs</c>
/// defaults, so that its published test vectors apply: cos z is floored at 0.065 (z ≈ 86.27°) when forming k_t,
/// k_t is clipped to [0, 1], and for zenith angles above 87° (or a negative DNI) DNI is set to 0 and DHI to GHI, which
/// keeps the closure GHI = DHI + DNI·cos z.</para>
/// <para><b>Scope and limitations:</b> an empirical fit to hourly measurements at a few US stations; one
/// global correlation without the zenith, temperature or variability predictors of later models (DIRINT, Engerer,
/// Boland), so errors of the hourly diffuse fraction of 10–20 % are usual, larger for sub-hourly data (cloud
/// enhancement) and at high latitudes. The zenith is the true (unrefracted) angle, as the correlation was fitted with.
/// <b>Validation:</b> ErbsTests against pvlib's <c>test_erbs</c> vectors (GHI 0/50/1000/1000 W/m² at zenith
/// 120/85/10/10° on 2019-01-01 and 2019-06-20), Spencer's E₀ at perihelion and aphelion, and the closure.</para>
/// </remarks>
public static class Erbs
{
    /// <summary>Solar constant used with Spencer's series, in W/m² (pvlib's default).</summary>
    public const double SolarConstantWm2 = 1366.1;

    /// <summary>Floor of cos z when forming the clearness index (z ≈ 86.27°).</summary>
    public const double MinCosZenith = 0.065;

    /// <summary>Zenith angle above which the beam is set to 0, in degrees.</summary>
    public const double MaxZenithDeg = 87;

    /// <summary>Extraterrestrial normal irradiance E₀ for a day of the year (Spencer 1971).</summary>
    /// <param name="dayOfYear">Day of the year, 1–366.</param>
    /// <returns>E₀, in W/m².</returns>
    /// <exception cref="ArgumentOutOfRangeException">The day is outside 1–366.</exception>
    public static double ExtraterrestrialNormalWm2(int dayOfYear)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dayOfYear, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dayOfYear, 366);
        double b = 2 * Math.PI * (dayOfYear - 1) / 365.0;
        double distanceFactor = 1.00011 + (0.034221 * Math.Cos(b)) + (0.00128 * Math.Sin(b)) + (0.000719 * Math.Cos(2 * b)) + (0.000077 * Math.Sin(2 * b));
        return SolarConstantWm2 * distanceFactor;
    }

    /// <summary>The day of the year (1–366) of an instant, taken in UTC.</summary>
    public static int DayOfYearUtc(DateTimeOffset instant) => instant.UtcDateTime.DayOfYear;

    /// <summary>Clearness index k_t = GHI / (E₀·max(cos z, 0.065)), clipped to [0, 1].</summary>
    /// <param name="ghiWm2">Global horizontal irradiance, in W/m², finite and ≥ 0.</param>
    /// <param name="zenithDeg">True solar zenith angle, in degrees; finite.</param>
    /// <param name="extraterrestrialWm2">Extraterrestrial normal irradiance E₀, in W/m², &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static double ClearnessIndex(double ghiWm2, double zenithDeg, double extraterrestrialWm2)
    {
        RequireIrradiance(ghiWm2);
        if (!double.IsFinite(zenithDeg))
        {
            throw new ArgumentOutOfRangeException(nameof(zenithDeg), zenithDeg, "The zenith must be finite.");
        }

        if (!(extraterrestrialWm2 > 0) || !double.IsFinite(extraterrestrialWm2))
        {
            throw new ArgumentOutOfRangeException(nameof(extraterrestrialWm2), extraterrestrialWm2, "E0 must be finite and > 0 W/m².");
        }

        return Math.Clamp(ghiWm2 / (extraterrestrialWm2 * Math.Max(CosDeg(zenithDeg), MinCosZenith)), 0.0, 1.0);
    }

    /// <summary>The Erbs diffuse fraction DHI/GHI for a clearness index.</summary>
    /// <param name="clearnessIndex">k_t, 0–1.</param>
    /// <exception cref="ArgumentOutOfRangeException">k_t is outside [0, 1].</exception>
    public static double DiffuseFraction(double clearnessIndex)
    {
        double kt = clearnessIndex;
        if (kt is not (>= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(clearnessIndex), clearnessIndex, "The clearness index must be in [0, 1].");
        }

        return kt switch
        {
            <= 0.22 => 1 - (0.09 * kt),
            <= 0.8 => 0.9511 - (0.1604 * kt) + (4.388 * kt * kt) - (16.638 * kt * kt * kt) + (12.336 * kt * kt * kt * kt),
            _ => 0.165,
        };
    }

    /// <summary>Decomposes GHI into DNI and DHI.</summary>
    /// <param name="ghiWm2">Global horizontal irradiance, in W/m², finite and ≥ 0.</param>
    /// <param name="zenithDeg">True (unrefracted) solar zenith angle, in degrees; finite.</param>
    /// <param name="dayOfYear">Day of the year (UTC), 1–366, for E₀.</param>
    /// <returns>DNI, DHI and the clearness index; DNI is 0 beyond <see cref="MaxZenithDeg"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static DecomposedIrradiance Decompose(double ghiWm2, double zenithDeg, int dayOfYear)
    {
        double kt = ClearnessIndex(ghiWm2, zenithDeg, ExtraterrestrialNormalWm2(dayOfYear));
        double dhi = DiffuseFraction(kt) * ghiWm2;
        double dni = (ghiWm2 - dhi) / CosDeg(zenithDeg);
        return zenithDeg > MaxZenithDeg || !(dni >= 0)
            ? new DecomposedIrradiance(0, ghiWm2, kt)
            : new DecomposedIrradiance(dni, dhi, kt);
    }

    private static void RequireIrradiance(double ghiWm2)
    {
        if (!(ghiWm2 >= 0) || !double.IsFinite(ghiWm2))
        {
            throw new ArgumentOutOfRangeException(nameof(ghiWm2), ghiWm2, "GHI must be finite and ≥ 0 W/m².");
        }
    }
}
