using System.Text.Json;
using SensorNet.RadioModels.Ieee802154;
using SensorNet.Scenarios.Tests.Support;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.Scenarios.Tests.Cli;

/// <summary>Runs <c>sensornet calc …</c> through the real executable and checks the JSON against published numbers.</summary>
public class CalcCommandTests
{
    [Fact]
    public void SolarPosition_GoldenExample_MatchesNrelSpa()
    {
        using JsonDocument doc = CalcJson(
            "solar-position", "--time", "2003-10-17T12:30:30-07:00", "--lat", "39.742476", "--lon", "-105.1786",
            "--elevation", "1830.14", "--pressure", "820", "--temperature", "11", "--delta-t", "67",
            "--slope", "30", "--azimuth-rotation", "-10");
        JsonElement r = doc.RootElement;

        // Reda & Andreas (2008) / NREL spa_tester: 50.111622°, 194.340241°, 25.187000°.
        Assert.Equal(50.111622, r.GetProperty("zenith_deg").GetDouble(), 1e-6);
        Assert.Equal(194.340241, r.GetProperty("azimuth_deg").GetDouble(), 1e-6);
        Assert.Equal(25.187000, r.GetProperty("incidence_deg").GetDouble(), 1e-6);
        Assert.Equal("2003-10-17T19:30:30Z", r.GetProperty("time_utc").GetString());
    }

    [Fact]
    public void SolarPosition_WithoutSlope_HasNoIncidence()
    {
        using JsonDocument doc = CalcJson("solar-position", "--time", "2003-10-17T19:30:30Z", "--lat", "39.742476", "--lon", "-105.1786");

        Assert.False(doc.RootElement.TryGetProperty("incidence_deg", out _));
        Assert.InRange(doc.RootElement.GetProperty("zenith_deg").GetDouble(), 50.0, 50.3);
    }

    [Fact]
    public void ClearSky_Haurwitz_MatchesFormula()
    {
        using JsonDocument doc = CalcJson("clear-sky", "--model", "haurwitz", "--zenith", "60");

        // pvlib test_haurwitz: apparent elevation 30° → 487.894132885425 W/m².
        Assert.Equal(487.894132885425, doc.RootElement.GetProperty("ghi_w_m2").GetDouble(), 1e-9);
    }

    [Fact]
    public void ClearSky_Ineichen_MatchesPvlibVector()
    {
        using JsonDocument doc = CalcJson(
            "clear-sky", "--model", "ineichen", "--zenith", "10", "--airmass", "1", "--linke-turbidity", "3", "--altitude", "0", "--dni-extra", "1364");
        JsonElement r = doc.RootElement;

        // pvlib test_ineichen_scalar_input.
        Assert.Equal(1038.159219, r.GetProperty("ghi_w_m2").GetDouble(), 1e-6);
        Assert.Equal(942.2081860378344, r.GetProperty("dni_w_m2").GetDouble(), 1e-9);
        Assert.Equal(110.26529293612793, r.GetProperty("dhi_w_m2").GetDouble(), 1e-9);
    }

    [Fact]
    public void PvPower_PvWattsHandCalculation()
    {
        using JsonDocument doc = CalcJson("pv-power", "--irradiance", "900", "--cell-temperature", "30", "--pdc0", "100", "--gamma", "-0.003");

        Assert.Equal(88.65, doc.RootElement.GetProperty("power_w").GetDouble(), 1e-12);
    }

    [Fact]
    public void PvPower_AmbientTemperatureAndMppt()
    {
        using JsonDocument doc = CalcJson(
            "pv-power", "--irradiance", "800", "--ambient-temperature", "20", "--temperature-model", "ross", "--noct", "45",
            "--area", "0.01", "--efficiency", "0.2", "--gamma", "-0.004", "--mppt-efficiency", "0.9");
        JsonElement r = doc.RootElement;

        // Ross at NOCT conditions gives 45 °C; pdc0 = 0.01·0.2·1000 = 2 W; 0.8·2·(1 − 0.004·20) = 1.472 W; ·0.9.
        Assert.Equal(45.0, r.GetProperty("cell_temperature_c").GetDouble(), 1e-12);
        Assert.Equal(1.472, r.GetProperty("power_w").GetDouble(), 1e-12);
        Assert.Equal(1.472 * 0.9, r.GetProperty("output_power_w").GetDouble(), 1e-12);
    }

