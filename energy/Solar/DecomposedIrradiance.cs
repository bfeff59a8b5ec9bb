namespace SensorNet.Energy.Solar;

/// <summary>Beam and diffuse components estimated from a measured or modelled global horizontal irradiance.</summary>
/// <param name="DniWm2">Direct normal irradiance, in W/m².</param>
/// <param name="DhiWm2">Diffuse horizontal irradiance, in W/m².</param>
/// <param name="ClearnessIndex">Clearness index k_t = GHI / (E₀·cos z), 0–1, that selected the diffuse fraction.</param>
public readonly record struct DecomposedIrradiance(double DniWm2, double DhiWm2, double ClearnessIndex);
