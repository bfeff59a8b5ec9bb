using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SensorNet.Scenarios.Tests.Support;

/// <summary>
/// A JSON Schema (draft 2020-12) validator for the keywords <see cref="ScenarioSchema"/> emits: <c>type</c>, <c>enum</c>,
/// <c>const</c>, <c>pattern</c>, <c>minLength</c>, <c>minimum</c>, <c>maximum</c>, <c>exclusiveMinimum</c>,
/// <c>exclusiveMaximum</c>, <c>required</c>, <c>properties</c>, <c>additionalProperties</c>, <c>dependentRequired</c>,
/// <c>items</c>, <c>minItems</c>, <c>contains</c>, <c>allOf</c>, <c>oneOf</c>, <c>not</c>, <c>if</c>/<c>then</c>/<c>else</c>,
/// <c>$ref</c> into <c>$defs</c> and boolean schemas. Any other keyword that is not an annotation throws, so the schema
/// cannot use a keyword this validator would silently ignore.
/// </summary>
/// <remarks>
/// Written here because no validator for draft 2020-12 restores from the package source: JsonSchema.Net lacks its
/// dependency JsonPointer.Net there, Corvus.Json.Validator is absent, and NJsonSchema ignores <c>if</c>/<c>then</c>.
/// Patterns run with ECMAScript semantics, as JSON Schema specifies.
/// </remarks>
internal sealed class JsonSchemaValidator(JsonNode schema)
{
    private static readonly HashSet<string> Annotations = ["$schema", "$id", "$defs", "title", "description", "default", "examples", "format", "then", "else"];

    /// <summary>Every violation as "path: problem"; empty if <paramref name="instance"/> is valid.</summary>
    public IReadOnlyList<string> Validate(JsonNode? instance)
    {
        var errors = new List<string>();
        // A round trip through text makes every number a plain JSON number, however it was created.
        Check(schema, instance is null ? null : JsonNode.Parse(instance.ToJsonString()), "$", errors);
        return errors;
    }

    /// <summary>Validates <paramref name="instance"/> against a part of the schema (such as a property's subschema).</summary>
    public IReadOnlyList<string> Validate(JsonNode subschema, JsonNode? instance)
    {
        var errors = new List<string>();
        Check(subschema, instance is null ? null : JsonNode.Parse(instance.ToJsonString()), "$", errors);
        return errors;
    }

    private bool Valid(JsonNode? s, JsonNode? instance, string path)
    {
        var errors = new List<string>();
        Check(s, instance, path, errors);
        return errors.Count == 0;
    }

