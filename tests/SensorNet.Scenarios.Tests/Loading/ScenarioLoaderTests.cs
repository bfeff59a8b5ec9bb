using SensorNet.Energy.Storage;
using SensorNet.RadioModels.LoRa;
using SensorNet.Scenarios.Loading;
using SensorNet.Scenarios.Running;
using SensorNet.Scenarios.Tests.Support;
using SensorNet.SimEngine.Configuration;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Scenarios.Tests.Loading;

public class ScenarioLoaderTests
{
    private static string Quickstart => File.ReadAllText(RepoPaths.Example("quickstart.yaml"));

    [Fact]
    public void LoadFile_Quickstart_ResolvesEveryValue()
    {
        ScenarioConfig c = ScenarioLoader.LoadFile(RepoPaths.Example("quickstart.yaml"));

        Assert.Equal("quickstart", c.Name);
        Assert.Equal(42UL, c.Seed);
        Assert.Equal(86_400_000_000_000L, c.Duration.Nanoseconds);
        var g = Assert.IsType<LoRaSenseGroupConfig>(Assert.Single(c.Groups));
        Assert.Equal("field", g.Name);
        Assert.Equal(10, g.Count);
        Assert.Equal(9, g.Radio.Modulation.SpreadingFactor);
        Assert.Equal(LdroMode.Auto, g.Radio.Modulation.Ldro);
        var storage = Assert.IsType<LinearBatteryConfig>(g.Storage);
        Assert.Equal(2430.0, storage.Capacity.Value, 9);
        Assert.Equal(storage.Capacity, storage.Initial);
    }

    [Fact]
    public void Parse_Json_GivesTheSameConfigAsYaml()
    {
        const string json = """
            {"name": "quickstart", "seed": 42, "duration": "1 d", "outputs": {"energySampleInterval": "10 min"},
             "nodes": [{"kind": "loraSenseAndSend", "name": "field", "count": 10, "placement": {"kind": "grid", "columns": 5, "spacing": "100 m"}, "mcu": "nrf52840",
                       "radio": {"kind": "lora", "chip": "sx1276", "txPower": "14 dBm", "spreadingFactor": 9, "bandwidth": "125 kHz", "codingRate": "4/5"},
                       "app": {"kind": "senseAndSend", "period": "10 min", "jitter": "30 s", "payload": "20 B", "senseCycles": 20000, "interruptCycles": 2000},
                       "storage": {"kind": "linearBattery", "capacity": "225 mAh", "voltage": "3.0 V"}}]}
            """;

        ScenarioConfig fromJson = ScenarioLoader.Parse(json, "q.json");
        ScenarioConfig fromYaml = ScenarioLoader.Parse(Quickstart, "q.yaml");

        Assert.Equal(fromYaml, fromJson);
    }

