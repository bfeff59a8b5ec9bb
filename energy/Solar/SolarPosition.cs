using static SensorNet.Energy.Solar.SolarMath;

namespace SensorNet.Energy.Solar;

/// <summary>
/// Sun position by the NREL Solar Position Algorithm (SPA): I. Reda and A. Andreas, "Solar position algorithm for
/// solar radiation applications", NREL/TP-560-34302, 2003, revised January 2008 (also Solar Energy 76(5), 2004).
/// </summary>
/// <remarks>
/// <para>Implemented step by step from §3 of the paper (equations 1–47; the numbered steps are cited in the code):
/// Julian day, Earth heliocentric position from the truncated VSOP87 series (<c>SpaTables</c>), nutation,
/// obliquity, aberration, apparent sidereal time, geocentric right ascension and declination, parallax to
/// topocentric coordinates, refraction, zenith, azimuth and incidence on a tilted surface.</para>
/// <para><b>Scope and limitations:</b> years −2000 to 6000, with the paper's stated uncertainty of ±0.0003° in
/// zenith and azimuth, provided ΔT (TT − UT) and ΔUT1 (UT1 − UTC) are supplied correctly. ΔT is an input, not
/// predicted: an error of 1 s in ΔT moves the Sun by about 1.1e-5°, whereas an error of 1 s in ΔUT1 moves it by about
/// 0.004°. Refraction uses the paper's formula (Sæmundsson's, from the true elevation) with annual-average pressure
/// and temperature; it is applied only while the Sun's upper limb is above the apparent horizon
/// (e₀ ≥ −(0.26667° + refraction at the horizon)), because the formula diverges below that. Refraction near the
/// horizon is the dominant real-world error (easily 0.1° or more, depending on the actual atmosphere). The instant
/// overload reads dates in the proleptic Gregorian calendar (as <see cref="DateTimeOffset"/> does);
/// <see cref="JulianDay"/> follows the paper and switches to the Julian calendar before 1582-10-15.</para>
/// <para><b>Validation:</b> SolarPositionTests. The paper's Golden, Colorado example (Table A5.1; zenith 50.111622°,
/// azimuth 194.340241°, incidence 25.187000°) reproduces within the rounding of the published 6 decimals (errors
/// 2.4e-8°, 4.9e-7°, 2.0e-7°), as do its intermediate values (JD, L, B, R, Δψ, Δε, ε, λ, ν, α, δ, H, α′, δ′, e₀, e).
/// Eighteen rows of NREL's online SPA (MIDC <c>spa.pl</c>) output, years −1894 to 5221 and latitudes −69° to 88°,
/// agree within 1e-6° in Julian day, true elevation e₀ and azimuth; their refracted zenith agrees within the effect of
/// the published temperature's rounding to 1 °C (at most 9e-4° near the horizon). Plus sanity checks: solar-noon
/// symmetry, zenith = latitude − declination at transit, night, southern hemisphere, ΔUT1.</para>
/// </remarks>
public static class SolarPosition
{
    /// <summary>Atmospheric refraction at sunrise and sunset used by the paper's example, in degrees.</summary>
    public const double StandardAtmosphericRefractionDeg = 0.5667;

    /// <summary>Apparent radius of the Sun's disc used with the horizon refraction, in degrees.</summary>
    public const double SunRadiusDeg = 0.26667;

    // The paper's valid span, years −2000 to 6000, as Julian Days (Julian calendar before the 1582 switch).
    private static readonly double MinJulianDay = JulianDay(-2000, 1, 1);
    private static readonly double MaxJulianDay = JulianDay(6001, 1, 1);

    private const double J2000 = 2451545.0;

