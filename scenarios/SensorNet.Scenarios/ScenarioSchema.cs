using System.Text.Json.Nodes;

namespace SensorNet.Scenarios;

/// <summary>
/// A JSON Schema (draft 2020-12) of the scenario format for editors (YAML language servers read JSON Schemas): the
/// top-level keys, and for every polymorphic part its <c>kind</c> values with their parameters as descriptions, built
/// from <see cref="ScenarioCatalog"/>. Values with units are strings (<c>"10 min"</c>); the loader remains the
/// authority on ranges and combinations.
/// </summary>
public static class ScenarioSchema
{
    /// <summary>The schema.</summary>
    public static JsonObject Build() => new()
    {
        ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
        ["$id"] = "https://sensornet.invalid/scenario.schema.json",
        ["title"] = "SensorNet scenario",
        ["type"] = "object",
        ["required"] = new JsonArray("name", "seed", "duration", "nodes"),
        ["additionalProperties"] = false,
        ["properties"] = new JsonObject
        {
            ["name"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[A-Za-z0-9._-]+$", ["description"] = "Run name; names the results directory." },
            ["seed"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0, ["description"] = "Seed of every random stream." },
            ["duration"] = Quantity("Simulated time, e.g. '1 d'."),
            ["nodes"] = new JsonObject
            {
                ["type"] = "array",
                ["minItems"] = 1,
                ["items"] = new JsonObject
                {
                    ["type"] = "object",
                    ["required"] = new JsonArray("kind", "count", "placement", "storage"),
                    ["properties"] = new JsonObject
                    {
                        ["kind"] = Kinds(ScenarioCatalog.GroupKinds),
                        ["name"] = new JsonObject { ["type"] = "string" },
                        ["count"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1 },
                        ["placement"] = KindObject(ScenarioCatalog.PlacementKinds),
                        ["storage"] = KindObject(ScenarioCatalog.StorageKinds),
                        ["apps"] = new JsonObject { ["type"] = "array", ["items"] = KindObject(ScenarioCatalog.AppKinds) },
                        ["solar"] = Block("solar"),
                        ["power"] = Block("power"),
                        ["overrides"] = new JsonObject
                        {
                            ["type"] = "array",
                            ["items"] = new JsonObject
                            {
                                ["type"] = "object",
                                ["required"] = new JsonArray("nodes"),
                                ["properties"] = new JsonObject
                                {
                                    ["nodes"] = new JsonObject { ["type"] = "array", ["minItems"] = 1, ["items"] = new JsonObject { ["type"] = new JsonArray("integer", "string") } },
                                },
                                ["description"] = ScenarioCatalog.Blocks.First(b => b.Kind == "overrides").Parameters,
                            },
                        },
                    },
                },
            },
            ["network"] = Block("network"),
            ["outputs"] = Block("outputs"),
        },
    };

    private static JsonObject Quantity(string description) => new() { ["type"] = new JsonArray("string", "number"), ["description"] = description };

    private static JsonObject Kinds(IReadOnlyList<(string Kind, string Parameters)> kinds) => new()
    {
        ["enum"] = new JsonArray([.. kinds.Select(k => (JsonNode)k.Kind)]),
        ["description"] = string.Join("\n", kinds.Select(k => $"{k.Kind}: {k.Parameters}")),
    };

    private static JsonObject KindObject(IReadOnlyList<(string Kind, string Parameters)> kinds) => new()
    {
        ["type"] = "object",
        ["required"] = new JsonArray("kind"),
        ["properties"] = new JsonObject { ["kind"] = Kinds(kinds) },
    };

    private static JsonObject Block(string name) => new()
    {
        ["type"] = "object",
        ["description"] = ScenarioCatalog.Blocks.Single(b => b.Kind == name).Parameters,
    };
}
