using System.Text.Json.Nodes;
using SensorNet.Scenarios.Loading;
using SensorNet.Scenarios.Tests.Support;
using SensorNet.SimEngine.Configuration;

namespace SensorNet.Scenarios.Tests;

/// <summary>
/// The generated JSON Schema, checked with a real validator (<see cref="JsonSchemaValidator"/>) on the examples (YAML
/// read as a YAML 1.2 editor reads it) and on invalid edits of them, which the loader must refuse too.
/// </summary>
public class ScenarioSchemaTests
{
    private static readonly JsonObject Schema = ScenarioSchema.Build();
    private static readonly JsonSchemaValidator Validator = new(Schema);

    public static TheoryData<string, string, string, string> InvalidEdits => new()
    {
        // description, example file, text replaced, replacement
        { "unknown key in a storage block", "quickstart.yaml", "      voltage: 3.0 V", "      voltage: 3.0 V\n      volts: 3 V" },
        { "spreading factor 13", "quickstart.yaml", "spreadingFactor: 9", "spreadingFactor: 13" },
        { "spreading factor 6 on an SX1276", "quickstart.yaml", "spreadingFactor: 9", "spreadingFactor: 6" },
        { "tilt 120°", "signpost-solar.yaml", "tilt: 30", "tilt: 120" },
        { "bare number for a duration", "quickstart.yaml", "period: 10 min", "period: 600" },
        { "unit of another dimension", "quickstart.yaml", "period: 10 min", "period: 10 mV" },
        { "count 0", "quickstart.yaml", "count: 10", "count: 0" },
        { "unknown routing", "ieee802154-star.yaml", "routing: direct", "routing: star" },
        { "unknown scheduler", "tock-async-vs-sync.yaml", "processConsole: false", "processConsole: false\n    scheduler: fifo" },
        { "802.15.4 channel 27", "ieee802154-star.yaml", "channel: 20", "channel: 27" },
        { "advertiser key on a BLE scanner", "ble-beacons.yaml", "    scanWindow: 30 ms", "    scanWindow: 30 ms\n    advInterval: 100 ms" },
        { "period on an 802.15.4 sink", "ieee802154-collection.yaml", "    role: sink\n", "    role: sink\n    period: 30 s\n" },
        { "BLE devices without a network", "ble-beacons.yaml", "network:\n  propagation: { kind: freeSpace, frequency: 2440 MHz }\n", string.Empty },
        { "shutdown without start", "solar-month.yaml", "      start: 3.0 V\n", string.Empty },
        { "efficiency and efficiencyCurve", "solar-month.yaml", "efficiency: 0.9,", "efficiency: 0.9, efficiencyCurve: ['1 uA: 0.6']," },
        { "solar on a board without a solar input", "tock-async-vs-sync.yaml", "    board: nrf52840dk\n", "    board: nrf52840dk\n    solar: { latitude: 37.9, longitude: -122.3, start: 2024-06-01T00:00:00-07:00, ratedPower: 0.5 W }\n" },
        { "power block on a non-Tock group", "quickstart.yaml", "    mcu: nrf52840", "    mcu: nrf52840\n    power: { shutdown: 20 %, start: 50 % }" },
        { "unknown storage kind", "quickstart.yaml", "kind: linearBattery", "kind: linearbattery" },
    };

    [Theory]
    [MemberData(nameof(Running.ExampleScenariosTests.Examples), MemberType = typeof(Running.ExampleScenariosTests))]
    public void EveryExample_ValidatesAgainstTheSchema(string file)
    {
        JsonNode? doc = YamlJson.FromText(File.ReadAllText(RepoPaths.Example(file)));

        IReadOnlyList<string> errors = Validator.Validate(doc);

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Theory]
    [MemberData(nameof(InvalidEdits))]
    public void InvalidEdit_IsRejectedByTheSchemaAndTheLoader(string description, string file, string from, string to)
    {
        string valid = File.ReadAllText(RepoPaths.Example(file));
        string text = valid.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(valid, text);

        IReadOnlyList<string> errors = Validator.Validate(YamlJson.FromText(text));

        Assert.True(errors.Count > 0, $"{description}: the schema accepts it");
        Assert.Throws<ConfigurationException>(() => ScenarioLoader.Parse(text, file));
    }

    [Fact]
    public void EveryDefaultAndExample_ValidatesAgainstItsOwnSchema()
    {
        var failures = new List<string>();
        int checkedValues = 0;
        foreach (JsonObject s in Descendants(Schema))
        {
            IEnumerable<JsonNode?> values = [.. s["default"] is { } d ? [d] : Array.Empty<JsonNode?>(), .. s["examples"]?.AsArray() ?? []];
            foreach (JsonNode? value in values)
            {
                checkedValues++;
                failures.AddRange(Validator.Validate(s, value).Select(e => $"{s["description"]}: {value?.ToJsonString()}: {e}"));
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(checkedValues > 100, $"only {checkedValues} defaults and examples");
    }

    [Fact]
    public void Build_DeclaresDraft202012_AndDefinesEveryFamilyAndBlock()
    {
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", Schema["$schema"]!.GetValue<string>());
        JsonObject defs = Schema["$defs"]!.AsObject();
        foreach (string name in ScenarioCatalog.Families.Select(f => f.Name).Concat(ScenarioCatalog.Blocks.Skip(1).Select(b => b.Name)))
        {
            Assert.True(defs.ContainsKey(name), name);
        }

        // The time pattern accepts exactly the loader's units.
        string pattern = Schema["properties"]!["duration"]!["pattern"]!.GetValue<string>();
        Assert.Empty(Validator.Validate(new JsonObject { ["type"] = "string", ["pattern"] = pattern }, JsonValue.Create("0.5 µs")));
        Assert.NotEmpty(Validator.Validate(new JsonObject { ["type"] = "string", ["pattern"] = pattern }, JsonValue.Create("5 sec")));
    }

    private static IEnumerable<JsonObject> Descendants(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            yield return obj;
            foreach (JsonNode? child in obj.Where(p => p.Key is not ("default" or "examples")).Select(p => p.Value))
            {
                foreach (JsonObject d in Descendants(child))
                {
                    yield return d;
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (JsonObject d in array.SelectMany(Descendants))
            {
                yield return d;
            }
        }
    }
}
