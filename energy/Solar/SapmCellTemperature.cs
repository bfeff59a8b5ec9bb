namespace SensorNet.Energy.Solar;

/// <summary>
/// Sandia Array Performance Model cell temperature: T_m = E·e^(a + b·WS) + T_a (back-of-module), then
/// T_c = T_m + E/1000·ΔT.
/// </summary>
/// <remarks>
/// <para>Source: D. L. King, W. E. Boyson, J. A. Kratochvil, "Photovoltaic Array Performance Model",
/// SAND2004-3535, 2004 (module and cell temperature equations and their coefficient table); as pvlib
/// <c>temperature.sapm_cell</c>.</para>
/// <para><b>Scope and limitations:</b> steady state (no thermal mass: real modules lag irradiance changes by minutes);
/// empirical coefficients for full-size framed modules by mounting type; wind speed measured at 10 m. Small
/// sensor-node panels, mounted on an enclosure, are not covered by the published coefficient sets.
/// <b>Validation:</b> CellTemperatureTests (hand calculation and pvlib's <c>test_sapm_cell</c> conditions).</para>
/// </remarks>
public sealed class SapmCellTemperature : ICellTemperatureModel
{
    /// <summary>Creates a model with explicit coefficients.</summary>
    /// <param name="a">Coefficient a (upper limit of module temperature at low wind), dimensionless; finite.</param>
    /// <param name="b">Coefficient b (wind cooling rate), in s/m; finite and ≤ 0.</param>
    /// <param name="deltaTC">Cell-to-back-of-module difference at 1000 W/m², in °C; finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A coefficient is outside its range.</exception>
    public SapmCellTemperature(double a, double b, double deltaTC)
    {
        if (!double.IsFinite(a))
        {
            throw new ArgumentOutOfRangeException(nameof(a), a, "SAPM coefficient a must be finite.");
        }

        if (!(b <= 0) || !double.IsFinite(b))
        {
            throw new ArgumentOutOfRangeException(nameof(b), b, "SAPM coefficient b must be finite and ≤ 0 s/m.");
        }

        if (!(deltaTC >= 0) || !double.IsFinite(deltaTC))
        {
            throw new ArgumentOutOfRangeException(nameof(deltaTC), deltaTC, "SAPM ΔT must be finite and ≥ 0 °C.");
        }

        A = a;
        B = b;
        DeltaTC = deltaTC;
    }

    /// <summary>Glass/cell/glass module on an open rack: a = −3.47, b = −0.0594 s/m, ΔT = 3 °C (King et al. 2004).</summary>
    public static SapmCellTemperature OpenRackGlassGlass { get; } = new(-3.47, -0.0594, 3);

    /// <summary>Coefficient a.</summary>
    public double A { get; }

    /// <summary>Coefficient b, in s/m.</summary>
    public double B { get; }

    /// <summary>Cell-to-back-of-module difference at 1000 W/m², in °C.</summary>
    public double DeltaTC { get; }

    /// <inheritdoc/>
    public double CellTemperatureC(double poaIrradianceWm2, double ambientTemperatureC, double windSpeedMs)
    {
        CellTemperatureInputs.Validate(poaIrradianceWm2, ambientTemperatureC, windSpeedMs);
        double module = (poaIrradianceWm2 * Math.Exp(A + (B * windSpeedMs))) + ambientTemperatureC;
        return module + (poaIrradianceWm2 / 1000.0 * DeltaTC);
    }
}