    [Theory]
    [InlineData("    spreadingFactor: 9", "    spreadingFactr: 9", 21, 7, "nodes[0].radio.spreadingFactr", "did you mean 'spreadingFactor'?")]
    [InlineData("    spreadingFactor: 9", "    spreadingFactor: 13", 21, 24, "nodes[0].radio.spreadingFactor", "an integer in [7, 12]")]
    [InlineData("    capacity: 225 mAh", "    capacity: 225", 33, 17, "nodes[0].storage.capacity", "with a unit")]
    [InlineData("    capacity: 225 mAh", "    capacity: -5 mAh", 33, 17, "nodes[0].storage.capacity", "capacity > 0")]
    [InlineData("      kind: lora\n", "      kind: lorawan\n", 18, 13, "nodes[0].radio.kind", "did you mean 'lora'?")]
    [InlineData("duration: 1 d", "duration: 1 fortnight", 7, 11, "duration", "unit 'fortnight'")]
    [InlineData("    period: 10 min", "    period: 150 ms", 26, 15, "nodes[0].app.period", "one reading takes")]
    [InlineData("    txPower: 14 dBm", "    txPower: 30 dBm", 20, 16, "nodes[0].radio.txPower", "-2..20 dBm")]
    [InlineData("  mcu: nrf52840", "  mcu: esp8266", 16, 10, "nodes[0].mcu", "nrf52840")]
    [InlineData("    jitter: 30 s", "    jitter: 6 min", 27, 15, "nodes[0].app.jitter", "less than half the period")]
    [InlineData("  - kind: loraSenseAndSend", "  - kind: loraSenseAndSned", 9, 11, "nodes[0].kind", "did you mean 'loraSenseAndSend'?")]
    public void Parse_InvalidValue_ReportsLineColumnFieldPathAndExpectation(string from, string to, int line, int column, string path, string expected)
    {
        string text = Quickstart.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(Quickstart, text);

        var e = Assert.Throws<ConfigurationException>(() => ScenarioLoader.Parse(text, "quickstart.yaml"));

        Assert.Equal(path, e.FieldPath);
        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.StartsWith($"quickstart.yaml:{line}:{column}: {path}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    private const string LinearStorage = "      kind: linearBattery\n      capacity: 225 mAh\n      voltage: 3.0 V\n";

    [Fact]
    public void Parse_KibamStorage_GivesEachNodeATwoWellBatteryWithTheFileValues()
    {
        string text = Quickstart.Replace(LinearStorage, "      kind: kibamBattery\n      capacity: 225 mAh\n      voltage: 3.0 V\n      capacityRatio: 0.166\n      rateConstant: 2.0 /h\n      initialStateOfCharge: 0.8\n", StringComparison.Ordinal);
        Assert.NotEqual(Quickstart, text);

        NodeGroupConfig g = Assert.Single(ScenarioLoader.Parse(text, "q.yaml").Groups);

        var kibam = Assert.IsType<KibamBatteryConfig>(g.Storage);
        Assert.Equal(0.225, kibam.CapacityAmpereHours, 12);
        Assert.Equal((0.166, 2.0, 0.8), (kibam.CapacityRatio, kibam.RateConstantPerHour, kibam.InitialStateOfCharge));
        var battery = Assert.IsType<KibamBattery>(g.Storage.Create());
        Assert.Equal(2430.0, battery.Capacity.Value, 9); // 0.225 A·h × 3600 s/h × 3.0 V
        Assert.Equal(1944.0, battery.Stored.Value, 9);
        Assert.NotSame(g.Storage.Create(), g.Storage.Create());
    }

    [Fact]
    public void Parse_Supercapacitor_StoresHalfCVSquared_AndKeepsItsLeakage()
    {
        string text = Quickstart.Replace(LinearStorage, "      kind: supercapacitor\n      capacitance: 470 mF\n      maximumVoltage: 5.0 V\n      minimumVoltage: 1.8 V\n      initialVoltage: 4.0 V\n      leakageCurrent: 5 uA\n", StringComparison.Ordinal);

        NodeGroupConfig g = Assert.Single(ScenarioLoader.Parse(text, "q.yaml").Groups);

        var cap = Assert.IsType<Supercapacitor>(g.Storage.Create());
        Assert.Equal(0.47, cap.CapacitanceFarads, 12);
        Assert.Equal(0.5 * 0.47 * 16, cap.Stored.Value, 9);
        Assert.Equal(0.5 * 0.47 * 25, cap.Capacity.Value, 9);
        Assert.Equal(5e-6, cap.LeakageCurrent.Value, 15);
        Assert.Equal("supercapacitor", g.Storage.Kind);
    }

    [Fact]
    public void Parse_PeukertLiIonAndCoinCell_BuildTheirModels()
    {
        NodeGroupConfig With(string storage) => Assert.Single(ScenarioLoader.Parse(Quickstart.Replace(LinearStorage, storage, StringComparison.Ordinal), "q.yaml").Groups);

        NodeGroupConfig peukert = With("      kind: peukertBattery\n      capacity: 2000 mAh\n      ratedDischargeTime: 10 h\n      exponent: 1.2\n      voltage: 3.7 V\n");
        Assert.Equal(new PeukertBatteryConfig(2.0, 10.0, 1.2, new Volts(3.7), 1.0), peukert.Storage);
        Assert.IsType<PeukertBattery>(peukert.Storage.Create());

        NodeGroupConfig liIon = With("      kind: liIonBattery\n      capacity: 1000 mAh\n      internalResistance: 150 mΩ\n      cutoffVoltage: 3.0 V\n      initialStateOfCharge: 0.5\n");
        var li = Assert.IsType<LiIonBatteryConfig>(liIon.Storage);
        Assert.Equal((1000.0, 0.15, 3.0, 0.5), (li.CapacityMilliampereHours, li.InternalResistanceOhms, li.CutoffVoltage.Value, li.InitialStateOfCharge));
        Assert.IsType<LiIonBattery>(liIon.Storage.Create());

        NodeGroupConfig coin = With("      kind: coinCell\n");
        Assert.Equal(new CoinCellConfig(225.0, 0.0, 1.0), coin.Storage);
        Assert.IsType<CoinCell>(coin.Storage.Create());
    }

    private const string Kibam = "      kind: kibamBattery\n      capacity: 225 mAh\n      voltage: 3.0 V\n      capacityRatio: 0.166\n      rateConstant: 2.0 /h\n";
    private const string Supercap = "      kind: supercapacitor\n      capacitance: 470 mF\n      maximumVoltage: 5.0 V\n      minimumVoltage: 1.8 V\n      initialVoltage: 4.0 V\n";

    [Theory]
    [InlineData(Kibam, "      rateConstant: 2.0 /h\n", "      rateConstant: 2.0\n", "nodes[0].storage.rateConstant", "per hour")]
    [InlineData(Kibam, "      capacityRatio: 0.166\n", "      capacityRatio: 1.5\n", "nodes[0].storage.capacityRatio", "a fraction in (0, 1]")]
    [InlineData(Kibam, "      kind: kibamBattery\n", "      kind: kibam\n", "nodes[0].storage.kind", "expected one of linearBattery, kibamBattery, peukertBattery, liIonBattery, coinCell, supercapacitor")]
    [InlineData(Kibam, "      voltage: 3.0 V\n", "      voltage: 0 V\n", "nodes[0].storage.voltage", "> 0 V")]
    [InlineData(Kibam, "      capacityRatio: 0.166\n", "      capacityRatio: 0.166\n      leakageCurrent: 1 uA\n", "nodes[0].storage.leakageCurrent", "unknown key 'leakageCurrent'")]
    [InlineData(Supercap, "      minimumVoltage: 1.8 V\n", "      minimumVoltage: 6 V\n", "nodes[0].storage.minimumVoltage", "below maximumVoltage")]
    [InlineData(Supercap, "      initialVoltage: 4.0 V\n", "      initialVoltage: 5.5 V\n", "nodes[0].storage.initialVoltage", "between 0 V and maximumVoltage")]
    [InlineData(Supercap, "      capacitance: 470 mF\n", "      capacitance: 470\n", "nodes[0].storage.capacitance", "with a unit")]
    [InlineData("      kind: peukertBattery\n      capacity: 2000 mAh\n      exponent: 1.2\n      voltage: 3.7 V\n", "      exponent: 1.2\n", "      exponent: 0.9\n", "nodes[0].storage.exponent", "a Peukert exponent in [1, 2]")]
    [InlineData("      kind: coinCell\n      capacity: 225 mAh\n", "      capacity: 225 mAh\n", "      capacity: 2430 J\n", "nodes[0].storage.capacity", "a charge")]
    [InlineData("      kind: coinCell\n      internalResistance: 15 ohm\n", "      internalResistance: 15 ohm\n", "      internalResistance: -1 ohm\n", "nodes[0].storage.internalResistance", "≥ 0 Ω")]
    [InlineData("      kind: liIonBattery\n      capacity: 1000 mAh\n      cutoffVoltage: 3.0 V\n", "      cutoffVoltage: 3.0 V\n", "", "nodes[0].storage.cutoffVoltage", "required key is missing")]
    public void Parse_InvalidStorage_ReportsTheFieldAndExpectation(string storage, string from, string to, string path, string expected)
    {
        string valid = Quickstart.Replace(LinearStorage, storage, StringComparison.Ordinal);
        string text = valid.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(valid, text);
        _ = ScenarioLoader.Parse(valid, "q.yaml"); // the unmodified storage is valid

        var e = Assert.Throws<ConfigurationException>(() => ScenarioLoader.Parse(text, "q.yaml"));

        Assert.Equal(path, e.FieldPath);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Outputs_PowerStateTraceIsOptInAndABoolean()
    {
        Assert.False(ScenarioLoader.Parse(Quickstart, "q.yaml").PowerStateTrace);
        Assert.True(ScenarioLoader.Parse(Quickstart.Replace("outputs:\n", "outputs:\n  powerStateTrace: true\n", StringComparison.Ordinal), "q.yaml").PowerStateTrace);

        var e = Assert.Throws<ConfigurationException>(() => ScenarioLoader.Parse(Quickstart.Replace("outputs:\n", "outputs:\n  powerStateTrace: sometimes\n", StringComparison.Ordinal), "q.yaml"));
        Assert.Equal("outputs.powerStateTrace", e.FieldPath);
    }

    [Fact]
    public void Parse_MissingRequiredKey_NamesIt()
    {
        string text = Quickstart.Replace("seed: 42\n", string.Empty, StringComparison.Ordinal);

        var e = Assert.Throws<ConfigurationException>(() => ScenarioLoader.Parse(text, "q.yaml"));

        Assert.Equal("seed", e.FieldPath);
        Assert.Contains("required key is missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateKey_IsAnError()
    {
        string text = Quickstart.Replace("seed: 42\n", "seed: 42\nseed: 43\n", StringComparison.Ordinal);

        var e = Assert.Throws<ConfigurationException>(() => ScenarioLoader.Parse(text, "q.yaml"));

        Assert.Contains("q.yaml", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MalformedYaml_ReportsPosition()
    {
        var e = Assert.Throws<ConfigurationException>(() => ScenarioLoader.Parse("name: [unclosed\nseed: 1\n", "bad.yaml"));

        Assert.StartsWith("bad.yaml:", e.Message, StringComparison.Ordinal);
        Assert.Contains("malformed YAML", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_Missing_SaysSo()
    {
        var e = Assert.Throws<ConfigurationException>(() => ScenarioLoader.LoadFile("/nonexistent/x.yaml"));
        Assert.Contains("cannot read", e.Message, StringComparison.Ordinal);
    }

    private const string CloudyScenario = """
        name: cloudy
        seed: 4
        duration: 2 d
        nodes:
          - kind: tock
            name: roof
            count: 2
            placement: { kind: grid, columns: 2, spacing: 10 m }
            board: signpost
            apps:
              - { kind: blink, period: 60 s }
            solar:
              latitude: 37.87
              longitude: -122.27
              start: 2024-06-01T00:00:00-07:00
              ratedPower: 0.5 W
              weather: { kind: cloudCover, meanCloudCover: 4, persistence: 0.8, step: 1 h }
            storage: { kind: linearBattery, capacity: 2000 mAh, initial: 1000 mAh, voltage: 3.7 V }
        """;

    [Fact]
    public void Weather_CloudCover_IsReadAndEveryNodeOfTheGroupSeesTheSameSky()
    {
        ScenarioConfig config = ScenarioLoader.Parse(CloudyScenario, "cloudy.yaml");

        var solar = Assert.IsType<SolarConfig>(Assert.IsType<TockGroupConfig>(Assert.Single(config.Groups)).Solar);
        Assert.Equal(new CloudCoverConfig(4, 0.8, SimDuration.FromHours(1)), solar.Weather);
        Assert.Equal((30.0, 180.0), (solar.TiltDeg, solar.AzimuthDeg));

        RunResult run = ScenarioRunner.Run(config);
        RunResult clear = ScenarioRunner.Run(config with { Groups = [((TockGroupConfig)config.Groups[0]) with { Solar = solar with { Weather = null } }] });
        Assert.Equal(run.Nodes[0].HarvestedJ, run.Nodes[1].HarvestedJ);
        Assert.True(run.Nodes[0].HarvestedJ < clear.Nodes[0].HarvestedJ, "a 4-okta sky harvests less than a clear one");
    }

    [Theory]
    [InlineData("meanCloudCover: 4", "meanCloudCover: 9", "nodes[0].solar.weather.meanCloudCover", "a mean cloud cover in oktas in [0, 8]")]
    [InlineData("persistence: 0.8", "persistence: 1.2", "nodes[0].solar.weather.persistence", "a probability in [0, 1]")]
    [InlineData("step: 1 h }", "step: 10 s }", "nodes[0].solar.weather.step", "between 1 min and 1 d")]
    [InlineData("kind: cloudCover", "kind: rain", "nodes[0].solar.weather.kind", "expected one of cloudCover")]
    [InlineData("step: 1 h }", "step: 1 h, oktas: 3 }", "nodes[0].solar.weather.oktas", "unknown key 'oktas'")]
    [InlineData("persistence: 0.8, ", "", "nodes[0].solar.weather.persistence", "persistence")]
    public void Weather_InvalidValue_NamesItsFieldPath(string from, string to, string fieldPath, string expected)
    {
        string yaml = CloudyScenario.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(CloudyScenario, yaml);

        var e = Assert.Throws<ConfigurationException>(() => ScenarioLoader.Parse(yaml, "cloudy.yaml"));

        Assert.Equal(fieldPath, e.FieldPath);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
