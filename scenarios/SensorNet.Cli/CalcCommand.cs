using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SensorNet.Energy.Solar;
using SensorNet.RadioModels.Ieee802154;
using SensorNet.RadioModels.LoRa;
using SensorNet.RadioModels.Propagation;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.Cli;

/// <summary>
/// <c>sensornet calc solar-position|clear-sky|pv-power|battery-life|lora-airtime|lora-range|oqpsk-ber … [--json]</c>: the model calculators.
/// </summary>
/// <remarks>
/// A scripting interface: option names, JSON keys and units are kept stable. JSON numbers are written by
/// <see cref="Utf8JsonWriter"/> (shortest round-trip form, culture-independent); an invalid argument prints one
/// <c>error:</c> line to stderr and exits with <see cref="ExitCodes.InvalidInput"/>.
/// </remarks>
internal static partial class CalcCommand
{
    // The largest 802.15.4 PSDU (aMaxPHYPacketSize, 127 B) in bits.
    private const int MaxOqpskBits = Ieee802154Phy.MaxPhyPacketSize * 8;

    internal static Command Create() =>
        new("calc", "Model calculators: solar position (NREL SPA), clear-sky irradiance, PV power, battery life, LoRa time on air, LoRa range, 802.15.4 O-QPSK bit error rate.")
        {
            SolarPositionCommand(),
            ClearSkyCommand(),
            PvPowerCommand(),
            BatteryLifeCommand(),
            LoRaAirtimeCommand(),
            LoRaRangeCommand(),
            OqpskBerCommand(),
        };