    [Fact]
    public void LoRaAirtime_Sf7_Is41216Microseconds()
    {
        using JsonDocument doc = CalcJson("lora-airtime", "--sf", "7", "--bw", "125", "--cr", "4/5", "--payload", "10");
        JsonElement r = doc.RootElement;

        // ns-3 lorawan / TTN toa_test.go vector.
        Assert.Equal(41.216, r.GetProperty("airtime_ms").GetDouble(), 1e-9);
        Assert.Equal(1.024, r.GetProperty("symbol_time_ms").GetDouble(), 1e-12);
        Assert.Equal(28, r.GetProperty("payload_symbols").GetInt32());
        Assert.False(r.GetProperty("ldro").GetBoolean());
    }

    [Fact]
    public void LoRaAirtime_Sf12_Is991232MicrosecondsWithLdro()
    {
        using JsonDocument doc = CalcJson("lora-airtime", "--sf", "12", "--bw", "125", "--cr", "4/5", "--payload", "10");
        JsonElement r = doc.RootElement;

        Assert.Equal(991.232, r.GetProperty("airtime_ms").GetDouble(), 1e-9);
        Assert.True(r.GetProperty("ldro").GetBoolean());
    }

    [Fact]
    public void LoRaAirtime_OptionsReachTheModel()
    {
        using JsonDocument on = CalcJson("lora-airtime", "--sf", "12", "--bw", "125", "--cr", "4/5", "--payload", "30");
        using JsonDocument off = CalcJson("lora-airtime", "--sf", "12", "--bw", "125", "--cr", "4/5", "--payload", "30", "--ldro", "off");
        using JsonDocument bare = CalcJson("lora-airtime", "--sf", "7", "--bw", "125", "--cr", "4/8", "--payload", "10", "--implicit-header", "--no-crc", "--preamble", "12", "--chip", "sx126x");

        // PL 30 at SF12: ceil(236/40) = 6 blocks with LDRO, ceil(236/48) = 5 without.
        Assert.Equal(38, on.RootElement.GetProperty("payload_symbols").GetInt32());
        Assert.Equal(33, off.RootElement.GetProperty("payload_symbols").GetInt32());
        Assert.False(off.RootElement.GetProperty("ldro").GetBoolean());

        // Implicit header, no CRC, CR 4/8: 8 + ceil((80 − 28 + 28 − 20)/28)·8 = 32 symbols; (12 + 4.25 + 32)·1.024 ms.
        Assert.Equal(32, bare.RootElement.GetProperty("payload_symbols").GetInt32());
        Assert.Equal(49.408, bare.RootElement.GetProperty("airtime_ms").GetDouble(), 1e-9);
        Assert.False(bare.RootElement.GetProperty("crc").GetBoolean());
        Assert.False(bare.RootElement.GetProperty("explicit_header").GetBoolean());
    }

    [Fact]
    public void LoRaRange_LoRaSimCode_Sf12_MatchesLoRaSimMaxDist()
    {
        // loraDir.py: maxDist = d0 · e^((Lpl − Lpld0)/(10·γ)), Lpl = Ptx − minsensi. Its minsensi is sensi[5,2] =
        // −132.25 dBm, the SF12 entry of the BW250 column, so --bw 250 reproduces the code's number (≈ 98.95 m).
        using JsonDocument code = CalcJson("lora-range", "--preset", "lorasim", "--sensitivity", "lorasim", "--bw", "250");
        JsonElement sf12 = Row(code, 12);
        double expected = 40.0 * Math.Exp((14.0 - (-132.25) - 127.41) / (10 * 2.08));

        Assert.Equal("lorasim-code", code.RootElement.GetProperty("preset").GetString());
        Assert.Equal(-132.25, sf12.GetProperty("sensitivity_dbm").GetDouble());
        Assert.Equal(expected, sf12.GetProperty("range_m").GetDouble(), 1e-9);
        Assert.Equal(expected, sf12.GetProperty("range_5sigma_m").GetDouble(), 1e-9);
        Assert.InRange(expected, 98.9, 99.0);

        // The table's actual BW125 value at SF12 (−133.25 dBm), through the same inverse.
        using JsonDocument bw125 = CalcJson("lora-range", "--preset", "lorasim", "--sensitivity", "lorasim");
        Assert.Equal(40.0 * Math.Exp((14.0 + 133.25 - 127.41) / 20.8), Row(bw125, 12).GetProperty("range_m").GetDouble(), 1e-9);
    }

