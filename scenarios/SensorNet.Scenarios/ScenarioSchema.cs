using System.Text.Json.Nodes;
using SensorNet.Scenarios.Catalog;

namespace SensorNet.Scenarios;

/// <summary>
/// A JSON Schema (draft 2020-12) of the scenario format, generated from <see cref="ScenarioCatalog"/>, for editors (YAML
/// language servers read JSON Schemas): every block and every kind as a closed object (<c>additionalProperties: false</c>)
/// with its keys' types, units (a pattern of a number and the units the loader accepts), bounds, choices, defaults and
/// required keys. A mapping with a <c>kind</c> is checked against that kind by <c>allOf</c> of <c>if</c>/<c>then</c> on
/// <c>kind</c>; keys that depend on another key (a BLE scanner's <c>scanInterval</c>) by <c>if</c>/<c>then</c>/<c>else</c>.
/// </summary>
/// <remarks>
/// <b>Scope and limitations:</b> a document the schema accepts can still be refused by the loader, which stays the
/// authority: rules that depend on files, models or arithmetic between values (an irradiance trace's column, a chip's
/// transmit-power range, a period longer than a frame's airtime, a bandwidth of exactly 125, 250 or 500 kHz) are in
/// descriptions only. Values are typed as YAML 1.2 reads them: a quoted number (<c>count: "10"</c>) is a string to
/// the schema, though the loader accepts it.
/// <b>Validation:</b> ScenarioSchemaTests validate every example scenario and a set of invalid documents with a
/// JSON Schema validator; ScenarioCatalogTests check that the schema and the loader agree on generated documents.
/// </remarks>
public static class ScenarioSchema
{
    /// <summary>The JSON Schema dialect of <see cref="Build"/>.</summary>
    public const string Dialect = "https://json-schema.org/draft/2020-12/schema";

    /// <summary>The schema: the top level, and every block and kind family under <c>$defs</c>.</summary>
    /// <exception cref="InvalidOperationException">The catalog is inconsistent (a name used twice, a variant on an unknown key).</exception>
    public static JsonObject Build()
    {
        var builder = new Builder();
        JsonObject top = builder.Block(ScenarioCatalog.Scenario);
        var schema = new JsonObject
        {
            ["$schema"] = Dialect,
            ["$id"] = "https://sensornet.invalid/scenario.schema.json",
            ["title"] = "SensorNet scenario",
        };
        foreach (KeyValuePair<string, JsonNode?> pair in top.ToList())
        {
            top.Remove(pair.Key);
            schema[pair.Key] = pair.Value;
        }

        // Devices on the shared medium need a network block.
        JsonArray rules = schema["allOf"] as JsonArray ?? [];
        rules.Add(new JsonObject
        {
            ["if"] = new JsonObject
            {
                ["required"] = new JsonArray("nodes"),
                ["properties"] = new JsonObject
                {
                    ["nodes"] = new JsonObject
                    {
                        ["contains"] = new JsonObject
                        {
                            ["required"] = new JsonArray("kind"),
                            ["properties"] = new JsonObject { ["kind"] = new JsonObject { ["enum"] = Strings(ScenarioCatalog.NetworkGroupKinds) } },
                        },
                    },
                },
            },
            ["then"] = new JsonObject { ["required"] = new JsonArray("network") },
        });
        schema["allOf"] = rules;
        schema["$defs"] = builder.Definitions;
        return schema;
    }

