namespace SensorNet.Energy.Solar;

/// <summary>
/// Output of the NREL SPA (<see cref="SolarPosition"/>): the observer's view of the Sun and the intermediate
/// quantities of the paper's Table A5.1 example, so each step can be checked.
/// </summary>
/// <remarks>Angles in degrees; symbols are those of Reda &amp; Andreas (2008).</remarks>
public sealed record SolarPositionResult
{
    /// <summary>Julian Day (UT), JD.</summary>
    public required double JulianDay { get; init; }

    /// <summary>Julian Ephemeris Day (TT), JDE = JD + ΔT/86400.</summary>
    public required double JulianEphemerisDay { get; init; }

    /// <summary>Earth heliocentric longitude L, in [0, 360).</summary>
    public required double HeliocentricLongitudeDeg { get; init; }

    /// <summary>Earth heliocentric latitude B (signed).</summary>
    public required double HeliocentricLatitudeDeg { get; init; }

    /// <summary>Earth radius vector R (Earth–Sun distance), in astronomical units.</summary>
    public required double EarthSunDistanceAu { get; init; }

    /// <summary>Nutation in longitude Δψ.</summary>
    public required double NutationLongitudeDeg { get; init; }

    /// <summary>Nutation in obliquity Δε.</summary>
    public required double NutationObliquityDeg { get; init; }

    /// <summary>True obliquity of the ecliptic ε.</summary>
    public required double TrueObliquityDeg { get; init; }

    /// <summary>Apparent Sun longitude λ (not reduced to [0, 360)).</summary>
    public required double ApparentSunLongitudeDeg { get; init; }

    /// <summary>Apparent sidereal time at Greenwich ν.</summary>
    public required double ApparentSiderealTimeDeg { get; init; }

    /// <summary>Geocentric Sun right ascension α, in [0, 360).</summary>
    public required double GeocentricRightAscensionDeg { get; init; }

    /// <summary>Geocentric Sun declination δ.</summary>
    public required double GeocentricDeclinationDeg { get; init; }

    /// <summary>Observer local hour angle H, in [0, 360) (measured westward from south).</summary>
    public required double ObserverHourAngleDeg { get; init; }

    /// <summary>Topocentric Sun right ascension α′.</summary>
    public required double TopocentricRightAscensionDeg { get; init; }

    /// <summary>Topocentric Sun declination δ′.</summary>
    public required double TopocentricDeclinationDeg { get; init; }

    /// <summary>Topocentric local hour angle H′.</summary>
    public required double TopocentricHourAngleDeg { get; init; }

    /// <summary>Topocentric elevation angle without refraction e₀ (true, geometric elevation).</summary>
    public required double ElevationUncorrectedDeg { get; init; }

    /// <summary>Atmospheric refraction correction Δe; 0 when the Sun is below the apparent horizon.</summary>
    public required double RefractionCorrectionDeg { get; init; }

    /// <summary>Topocentric elevation angle e = e₀ + Δe (apparent, refraction-corrected).</summary>
    public double ElevationDeg => ElevationUncorrectedDeg + RefractionCorrectionDeg;

    /// <summary>Topocentric zenith angle θ = 90° − e (apparent, refraction-corrected); above 90° at night.</summary>
    public required double ZenithDeg { get; init; }

    /// <summary>Topocentric azimuth Φ, eastward from north, in [0, 360).</summary>
    public required double AzimuthDeg { get; init; }

    /// <summary>Incidence angle I on the surface passed to <see cref="SolarPosition"/>; null when no surface was given.</summary>
    /// <remarks>Above 90° when the Sun is behind the surface.</remarks>
    public double? IncidenceDeg { get; init; }
}
