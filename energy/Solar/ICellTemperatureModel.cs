namespace SensorNet.Energy.Solar;

/// <summary>A steady-state PV cell temperature model.</summary>
public interface ICellTemperatureModel
{
    /// <summary>Cell temperature for the given conditions.</summary>
    /// <param name="poaIrradianceWm2">Plane-of-array irradiance, in W/m², ≥ 0.</param>
    /// <param name="ambientTemperatureC">Air temperature, in °C.</param>
    /// <param name="windSpeedMs">Wind speed, in m/s, ≥ 0 (models without a wind term ignore it).</param>
    /// <returns>Cell temperature, in °C.</returns>
    double CellTemperatureC(double poaIrradianceWm2, double ambientTemperatureC, double windSpeedMs);
}
