using System.Text.Json.Nodes;
using SensorNet.Scenarios.Catalog;

namespace SensorNet.Scenarios.Tests.Support;

/// <summary>
/// One kind or block of <see cref="ScenarioCatalog"/> in one variant: the values of the keys its variants depend on
/// (null: absent) and, for an exactly-one-of set, the member given.
/// </summary>
internal sealed record CatalogCase(string Id, BlockSpec Target, IReadOnlyDictionary<string, string?> Discriminators, string? Alternative)
{
    /// <summary>Every kind of every family and every block, in every variant.</summary>
    public static IReadOnlyList<CatalogCase> All { get; } = Enumerate();

    /// <summary>The variants of <see cref="Target"/> in force in this case.</summary>
    public IEnumerable<VariantSpec> ActiveVariants => Target.Variants.Where(v => CatalogDocuments.IsActive(Target, v, Discriminators.TryGetValue(v.Key, out string? value) ? value : null, Discriminators.ContainsKey(v.Key)));

    /// <summary>The keys allowed in this case, with the tighter specs of the active variants.</summary>
    public IEnumerable<ParameterSpec> AllowedParameters =>
        Target.Parameters.Select(p => ActiveVariants.SelectMany(v => v.Narrowed).LastOrDefault(n => n.Name == p.Name) ?? p)
            .Concat(ActiveVariants.SelectMany(v => v.Parameters));

    /// <summary>The required keys in this case (with the exactly-one-of member given).</summary>
    public IEnumerable<string> RequiredKeys =>
        AllowedParameters.Where(p => p.Required).Select(p => p.Name)
            .Concat(ActiveVariants.SelectMany(v => v.Requires))
            .Concat(Alternative is null ? [] : [Alternative])
            .Distinct();

    public override string ToString() => Id;

    private static List<CatalogCase> Enumerate()
    {
        var targets = new List<(string Prefix, BlockSpec Block)>();
        targets.AddRange(ScenarioCatalog.Families.SelectMany(f => f.Kinds.Select(k => ($"{f.Name}/{k.Name}", k))));
        targets.AddRange(ScenarioCatalog.Blocks.Select(b => (b.Name, b)));
        var cases = new List<CatalogCase>();
        foreach ((string prefix, BlockSpec block) in targets)
        {
            // Every combination of the values the variants look at.
            IEnumerable<Dictionary<string, string?>> combos = [new Dictionary<string, string?>(StringComparer.Ordinal)];
            foreach (string key in block.Variants.Select(v => v.Key).Distinct())
            {
                ParameterSpec p = block.Parameter(key);
                List<string?> options = p.Value.Shape == ValueShape.Choice ? [.. p.Value.Choices] : [p.Example ?? p.Default];
                if (!p.Required)
                {
                    options.Add(null);
                }

                combos = [.. combos.SelectMany(c => options.Select(o => new Dictionary<string, string?>(c, StringComparer.Ordinal) { [key] = o }))];
            }

            foreach (Dictionary<string, string?> combo in combos)
            {
                string variant = string.Join(",", combo.Select(c => $"{c.Key}={c.Value ?? "absent"}"));
                string?[] alternatives = block.ExactlyOneOf.Count == 0 ? [null] : [.. block.ExactlyOneOf.Single()];
                foreach (string? alternative in alternatives)
                {
                    string id = prefix + (variant.Length > 0 ? " " + variant : string.Empty) + (alternative is null ? string.Empty : " " + alternative);
                    cases.Add(new CatalogCase(id, block, combo, alternative));
                }
            }
        }

        return cases;
    }
}

/// <summary>
/// Whole scenarios generated from <see cref="ScenarioCatalog"/> around one <see cref="CatalogCase"/>: the target with
/// its required keys (or with every key its variant allows), everything around it with required keys only, each value
/// its catalog example or default. The test checks them with the schema and the loader.
/// </summary>
internal static class CatalogDocuments
{
    /// <summary>A scenario containing the case's target; returns the document and the target's mapping inside it.</summary>
    public static (JsonObject Document, JsonObject Target) Generate(CatalogCase c, bool full)
    {
        var generator = new Generator(c, full);
        JsonObject doc = generator.Build(ScenarioCatalog.Scenario);
        // Devices on the shared medium need a network block.
        bool needsNetwork = doc["nodes"]!.AsArray().Any(g => ScenarioCatalog.NetworkGroupKinds.Contains(g!["kind"]!.GetValue<string>()));
        if (needsNetwork && !doc.ContainsKey("network"))
        {
            doc["network"] = generator.Build(ScenarioCatalog.Network);
        }

        return (doc, generator.TargetObject ?? throw new InvalidOperationException($"{c.Id}: the target was not generated"));
    }

    /// <summary>A value for <paramref name="p"/> (a key of <paramref name="c"/>'s target), generated as in the case's documents.</summary>
    public static JsonNode Sample(CatalogCase c, ParameterSpec p) => new Generator(c, full: false).Value(p);

