namespace SensorNet.Energy.Solar;

/// <summary>Ross cell temperature from the nominal operating cell temperature: T_c = T_a + (NOCT − 20)/800·E.</summary>
/// <remarks>
/// <para>Source: R. G. Ross Jr., "Design techniques for flat-plate photovoltaic arrays", Proc. 15th IEEE Photovoltaic
/// Specialists Conference, 1981; as pvlib <c>temperature.ross</c>. NOCT is the datasheet cell temperature
/// at 800 W/m², 20 °C air and 1 m/s wind.</para>
/// <para><b>Scope and limitations:</b> steady state; linear in irradiance; no wind dependence (wind speed is ignored),
/// so it holds only near the NOCT wind conditions. <b>Validation:</b> CellTemperatureTests (at NOCT conditions the
/// model returns NOCT; hand calculation).</para>
/// </remarks>
public sealed class RossCellTemperature : ICellTemperatureModel
{
    /// <summary>Creates a model.</summary>
    /// <param name="noctC">Nominal operating cell temperature, in °C; 20–100.</param>
    /// <exception cref="ArgumentOutOfRangeException">NOCT is outside [20, 100] °C.</exception>
    public RossCellTemperature(double noctC)
    {
        if (noctC is not (>= 20 and <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(noctC), noctC, "NOCT must be in [20, 100] °C.");
        }

        NoctC = noctC;
    }

    /// <summary>Nominal operating cell temperature, in °C.</summary>
    public double NoctC { get; }

    /// <inheritdoc/>
    public double CellTemperatureC(double poaIrradianceWm2, double ambientTemperatureC, double windSpeedMs)
    {
        CellTemperatureInputs.Validate(poaIrradianceWm2, ambientTemperatureC, windSpeedMs);
        return ambientTemperatureC + ((NoctC - 20.0) / 800.0 * poaIrradianceWm2);
    }
}
