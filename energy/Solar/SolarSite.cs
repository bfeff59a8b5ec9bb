using System.Globalization;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.Energy.Solar;

/// <summary>
/// An observer on the Earth's surface, with the local atmosphere that sets the refraction correction of the NREL SPA
/// (<see cref="SolarPosition"/>).
/// </summary>
/// <remarks>
/// Latitude and longitude are geodetic (WGS 84 is close enough at the algorithm's ±0.0003° uncertainty); longitude is
/// positive east of Greenwich. Pressure and temperature are annual-average local values, as the SPA paper asks;
/// they only change the refraction correction (about 0.4 % per °C and 0.1 % per mbar).
/// </remarks>
public sealed record SolarSite
{
    /// <summary>Sea-level pressure of the ISA standard atmosphere, in mbar (hPa).</summary>
    public const double StandardPressureMbar = 1013.25;

    /// <summary>Sea-level temperature of the ISA standard atmosphere, in °C.</summary>
    public const double StandardTemperatureC = 15.0;

    /// <summary>Creates and validates a site.</summary>
    /// <param name="latitudeDeg">Geodetic latitude, in degrees, −90 to 90 (north positive).</param>
    /// <param name="longitudeDeg">Longitude, in degrees, −180 to 180 (east positive).</param>
    /// <param name="elevation">Elevation above mean sea level; at least −6 500 km (the paper's lower bound).</param>
    /// <param name="pressureMbar">Annual-average local pressure, in mbar, 0–5000; 0 switches refraction off.</param>
    /// <param name="temperatureC">Annual-average local temperature, in °C, above −273 and at most 6000.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range or not finite.</exception>
    public SolarSite(double latitudeDeg, double longitudeDeg, Meters elevation, double pressureMbar = StandardPressureMbar, double temperatureC = StandardTemperatureC)
    {
        Require(latitudeDeg is >= -90 and <= 90, nameof(latitudeDeg), latitudeDeg, "Latitude must be in [-90, 90] degrees.");
        Require(longitudeDeg is >= -180 and <= 180, nameof(longitudeDeg), longitudeDeg, "Longitude must be in [-180, 180] degrees.");
        Require(double.IsFinite(elevation.Value) && elevation.Value >= -6_500_000, nameof(elevation), elevation.Value, "Elevation must be a finite length of at least -6500 km.");
        Require(pressureMbar is >= 0 and <= 5000, nameof(pressureMbar), pressureMbar, "Pressure must be in [0, 5000] mbar.");
        Require(temperatureC is > -273 and <= 6000, nameof(temperatureC), temperatureC, "Temperature must be in (-273, 6000] °C.");
        LatitudeDeg = latitudeDeg;
        LongitudeDeg = longitudeDeg;
        Elevation = elevation;
        PressureMbar = pressureMbar;
        TemperatureC = temperatureC;
    }

    /// <summary>Geodetic latitude, in degrees (north positive).</summary>
    public double LatitudeDeg { get; }

    /// <summary>Longitude, in degrees (east positive).</summary>
    public double LongitudeDeg { get; }

    /// <summary>Elevation above mean sea level.</summary>
    public Meters Elevation { get; }

    /// <summary>Annual-average local pressure, in mbar.</summary>
    public double PressureMbar { get; }

    /// <summary>Annual-average local temperature, in °C.</summary>
    public double TemperatureC { get; }

    /// <summary>Formats the site for messages, invariant culture.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"({LatitudeDeg}°, {LongitudeDeg}°, {Elevation}, {PressureMbar} mbar, {TemperatureC} °C)");

    // The pattern tests are false for NaN, so NaN is refused with the same message.
    private static void Require(bool ok, string name, double value, string message)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, value, message);
        }
    }
}
