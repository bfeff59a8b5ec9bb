namespace SensorNet.Energy.Solar;

/// <summary>Clear-sky irradiance components, in W/m².</summary>
/// <param name="GhiWm2">Global horizontal irradiance.</param>
/// <param name="DniWm2">Direct normal irradiance.</param>
/// <param name="DhiWm2">Diffuse horizontal irradiance.</param>
public readonly record struct ClearSkyIrradiance(double GhiWm2, double DniWm2, double DhiWm2)
{
    /// <summary>No light (the Sun below the horizon).</summary>
    public static ClearSkyIrradiance Dark => default;
}
