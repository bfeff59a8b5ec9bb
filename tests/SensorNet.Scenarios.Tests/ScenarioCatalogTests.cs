using System.Globalization;
using System.Text.Json.Nodes;
using SensorNet.Scenarios.Catalog;
using SensorNet.Scenarios.Loading;
using SensorNet.Scenarios.Tests.Support;
using SensorNet.SimEngine.Configuration;

namespace SensorNet.Scenarios.Tests;

/// <summary>
/// The catalog, the schema generated from it and the loader agree, kind by kind and variant by variant: documents
/// generated from the catalog (required keys only, then every key the variant allows) are accepted by both, and each
/// of these edits is refused by both: an unknown key, a missing required key, a key of another variant, a value
/// beyond a bound, a name outside a choice, a malformed value. (The loader itself refuses to read a key the catalog
/// does not declare, so the loader cannot accept a key the schema lacks.)
/// </summary>
public class ScenarioCatalogTests
{
    private static readonly JsonSchemaValidator Validator = new(ScenarioSchema.Build());

    public static TheoryData<string> Cases => [.. CatalogCase.All.Select(c => c.Id)];

    [Fact]
    public void Cases_CoverEveryKindAndBlock()
    {
        int kinds = ScenarioCatalog.Families.Sum(f => f.Kinds.Count);

        Assert.Equal(kinds + ScenarioCatalog.Blocks.Count, CatalogCase.All.Select(c => c.Target).Distinct(ReferenceEqualityComparer.Instance).Count());
        Assert.Contains(CatalogCase.All, c => c.Id == "group/ble role=scanner");
        Assert.Contains(CatalogCase.All, c => c.Id == "solar irradianceFile=sky.csv");
        Assert.Contains(CatalogCase.All, c => c.Id == "regulator/buck efficiencyCurve");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MinimalAndFullDocuments_AreAcceptedBySchemaAndLoader(string id) => Check(id, c =>
    [
        new("minimal", _ => { }, null),
        new("full", _ => { }, null) { Full = true },
    ]);

    [Theory]
    [MemberData(nameof(Cases))]
    public void UnknownKey_IsRejectedByBoth(string id) => Check(id, c =>
    [
        new("unknown key", target => target["zzzUnknown"] = "1", ["zzzUnknown"]),
    ]);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MissingRequiredKey_IsRejectedByBoth(string id) => Check(id, c => c.RequiredKeys.Select(key => new Edit(
        $"without {key}",
        target => Assert.True(target.Remove(key), $"{id}: the minimal document lacks required key {key}"),
        [.. c.Target.ExactlyOneOf.FirstOrDefault(s => s.Contains(key)) ?? [key]])));

    [Theory]
    [MemberData(nameof(Cases))]
    public void KeyOfAnotherVariant_IsRejectedByBoth(string id) => Check(id, c =>
        c.Target.Variants.Except(c.ActiveVariants).SelectMany(v => v.Parameters).Where(p => !c.AllowedParameters.Any(a => a.Name == p.Name))
            .Select(p => new Edit($"with {p.Name}", target => Set(c, target, p.Name, CatalogDocuments.Sample(c, p)), [p.Name])));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bounds_AreTheLoaders(string id) => Check(id, c =>
        Editable(c).Where(p => p.Value.Shape is ValueShape.WholeNumber or ValueShape.Number).SelectMany(p =>
        {
            ValueSpec v = p.Value;
            bool whole = v.Shape == ValueShape.WholeNumber;
            double step = whole ? 1 : 0.001;
            var values = new List<(double Value, bool Valid)>();
            if (v.Minimum is { } min)
            {
                values.Add(v.ExclusiveMinimum ? (min, false) : (min - step, false));
                values.Add(v.ExclusiveMinimum ? (min + step, true) : (min, true));
            }

            if (v.Maximum is { } max)
            {
                values.Add(v.ExclusiveMaximum ? (max, false) : (max + step, false));
                values.Add(v.ExclusiveMaximum ? (max - step, true) : (max, true));
            }

            return values.Select(x => new Edit(
                string.Create(CultureInfo.InvariantCulture, $"{p.Name} = {x.Value}"),
                target => Set(c, target, p.Name, whole ? JsonValue.Create((long)x.Value) : JsonValue.Create(x.Value)),
                x.Valid ? null : [p.Name]));
        }));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Choices_AreTheLoaders(string id) => Check(id, c =>
        Editable(c).Where(p => p.Value.Shape == ValueShape.Choice && p.Name != "kind").SelectMany(p =>
            p.Value.Choices.Append("zzz").Select(choice => new Edit($"{p.Name} = {choice}", target => Set(c, target, p.Name, choice), choice == "zzz" ? [p.Name] : null))));

    [Theory]
    [MemberData(nameof(Cases))]
    public void MalformedValue_IsRejectedByBoth(string id) => Check(id, c =>
        Editable(c).Select(p => (p, Bad: p.Value.Shape switch
        {
            // A bare number for a quantity, text of the wrong form, a non-boolean, a fraction for an integer.
            ValueShape.Quantity => JsonValue.Create(10),
            ValueShape.List when p.Value.Item!.Shape == ValueShape.Quantity => new JsonArray(JsonValue.Create(10)),
            ValueShape.Text when p.Value.Pattern is not null => JsonValue.Create("!"),
            ValueShape.Boolean => JsonValue.Create("yes"),
            ValueShape.WholeNumber => JsonValue.Create(1.5),
            _ => (JsonNode?)null,
        })).Where(x => x.Bad is not null).Select(x => new Edit($"{x.p.Name} = {x.Bad!.ToJsonString()}", target => Set(c, target, x.p.Name, x.Bad), [x.p.Name])));

    // Generates the case's document for each edit, applies the edit to the target and expects both verdicts.
    private static void Check(string id, Func<CatalogCase, IEnumerable<Edit>> edits)
    {
        CatalogCase c = Case(id);
        using var dir = new TempDirectory();
        var failures = new List<string>();
        foreach (Edit edit in edits(c))
        {
            (JsonObject doc, JsonObject target) = CatalogDocuments.Generate(c, edit.Full);
            edit.Apply(target);
            Expect(dir, doc, edit.Blamed, edit.What, failures);
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    private static CatalogCase Case(string id) => CatalogCase.All.Single(c => c.Id == id);

    // Keys whose value a test may change: not the variants' keys, not the other members of an exactly-one-of set.
    private static IEnumerable<ParameterSpec> Editable(CatalogCase c) => c.AllowedParameters.Where(p =>
        !c.Discriminators.ContainsKey(p.Name) && !c.Target.ExactlyOneOf.Any(s => s.Contains(p.Name) && p.Name != c.Alternative));

    // Sets a key of the target, and the keys it needs if they are missing.
    private static void Set(CatalogCase c, JsonObject target, string key, JsonNode? value)
    {
        target[key] = value;
        if (c.Target.Needs.TryGetValue(key, out IReadOnlyList<string>? needs))
        {
            foreach (string other in needs.Where(o => !target.ContainsKey(o)))
            {
                Set(c, target, other, CatalogDocuments.Sample(c, c.Target.Parameter(other)));
            }
        }
    }

    // blamed null: both must accept; else both must refuse, the loader naming one of the blamed keys.
    private static void Expect(TempDirectory dir, JsonObject doc, string[]? blamed, string what, List<string> failures)
    {
        IReadOnlyList<string> schemaErrors = Validator.Validate(doc);
        ConfigurationException? loaderError = Load(dir, doc);
        string context = $"{what}:\n  document: {doc.ToJsonString()}\n  schema: {(schemaErrors.Count == 0 ? "valid" : string.Join("; ", schemaErrors))}\n  loader: {loaderError?.Message ?? "valid"}";
        if (blamed is null && (schemaErrors.Count > 0 || loaderError is not null))
        {
            failures.Add("expected both to accept, " + context);
        }
        else if (blamed is not null && (schemaErrors.Count == 0 || loaderError is null))
        {
            failures.Add("expected both to refuse, " + context);
        }
        else if (blamed is not null && !blamed.Any(k => loaderError!.FieldPath == k || loaderError.FieldPath.EndsWith("." + k, StringComparison.Ordinal)))
        {
            failures.Add($"expected the loader to blame {string.Join(" or ", blamed)}, " + context);
        }
    }

    private static ConfigurationException? Load(TempDirectory dir, JsonObject doc)
    {
        // Files the generated documents name: node positions, and an irradiance trace (GHI when the site is given).
        File.WriteAllText(dir.Combine("positions.csv"), "x_m,y_m\n0,0\n10,0\n20,0\n");
        bool ghi = (doc["nodes"] as JsonArray ?? []).Select(g => g!["solar"]).OfType<JsonObject>().Any(s => s.ContainsKey("latitude"));
        File.WriteAllText(dir.Combine("sky.csv"), $"time,{(ghi ? "ghi_w_m2" : "poa_w_m2")},temp_air_c\n2024-05-31T00:00:00-07:00,0,20\n2024-06-01T12:00:00-07:00,800,25\n2024-06-03T00:00:00-07:00,0,20\n");
        string path = dir.Combine("scenario.json");
        File.WriteAllText(path, doc.ToJsonString());
        try
        {
            ScenarioLoader.LoadFile(path);
            return null;
        }
        catch (ConfigurationException e)
        {
            return e;
        }
    }

    // One change to a generated document; Blamed null: both must accept it, else both must refuse it, the loader naming one of these keys.
    private sealed record Edit(string What, Action<JsonObject> Apply, string[]? Blamed)
    {
        public bool Full { get; init; }
    }
}
