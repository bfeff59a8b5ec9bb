using static SensorNet.Energy.Solar.SolarMath;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.Energy.Solar;

/// <summary>Optical airmass: Kasten–Young relative airmass, its pressure correction, and the standard-atmosphere pressure.</summary>
/// <remarks>
/// <para>Relative airmass: F. Kasten and A. T. Young, "Revised optical air mass tables and approximation formula",
/// Applied Optics 28(22), 1989: AM = 1 / (cos z + 0.50572·(96.07995 − z)^−1.6364), z the apparent zenith in degrees.
/// Absolute airmass: AM·p/p₀ with p₀ = 1013.25 mbar. Standard pressure at altitude: ISO 2533 (ICAO) troposphere,
/// p = 1013.25·(1 − 2.25577e−5·h)^5.25588 mbar.</para>
/// <para><b>Scope and limitations:</b> Kasten–Young is a fit to airmass tables of a standard atmosphere, so it does not
/// follow the real refraction profile near the horizon; it is undefined below the horizon, where NaN is returned (as
/// pvlib does). The barometric
/// formula holds in the troposphere (h up to 11 km) and ignores weather. <b>Validation:</b> AirmassTests (hand
/// calculations: AM(0°) ≈ 0.99971, AM(60°) ≈ 1.9943; pressure 1013.25 mbar at sea level, ≈ 898.7 mbar at 1000 m).</para>
/// </remarks>
public static class Airmass
{
    /// <summary>Standard sea-level pressure p₀, in mbar.</summary>
    public const double SeaLevelPressureMbar = 1013.25;

    /// <summary>Kasten–Young (1989) relative airmass.</summary>
    /// <param name="apparentZenithDeg">Apparent zenith angle, in degrees.</param>
    /// <returns>The relative airmass, or NaN when the zenith is above 90° or not finite.</returns>
    public static double KastenYoung(double apparentZenithDeg)
    {
        if (!(apparentZenithDeg is >= 0 and <= 90))
        {
            // Negative zenith angles are meaningless; above 90° the Sun is below the horizon.
            return double.NaN;
        }

        return 1.0 / (CosDeg(apparentZenithDeg) + (0.50572 * Math.Pow(96.07995 - apparentZenithDeg, -1.6364)));
    }

    /// <summary>Pressure-corrected (absolute) airmass: relative·p/p₀.</summary>
    /// <param name="relativeAirmass">Relative airmass.</param>
    /// <param name="pressureMbar">Site pressure, in mbar, ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The pressure is negative or not finite.</exception>
    public static double Absolute(double relativeAirmass, double pressureMbar)
    {
        if (!(pressureMbar >= 0) || !double.IsFinite(pressureMbar))
        {
            throw new ArgumentOutOfRangeException(nameof(pressureMbar), pressureMbar, "Pressure must be finite and ≥ 0 mbar.");
        }

        return relativeAirmass * pressureMbar / SeaLevelPressureMbar;
    }

    /// <summary>ISO 2533 standard-atmosphere pressure at an altitude, in mbar.</summary>
    /// <param name="altitude">Altitude above sea level, −500 m to 11 000 m.</param>
    /// <exception cref="ArgumentOutOfRangeException">The altitude is outside the troposphere range.</exception>
    public static double StandardPressureMbar(Meters altitude)
    {
        if (altitude.Value is not (>= -500 and <= 11_000))
        {
            throw new ArgumentOutOfRangeException(nameof(altitude), altitude, "Altitude must be in [-500, 11000] m.");
        }

        return SeaLevelPressureMbar * Math.Pow(1 - (2.25577e-5 * altitude.Value), 5.25588);
    }
}
