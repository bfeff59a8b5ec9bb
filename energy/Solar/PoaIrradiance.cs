namespace SensorNet.Energy.Solar;

/// <summary>Plane-of-array irradiance components on a tilted collector, in W/m².</summary>
/// <param name="DirectWm2">Beam component, DNI·max(cos AOI, 0).</param>
/// <param name="SkyDiffuseWm2">Sky-diffuse component.</param>
/// <param name="GroundReflectedWm2">Ground-reflected component.</param>
public readonly record struct PoaIrradiance(double DirectWm2, double SkyDiffuseWm2, double GroundReflectedWm2)
{
    /// <summary>Total plane-of-array irradiance.</summary>
    public double GlobalWm2 => DirectWm2 + SkyDiffuseWm2 + GroundReflectedWm2;

    /// <summary>Diffuse part (sky + ground).</summary>
    public double DiffuseWm2 => SkyDiffuseWm2 + GroundReflectedWm2;
}