    private void Check(JsonNode? s, JsonNode? instance, string path, List<string> errors)
    {
        if (s is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            if (b.GetValueKind() == JsonValueKind.False)
            {
                errors.Add($"{path}: not allowed here");
            }

            return;
        }

        JsonObject rules = s as JsonObject ?? throw new InvalidOperationException($"schema at {path} is neither an object nor a boolean");
        foreach ((string keyword, JsonNode? value) in rules)
        {
            switch (keyword)
            {
                case "$ref":
                    string reference = value!.GetValue<string>();
                    const string prefix = "#/$defs/";
                    JsonNode target = reference.StartsWith(prefix, StringComparison.Ordinal) && schema["$defs"]?[reference[prefix.Length..]] is { } t
                        ? t
                        : throw new InvalidOperationException($"unresolved $ref {reference}");
                    Check(target, instance, path, errors);
                    break;
                case "type":
                    string[] types = value is JsonArray a ? [.. a.Select(x => x!.GetValue<string>())] : [value!.GetValue<string>()];
                    if (!types.Any(t => HasType(instance, t)))
                    {
                        errors.Add($"{path}: expected {string.Join(" or ", types)}, got {Describe(instance)}");
                    }

                    break;
                case "enum":
                    if (!value!.AsArray().Any(e => JsonNode.DeepEquals(e, instance)))
                    {
                        errors.Add($"{path}: {Describe(instance)} is not one of {value.ToJsonString()}");
                    }

                    break;
                case "const":
                    if (!JsonNode.DeepEquals(value, instance))
                    {
                        errors.Add($"{path}: expected {value!.ToJsonString()}, got {Describe(instance)}");
                    }

                    break;
                case "pattern":
                    if (instance is JsonValue sv && sv.GetValueKind() == JsonValueKind.String
                        && !Regex.IsMatch(sv.GetValue<string>(), value!.GetValue<string>(), RegexOptions.ECMAScript | RegexOptions.CultureInvariant))
                    {
                        errors.Add($"{path}: {Describe(instance)} does not match {value}");
                    }

                    break;
                case "minLength":
                    if (instance is JsonValue lv && lv.GetValueKind() == JsonValueKind.String && lv.GetValue<string>().EnumerateRunes().Count() < value!.GetValue<int>())
                    {
                        errors.Add($"{path}: shorter than {value}");
                    }

                    break;
                case "minimum":
                case "maximum":
                case "exclusiveMinimum":
                case "exclusiveMaximum":
                    if (Number(instance) is { } n)
                    {
                        double bound = Number(value) ?? throw new InvalidOperationException($"{keyword} at {path} is not a number");
                        bool ok = keyword switch
                        {
                            "minimum" => n >= bound,
                            "maximum" => n <= bound,
                            "exclusiveMinimum" => n > bound,
                            _ => n < bound,
                        };
                        if (!ok)
                        {
                            errors.Add($"{path}: {n.ToString(CultureInfo.InvariantCulture)} violates {keyword} {bound.ToString(CultureInfo.InvariantCulture)}");
                        }
                    }

                    break;
                case "required":
                    if (instance is JsonObject ro)
                    {
                        foreach (string key in value!.AsArray().Select(k => k!.GetValue<string>()).Where(k => !ro.ContainsKey(k)))
                        {
                            errors.Add($"{path}: required key '{key}' is missing");
                        }
                    }

                    break;
                case "properties":
                    if (instance is JsonObject po)
                    {
                        foreach ((string key, JsonNode? sub) in value!.AsObject())
                        {
                            if (po.TryGetPropertyValue(key, out JsonNode? v))
                            {
                                Check(sub, v, $"{path}.{key}", errors);
                            }
                        }
                    }

                    break;
                case "additionalProperties":
                    if (instance is JsonObject ao)
                    {
                        JsonObject? declared = rules["properties"] as JsonObject;
                        foreach ((string key, JsonNode? v) in ao.Where(p => declared is null || !declared.ContainsKey(p.Key)))
                        {
                            Check(value, v, $"{path}.{key}", errors);
                        }
                    }

                    break;
                case "dependentRequired":
                    if (instance is JsonObject dobj)
                    {
                        foreach ((string key, JsonNode? needed) in value!.AsObject().Where(p => dobj.ContainsKey(p.Key)))
                        {
                            foreach (string other in needed!.AsArray().Select(k => k!.GetValue<string>()).Where(k => !dobj.ContainsKey(k)))
                            {
                                errors.Add($"{path}: '{key}' needs '{other}'");
                            }
                        }
                    }

                    break;
                case "items":
                    if (instance is JsonArray items)
                    {
                        for (int i = 0; i < items.Count; i++)
                        {
                            Check(value, items[i], $"{path}[{i}]", errors);
                        }
                    }

                    break;
                case "minItems":
                    if (instance is JsonArray mi && mi.Count < value!.GetValue<int>())
                    {
                        errors.Add($"{path}: fewer than {value} items");
                    }

                    break;
                case "contains":
                    if (instance is JsonArray ca && !ca.Select((item, i) => Valid(value, item, $"{path}[{i}]")).Any(v => v))
                    {
                        errors.Add($"{path}: no item matches 'contains'");
                    }

                    break;
                case "allOf":
                    foreach (JsonNode? sub in value!.AsArray())
                    {
                        Check(sub, instance, path, errors);
                    }

                    break;
                case "oneOf":
                    int matches = value!.AsArray().Count(sub => Valid(sub, instance, path));
                    if (matches != 1)
                    {
                        errors.Add($"{path}: matches {matches} of the oneOf alternatives, not exactly one");
                    }

                    break;
                case "not":
                    if (Valid(value, instance, path))
                    {
                        errors.Add($"{path}: matches a 'not' schema");
                    }

                    break;
                case "if":
                    string branch = Valid(value, instance, path) ? "then" : "else";
                    if (rules[branch] is { } chosen)
                    {
                        Check(chosen, instance, path, errors);
                    }

                    break;
                default:
                    if (!Annotations.Contains(keyword))
                    {
                        throw new NotSupportedException($"keyword '{keyword}' at {path} is not supported by this validator");
                    }

                    break;
            }
        }
    }

    private static bool HasType(JsonNode? instance, string type) => (type, instance) switch
    {
        ("object", JsonObject) => true,
        ("array", JsonArray) => true,
        ("null", null) => true,
        ("string", JsonValue v) => v.GetValueKind() == JsonValueKind.String,
        ("boolean", JsonValue v) => v.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        ("number", JsonValue v) => v.GetValueKind() == JsonValueKind.Number,
        ("integer", JsonValue v) => Number(v) is { } d && Math.Floor(d) == d,
        ("object" or "array" or "null" or "string" or "boolean" or "number" or "integer", _) => false,
        _ => throw new NotSupportedException($"type '{type}'"),
    };

    private static double? Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture) : null;

    private static string Describe(JsonNode? instance) => instance?.ToJsonString() ?? "null";
}
