using System.Globalization;
using System.Text.RegularExpressions;
using SensorNet.Energy.Solar;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.Energy.Tests.Solar;

public class SolarPositionTests
{
    // Reda & Andreas (2008), Table A5.1: Golden, Colorado, 2003-10-17 12:30:30 MST, ΔT 67 s, ΔUT1 0.
    private static readonly SolarSite Golden = new(39.742476, -105.1786, new Meters(1830.14), pressureMbar: 820, temperatureC: 11);
    private static readonly DateTimeOffset GoldenInstant = new(2003, 10, 17, 12, 30, 30, TimeSpan.FromHours(-7));

    private static SolarPositionResult GoldenExample() =>
        SolarPosition.Compute(GoldenInstant, Golden, deltaTSeconds: 67, surface: PanelOrientation.FromSpaRotation(30, -10));

    [Fact]
    public void GoldenExample_MatchesPublishedZenithAzimuthIncidence()
    {
        SolarPositionResult r = GoldenExample();

        // NREL spa_tester output (6 decimals): 50.111622, 194.340241, 25.187000.
        Assert.Equal(50.111622, r.ZenithDeg, 1e-6);
        Assert.Equal(194.340241, r.AzimuthDeg, 1e-6);
        Assert.NotNull(r.IncidenceDeg);
        Assert.Equal(25.187000, r.IncidenceDeg.Value, 1e-6);
    }

    [Fact]
    public void GoldenExample_MatchesPublishedIntermediateValues()
    {
        SolarPositionResult r = GoldenExample();

        // Table A5.1, to the digits printed there.
        Assert.Equal(2452930.312847, r.JulianDay, 5e-7);
        Assert.Equal(24.0182616917, r.HeliocentricLongitudeDeg, 1e-9);
        Assert.Equal(-0.0001011219, r.HeliocentricLatitudeDeg, 1e-10);
        Assert.Equal(0.9965422974, r.EarthSunDistanceAu, 1e-10);
        Assert.Equal(-0.00399840, r.NutationLongitudeDeg, 1e-8);
        Assert.Equal(0.00166657, r.NutationObliquityDeg, 1e-8);
        Assert.Equal(23.440465, r.TrueObliquityDeg, 1e-6);
        Assert.Equal(204.0085519281, r.ApparentSunLongitudeDeg, 1e-9);
        Assert.Equal(318.511910, r.ApparentSiderealTimeDeg, 1e-6);
        Assert.Equal(202.22741, r.GeocentricRightAscensionDeg, 1e-5);
        Assert.Equal(-9.31434, r.GeocentricDeclinationDeg, 1e-5);
        Assert.Equal(11.105902, r.ObserverHourAngleDeg, 1e-6);
        Assert.Equal(202.22704, r.TopocentricRightAscensionDeg, 1e-5);
        Assert.Equal(-9.316179, r.TopocentricDeclinationDeg, 1e-6);
        Assert.Equal(39.872046, r.ElevationUncorrectedDeg, 1e-6);
        Assert.Equal(39.88838, r.ElevationDeg, 1e-5);
    }

    [Fact]
    public void JulianDay_FollowsThePaperIncludingTheJulianCalendar()
    {
        // Meeus, Astronomical Algorithms (2nd ed.), ch. 7 worked examples.
        Assert.Equal(2451545.0, SolarPosition.JulianDay(2000, 1, 1.5));
        Assert.Equal(2446822.5, SolarPosition.JulianDay(1987, 1, 27.0));
        Assert.Equal(2299160.5, SolarPosition.JulianDay(1582, 10, 15.0));
        Assert.Equal(2299159.5, SolarPosition.JulianDay(1582, 10, 4.0));
        Assert.Equal(2026871.8, SolarPosition.JulianDay(837, 4, 10.3), 1e-9);
        Assert.Equal(0.0, SolarPosition.JulianDay(-4712, 1, 1.5));
    }

