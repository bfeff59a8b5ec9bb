using System.Globalization;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.Energy.Solar;

/// <summary>
/// A PV panel and its maximum-power-point tracker: PVWatts DC power, P = G/1000·P_dc0·(1 + γ·(T_c − T_ref)),
/// optionally less the Marion low-light loss, times the MPPT/converter efficiency.
/// </summary>
/// <remarks>
/// <para>Sources: A. P. Dobos, "PVWatts Version 5 Manual", NREL/TP-6A20-62641, 2014 (DC model); B. Marion,
/// "Comparison of predictive models for photovoltaic module performance", 33rd IEEE PVSC, 2008 (low-light loss:
/// err = k·(1 − (1 − G/200)⁴) for G ≤ 200 W/m², else k·(1000 − G)/800; P −= P_dc0·err); both as pvlib
/// <c>pvsystem.pvwatts_dc</c>. The area × efficiency form (<see cref="FromAreaAndEfficiency"/>) is PVWatts with
/// P_dc0 = A·η·1000 W/m².</para>
/// <para><b>Scope and limitations:</b> G is the effective irradiance reaching the cells (plane-of-array, after any
/// reflection, soiling and spectral losses, none of which are modelled here). Linear in irradiance apart from the
/// Marion term, so low-light behaviour of real cells (shunt losses, indoor light) is only approximated; no
/// mismatch, wiring or degradation losses; the result is clamped at 0 W. The MPPT efficiency is a single constant:
/// real harvester ICs vary with input power and voltage, and published figures (80–95 %) are vendor claims
/// (models.md §5.3, grade U) — treat it as a scenario parameter.
/// <b>Validation:</b> PvPanelTests (hand calculations: 900 W/m², 30 °C, P_dc0 100 W, γ −0.003/°C → 88.65 W; Marion
/// loss at 100, 200, 600 and 1000 W/m²; area × efficiency equivalence; MPPT scaling).</para>
/// </remarks>
public sealed class PvPanel
{
    /// <summary>Standard test condition irradiance, W/m².</summary>
    public const double StcIrradianceWm2 = 1000.0;

    /// <summary>Creates a panel from its rated DC power.</summary>
    /// <param name="ratedPower">DC power P_dc0 at 1000 W/m² and the reference temperature; finite and &gt; 0.</param>
    /// <param name="temperatureCoefficientPerC">Power temperature coefficient γ, in 1/°C (about −0.004 for crystalline silicon); finite, within ±0.1.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public PvPanel(Watts ratedPower, double temperatureCoefficientPerC)
    {
        if (!(ratedPower.Value > 0) || !double.IsFinite(ratedPower.Value))
        {
            throw new ArgumentOutOfRangeException(nameof(ratedPower), ratedPower, "Rated power must be a finite power > 0 W.");
        }

        if (temperatureCoefficientPerC is not (>= -0.1 and <= 0.1))
        {
            throw new ArgumentOutOfRangeException(nameof(temperatureCoefficientPerC), temperatureCoefficientPerC, "Temperature coefficient must be in [-0.1, 0.1] per °C.");
        }

        RatedPower = ratedPower;
        TemperatureCoefficientPerC = temperatureCoefficientPerC;
    }

    /// <summary>Rated DC power P_dc0 at 1000 W/m² and <see cref="ReferenceTemperatureC"/>.</summary>
    public Watts RatedPower { get; }

    /// <summary>Power temperature coefficient γ, in 1/°C.</summary>
    public double TemperatureCoefficientPerC { get; }

    /// <summary>Cell temperature at which <see cref="RatedPower"/> holds, in °C; 25 by default (STC).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite.</exception>
    public double ReferenceTemperatureC
    {
        get;
        init => field = double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Reference temperature must be finite.");
    } = 25.0;

    /// <summary>Marion low-light loss coefficient k (e.g. 0.01); null for none.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 1].</exception>
    public double? LowLightCoefficient
    {
        get;
        init => field = value is null or (>= 0 and <= 1) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Low-light coefficient must be in [0, 1].");
    }