    private static Command SolarPositionCommand()
    {
        var time = new Option<string>("--time") { Description = "Instant, ISO 8601 with a UTC offset or Z, e.g. 2003-10-17T12:30:30-07:00.", Required = true };
        var lat = new Option<double>("--lat") { Description = "Latitude, degrees north (−90 to 90).", Required = true };
        var lon = new Option<double>("--lon") { Description = "Longitude, degrees east (−180 to 180).", Required = true };
        var elevation = new Option<double>("--elevation") { Description = "Elevation above sea level, m.", DefaultValueFactory = _ => 0.0 };
        var pressure = new Option<double>("--pressure") { Description = "Annual-average pressure, mbar (0 disables refraction).", DefaultValueFactory = _ => SolarSite.StandardPressureMbar };
        var temperature = new Option<double>("--temperature") { Description = "Annual-average temperature, °C.", DefaultValueFactory = _ => SolarSite.StandardTemperatureC };
        var deltaT = new Option<double>("--delta-t") { Description = "ΔT = TT − UT1, s (about 69 s in 2020–2025; IERS Bulletin A).", DefaultValueFactory = _ => 69.0 };
        var deltaUt1 = new Option<double>("--delta-ut1") { Description = "ΔUT1 = UT1 − UTC, s (|ΔUT1| < 1).", DefaultValueFactory = _ => 0.0 };
        var slope = new Option<double?>("--slope") { Description = "Surface slope from horizontal, degrees (0–180); adds incidence_deg." };
        var rotation = new Option<double?>("--azimuth-rotation") { Description = "Surface azimuth rotation from south, degrees, positive toward west (needs --slope; default 0)." };
        var refraction = new Option<double>("--refraction") { Description = "Atmospheric refraction at the horizon, degrees.", DefaultValueFactory = _ => SolarPosition.StandardAtmosphericRefractionDeg };
        var json = JsonOption();
        var command = new Command("solar-position", "Sun position by the NREL SPA (topocentric, refraction-corrected).")
        {
            time, lat, lon, elevation, pressure, temperature, deltaT, deltaUt1, slope, rotation, refraction, json,
        };
        command.SetAction(parse => Run(parse.GetValue(json), () =>
        {
            DateTimeOffset instant = ParseInstant(parse.GetRequiredValue(time));
            double latitude = parse.GetValue(lat);
            double longitude = parse.GetValue(lon);
            Check(latitude is >= -90 and <= 90, "--lat must be in [-90, 90] degrees");
            Check(longitude is >= -180 and <= 180, "--lon must be in [-180, 180] degrees");
            Check(double.IsFinite(parse.GetValue(elevation)) && parse.GetValue(elevation) >= -6_500_000, "--elevation must be a finite height ≥ -6500000 m");
            Check(parse.GetValue(pressure) is >= 0 and <= 5000, "--pressure must be in [0, 5000] mbar");
            Check(parse.GetValue(temperature) is > -273 and <= 6000, "--temperature must be in (-273, 6000] °C");
            Check(parse.GetValue(deltaT) is >= -8000 and <= 8000, "--delta-t must be in [-8000, 8000] s");
            Check(parse.GetValue(deltaUt1) is > -1 and < 1, "--delta-ut1 must be in (-1, 1) s");
            Check(parse.GetValue(refraction) is >= 0 and <= 5, "--refraction must be in [0, 5] degrees");
            double? slopeDeg = parse.GetValue(slope);
            double? rotationDeg = parse.GetValue(rotation);
            Check(rotationDeg is null || slopeDeg is not null, "--azimuth-rotation needs --slope");
            Check(slopeDeg is null or (>= 0 and <= 180), "--slope must be in [0, 180] degrees");
            Check(rotationDeg is null or (>= -360 and <= 360), "--azimuth-rotation must be in [-360, 360] degrees");
            Check(instant.UtcDateTime.Year <= 6000, "--time must be in the years the SPA covers (up to 6000)");

            var site = new SolarSite(latitude, longitude, new Meters(parse.GetValue(elevation)), parse.GetValue(pressure), parse.GetValue(temperature));
            PanelOrientation? surface = slopeDeg is { } s ? PanelOrientation.FromSpaRotation(s, rotationDeg ?? 0.0) : null;
            SolarPositionResult r = SolarPosition.Compute(instant, site, parse.GetValue(deltaT), surface, parse.GetValue(deltaUt1), parse.GetValue(refraction));

            var report = new Report()
                .Text("time_utc", "time (UTC)", instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture))
                .Number("julian_day", "Julian day (UT)", r.JulianDay, "", "0.######")
                .Number("zenith_deg", "zenith (topocentric, refracted)", r.ZenithDeg, "°")
                .Number("azimuth_deg", "azimuth (eastward from north)", r.AzimuthDeg, "°")
                .Number("elevation_deg", "elevation (refracted)", r.ElevationDeg, "°")
                .Number("refraction_deg", "refraction correction", r.RefractionCorrectionDeg, "°")
                .Number("declination_deg", "declination (topocentric)", r.TopocentricDeclinationDeg, "°")
                .Number("right_ascension_deg", "right ascension (topocentric)", Limit360(r.TopocentricRightAscensionDeg), "°")
                .Number("hour_angle_deg", "hour angle (topocentric)", Limit360(r.TopocentricHourAngleDeg), "°")
                .Number("earth_sun_distance_au", "Earth–Sun distance", r.EarthSunDistanceAu, "AU", "0.#########");
            if (r.IncidenceDeg is { } incidence)
            {
                report.Number("incidence_deg", "incidence on the surface", incidence, "°");
            }

            return report;
        }));
        return command;
    }

    private static Command ClearSkyCommand()
    {
        var model = new Option<string>("--model") { Description = "haurwitz or ineichen.", Required = true };
        var zenith = new Option<double>("--zenith") { Description = "Apparent (refracted) solar zenith angle, degrees (0–180).", Required = true };
        var airmass = new Option<double?>("--airmass") { Description = "ineichen: absolute (pressure-corrected) airmass; default Kasten–Young × standard pressure at --altitude." };
        var turbidity = new Option<double?>("--linke-turbidity") { Description = "ineichen: Linke turbidity (typically 2–7); required." };
        var altitude = new Option<double?>("--altitude") { Description = "ineichen: site altitude, m (default 0)." };
        var dniExtra = new Option<double?>("--dni-extra") { Description = "ineichen: extraterrestrial normal irradiance, W/m² (default 1364)." };
        var json = JsonOption();
        var command = new Command("clear-sky", "Clear-sky irradiance: Haurwitz (GHI) or Ineichen–Perez (GHI, DNI, DHI).")
        {
            model, zenith, airmass, turbidity, altitude, dniExtra, json,
        };
        command.SetAction(parse => Run(parse.GetValue(json), () =>
        {
            string name = parse.GetRequiredValue(model).ToUpperInvariant();
            double z = parse.GetValue(zenith);
            Check(z is >= 0 and <= 180, "--zenith must be in [0, 180] degrees");
            double? am = parse.GetValue(airmass);
            double? tl = parse.GetValue(turbidity);
            double? alt = parse.GetValue(altitude);
            double? extra = parse.GetValue(dniExtra);
            if (name == "HAURWITZ")
            {
                Check(am is null && tl is null && alt is null && extra is null, "--airmass, --linke-turbidity, --altitude and --dni-extra apply only to --model ineichen");
                return new Report()
                    .Text("model", "model", "haurwitz")
                    .Number("zenith_deg", "apparent zenith", z, "°")
                    .Number("ghi_w_m2", "GHI", ClearSky.HaurwitzGhi(z), "W/m²");
            }

            Check(name == "INEICHEN", "--model must be haurwitz or ineichen");
            Check(tl is not null, "--model ineichen needs --linke-turbidity");
            Check(tl is > 0 and <= 20, "--linke-turbidity must be in (0, 20]");
            double h = alt ?? 0.0;
            Check(h is >= -500 and <= 11_000, "--altitude must be in [-500, 11000] m");
            double i0 = extra ?? ClearSky.DefaultDniExtraWm2;
            Check(i0 is > 0 and <= 2000, "--dni-extra must be in (0, 2000] W/m²");
            Check(am is null or (> 0 and <= 100), "--airmass must be in (0, 100]");
            double absoluteAirmass = am ?? Airmass.Absolute(Airmass.KastenYoung(z), Airmass.StandardPressureMbar(new Meters(h)));

            ClearSkyIrradiance cs = ClearSky.Ineichen(z, absoluteAirmass, tl!.Value, new Meters(h), i0);
            var report = new Report()
                .Text("model", "model", "ineichen")
                .Number("zenith_deg", "apparent zenith", z, "°");
            if (double.IsFinite(absoluteAirmass))
            {
                report.Number("airmass", "absolute airmass", absoluteAirmass, "");
            }

            return report
                .Number("linke_turbidity", "Linke turbidity", tl.Value, "")
                .Number("altitude_m", "altitude", h, "m")
                .Number("dni_extra_w_m2", "extraterrestrial DNI", i0, "W/m²")
                .Number("ghi_w_m2", "GHI", cs.GhiWm2, "W/m²")
                .Number("dni_w_m2", "DNI", cs.DniWm2, "W/m²")
                .Number("dhi_w_m2", "DHI", cs.DhiWm2, "W/m²");
        }));
        return command;
    }

    private static Command PvPowerCommand()
    {
        var irradiance = new Option<double>("--irradiance") { Description = "Effective plane-of-array irradiance, W/m² (≥ 0).", Required = true };
        var gamma = new Option<double>("--gamma") { Description = "Power temperature coefficient, 1/°C (e.g. -0.004).", Required = true };
        var pdc0 = new Option<double?>("--pdc0") { Description = "Rated DC power at 1000 W/m² and --temp-ref, W (or give --area and --efficiency)." };
        var area = new Option<double?>("--area") { Description = "Panel area, m² (with --efficiency: pdc0 = area × efficiency × 1000 W/m²)." };
        var efficiency = new Option<double?>("--efficiency") { Description = "Panel efficiency at STC, 0–1 (with --area)." };
        var cellTemperature = new Option<double?>("--cell-temperature") { Description = "Cell temperature, °C (or give --ambient-temperature)." };
        var ambient = new Option<double?>("--ambient-temperature") { Description = "Air temperature, °C; the cell temperature then comes from --temperature-model." };
        var wind = new Option<double>("--wind-speed") { Description = "Wind speed, m/s (with --ambient-temperature).", DefaultValueFactory = _ => 1.0 };
        var temperatureModel = new Option<string>("--temperature-model") { Description = "sapm (open rack, glass/glass), faiman or ross.", DefaultValueFactory = _ => "sapm" };
        var noct = new Option<double?>("--noct") { Description = "Nominal operating cell temperature, °C (required by --temperature-model ross)." };
        var tempRef = new Option<double>("--temp-ref") { Description = "Reference cell temperature of pdc0, °C.", DefaultValueFactory = _ => 25.0 };
        var lowLight = new Option<double?>("--low-light-k") { Description = "Marion low-light loss coefficient k (e.g. 0.01); none by default." };
        var mppt = new Option<double?>("--mppt-efficiency") { Description = "MPPT/converter efficiency, 0–1; adds output_power_w." };
        var json = JsonOption();
        var command = new Command("pv-power", "PV DC power by PVWatts (optional Marion low-light loss, cell-temperature model, MPPT).")
        {
            irradiance, gamma, pdc0, area, efficiency, cellTemperature, ambient, wind, temperatureModel, noct, tempRef, lowLight, mppt, json,
        };
        command.SetAction(parse => Run(parse.GetValue(json), () =>
        {
            double g = parse.GetValue(irradiance);
            Check(g >= 0 && double.IsFinite(g), "--irradiance must be finite and ≥ 0 W/m²");
            double gammaPerC = parse.GetValue(gamma);
            Check(gammaPerC is >= -0.1 and <= 0.1, "--gamma must be in [-0.1, 0.1] per °C");
            double? rated = parse.GetValue(pdc0);
            double? areaM2 = parse.GetValue(area);
            double? eta = parse.GetValue(efficiency);
            Check((rated is not null) ^ (areaM2 is not null || eta is not null), "give either --pdc0 or --area with --efficiency");
            Check(rated is not null || (areaM2 is not null && eta is not null), "--area and --efficiency go together");
            Check(rated is null or > 0, "--pdc0 must be > 0 W");
            Check(areaM2 is null or > 0, "--area must be > 0 m²");
            Check(eta is null or (> 0 and <= 1), "--efficiency must be in (0, 1]");
            double? tCell = parse.GetValue(cellTemperature);
            double? tAir = parse.GetValue(ambient);
            Check((tCell is not null) ^ (tAir is not null), "give either --cell-temperature or --ambient-temperature");
            Check(tCell is null or (> -273.15 and < 1000), "--cell-temperature must be in (-273.15, 1000) °C");
            Check(tAir is null or (> -273.15 and < 1000), "--ambient-temperature must be in (-273.15, 1000) °C");
            double k = parse.GetValue(lowLight) ?? 0.0;
            Check(k is >= 0 and <= 1, "--low-light-k must be in [0, 1]");
            double eff = parse.GetValue(mppt) ?? 1.0;
            Check(eff is > 0 and <= 1, "--mppt-efficiency must be in (0, 1]");
            Check(double.IsFinite(parse.GetValue(tempRef)), "--temp-ref must be finite");

            Watts ratedPower = rated is { } p ? new Watts(p) : PvPanel.FromAreaAndEfficiency(areaM2!.Value, eta!.Value, gammaPerC).RatedPower;
            var panel = new PvPanel(ratedPower, gammaPerC)
            {
                ReferenceTemperatureC = parse.GetValue(tempRef),
                LowLightCoefficient = parse.GetValue(lowLight),
                MpptEfficiency = eff,
            };

            double cell = tCell ?? CellModel(parse.GetValue(temperatureModel), parse.GetValue(noct)).CellTemperatureC(g, tAir!.Value, CheckedWind(parse.GetValue(wind)));
            Watts dc = panel.DcPower(g, cell);
            var report = new Report()
                .Number("irradiance_w_m2", "irradiance", g, "W/m²")
                .Number("cell_temperature_c", "cell temperature", cell, "°C")
                .Number("pdc0_w", "rated DC power", panel.RatedPower.Value, "W")
                .Number("power_w", "DC power (PVWatts)", dc.Value, "W");
            if (parse.GetValue(mppt) is not null)
            {
                report.Number("output_power_w", "after MPPT/converter", (dc * eff).Value, "W");
            }

            return report;
        }));
        return command;
    }

    // Lifetime at a constant average load and harvest, from the storage model's own analytical exhaustion time: a
    // KiBaM battery strands bound charge, a supercapacitor stops at its minimum voltage and leaks. Averages hide the
    // day-night cycle, so with a harvester this is an upper bound unless the storage can carry the load through nights.
    private static Command BatteryLifeCommand()
    {
        var load = new Option<string>("--load") { Description = "Average load: a power ('150 uW'), or for batteries a current at their nominal voltage ('50 uA').", Required = true };
        var harvest = new Option<string>("--harvest") { Description = "Average harvested power delivered to the storage bus ('20 uW').", DefaultValueFactory = _ => "0 W" };
        var storage = new Option<string>("--storage") { Description = "linear, kibam or supercap.", DefaultValueFactory = _ => "linear" };
        var capacity = new Option<string?>("--capacity") { Description = "Battery capacity, charge or energy ('225 mAh', '2430 J'); linear and kibam." };
        var voltage = new Option<string?>("--voltage") { Description = "Battery nominal voltage ('3.0 V'); linear and kibam." };
        var soc = new Option<double>("--initial-soc") { Description = "Battery state of charge at the start, 0–1; linear and kibam.", DefaultValueFactory = _ => 1.0 };
        var ratio = new Option<double?>("--capacity-ratio") { Description = "KiBaM c, the available well's share, (0, 1]." };
        var rate = new Option<double?>("--rate-constant") { Description = "KiBaM k, per hour." };
        var capacitance = new Option<string?>("--capacitance") { Description = "Supercapacitor capacitance ('1 F', '470 mF')." };
        var maxVoltage = new Option<string?>("--max-voltage") { Description = "Supercapacitor maximum (and initial) voltage ('5.0 V')." };
        var minVoltage = new Option<string>("--min-voltage") { Description = "Supercapacitor minimum voltage, where the converter stops ('1.8 V').", DefaultValueFactory = _ => "0 V" };
        var leakage = new Option<string>("--leakage") { Description = "Supercapacitor constant leakage current ('5 uA').", DefaultValueFactory = _ => "0 A" };
        var json = JsonOption();
        var command = new Command("battery-life", "Lifetime at a constant average load and harvest, from the storage model (linear, KiBaM, supercapacitor).")
        {
            load, harvest, storage, capacity, voltage, soc, ratio, rate, capacitance, maxVoltage, minVoltage, leakage, json,
        };
        command.SetAction(parse => Run(parse.GetValue(json), () =>
        {
            string kind = parse.GetValue(storage)?.ToUpperInvariant() ?? string.Empty;
            double initialSoc = parse.GetValue(soc);
            Check(initialSoc is >= 0 and <= 1, "--initial-soc must be in [0, 1]");
            Scenarios.StorageConfig config;
            switch (kind)
            {
                case "LINEAR" or "KIBAM":
                    Volts v = Quantity("--voltage", parse.GetValue(voltage), QuantityText.ParseVoltage);
                    Check(v.Value > 0, "--voltage must be > 0 V");
                    Joules full = Quantity("--capacity", parse.GetValue(capacity), t => QuantityText.ParseEnergyOrCharge(t, v));
                    Check(full.Value > 0, "--capacity must be > 0");
                    if (kind == "LINEAR")
                    {
                        config = new Scenarios.LinearBatteryConfig(full, full * initialSoc, v);
                        break;
                    }

                    double c = parse.GetValue(ratio) ?? throw new ArgumentException("--storage kibam needs --capacity-ratio");
                    double k = parse.GetValue(rate) ?? throw new ArgumentException("--storage kibam needs --rate-constant");
                    Check(c is > 0 and <= 1, "--capacity-ratio must be in (0, 1]");
                    Check(k > 0 && double.IsFinite(k), "--rate-constant must be > 0 per hour");
                    config = new Scenarios.KibamBatteryConfig(full.Value / v.Value / 3600, c, k, v, initialSoc);
                    break;
                case "SUPERCAP":
                    double farads = Quantity("--capacitance", parse.GetValue(capacitance), QuantityText.ParseCapacitanceFarads);
                    Check(farads > 0, "--capacitance must be > 0 F");
                    Volts max = Quantity("--max-voltage", parse.GetValue(maxVoltage), QuantityText.ParseVoltage);
                    Volts min = Quantity("--min-voltage", parse.GetValue(minVoltage), QuantityText.ParseVoltage);
                    Check(min.Value >= 0 && min < max, "--min-voltage must be ≥ 0 V and below --max-voltage");
                    Amperes leak = Quantity("--leakage", parse.GetValue(leakage), QuantityText.ParseCurrent);
                    Check(leak.Value >= 0, "--leakage must be ≥ 0 A");
                    config = new Scenarios.SupercapacitorConfig(farads, max, min, max, leak);
                    break;
                default:
                    throw new ArgumentException("--storage must be linear, kibam or supercap");
            }

            Energy.IEnergyStorage s = config.Create();
            string loadText = parse.GetRequiredValue(load);
            Watts loadPower = loadText.TrimEnd().EndsWith('W')
                ? Quantity("--load", loadText, QuantityText.ParsePower)
                : loadText.TrimEnd().EndsWith('A')
                    ? (kind == "SUPERCAP"
                        ? throw new ArgumentException("--storage supercap needs --load as a power: its voltage falls as it discharges, so a current has no single power")
                        : Quantity("--load", loadText, QuantityText.ParseCurrent) * s.Voltage)
                    : throw new ArgumentException($"--load: expected a current ('50 uA') or a power ('150 uW'), got '{loadText}'");
            Check(loadPower.Value >= 0 && double.IsFinite(loadPower.Value), "--load must be ≥ 0");
            Watts harvestPower = Quantity("--harvest", parse.GetValue(harvest), QuantityText.ParsePower);
            Check(harvestPower.Value >= 0 && double.IsFinite(harvestPower.Value), "--harvest must be ≥ 0 W");
            Watts net = loadPower - harvestPower;
            double lifetimeS = s.TimeUntilExhausted(net) is { } left ? left.Nanoseconds / 1e9 : double.PositiveInfinity;
            return new Report()
                .Text("storage", "storage", config.Kind)
                .Number("stored_energy_j", "stored energy", s.Stored.Value, "J")
                .Number("load_w", "average load", loadPower.Value, "W", "0.#########")
                .Number("harvest_w", "average harvest", harvestPower.Value, "W", "0.#########")
                .Number("net_discharge_w", "net discharge", net.Value, "W", "0.#########")
                .Flag("sustainable", "never runs out (or not within 292 years)", double.IsInfinity(lifetimeS))
                .Number("lifetime_s", "lifetime", lifetimeS, "s", "0.###")
                .Number("lifetime_days", "lifetime", lifetimeS / 86_400, "days", "0.###");
        }));
        return command;
    }

    private static T Quantity<T>(string option, string? text, Func<string, T> parse)
    {
        Check(text is not null, $"{option} is required for this storage");
        try
        {
            return parse(text!);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new ArgumentException($"{option}: {e.Message}", e);
        }
    }

    private static Command LoRaAirtimeCommand()
    {
        var sf = new Option<int>("--sf") { Description = "Spreading factor, 5–12 (SX127x: 6–12).", Required = true };
        var bw = new Option<double>("--bw") { Description = "Bandwidth, kHz (e.g. 125).", Required = true };
        var cr = new Option<string>("--cr") { Description = "Coding rate, 4/5 to 4/8.", Required = true };
        var payload = new Option<int>("--payload") { Description = "PHY payload length, bytes (0–255).", Required = true };
        var preamble = new Option<int>("--preamble") { Description = "Programmed preamble length, symbols.", DefaultValueFactory = _ => 8 };
        var implicitHeader = new Option<bool>("--implicit-header") { Description = "Implicit header mode (default explicit)." };
        var noCrc = new Option<bool>("--no-crc") { Description = "Payload CRC off (default on)." };
        var ldro = new Option<string>("--ldro") { Description = "Low-data-rate optimisation: auto (on when the symbol time exceeds 16 ms), on or off.", DefaultValueFactory = _ => "auto" };
        var chip = new Option<string>("--chip") { Description = "Transceiver family: sx127x or sx126x.", DefaultValueFactory = _ => "sx127x" };
        var json = JsonOption();
        var command = new Command("lora-airtime", "LoRa time on air (Semtech AN1200.13; SX126x rules for SF5/SF6).")
        {
            sf, bw, cr, payload, preamble, implicitHeader, noCrc, ldro, chip, json,
        };
        command.SetAction(parse => Run(parse.GetValue(json), () =>
        {
            int spreading = parse.GetValue(sf);
            double bwKhz = parse.GetValue(bw);
            int payloadBytes = parse.GetValue(payload);
            int preambleSymbols = parse.GetValue(preamble);
            Check(spreading is >= 5 and <= 12, "--sf must be 5–12");
            Check(bwKhz is > 0 and <= 10_000, "--bw must be in (0, 10000] kHz");
            Match crMatch = CodingRatePattern().Match(parse.GetRequiredValue(cr));
            Check(crMatch.Success, "--cr must be 4/5, 4/6, 4/7 or 4/8");
            Check(payloadBytes is >= 0 and <= 255, "--payload must be 0–255 bytes");
            Check(preambleSymbols is >= 6 and <= 65535, "--preamble must be 6–65535 symbols");
            LdroMode mode = parse.GetValue(ldro)?.ToUpperInvariant() switch
            {
                "AUTO" => LdroMode.Auto,
                "ON" => LdroMode.On,
                "OFF" => LdroMode.Off,
                _ => throw new ArgumentException("--ldro must be auto, on or off"),
            };
            LoRaChipFamily family = parse.GetValue(chip)?.ToUpperInvariant() switch
            {
                "SX127X" => LoRaChipFamily.Sx127x,
                "SX126X" => LoRaChipFamily.Sx126x,
                _ => throw new ArgumentException("--chip must be sx127x or sx126x"),
            };
            Check(!(family == LoRaChipFamily.Sx127x && spreading < 6), "--chip sx127x supports --sf 6–12");
            Check(!(family == LoRaChipFamily.Sx127x && spreading == 6 && !parse.GetValue(implicitHeader)), "--chip sx127x supports SF6 only with --implicit-header");

            int codingRate = crMatch.Groups[1].Value[0] - '4';
            var modulation = new LoRaModulation(spreading, new Hertz(bwKhz * 1000), codingRate, preambleSymbols, !parse.GetValue(implicitHeader), !parse.GetValue(noCrc), mode);
            LoRaAirtime airtime = LoRaTimeOnAir.Compute(modulation, payloadBytes, family);

            // Symbols × 2^SF / BW in decimal, so that 41.216 ms prints as 41.216 rather than 41.215999999999994.
            decimal symbolMs = (1 << spreading) / (decimal)bwKhz;
            decimal airtimeMs = ((decimal)airtime.PreambleSymbols + airtime.PayloadSymbols) * symbolMs;
            return new Report()
                .Number("sf", "spreading factor", spreading, "")
                .Number("bw_khz", "bandwidth", bwKhz, "kHz")
                .Text("cr", "coding rate", modulation.CodingRateText)
                .Number("payload_bytes", "payload", payloadBytes, "B")
                .Text("chip", "chip", family == LoRaChipFamily.Sx126x ? "sx126x" : "sx127x")
                .Flag("explicit_header", "explicit header", modulation.ExplicitHeader)
                .Flag("crc", "payload CRC", modulation.Crc)
                .Flag("ldro", "LDRO applied", airtime.LdroApplied)
                .Number("symbol_time_ms", "symbol time", (double)symbolMs, "ms", "0.#########")
                .Number("preamble_symbols", "preamble", airtime.PreambleSymbols, "symbols")
                .Number("payload_symbols", "header + payload", airtime.PayloadSymbols, "symbols")
                .Number("airtime_ms", "time on air", (double)airtimeMs, "ms", "0.#########")
                .Number("airtime_s", "time on air (seconds)", (double)(airtimeMs / 1000m), "s", "0.############");
        }));
        return command;
    }

    private static Command LoRaRangeCommand()
    {
        var preset = new Option<string>("--preset") { Description = "Path loss: bor (Bor et al. 2016, log10, σ 3.57 dB), lorasim (LoRaSim code: natural log, no shadowing) or free-space.", DefaultValueFactory = _ => "bor" };
        var txPower = new Option<double>("--tx-power") { Description = "Transmit power, dBm.", DefaultValueFactory = _ => 14.0 };
        var bw = new Option<double>("--bw") { Description = "Bandwidth, kHz: 125, 250 or 500.", DefaultValueFactory = _ => 125.0 };
        var frequency = new Option<double?>("--frequency") { Description = "free-space only: carrier frequency, MHz (default 868.1)." };
        var gain = new Option<double>("--antenna-gain") { Description = "Total antenna gain (TX + RX) minus cable losses, dB.", DefaultValueFactory = _ => 0.0 };
        var sensitivity = new Option<string>("--sensitivity") { Description = "Sensitivity table: sx1272 (datasheet), lorasim (Bor et al. measured) or sx1301 (gateway, BW125 only).", DefaultValueFactory = _ => "sx1272" };
        var json = JsonOption();
        var command = new Command("lora-range", "LoRa range per SF 7–12: link budget = TX power + antenna gain − sensitivity, inverted through the path-loss model.")
        {
            preset, txPower, bw, frequency, gain, sensitivity, json,
        };
        command.SetAction(parse => Run(parse.GetValue(json), () =>
        {
            double txDbm = parse.GetValue(txPower);
            double bwKhz = parse.GetValue(bw);
            double gainDb = parse.GetValue(gain);
            double? frequencyMhz = parse.GetValue(frequency);
            Check(txDbm is >= -30 and <= 40, "--tx-power must be in [-30, 40] dBm");
            Check(bwKhz is 125 or 250 or 500, "--bw must be 125, 250 or 500 kHz");
            Check(gainDb is >= -50 and <= 50, "--antenna-gain must be in [-50, 50] dB");
            string presetName = parse.GetValue(preset)?.ToUpperInvariant() ?? string.Empty;
            Check(frequencyMhz is null || presetName == "FREE-SPACE", "--frequency applies only to --preset free-space");
            Check(frequencyMhz is null or (> 0 and <= 100_000), "--frequency must be in (0, 100000] MHz");
            IPropagationModel model = presetName switch
            {
                "BOR" => LogDistance.BorEtAl2016,
                "LORASIM" => LogDistance.LoRaSimCode,
                "FREE-SPACE" => new FreeSpace(Hertz.FromMegahertz(frequencyMhz ?? 868.1)),
                _ => throw new ArgumentException("--preset must be bor, lorasim or free-space"),
            };
            LoRaSensitivity table = parse.GetValue(sensitivity)?.ToUpperInvariant() switch
            {
                "SX1272" => LoRaSensitivity.Sx1272,
                "LORASIM" => LoRaSensitivity.LoRaSim,
                "SX1301" => LoRaSensitivity.Sx1301,
                _ => throw new ArgumentException("--sensitivity must be sx1272, lorasim or sx1301"),
            };
            Hertz bandwidth = Hertz.FromKilohertz(bwKhz);
            Check(table.TryGet(7, bandwidth, out _), $"--sensitivity {table.Name} has no values at --bw {bwKhz.ToString(CultureInfo.InvariantCulture)} (sx1301: 125 kHz only)");

            var rows = new List<double[]>();
            for (int sf = 7; sf <= 12; sf++)
            {
                Dbm sensitivityDbm = table.Get(sf, bandwidth);
                Decibels budget = new Dbm(txDbm) + new Decibels(gainDb) - sensitivityDbm;
                rows.Add([sf, sensitivityDbm.Value, budget.Value, model.MedianRange(budget).Value, model.MaximumRange(budget).Value]);
            }

            var report = new Report()
                .Text("preset", "path loss", model.Name)
                .Number("tx_power_dbm", "TX power", txDbm, "dBm")
                .Number("bandwidth_khz", "bandwidth", bwKhz, "kHz")
                .Number("antenna_gain_db", "antenna gain (total)", gainDb, "dB")
                .Text("sensitivity_table", "sensitivity table", table.Name);
            if (model is FreeSpace free)
            {
                report.Number("frequency_mhz", "frequency", free.Frequency.Value / 1e6, "MHz");
            }

            double sigma = model is LogDistance logDistance ? logDistance.ShadowingSigma.Value : 0.0;
            return report
                .Number("shadowing_sigma_db", "shadowing σ", sigma, "dB")
                .Text("note", "note", "range_m is the median range (shadowing ignored); range_5sigma_m is the largest distance any shadowing draw (clamped at +/-5 sigma) can reach")
                .Table(
                    "rows",
                    [
                        new Column("sf", "SF", "0"),
                        new Column("sensitivity_dbm", "sensitivity dBm", "0.##"),
                        new Column("link_budget_db", "budget dB", "0.##"),
                        new Column("range_m", "range m", "0.#"),
                        new Column("range_5sigma_m", "5σ range m", "0.#"),
                    ],
                    rows);
        }));
        return command;
    }

    private static Command OqpskBerCommand()
    {
        var snr = new Option<double>("--snr-db") { Description = "SNR or SINR, dB.", Required = true };
        var bits = new Option<int?>("--bits") { Description = $"Frame length, bits (1–{MaxOqpskBits}, i.e. up to aMaxPHYPacketSize); adds packet_success." };
        var json = JsonOption();
        var command = new Command("oqpsk-ber", "IEEE 802.15.4 2.4 GHz O-QPSK bit error rate (802.15.4-2006 Annex E, as in ns-3 lr-wpan) and packet success rate.")
        {
            snr, bits, json,
        };
        command.SetAction(parse => Run(parse.GetValue(json), () =>
        {
            double snrDb = parse.GetValue(snr);
            int? bitCount = parse.GetValue(bits);
            Check(double.IsFinite(snrDb), "--snr-db must be a finite number of dB");
            Check(bitCount is null or (>= 1 and <= MaxOqpskBits), $"--bits must be 1–{MaxOqpskBits} (127 bytes)");
            var ratio = new Decibels(snrDb);
            var report = new Report()
                .Number("snr_db", "SNR", snrDb, "dB")
                .Number("ber", "bit error rate", OqpskErrorModel.BitErrorRate(ratio), "", "G9")
                .Flag("receivable", "receivable (SNR > -5 dB)", ratio > Ieee802154Phy.ReceptionThreshold);
            if (bitCount is { } n)
            {
                report
                    .Number("bits", "frame length", n, "bits")
                    .Number("packet_success", "packet success rate", OqpskErrorModel.PacketSuccessRate(ratio, n), "", "G9");
            }

            return report;
        }));
        return command;
    }

    private static Option<bool> JsonOption() => new("--json") { Description = "Print one JSON object (stable keys) instead of text." };

    private static ICellTemperatureModel CellModel(string? name, double? noctC) => name?.ToUpperInvariant() switch
    {
        "SAPM" => SapmCellTemperature.OpenRackGlassGlass,
        "FAIMAN" => new FaimanCellTemperature(),
        "ROSS" => noctC is { } n
            ? (n is >= 20 and <= 100 ? new RossCellTemperature(n) : throw new ArgumentException("--noct must be in [20, 100] °C"))
            : throw new ArgumentException("--temperature-model ross needs --noct"),
        _ => throw new ArgumentException("--temperature-model must be sapm, faiman or ross"),
    };

    private static double CheckedWind(double windSpeed)
    {
        Check(windSpeed is >= 0 and < 100, "--wind-speed must be in [0, 100) m/s");
        return windSpeed;
    }

    // An explicit offset is required: a bare local time would depend on the machine's time zone.
    private static DateTimeOffset ParseInstant(string text)
    {
        bool parsed = DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out DateTime kind)
            & DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset instant);
        Check(parsed, "--time must be an ISO 8601 date-time, e.g. 2003-10-17T12:30:30-07:00");
        Check(kind.Kind != DateTimeKind.Unspecified, "--time needs a UTC offset or Z, e.g. 2003-10-17T12:30:30-07:00");
        return instant;
    }

    private static double Limit360(double degrees)
    {
        double r = degrees % 360.0;
        return r < 0 ? r + 360.0 : r;
    }

    private static void Check(bool ok, string message)
    {
        if (!ok)
        {
            throw new ArgumentException(message);
        }
    }

    private static int Run(bool json, Func<Report> compute)
    {
        Report report;
        try
        {
            report = compute();
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine("error: " + OneLine(e));
            return ExitCodes.InvalidInput;
        }

        Console.Out.Write(json ? report.ToJson() : report.ToText());
        return ExitCodes.Ok;
    }

    // Model exceptions append "(Parameter 'x')" and "Actual value was …" lines; the user needs only the reason.
    private static string OneLine(ArgumentException e)
    {
        string message = e.Message;
        int newline = message.IndexOfAny(['\r', '\n']);
        if (newline >= 0)
        {
            message = message[..newline];
        }

        return e.ParamName is { } name ? message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : message;
    }

    [GeneratedRegex(@"^\s*4\s*/\s*([5-8])\s*$")]
    private static partial Regex CodingRatePattern();

    /// <summary>An ordered set of named results, printed as JSON or as aligned text.</summary>
    private sealed class Report
    {
        private readonly List<Item> _items = [];

        public Report Number(string key, string label, double value, string unit, string textFormat = "0.######")
        {
            _items.Add(new Item(key, label, value, unit, textFormat));
            return this;
        }

        public Report Text(string key, string label, string value)
        {
            _items.Add(new Item(key, label, value, string.Empty, string.Empty));
            return this;
        }

        public Report Flag(string key, string label, bool value)
        {
            _items.Add(new Item(key, label, value, string.Empty, string.Empty));
            return this;
        }

        public Report Table(string key, IReadOnlyList<Column> columns, IReadOnlyList<double[]> rows)
        {
            _items.Add(new Item(key, string.Empty, new TableValue(columns, rows), string.Empty, string.Empty));
            return this;
        }

        public string ToJson()
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                foreach (Item item in _items)
                {
                    switch (item.Value)
                    {
                        case double d:
                            WriteNumber(writer, item.Key, d);
                            break;
                        case TableValue table:
                            writer.WriteStartArray(item.Key);
                            foreach (double[] row in table.Rows)
                            {
                                writer.WriteStartObject();
                                for (int c = 0; c < table.Columns.Count; c++)
                                {
                                    WriteNumber(writer, table.Columns[c].Key, row[c]);
                                }

                                writer.WriteEndObject();
                            }

                            writer.WriteEndArray();
                            break;
                        case bool b:
                            writer.WriteBoolean(item.Key, b);
                            break;
                        default:
                            writer.WriteString(item.Key, (string)item.Value);
                            break;
                    }
                }

                writer.WriteEndObject();
            }

            return Encoding.UTF8.GetString(buffer.ToArray()) + Environment.NewLine;
        }

        public string ToText()
        {
            int width = _items.Where(i => i.Value is not TableValue).Max(i => i.Label.Length);
            var text = new StringBuilder();
            foreach (Item item in _items)
            {
                if (item.Value is TableValue table)
                {
                    table.AppendText(text);
                    continue;
                }

                string value = item.Value switch
                {
                    double d => d.ToString(item.Format, CultureInfo.InvariantCulture),
                    bool b => b ? "yes" : "no",
                    _ => (string)item.Value,
                };
                string line = item.Unit.Length == 0 ? value : value + " " + item.Unit;
                text.Append(item.Label.PadRight(width + 2)).AppendLine(line);
            }

            return text.ToString();
        }

        // Non-finite numbers (an unbounded lifetime or range) have no JSON form: they are written as null.
        private static void WriteNumber(Utf8JsonWriter writer, string key, double value)
        {
            if (double.IsFinite(value))
            {
                writer.WriteNumber(key, value);
            }
            else
            {
                writer.WriteNull(key);
            }
        }

        private sealed record Item(string Key, string Label, object Value, string Unit, string Format);

        /// <summary>Rows of numbers: a JSON array of objects, or an aligned text table with a header line.</summary>
        private sealed record TableValue(IReadOnlyList<Column> Columns, IReadOnlyList<double[]> Rows)
        {
            public void AppendText(StringBuilder text)
            {
                string[][] cells = [.. Rows.Select(row => Columns.Select((c, i) => row[i].ToString(c.Format, CultureInfo.InvariantCulture)).ToArray())];
                int[] widths = [.. Columns.Select((c, i) => cells.Select(r => r[i].Length).Append(c.Header.Length).Max())];
                text.AppendLine(string.Join("  ", Columns.Select((c, i) => c.Header.PadLeft(widths[i]))));
                foreach (string[] row in cells)
                {
                    text.AppendLine(string.Join("  ", row.Select((cell, i) => cell.PadLeft(widths[i]))));
                }
            }
        }
    }

    /// <summary>A numeric column of a <see cref="Report"/> table: JSON key, text header and text format.</summary>
    private sealed record Column(string Key, string Header, string Format);
}
