using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Random;

namespace SensorNet.RadioModels.Propagation;

/// <summary>Log-normal shadowing deviates and argument checks shared by the propagation models.</summary>
/// <remarks>
/// The deviate is the first normal variate (Box–Muller, <see cref="RandomStream.Normal"/>) of a fresh
/// <see cref="RandomStream"/> seeded with the link seed (<see cref="RandomStream.FirstNormal"/>: no object per frame), clamped to ±<see cref="IPropagationModel.ShadowingClampSigmas"/>.
/// </remarks>
internal static class Shadowing
{
    /// <summary>A standard normal deviate for <paramref name="seed"/>, clamped to ±5.</summary>
    public static double StandardDeviate(ulong seed)
    {
        double z = RandomStream.FirstNormal(seed, 0.0, 1.0);
        return Math.Clamp(z, -IPropagationModel.ShadowingClampSigmas, IPropagationModel.ShadowingClampSigmas);
    }

    public static void CheckDistance(Meters distance)
    {
        if (!double.IsFinite(distance.Value) || distance.Value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(distance), distance.Value, "Distance must be finite and ≥ 0 m.");
        }
    }

    public static void CheckBudget(Decibels linkBudget)
    {
        if (double.IsNaN(linkBudget.Value))
        {
            throw new ArgumentException("Link budget must not be NaN.", nameof(linkBudget));
        }
    }
}