    /// <summary>The value of <paramref name="p"/> in generated documents: its example, else its default, else the first choice, false or the minimum.</summary>
    public static JsonNode SampleValue(ParameterSpec p)
    {
        string text = p.Example ?? p.Default ?? p.Value.Shape switch
        {
            ValueShape.Choice => p.Value.Choices[0],
            ValueShape.Boolean => "false",
            ValueShape.WholeNumber => ((long)p.Value.Minimum!.Value).ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => throw new InvalidOperationException($"catalog key '{p.Name}' has neither an example nor a default"),
        };
        return p.Value.ToJson(text);
    }

    /// <summary>True if <paramref name="v"/> applies when its key has <paramref name="value"/> (<paramref name="present"/>: the key is given).</summary>
    public static bool IsActive(BlockSpec block, VariantSpec v, string? value, bool present) => v.Condition switch
    {
        VariantCondition.Present => present && value is not null,
        VariantCondition.Absent => !present || value is null,
        _ => v.Values.Contains(value ?? block.Parameter(v.Key).Default),
    };

    private static bool Reaches(ValueSpec v, BlockSpec target) => v.Shape switch
    {
        ValueShape.List => Reaches(v.Item!, target),
        ValueShape.Block => ReferenceEquals(v.Block, target) || v.Block!.AllParameters.Any(p => Reaches(p.Value, target)),
        ValueShape.Kinds => v.Family!.Kinds.Any(k => ReferenceEquals(k, target) || k.AllParameters.Any(p => Reaches(p.Value, target))),
        _ => false,
    };

    private sealed class Generator(CatalogCase c, bool full)
    {
        public JsonObject? TargetObject { get; private set; }

        public JsonObject Build(BlockSpec block)
        {
            bool isTarget = ReferenceEquals(block, c.Target);
            var obj = new JsonObject();
            if (isTarget)
            {
                TargetObject = obj;
                foreach ((string key, string? value) in c.Discriminators.Where(d => d.Value is not null))
                {
                    obj[key] = block.Parameter(key).Value.ToJson(value!);
                }
            }

            // The key leading to the target, and the variant it belongs to, whose condition is then made true.
            ParameterSpec? path = isTarget ? null : block.AllParameters.FirstOrDefault(p => Reaches(p.Value, c.Target));
            if (path is not null && block.Variants.FirstOrDefault(v => v.Parameters.Contains(path)) is { } pathVariant)
            {
                ParameterSpec key = block.Parameter(pathVariant.Key);
                if (pathVariant.Condition == VariantCondition.OneOf)
                {
                    obj[key.Name] = key.Value.ToJson(pathVariant.Values[0]);
                }
                else if (pathVariant.Condition == VariantCondition.Present)
                {
                    obj[key.Name] = SampleValue(key);
                }
            }

            string[] alternatives = [.. block.ExactlyOneOf.SelectMany(s => s)];
            string? alternative = isTarget ? c.Alternative : block.ExactlyOneOf.Count > 0 ? block.ExactlyOneOf[0][0] : null;
            foreach (ParameterSpec p in block.Parameters)
            {
                bool include = p.Required || ReferenceEquals(p, path) || p.Name == alternative
                    || (isTarget && full && !alternatives.Contains(p.Name) && !c.Discriminators.ContainsKey(p.Name));
                if (include && !obj.ContainsKey(p.Name))
                {
                    obj[p.Name] = Value(p);
                }
            }

            foreach (VariantSpec v in block.Variants.Where(v => IsActive(block, v, obj[v.Key]?.ToString(), obj.ContainsKey(v.Key))))
            {
                foreach (string required in v.Requires.Where(r => !obj.ContainsKey(r)))
                {
                    obj[required] = Value(block.Parameter(required));
                }

                foreach (ParameterSpec p in v.Parameters.Where(p => p.Required || ReferenceEquals(p, path) || (isTarget && full)))
                {
                    obj[p.Name] = Value(p);
                }
            }

            return obj;
        }

        public JsonNode Value(ParameterSpec p) => p.Value.Shape switch
        {
            ValueShape.Block => Build(p.Value.Block!),
            ValueShape.Kinds => Build(Choose(p.Value.Family!)),
            ValueShape.List when p.Value.Item!.Shape == ValueShape.Block => new JsonArray(Build(p.Value.Item.Block!)),
            ValueShape.List when p.Value.Item!.Shape == ValueShape.Kinds => new JsonArray(Build(Choose(p.Value.Item.Family!))),
            _ => SampleValue(p),
        };

        // The target if it is of this family, else a kind leading to it, else the first kind.
        private BlockSpec Choose(KindFamily family) =>
            family.Kinds.FirstOrDefault(k => ReferenceEquals(k, c.Target))
            ?? family.Kinds.FirstOrDefault(k => k.AllParameters.Any(p => Reaches(p.Value, c.Target)))
            ?? family.Kinds[0];
    }
}
