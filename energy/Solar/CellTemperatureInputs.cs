namespace SensorNet.Energy.Solar;

/// <summary>Shared argument checks of the cell-temperature models.</summary>
internal static class CellTemperatureInputs
{
    public static void Validate(double poaIrradianceWm2, double ambientTemperatureC, double windSpeedMs)
    {
        if (!(poaIrradianceWm2 >= 0) || !double.IsFinite(poaIrradianceWm2))
        {
            throw new ArgumentOutOfRangeException(nameof(poaIrradianceWm2), poaIrradianceWm2, "Irradiance must be finite and ≥ 0 W/m².");
        }

        if (!(ambientTemperatureC > -273.15) || !double.IsFinite(ambientTemperatureC))
        {
            throw new ArgumentOutOfRangeException(nameof(ambientTemperatureC), ambientTemperatureC, "Ambient temperature must be finite and above -273.15 °C.");
        }

        if (!(windSpeedMs >= 0) || !double.IsFinite(windSpeedMs))
        {
            throw new ArgumentOutOfRangeException(nameof(windSpeedMs), windSpeedMs, "Wind speed must be finite and ≥ 0 m/s.");
        }
    }
}