    /// <summary>MPPT and converter efficiency, in (0, 1]; 1 by default (ideal tracker).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside (0, 1].</exception>
    public double MpptEfficiency
    {
        get;
        init => field = value is > 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MPPT efficiency must be in (0, 1].");
    } = 1.0;

    /// <summary>Cell-temperature model used by <see cref="OutputPower"/>; SAPM open-rack glass/glass by default.</summary>
    public ICellTemperatureModel CellTemperatureModel
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(value));
    } = SapmCellTemperature.OpenRackGlassGlass;

    /// <summary>Creates a panel from its area and efficiency at STC: P_dc0 = A·η·1000 W/m².</summary>
    /// <param name="areaSquareMeters">Active area, in m²; finite and &gt; 0.</param>
    /// <param name="efficiency">Efficiency at STC, in (0, 1].</param>
    /// <param name="temperatureCoefficientPerC">Power temperature coefficient γ, in 1/°C.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static PvPanel FromAreaAndEfficiency(double areaSquareMeters, double efficiency, double temperatureCoefficientPerC)
    {
        if (!(areaSquareMeters > 0) || !double.IsFinite(areaSquareMeters))
        {
            throw new ArgumentOutOfRangeException(nameof(areaSquareMeters), areaSquareMeters, "Panel area must be finite and > 0 m².");
        }

        if (efficiency is not (> 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(efficiency), efficiency, "Panel efficiency must be in (0, 1].");
        }

        return new PvPanel(new Watts(areaSquareMeters * efficiency * StcIrradianceWm2), temperatureCoefficientPerC);
    }

    /// <summary>PVWatts DC power at the panel terminals (before the MPPT/converter).</summary>
    /// <param name="effectiveIrradianceWm2">Irradiance reaching the cells, in W/m², finite and ≥ 0.</param>
    /// <param name="cellTemperatureC">Cell temperature, in °C, finite and above −273.15.</param>
    /// <returns>The power, never negative.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public Watts DcPower(double effectiveIrradianceWm2, double cellTemperatureC)
    {
        if (!(effectiveIrradianceWm2 >= 0) || !double.IsFinite(effectiveIrradianceWm2))
        {
            throw new ArgumentOutOfRangeException(nameof(effectiveIrradianceWm2), effectiveIrradianceWm2, "Irradiance must be finite and ≥ 0 W/m².");
        }

        if (!(cellTemperatureC > -273.15) || !double.IsFinite(cellTemperatureC))
        {
            throw new ArgumentOutOfRangeException(nameof(cellTemperatureC), cellTemperatureC, "Cell temperature must be finite and above -273.15 °C.");
        }

        double g = effectiveIrradianceWm2;
        double pdc0 = RatedPower.Value;
        double p = g / StcIrradianceWm2 * pdc0 * (1 + (TemperatureCoefficientPerC * (cellTemperatureC - ReferenceTemperatureC)));
        if (LowLightCoefficient is { } k)
        {
            double err = g <= 200 ? k * (1 - Math.Pow(1 - (g / 200), 4)) : k * (1000 - g) / 800;
            p -= pdc0 * err;
        }

        // A panel in the dark, or far above its temperature range, delivers nothing rather than drawing power.
        return new Watts(Math.Max(p, 0.0));
    }

    /// <summary>Power delivered by the MPPT/converter: DC power at the modelled cell temperature × <see cref="MpptEfficiency"/>.</summary>
    /// <param name="poaIrradianceWm2">Plane-of-array irradiance, in W/m², finite and ≥ 0.</param>
    /// <param name="ambientTemperatureC">Air temperature, in °C.</param>
    /// <param name="windSpeedMs">Wind speed, in m/s, ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public Watts OutputPower(double poaIrradianceWm2, double ambientTemperatureC, double windSpeedMs)
    {
        double cell = CellTemperatureModel.CellTemperatureC(poaIrradianceWm2, ambientTemperatureC, windSpeedMs);
        return DcPower(poaIrradianceWm2, cell) * MpptEfficiency;
    }

    /// <summary>Describes the panel, invariant culture.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"PV panel {RatedPower} at STC, γ {TemperatureCoefficientPerC}/°C, MPPT {MpptEfficiency}");
}
