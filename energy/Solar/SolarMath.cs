namespace SensorNet.Energy.Solar;

/// <summary>Degree-based trigonometry shared by the solar models.</summary>
internal static class SolarMath
{
    private const double RadiansPerDegree = Math.PI / 180.0;

    /// <summary>Reduces an angle to [0, 360) degrees.</summary>
    public static double Limit360(double degrees)
    {
        double r = degrees % 360.0;
        return r < 0 ? r + 360.0 : r;
    }

    public static double ToRadians(double degrees) => degrees * RadiansPerDegree;

    public static double ToDegrees(double radians) => radians / RadiansPerDegree;

    public static double SinDeg(double degrees) => Math.Sin(degrees * RadiansPerDegree);

    public static double CosDeg(double degrees) => Math.Cos(degrees * RadiansPerDegree);

    public static double TanDeg(double degrees) => Math.Tan(degrees * RadiansPerDegree);

    /// <summary>acos in degrees, with the argument clamped to [−1, 1] against rounding just outside it.</summary>
    public static double AcosDeg(double x) => ToDegrees(Math.Acos(Math.Clamp(x, -1.0, 1.0)));

    /// <summary>asin in degrees, with the argument clamped to [−1, 1] against rounding just outside it.</summary>
    public static double AsinDeg(double x) => ToDegrees(Math.Asin(Math.Clamp(x, -1.0, 1.0)));

    public static double Atan2Deg(double y, double x) => ToDegrees(Math.Atan2(y, x));
}
