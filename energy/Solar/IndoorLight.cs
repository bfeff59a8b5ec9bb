using SensorNet.SimEngine.Quantities;

namespace SensorNet.Energy.Solar;

/// <summary>
/// Indoor (artificial or diffuse) light harvesting: illuminance in lux → irradiance in W/m² through the luminous
/// efficacy of the light's spectrum, then → electrical power through the cell's efficiency under that light.
/// </summary>
/// <remarks>
/// <para>E_e = E_v / K, where E_v is the illuminance (lx = lm/m²) and K the luminous efficacy of radiation (lm/W) of
/// the source spectrum; P = E_e·A·η. K is at most 683 lm/W (monochromatic 555 nm). Presets:
/// <see cref="DaylightEfficacy"/> from the measured 122 ± 1 klx per 1000 W/m² of outdoor sunlight (P. R. Michael,
/// D. E. Johnston, W. Moreno, "A conversion guide: solar irradiance and lux illuminance", J. Measurements in
/// Engineering, 2020, doi:10.21595/jme.2020.21667); <see cref="WhiteLedEfficacy"/> ≈ 300 lm/W, a typical value for
/// phosphor-converted white LEDs (the range is roughly 250–350 lm/W by colour temperature and phosphor; unverified,
/// grade U — use the lamp's spectrum where it matters).</para>
/// <para><b>Scope and limitations:</b> an approximation. The photometric conversion weights the spectrum by the eye's
/// response, a cell by its own spectral response, so η must be the cell's efficiency <i>under the same light</i>
/// (amorphous-silicon and dye cells do much better under LED or fluorescent light than their STC efficiency
/// suggests; crystalline silicon does worse). Indoor irradiance is a few W/m² (500 lx of LED light ≈ 1.7 W/m²), where
/// shunt losses make real cells non-linear; no temperature effect (negligible indoors); no MPPT loss (apply the
/// converter efficiency separately). <b>Validation:</b> IndoorLightTests (hand calculations).</para>
/// </remarks>
public static class IndoorLight
{
    /// <summary>Maximum possible luminous efficacy (monochromatic light at 555 nm), in lm/W.</summary>
    public const double MaximumEfficacy = 683.0;

    /// <summary>Outdoor daylight (sunlight): 122 lm/W (Michael et al. 2020, measured).</summary>
    public const double DaylightEfficacy = 122.0;

    /// <summary>Phosphor-converted white LED lighting: about 300 lm/W (typical, unverified placeholder).</summary>
    public const double WhiteLedEfficacy = 300.0;

    /// <summary>Converts illuminance to irradiance.</summary>
    /// <param name="lux">Illuminance, in lx, finite and ≥ 0.</param>
    /// <param name="luminousEfficacy">Luminous efficacy of the light's spectrum, in lm/W, in (0, 683].</param>
    /// <returns>Irradiance, in W/m².</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static double IrradianceWm2(double lux, double luminousEfficacy)
    {
        if (!(lux >= 0) || !double.IsFinite(lux))
        {
            throw new ArgumentOutOfRangeException(nameof(lux), lux, "Illuminance must be finite and ≥ 0 lx.");
        }

        if (luminousEfficacy is not (> 0 and <= MaximumEfficacy))
        {
            throw new ArgumentOutOfRangeException(nameof(luminousEfficacy), luminousEfficacy, "Luminous efficacy must be in (0, 683] lm/W.");
        }

        return lux / luminousEfficacy;
    }

    /// <summary>Electrical power of a small cell under indoor light: (lux / K)·A·η.</summary>
    /// <param name="lux">Illuminance on the cell, in lx, finite and ≥ 0.</param>
    /// <param name="luminousEfficacy">Luminous efficacy of the light's spectrum, in lm/W, in (0, 683].</param>
    /// <param name="areaSquareMeters">Active cell area, in m², finite and &gt; 0.</param>
    /// <param name="efficiencyUnderSource">Cell efficiency under this light source, in (0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static Watts CellPower(double lux, double luminousEfficacy, double areaSquareMeters, double efficiencyUnderSource)
    {
        if (!(areaSquareMeters > 0) || !double.IsFinite(areaSquareMeters))
        {
            throw new ArgumentOutOfRangeException(nameof(areaSquareMeters), areaSquareMeters, "Cell area must be finite and > 0 m².");
        }

        if (efficiencyUnderSource is not (> 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(efficiencyUnderSource), efficiencyUnderSource, "Cell efficiency must be in (0, 1].");
        }

        return new Watts(IrradianceWm2(lux, luminousEfficacy) * areaSquareMeters * efficiencyUnderSource);
    }
}
