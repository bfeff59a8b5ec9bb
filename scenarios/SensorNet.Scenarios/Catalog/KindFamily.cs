namespace SensorNet.Scenarios.Catalog;

/// <summary>
/// A polymorphic part of a scenario (storage, placement, node group…): a mapping whose <c>kind</c> key selects one of
/// <see cref="Kinds"/> and with it the other keys. Each kind's spec starts with its <c>kind</c> key.
/// </summary>
public sealed class KindFamily
{
    private KindFamily(string name, string summary, IReadOnlyList<BlockSpec> kinds)
    {
        Name = name;
        Summary = summary;
        Kinds = kinds;
        Names = [.. kinds.Select(k => k.Name)];
    }

    /// <summary>The family's name (<c>storage</c>), also its name in the JSON Schema's <c>$defs</c>.</summary>
    public string Name { get; }

    /// <summary>What the family is, in one sentence.</summary>
    public string Summary { get; }

    /// <summary>Every kind, each with its <c>kind</c> key first.</summary>
    public IReadOnlyList<BlockSpec> Kinds { get; }

    /// <summary>The kind names, in catalog order.</summary>
    public string[] Names { get; }

    /// <summary>The kind <paramref name="kind"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such kind.</exception>
    public BlockSpec this[string kind] =>
        Kinds.FirstOrDefault(k => k.Name == kind) ?? throw new KeyNotFoundException($"{Name} has no kind '{kind}'");

    /// <summary>A family of <paramref name="kinds"/>; a required <c>kind</c> key naming each is put first in its spec.</summary>
    public static KindFamily Create(string name, string summary, params BlockSpec[] kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        return new KindFamily(name, summary, [.. kinds.Select(k => k with
        {
            Parameters = [ParameterSpec.Mandatory("kind", ValueSpec.OneOf([k.Name]), $"Selects {k.Name}."), .. k.Parameters],
        })]);
    }
}