    [Fact]
    public void LoRaRange_Defaults_AreBorWithSx1272AndShowBothRanges()
    {
        using JsonDocument doc = CalcJson("lora-range");
        JsonElement r = doc.RootElement;

        Assert.Equal("bor-et-al-2016", r.GetProperty("preset").GetString());
        Assert.Equal(14.0, r.GetProperty("tx_power_dbm").GetDouble());
        Assert.Equal(125.0, r.GetProperty("bandwidth_khz").GetDouble());
        Assert.Equal("sx1272", r.GetProperty("sensitivity_table").GetString());
        Assert.Equal([7, 8, 9, 10, 11, 12], r.GetProperty("rows").EnumerateArray().Select(row => row.GetProperty("sf").GetInt32()));

        // SX1272 SF7/BW125 −124 dBm: budget 138 dB; median range 40·10^((138 − 127.41)/20.8); bound adds 5σ = 17.85 dB.
        JsonElement sf7 = Row(doc, 7);
        Assert.Equal(-124.0, sf7.GetProperty("sensitivity_dbm").GetDouble());
        Assert.Equal(138.0, sf7.GetProperty("link_budget_db").GetDouble(), 1e-12);
        Assert.Equal(40.0 * Math.Pow(10, (138.0 - 127.41) / 20.8), sf7.GetProperty("range_m").GetDouble(), 1e-9);
        Assert.Equal(40.0 * Math.Pow(10, (138.0 + 17.85 - 127.41) / 20.8), sf7.GetProperty("range_5sigma_m").GetDouble(), 1e-9);
    }

    [Fact]
    public void LoRaRange_FreeSpace_UsesFrequencyGainAndGatewayTable()
    {
        using JsonDocument doc = CalcJson("lora-range", "--preset", "free-space", "--frequency", "915", "--tx-power", "20", "--antenna-gain", "3", "--sensitivity", "sx1301");

        // SX1301 SF12 −142.5 dBm: budget 20 + 3 + 142.5 = 165.5 dB; Friis inverse d = λ/(4π) · 10^(165.5/20).
        double expected = 299_792_458.0 / 915e6 / (4 * Math.PI) * Math.Pow(10, 165.5 / 20);
        Assert.Equal(915.0, doc.RootElement.GetProperty("frequency_mhz").GetDouble(), 1e-9);
        Assert.Equal(expected, Row(doc, 12).GetProperty("range_m").GetDouble(), expected * 1e-12);
    }