    // Rows of NREL's online SPA (MIDC spa.pl) output, as collected in the MIT-licensed s-bear/sun-position
    // tests/test_data.csv (timezone 0, ΔUT1 0, refraction 0.5667°; Julian calendar before 1582 as in the paper).
    // Columns: date-time (UT), lat, lon, elevation m, temperature °C, pressure mbar, ΔT s, JD, e0, Δe, zenith, azimuth.
    public static TheoryData<string> MidcRows => new(
        "1031-12-20T11:01:06Z,32.536258,29.394648,1475,-25,831,0.600,2097983.959097,32.390315,0.024936,57.584749,195.256519",
        "3141-07-31T03:02:38Z,65.774964,10.068111,2492,9,757,0.637,2868497.626829,2.866014,0.175727,86.958259,49.974571",
        "1781-01-14T09:03:49Z,-21.835194,-53.642382,320,10,975,0.683,2371570.877650,-1.010044,0.000000,91.010044,113.386694",
        "-1894-05-27T10:41:55Z,87.307827,-76.963489,1678,7,830,0.283,1029420.945775,17.259131,0.044160,72.696709,85.780160",
        "-1723-05-11T02:45:10Z,76.458780,-74.943853,65,33,1006,0.194,1091862.614699,1.364329,0.303543,88.332127,329.474940",
        "2419-03-15T02:08:40Z,43.810615,139.131365,450,-10,956,0.432,2604654.589352,42.879639,0.018493,47.101868,165.107003",
        "5221-01-25T15:56:35Z,60.326203,21.262925,3431,-13,659,0.863,3628016.164294,-10.875673,0.000000,100.875673,251.454189",
        "900-01-19T04:40:44Z,-40.563695,123.643984,8187,-73,294,0.805,2049800.694954,67.161311,0.002936,22.835753,334.364857",
        "2178-03-19T17:32:37Z,31.562680,-74.746661,4374,-35,562,0.432,2516636.230984,57.553471,0.007106,32.439423,192.248448",
        "4909-04-11T21:45:10Z,14.569899,176.866638,2701,-21,713,0.440,3514136.406366,53.844785,0.009773,36.145442,95.371571",
        "1957-03-27T11:06:15Z,81.321568,54.588575,3738,9,657,0.235,2435924.962674,9.232503,0.063256,80.704241,220.362337",
        "4446-08-21T15:13:52Z,-61.257455,175.472569,-316,-7,1055,0.183,3345161.134630,-31.170290,0.000000,121.170290,129.624707",
        "2545-09-08T19:52:29Z,-25.613495,-87.718349,8916,-49,304,0.670,2650853.328113,46.967084,0.006002,43.026914,311.480896",
        "-503-10-17T05:37:44Z,3.300250,93.106356,4876,-10,559,0.279,1537626.734537,79.470067,0.001860,10.528073,182.076338",
        "1337-08-24T03:50:50Z,-68.887845,159.661960,4798,-18,555,0.808,2209632.660301,8.370820,0.064348,81.564832,322.486448",
        "1600-12-24T05:56:32Z,58.881660,46.852468,6992,-45,392,0.729,2305805.747593,-0.044489,0.235524,89.808964,140.276526",
        "1040-01-23T13:07:05Z,-23.309392,-110.376465,250,-18,980,0.029,2100940.046586,0.628936,0.433349,88.937715,109.498964",
        "4476-06-08T10:01:52Z,83.658930,-153.688546,-399,28,1060,0.701,3356044.917963,16.441874,0.055235,73.502891,356.185839");

    [Theory]
    [MemberData(nameof(MidcRows))]
    public void MidcOnlineSpa_Agrees(string row)
    {
        string[] c = row.Split(',');
        double D(int i) => double.Parse(c[i], CultureInfo.InvariantCulture);
        Match m = Regex.Match(c[0], @"^(-?\d+)-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)Z$");
        int Part(int g) => int.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture);
        double jd = SolarPosition.JulianDay(Part(1), Part(2), Part(3) + ((Part(4) + ((Part(5) + (Part(6) / 60.0)) / 60.0)) / 24.0));
        var site = new SolarSite(D(1), D(2), new Meters(D(3)), pressureMbar: D(5), temperatureC: D(4));

        SolarPositionResult r = SolarPosition.Compute(jd, site, deltaTSeconds: D(6));

        // Published to 6 decimals: JD, true elevation and azimuth agree to their rounding.
        Assert.Equal(D(7), jd, 5e-7);
        Assert.Equal(D(8), r.ElevationUncorrectedDeg, 1e-6);
        Assert.Equal(D(11), r.AzimuthDeg, 1e-6);

