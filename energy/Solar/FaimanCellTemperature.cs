namespace SensorNet.Energy.Solar;

/// <summary>Faiman cell temperature: T_c = T_a + E / (U₀ + U₁·WS).</summary>
/// <remarks>
/// <para>Source: D. Faiman, "Assessing the outdoor operating temperature of photovoltaic modules", Progress in
/// Photovoltaics 16(4), 2008; default U₀ = 25 W/(m²·K), U₁ = 6.84 W·s/(m³·K) as in pvlib <c>temperature.faiman</c>
/// (IEC 61853-2 uses the same form).</para>
/// <para><b>Scope and limitations:</b> steady state; the defaults were fitted to full-size open-rack modules; the
/// heat-loss factors already fold in the cell's electrical efficiency. <b>Validation:</b> CellTemperatureTests
/// (hand calculation and pvlib's <c>test_faiman_default</c> conditions).</para>
/// </remarks>
public sealed class FaimanCellTemperature : ICellTemperatureModel
{
    /// <summary>Creates a model.</summary>
    /// <param name="u0">Constant heat-loss factor U₀, in W/(m²·K); &gt; 0.</param>
    /// <param name="u1">Wind heat-loss factor U₁, in W·s/(m³·K); ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A factor is outside its range.</exception>
    public FaimanCellTemperature(double u0 = 25.0, double u1 = 6.84)
    {
        if (!(u0 > 0) || !double.IsFinite(u0))
        {
            throw new ArgumentOutOfRangeException(nameof(u0), u0, "Faiman U0 must be finite and > 0.");
        }

        if (!(u1 >= 0) || !double.IsFinite(u1))
        {
            throw new ArgumentOutOfRangeException(nameof(u1), u1, "Faiman U1 must be finite and ≥ 0.");
        }

        U0 = u0;
        U1 = u1;
    }

    /// <summary>Constant heat-loss factor U₀, in W/(m²·K).</summary>
    public double U0 { get; }

    /// <summary>Wind heat-loss factor U₁, in W·s/(m³·K).</summary>
    public double U1 { get; }

    /// <inheritdoc/>
    public double CellTemperatureC(double poaIrradianceWm2, double ambientTemperatureC, double windSpeedMs)
    {
        CellTemperatureInputs.Validate(poaIrradianceWm2, ambientTemperatureC, windSpeedMs);
        return ambientTemperatureC + (poaIrradianceWm2 / (U0 + (U1 * windSpeedMs)));
    }
}