    [Fact]
    public void LoRaRange_TextOutput_IsATable()
    {
        (int code, string stdout, string stderr) = Sensornet("calc", "lora-range", "--preset", "lorasim", "--sensitivity", "lorasim", "--bw", "250");

        Assert.True(code == 0, stderr);
        Assert.Contains("range m", stdout, StringComparison.Ordinal);
        Assert.Contains("median range", stdout, StringComparison.Ordinal);
        Assert.Contains("99", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("{", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void OqpskBer_MaxFrameAtMinus1Db_MatchesTheLibrary()
    {
        using JsonDocument doc = CalcJson("oqpsk-ber", "--snr-db", "-1", "--bits", "1016");
        JsonElement r = doc.RootElement;

        Assert.Equal(-1.0, r.GetProperty("snr_db").GetDouble());
        Assert.Equal(OqpskErrorModel.BitErrorRate(new Decibels(-1)), r.GetProperty("ber").GetDouble());
        Assert.Equal(OqpskErrorModel.PacketSuccessRate(new Decibels(-1), 1016), r.GetProperty("packet_success").GetDouble());
        Assert.Equal(1016, r.GetProperty("bits").GetInt32());
        Assert.True(r.GetProperty("receivable").GetBoolean());

        // (1 − 1.1489437e−3)^1016 ≈ 0.31099 (50-digit evaluation).
        Assert.Equal(0.3109889412871357, r.GetProperty("packet_success").GetDouble(), 1e-12);
    }

    [Fact]
    public void OqpskBer_Ns3Vector5Db_WithoutBits_HasNoPacketSuccess()
    {
        using JsonDocument doc = CalcJson("oqpsk-ber", "--snr-db", "5");
        JsonElement r = doc.RootElement;

        // ns-3 lr-wpan-error-model-test.cc: 7.38e−14; 50-digit value 7.3860094e−14.
        Assert.Equal(7.3860094e-14, r.GetProperty("ber").GetDouble(), 7.3860094e-14 * 1e-7);
        Assert.False(r.TryGetProperty("packet_success", out _));
    }

    [Fact]
    public void OqpskBer_AtTheThreshold_IsNotReceivable()
    {
        using JsonDocument doc = CalcJson("oqpsk-ber", "--snr-db", "-5");

        Assert.False(doc.RootElement.GetProperty("receivable").GetBoolean());
    }

    [Fact]
    public void BatteryLife_Linear_IsEnergyOverPower()
    {
        // 225 mAh × 3.0 V = 2430 J; 50 µA × 3.0 V = 150 µW; 2430 J / 150 µW = 16 200 000 s = 187.5 days.
        using JsonDocument doc = CalcJson("battery-life", "--load", "50 uA", "--capacity", "225 mAh", "--voltage", "3.0 V");
        JsonElement r = doc.RootElement;

        Assert.Equal(2430.0, r.GetProperty("stored_energy_j").GetDouble(), 9);
        Assert.Equal(150e-6, r.GetProperty("load_w").GetDouble(), 15);
        Assert.Equal(16_200_000.0, r.GetProperty("lifetime_s").GetDouble(), 1e-6);
        Assert.Equal(187.5, r.GetProperty("lifetime_days").GetDouble(), 1e-9);
        Assert.False(r.GetProperty("sustainable").GetBoolean());
    }

    [Fact]
    public void BatteryLife_Kibam_StrandsBoundCharge_SoItEndsBeforeTheLinearBattery()
    {
        // With c = 0.166 and a high load, part of the charge is still bound when the available well empties:
        // c · E/P < t < E/P (E/P = 2430 J / 3 mW = 810 000 s).
        using JsonDocument doc = CalcJson("battery-life", "--load", "1 mA", "--capacity", "225 mAh", "--voltage", "3.0 V", "--storage", "kibam", "--capacity-ratio", "0.166", "--rate-constant", "2.0");
        double t = doc.RootElement.GetProperty("lifetime_s").GetDouble();

        Assert.InRange(t, 0.166 * 810_000, 810_000 * 0.999);
    }

    [Fact]
    public void BatteryLife_Supercapacitor_UsesEnergyDownToTheMinimumVoltage_AndAHarvestAboveTheLoadSustains()
    {
        // ½ · 1 F · (5² − 1.8²) V² = 10.88 J at 150 µW: 72 533.333 s.
        using JsonDocument drained = CalcJson("battery-life", "--load", "150 uW", "--storage", "supercap", "--capacitance", "1 F", "--max-voltage", "5 V", "--min-voltage", "1.8 V");
        Assert.Equal(72_533.333333, drained.RootElement.GetProperty("lifetime_s").GetDouble(), 1e-5);

        using JsonDocument sustained = CalcJson("battery-life", "--load", "150 uW", "--harvest", "200 uW", "--storage", "supercap", "--capacitance", "1 F", "--max-voltage", "5 V", "--min-voltage", "1.8 V");
        Assert.True(sustained.RootElement.GetProperty("sustainable").GetBoolean());
        Assert.Equal(JsonValueKind.Null, sustained.RootElement.GetProperty("lifetime_s").ValueKind);
    }

    [Fact]
    public void TextOutput_IsReadable()
    {
        (int code, string stdout, string stderr) = Sensornet("calc", "lora-airtime", "--sf", "7", "--bw", "125", "--cr", "4/5", "--payload", "10");

        Assert.True(code == 0, stderr);
        Assert.Contains("41.216 ms", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("{", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--sf must be 5–12", "lora-airtime", "--sf", "13", "--bw", "125", "--cr", "4/5", "--payload", "10")]
    [InlineData("--sf must be 5–12", "lora-airtime", "--sf", "4", "--bw", "125", "--cr", "4/5", "--payload", "10")]
    [InlineData("--cr must be", "lora-airtime", "--sf", "7", "--bw", "125", "--cr", "4/9", "--payload", "10")]
    [InlineData("--payload must be", "lora-airtime", "--sf", "7", "--bw", "125", "--cr", "4/5", "--payload", "256")]
    [InlineData("--bw must be", "lora-airtime", "--sf", "7", "--bw", "0", "--cr", "4/5", "--payload", "10")]
    [InlineData("--bw must be 125, 250 or 500", "lora-range", "--bw", "200")]
    [InlineData("--preset must be", "lora-range", "--preset", "okumura")]
    [InlineData("--sensitivity must be", "lora-range", "--sensitivity", "sx1276")]
    [InlineData("--sensitivity sx1301 has no values at --bw 500", "lora-range", "--sensitivity", "sx1301", "--bw", "500")]
    [InlineData("--frequency applies only to --preset free-space", "lora-range", "--frequency", "915")]
    [InlineData("--tx-power must be", "lora-range", "--tx-power", "100")]
    [InlineData("--irradiance must be", "pv-power", "--irradiance", "-1", "--cell-temperature", "30", "--pdc0", "100", "--gamma", "-0.003")]
    [InlineData("either --pdc0", "pv-power", "--irradiance", "900", "--cell-temperature", "30", "--gamma", "-0.003")]
    [InlineData("--lat must be", "solar-position", "--time", "2003-10-17T12:30:30Z", "--lat", "91", "--lon", "0")]
    [InlineData("--lon must be", "solar-position", "--time", "2003-10-17T12:30:30Z", "--lat", "0", "--lon", "-181")]
    [InlineData("UTC offset", "solar-position", "--time", "2003-10-17T12:30:30", "--lat", "0", "--lon", "0")]
    [InlineData("--model must be", "clear-sky", "--model", "perez", "--zenith", "10")]
    [InlineData("--linke-turbidity", "clear-sky", "--model", "ineichen", "--zenith", "10")]
    [InlineData("--load: expected a current ('50 uA') or a power", "battery-life", "--load", "5", "--capacity", "225 mAh", "--voltage", "3 V")]
    [InlineData("--storage kibam needs --capacity-ratio", "battery-life", "--load", "5 uA", "--capacity", "225 mAh", "--voltage", "3 V", "--storage", "kibam")]
    [InlineData("--capacitance is required", "battery-life", "--load", "5 uA", "--storage", "supercap", "--max-voltage", "5 V")]
    [InlineData("--storage must be", "battery-life", "--load", "5 uA", "--storage", "nimh")]
    [InlineData("--storage supercap needs --load as a power", "battery-life", "--load", "50 uA", "--storage", "supercap", "--capacitance", "1 F", "--max-voltage", "5 V")]
    [InlineData("--load:", "battery-life", "--load", "1e27 kW", "--capacity", "225 mAh", "--voltage", "3 V")]
    [InlineData("--snr-db must be a finite", "oqpsk-ber", "--snr-db", "NaN")]
    [InlineData("--snr-db must be a finite", "oqpsk-ber", "--snr-db", "Infinity")]
    [InlineData("--bits must be 1–1016", "oqpsk-ber", "--snr-db", "3", "--bits", "0")]
    [InlineData("--bits must be 1–1016", "oqpsk-ber", "--snr-db", "3", "--bits", "1017")]
    [InlineData("'--snr-db' is required", "oqpsk-ber", "--bits", "8")]
    [InlineData("'--lat' is required", "solar-position", "--time", "2003-10-17T12:30:30Z", "--lon", "0")]
    public void InvalidArguments_ExitTwoWithOneLineReason(string reason, params string[] args)
    {
        (int code, string stdout, string stderr) = Sensornet(["calc", .. args]);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
    }

    private static JsonElement Row(JsonDocument doc, int sf) =>
        doc.RootElement.GetProperty("rows").EnumerateArray().Single(row => row.GetProperty("sf").GetInt32() == sf);

    private static JsonDocument CalcJson(params string[] args)
    {
        (int code, string stdout, string stderr) = Sensornet(["calc", .. args, "--json"]);
        Assert.True(code == 0, stderr);
        return JsonDocument.Parse(stdout);
    }

    private static (int Code, string Stdout, string Stderr) Sensornet(params string[] args) => ChildProcess.Sensornet(args);
}