    private static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(v => (JsonNode)v)];

    private sealed class Builder
    {
        private readonly Dictionary<string, object> _owners = new(StringComparer.Ordinal);

        public JsonObject Definitions { get; } = [];

        // A closed object schema of one block or kind.
        public JsonObject Block(BlockSpec block)
        {
            string[] duplicates = [.. block.AllParameters.GroupBy(p => p.Name).Where(g => g.Count() > 1).Select(g => g.Key)];
            if (duplicates.Length > 0)
            {
                throw new InvalidOperationException($"catalog: '{block.Name}' declares {string.Join(", ", duplicates)} twice");
            }

            var properties = new JsonObject();
            foreach (ParameterSpec p in block.Parameters)
            {
                properties[p.Name] = Parameter(p, null);
            }

            foreach (VariantSpec v in block.Variants)
            {
                foreach (ParameterSpec p in v.Parameters)
                {
                    properties[p.Name] = Parameter(p, v);
                }
            }

            var schema = new JsonObject
            {
                ["type"] = "object",
                ["description"] = block.Summary,
                ["properties"] = properties,
                ["additionalProperties"] = block.Open,
            };
            if (block.Parameters.Where(p => p.Required).Select(p => p.Name).ToArray() is { Length: > 0 } required)
            {
                schema["required"] = Strings(required);
            }

            var rules = new JsonArray();
            foreach (VariantSpec v in block.Variants)
            {
                rules.Add(Variant(block, v));
            }

            foreach (IReadOnlyList<string> set in block.ExactlyOneOf)
            {
                rules.Add(new JsonObject { ["oneOf"] = new JsonArray([.. set.Select(k => (JsonNode)new JsonObject { ["required"] = new JsonArray(k) })]) });
            }

            if (rules.Count > 0)
            {
                schema["allOf"] = rules;
            }

            if (block.Needs.Count > 0)
            {
                schema["dependentRequired"] = new JsonObject(block.Needs.Select(n => KeyValuePair.Create(n.Key, (JsonNode?)Strings(n.Value))));
            }

            return schema;
        }

        // The kind decides the keys: one if/then per kind, each then a closed object.
        private JsonObject Family(KindFamily family) => new()
        {
            ["type"] = "object",
            ["description"] = family.Summary,
            ["required"] = new JsonArray("kind"),
            ["properties"] = new JsonObject
            {
                ["kind"] = new JsonObject
                {
                    ["enum"] = Strings(family.Names),
                    ["description"] = string.Join("\n", family.Kinds.Select(k => $"{k.Name}: {k.Summary}")),
                },
            },
            ["allOf"] = new JsonArray([.. family.Kinds.Select(k => (JsonNode)new JsonObject
            {
                ["if"] = new JsonObject
                {
                    ["properties"] = new JsonObject { ["kind"] = new JsonObject { ["const"] = k.Name } },
                    ["required"] = new JsonArray("kind"),
                },
                ["then"] = Block(k),
            })]),
        };

        private JsonObject Variant(BlockSpec block, VariantSpec v)
        {
            if (!block.Parameters.Any(p => p.Name == v.Key))
            {
                throw new InvalidOperationException($"catalog: a variant of '{block.Name}' depends on '{v.Key}', which is not one of its keys that always apply");
            }

            JsonObject condition = v.Condition switch
            {
                VariantCondition.Present => new JsonObject { ["required"] = new JsonArray(v.Key) },
                VariantCondition.Absent => new JsonObject { ["not"] = new JsonObject { ["required"] = new JsonArray(v.Key) } },
                _ => new JsonObject { ["properties"] = new JsonObject { [v.Key] = new JsonObject { ["enum"] = Strings(v.Values) } } },
            };
            // A OneOf variant whose values include the key's default applies when the key is absent, too.
            if (v.Condition == VariantCondition.OneOf && !v.Values.Contains(block.Parameter(v.Key).Default))
            {
                condition["required"] = new JsonArray(v.Key);
            }

            var rule = new JsonObject { ["if"] = condition };
            var then = new JsonObject();
            if (v.Requires.Concat(v.Parameters.Where(p => p.Required).Select(p => p.Name)).ToArray() is { Length: > 0 } required)
            {
                then["required"] = Strings(required);
            }

            if (v.Narrowed.Count > 0)
            {
                then["properties"] = new JsonObject(v.Narrowed.Select(p => KeyValuePair.Create(p.Name, (JsonNode?)Value(p.Value))));
            }

            if (then.Count > 0)
            {
                rule["then"] = then;
            }

            if (v.Parameters.Count > 0)
            {
                rule["else"] = new JsonObject { ["properties"] = new JsonObject(v.Parameters.Select(p => KeyValuePair.Create(p.Name, (JsonNode?)false))) };
            }

            return rule;
        }

        private JsonObject Parameter(ParameterSpec p, VariantSpec? variant)
        {
            JsonObject schema = Value(p.Value);
            schema["description"] = variant is null ? p.Description : $"{p.Description} Only {variant.Summary}.";
            if (p.Default is { } fallback)
            {
                schema["default"] = p.Value.ToJson(fallback);
            }

            if (p.Example is { } example)
            {
                schema["examples"] = new JsonArray(p.Value.ToJson(example));
            }

            return schema;
        }

        private JsonObject Value(ValueSpec v)
        {
            var schema = new JsonObject();
            switch (v.Shape)
            {
                case ValueShape.WholeNumber:
                case ValueShape.Number:
                    schema["type"] = v.Shape == ValueShape.WholeNumber ? "integer" : "number";
                    if (v.Minimum is { } min)
                    {
                        schema[v.ExclusiveMinimum ? "exclusiveMinimum" : "minimum"] = min;
                    }

                    if (v.Maximum is { } max)
                    {
                        schema[v.ExclusiveMaximum ? "exclusiveMaximum" : "maximum"] = max;
                    }

                    break;
                case ValueShape.Boolean:
                    schema["type"] = "boolean";
                    break;
                case ValueShape.Choice when v.Choices.Count == 1:
                    schema["const"] = v.Choices[0];
                    break;
                case ValueShape.Choice:
                    schema["type"] = "string";
                    schema["enum"] = Strings(v.Choices);
                    break;
                case ValueShape.List:
                    schema["type"] = "array";
                    schema["items"] = Value(v.Item!);
                    if (v.MinItems > 0)
                    {
                        schema["minItems"] = v.MinItems;
                    }

                    break;
                case ValueShape.Block:
                    schema["$ref"] = Define(v.Block!.Name, v.Block, () => Block(v.Block));
                    break;
                case ValueShape.Kinds:
                    schema["$ref"] = Define(v.Family!.Name, v.Family, () => Family(v.Family));
                    break;
                default:
                    schema["type"] = "string";
                    if (v.Pattern is { } pattern)
                    {
                        schema["pattern"] = pattern;
                    }
                    else
                    {
                        schema["minLength"] = 1;
                    }

                    break;
            }

            return schema;
        }

        // Each block and family once under $defs, referenced wherever it is used.
        private string Define(string name, object owner, Func<JsonObject> build)
        {
            if (_owners.TryGetValue(name, out object? existing))
            {
                return ReferenceEquals(existing, owner) || existing.Equals(owner)
                    ? "#/$defs/" + name
                    : throw new InvalidOperationException($"catalog: two different blocks or families are named '{name}'");
            }

            _owners[name] = owner;
            Definitions[name] = null;
            Definitions[name] = build();
            return "#/$defs/" + name;
        }
    }
}