        // The service was queried with the temperature to 0.1 °C but the file keeps it to 1 °C, so the refraction
        // (∝ 1/(273 + T)) can differ by up to half a degree's worth; everything else must match.
        double temperatureSlack = D(9) * 0.5 / (273 + D(4));
        Assert.Equal(D(9), r.RefractionCorrectionDeg, 1e-6 + temperatureSlack);
        Assert.Equal(D(10), r.ZenithDeg, 2e-6 + temperatureSlack);
    }

    [Fact]
    public void SolarNoon_IsSymmetricAndZenithIsLatitudeMinusDeclination()
    {
        // Near the June solstice the declination is almost constant, so the morning and afternoon mirror each other.
        var site = new SolarSite(45, 7, new Meters(0), pressureMbar: 0);
        DateTimeOffset noon = Transit(site, new DateTimeOffset(2021, 6, 21, 10, 0, 0, TimeSpan.Zero));
        SolarPositionResult atNoon = SolarPosition.Compute(noon, site, 69);
        SolarPositionResult before = SolarPosition.Compute(noon.AddHours(-2), site, 69);
        SolarPositionResult after = SolarPosition.Compute(noon.AddHours(2), site, 69);

        Assert.Equal(180.0, atNoon.AzimuthDeg, 1e-4); // the transit is bracketed to 1 ms
        Assert.Equal(45.0 - atNoon.TopocentricDeclinationDeg, atNoon.ZenithDeg, 1e-9);
        Assert.Equal(before.ZenithDeg, after.ZenithDeg, 0.01);
        Assert.Equal(360.0, before.AzimuthDeg + after.AzimuthDeg, 0.02);
        Assert.True(before.AzimuthDeg < 180 && after.AzimuthDeg > 180);
    }

    [Fact]
    public void SouthernHemisphere_NoonSunIsDueNorth()
    {
        var site = new SolarSite(-33.87, 151.21, new Meters(0));
        DateTimeOffset noon = Transit(site, new DateTimeOffset(2021, 6, 21, 0, 0, 0, TimeSpan.Zero));
        SolarPositionResult r = SolarPosition.Compute(noon, site, 69);

        double fromNorth = Math.Min(r.AzimuthDeg, 360 - r.AzimuthDeg);
        Assert.True(fromNorth < 1e-4, $"azimuth {r.AzimuthDeg}");
        Assert.InRange(r.ZenithDeg, 57.0, 57.5); // 33.87° + 23.44°, less a little refraction
    }

    [Fact]
    public void Night_ZenithAboveNinetyAndNoRefraction()
    {
        SolarPositionResult r = SolarPosition.Compute(new DateTimeOffset(2003, 10, 17, 0, 0, 0, TimeSpan.FromHours(-7)), Golden, 67);

        Assert.True(r.ZenithDeg > 90, $"zenith {r.ZenithDeg}");
        Assert.Equal(0.0, r.RefractionCorrectionDeg);
        Assert.Equal(90 - r.ElevationUncorrectedDeg, r.ZenithDeg, 1e-12);
    }

    [Fact]
    public void Refraction_RaisesTheSunAndVanishesWithoutAtmosphere()
    {
        var vacuum = new SolarSite(Golden.LatitudeDeg, Golden.LongitudeDeg, Golden.Elevation, pressureMbar: 0, temperatureC: 11);
        SolarPositionResult withAir = SolarPosition.Compute(GoldenInstant, Golden, 67);
        SolarPositionResult without = SolarPosition.Compute(GoldenInstant, vacuum, 67);

        Assert.Equal(0.0, without.RefractionCorrectionDeg);
        Assert.True(withAir.ZenithDeg < without.ZenithDeg);
        Assert.Equal(withAir.ElevationUncorrectedDeg, without.ElevationUncorrectedDeg, 1e-12);
    }

    [Fact]
    public void Incidence_IsZeroFacingTheSunAndZenithWhenHorizontal()
    {
        SolarPositionResult sun = GoldenExample();
        SolarPositionResult facing = SolarPosition.Compute(GoldenInstant, Golden, 67, new PanelOrientation(sun.ZenithDeg, sun.AzimuthDeg));
        SolarPositionResult flat = SolarPosition.Compute(GoldenInstant, Golden, 67, PanelOrientation.Horizontal);

        Assert.Equal(0.0, facing.IncidenceDeg!.Value, 1e-5);
        Assert.Equal(sun.ZenithDeg, flat.IncidenceDeg!.Value, 1e-9);
    }

    [Fact]
    public void DeltaUt1_ShiftsTheClock()
    {
        SolarPositionResult shifted = SolarPosition.Compute(GoldenInstant, Golden, 67, deltaUt1Seconds: 0.5);
        SolarPositionResult later = SolarPosition.Compute(GoldenInstant.AddMilliseconds(500), Golden, 67);

        Assert.Equal(later.ZenithDeg, shifted.ZenithDeg, 1e-9);
        Assert.Equal(later.AzimuthDeg, shifted.AzimuthDeg, 1e-9);
    }

    [Fact]
    public void InvalidInputs_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SolarSite(91, 0, new Meters(0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SolarSite(0, 181, new Meters(0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SolarSite(0, 0, new Meters(0), pressureMbar: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SolarSite(double.NaN, 0, new Meters(0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => SolarPosition.Compute(new DateTimeOffset(6001, 1, 2, 0, 0, 0, TimeSpan.Zero), Golden, 67));
        Assert.Throws<ArgumentOutOfRangeException>(() => SolarPosition.Compute(GoldenInstant, Golden, 9000));
        Assert.Throws<ArgumentOutOfRangeException>(() => SolarPosition.Compute(GoldenInstant, Golden, 67, deltaUt1Seconds: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PanelOrientation(-1, 180));
    }

    // Finds the upper transit (topocentric hour angle 0) within the 6 hours after start, by bisection.
    private static DateTimeOffset Transit(SolarSite site, DateTimeOffset start)
    {
        static double Wrapped(double degrees) => degrees > 180 ? degrees - 360 : degrees;
        DateTimeOffset lo = start;
        DateTimeOffset hi = start.AddHours(6);
        while (hi - lo > TimeSpan.FromMilliseconds(1))
        {
            DateTimeOffset mid = lo + ((hi - lo) / 2);
            double h = Wrapped(SolarPosition.Compute(mid, site, 69).TopocentricHourAngleDeg % 360);
            if (h < 0)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