    /// <summary>Computes the Sun's position for a UTC instant.</summary>
    /// <param name="instant">The instant; its offset is honoured (converted to UTC). Years up to 6000.</param>
    /// <param name="site">Observer.</param>
    /// <param name="deltaTSeconds">ΔT = TT − UT1, in seconds (about 69 s in 2024; see IERS Bulletin A). −8000 to 8000.</param>
    /// <param name="surface">Collector orientation for the incidence angle; null to skip it.</param>
    /// <param name="deltaUt1Seconds">ΔUT1 = UT1 − UTC, in seconds, in (−1, 1); 0 when unknown.</param>
    /// <param name="atmosphericRefractionDeg">Refraction at the horizon, in degrees, 0–5; sets where refraction stops applying.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static SolarPositionResult Compute(
        DateTimeOffset instant,
        SolarSite site,
        double deltaTSeconds,
        PanelOrientation? surface = null,
        double deltaUt1Seconds = 0,
        double atmosphericRefractionDeg = StandardAtmosphericRefractionDeg)
    {
        if (deltaUt1Seconds is not (> -1 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(deltaUt1Seconds), deltaUt1Seconds, "ΔUT1 must be in (-1, 1) s.");
        }

        // Integer ticks keep the instant exact; the 100 ns tick is far below the algorithm's resolution.
        long ticksFromJ2000 = instant.UtcTicks - new DateTime(2000, 1, 1, 12, 0, 0, DateTimeKind.Utc).Ticks;
        double jd = J2000 + ((ticksFromJ2000 / (double)TimeSpan.TicksPerSecond) + deltaUt1Seconds) / 86400.0;
        return Compute(jd, site, deltaTSeconds, surface, atmosphericRefractionDeg);
    }

    /// <summary>Computes the Sun's position for a Julian Day in UT (UT1).</summary>
    /// <param name="julianDayUt">Julian Day (UT1), within years −2000 to 6000.</param>
    /// <param name="site">Observer.</param>
    /// <param name="deltaTSeconds">ΔT = TT − UT1, in seconds, −8000 to 8000.</param>
    /// <param name="surface">Collector orientation for the incidence angle; null to skip it.</param>
    /// <param name="atmosphericRefractionDeg">Refraction at the horizon, in degrees, 0–5.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static SolarPositionResult Compute(
        double julianDayUt,
        SolarSite site,
        double deltaTSeconds,
        PanelOrientation? surface = null,
        double atmosphericRefractionDeg = StandardAtmosphericRefractionDeg)
    {
        ArgumentNullException.ThrowIfNull(site);
        if (!(julianDayUt >= MinJulianDay && julianDayUt < MaxJulianDay))
        {
            throw new ArgumentOutOfRangeException(nameof(julianDayUt), julianDayUt, "The SPA is valid for years -2000 to 6000.");
        }

        if (deltaTSeconds is not (>= -8000 and <= 8000))
        {
            throw new ArgumentOutOfRangeException(nameof(deltaTSeconds), deltaTSeconds, "ΔT must be in [-8000, 8000] s.");
        }

        if (atmosphericRefractionDeg is not (>= 0 and <= 5))
        {
            throw new ArgumentOutOfRangeException(nameof(atmosphericRefractionDeg), atmosphericRefractionDeg, "Horizon refraction must be in [0, 5] degrees.");
        }

        // §3.1, eqs. 5–8: ephemeris time scales.
        double jd = julianDayUt;
        double jde = jd + (deltaTSeconds / 86400.0);
        double jc = (jd - J2000) / 36525.0;
        double jce = (jde - J2000) / 36525.0;
        double jme = jce / 10.0;

        // §3.2, eqs. 9–12: Earth heliocentric longitude, latitude and radius vector.
        double l = Limit360(ToDegrees(EarthSeries(SpaTables.EarthLongitude, jme)));
        double b = ToDegrees(EarthSeries(SpaTables.EarthLatitude, jme));
        double r = EarthSeries(SpaTables.EarthRadius, jme);

        // §3.3, eqs. 13–14: geocentric longitude and latitude.
        double theta = Limit360(l + 180.0);
        double beta = -b;

        // §3.4, eqs. 15–23: nutation in longitude and obliquity.
        (double deltaPsi, double deltaEpsilon) = Nutation(jce);

        // §3.5, eqs. 24–25: true obliquity of the ecliptic (Laskar's polynomial in U = JME/10, arcseconds).
        double u = jme / 10.0;
        double epsilon0 = 84381.448 + (u * (-4680.93 + (u * (-1.55 + (u * (1999.25 + (u * (-51.38 + (u * (-249.67
            + (u * (-39.05 + (u * (7.12 + (u * (27.87 + (u * (5.79 + (u * 2.45)))))))))))))))))));
        double epsilon = (epsilon0 / 3600.0) + deltaEpsilon;

        // §3.6–3.7, eqs. 26–27: aberration and apparent Sun longitude.
        double deltaTau = -20.4898 / (3600.0 * r);
        double lambda = theta + deltaPsi + deltaTau;

        // §3.8, eqs. 28–29: apparent sidereal time at Greenwich (uses UT, not TT).
        double nu0 = Limit360(280.46061837 + (360.98564736629 * (jd - J2000)) + (0.000387933 * jc * jc) - (jc * jc * jc / 38710000.0));
        double nu = nu0 + (deltaPsi * CosDeg(epsilon));

        // §3.9–3.10, eqs. 30–31: geocentric right ascension and declination.
        double alpha = Limit360(Atan2Deg((SinDeg(lambda) * CosDeg(epsilon)) - (TanDeg(beta) * SinDeg(epsilon)), CosDeg(lambda)));
        double delta = AsinDeg((SinDeg(beta) * CosDeg(epsilon)) + (CosDeg(beta) * SinDeg(epsilon) * SinDeg(lambda)));

        // §3.11, eq. 32: observer local hour angle (longitude positive east).
        double phi = site.LatitudeDeg;
        double h = Limit360(nu + site.LongitudeDeg - alpha);

        // §3.12, eqs. 33–38: parallax, topocentric right ascension and declination.
        double xi = 8.794 / (3600.0 * r);
        double uu = ToDegrees(Math.Atan(0.99664719 * TanDeg(phi)));
        double elevationRatio = site.Elevation.Value / 6378140.0;
        double x = CosDeg(uu) + (elevationRatio * CosDeg(phi));
        double y = (0.99664719 * SinDeg(uu)) + (elevationRatio * SinDeg(phi));
        double denominator = CosDeg(delta) - (x * SinDeg(xi) * CosDeg(h));
        double deltaAlpha = Atan2Deg(-x * SinDeg(xi) * SinDeg(h), denominator);
        double alphaPrime = alpha + deltaAlpha;
        double deltaPrime = Atan2Deg((SinDeg(delta) - (y * SinDeg(xi))) * CosDeg(deltaAlpha), denominator);

        // §3.13, eq. 39: topocentric local hour angle.
        double hPrime = h - deltaAlpha;

        // §3.14, eqs. 40–44: topocentric elevation, refraction and zenith.
        double e0 = AsinDeg((SinDeg(phi) * SinDeg(deltaPrime)) + (CosDeg(phi) * CosDeg(deltaPrime) * CosDeg(hPrime)));
        double deltaE = 0.0;
        if (e0 >= -(SunRadiusDeg + atmosphericRefractionDeg))
        {
            deltaE = (site.PressureMbar / 1010.0) * (283.0 / (273.0 + site.TemperatureC))
                * 1.02 / (60.0 * TanDeg(e0 + (10.3 / (e0 + 5.11))));
        }

        double zenith = 90.0 - (e0 + deltaE);

        // §3.15, eqs. 45–46: azimuth, astronomers' Γ (westward from south), then navigators' Φ (eastward from north).
        double gamma = Limit360(Atan2Deg(SinDeg(hPrime), (CosDeg(hPrime) * SinDeg(phi)) - (TanDeg(deltaPrime) * CosDeg(phi))));
        double azimuth = Limit360(gamma + 180.0);

        // §3.16, eq. 47: incidence on a surface of slope ω and rotation γ from south (positive west).
        double? incidence = null;
        if (surface is { } s)
        {
            double omega = s.TiltDeg;
            double surfaceRotation = s.SpaAzimuthRotationDeg;
            incidence = AcosDeg((CosDeg(zenith) * CosDeg(omega)) + (SinDeg(omega) * SinDeg(zenith) * CosDeg(gamma - surfaceRotation)));
        }

        return new SolarPositionResult
        {
            JulianDay = jd,
            JulianEphemerisDay = jde,
            HeliocentricLongitudeDeg = l,
            HeliocentricLatitudeDeg = b,
            EarthSunDistanceAu = r,
            NutationLongitudeDeg = deltaPsi,
            NutationObliquityDeg = deltaEpsilon,
            TrueObliquityDeg = epsilon,
            ApparentSunLongitudeDeg = lambda,
            ApparentSiderealTimeDeg = nu,
            GeocentricRightAscensionDeg = alpha,
            GeocentricDeclinationDeg = delta,
            ObserverHourAngleDeg = h,
            TopocentricRightAscensionDeg = alphaPrime,
            TopocentricDeclinationDeg = deltaPrime,
            TopocentricHourAngleDeg = hPrime,
            ElevationUncorrectedDeg = e0,
            RefractionCorrectionDeg = deltaE,
            ZenithDeg = zenith,
            AzimuthDeg = azimuth,
            IncidenceDeg = incidence,
        };
    }

    /// <summary>
    /// Julian Day of a calendar date (paper §3.1.1, eq. 4): Gregorian from 1582-10-15, Julian calendar before,
    /// astronomical year numbering (year 0 = 1 BC, −2000 = 2001 BC).
    /// </summary>
    /// <param name="year">Year, astronomical numbering.</param>
    /// <param name="month">Month, 1–12.</param>
    /// <param name="day">Day of the month with the time of day (UT) as a fraction, in [1, 32).</param>
    /// <exception cref="ArgumentOutOfRangeException">The month or day is out of range.</exception>
    public static double JulianDay(int year, int month, double day)
    {
        if (month is < 1 or > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(month), month, "Month must be 1–12.");
        }

        if (day is not (>= 1 and < 32))
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, "Day must be in [1, 32).");
        }

        // January and February count as months 13 and 14 of the previous year.
        int y = month > 2 ? year : year - 1;
        int m = month > 2 ? month : month + 12;
        double jd = Math.Floor(365.25 * (y + 4716)) + Math.Floor(30.6001 * (m + 1)) + day - 1524.5;
        if (jd > 2299160.0)
        {
            // INT in the paper truncates; y/100 differs from floor only for negative years, which are Julian anyway.
            int a = y / 100;
            jd += 2 - a + (a / 4);
        }

        return jd;
    }

    // Eqs. 9–11: Σ_i (Σ_terms A·cos(B + C·JME)) · JME^i / 1e8, evaluated by Horner's rule.
    private static double EarthSeries(SpaTables.EarthTerm[][] series, double jme)
    {
        double total = 0.0;
        for (int i = series.Length - 1; i >= 0; i--)
        {
            double sum = 0.0;
            foreach (SpaTables.EarthTerm t in series[i])
            {
                sum += t.A * Math.Cos(t.B + (t.C * jme));
            }

            total = (total * jme) + sum;
        }

        return total / 1e8;
    }

    // Eqs. 15–23. The X arguments are in degrees; the coefficients are in 0.0001 arcseconds.
    private static (double DeltaPsi, double DeltaEpsilon) Nutation(double jce)
    {
        double jce2 = jce * jce;
        double jce3 = jce2 * jce;
        double x0 = 297.85036 + (445267.111480 * jce) - (0.0019142 * jce2) + (jce3 / 189474.0);
        double x1 = 357.52772 + (35999.050340 * jce) - (0.0001603 * jce2) - (jce3 / 300000.0);
        double x2 = 134.96298 + (477198.867398 * jce) + (0.0086972 * jce2) + (jce3 / 56250.0);
        double x3 = 93.27191 + (483202.017538 * jce) - (0.0036825 * jce2) + (jce3 / 327270.0);
        double x4 = 125.04452 - (1934.136261 * jce) + (0.0020708 * jce2) + (jce3 / 450000.0);

        double psi = 0.0;
        double eps = 0.0;
        foreach (SpaTables.NutationTerm t in SpaTables.Nutation)
        {
            double argument = ToRadians((x0 * t.Y0) + (x1 * t.Y1) + (x2 * t.Y2) + (x3 * t.Y3) + (x4 * t.Y4));
            psi += (t.A + (t.B * jce)) * Math.Sin(argument);
            eps += (t.C + (t.D * jce)) * Math.Cos(argument);
        }

        return (psi / 36_000_000.0, eps / 36_000_000.0);
    }
}
