namespace SensorNet.Scenarios.Catalog;

/// <summary>
/// A mapping of a scenario file (a block such as <c>solar:</c>, or one kind of a polymorphic part such as a storage
/// kind): the keys it accepts and the rules between them. <see cref="ScenarioCatalog"/> holds every one; the loader
/// checks the keys it reads against them, <see cref="ScenarioSchema"/> turns them into a JSON Schema and
/// <c>sensornet list</c> prints them.
/// </summary>
/// <param name="Name">The block's key, or the kind's name.</param>
/// <param name="Summary">What it is, in one sentence.</param>
/// <param name="Parameters">Keys that always apply.</param>
public sealed record BlockSpec(string Name, string Summary, IReadOnlyList<ParameterSpec> Parameters)
{
    /// <summary>Keys that apply under a condition on another key.</summary>
    public IReadOnlyList<VariantSpec> Variants { get; init; } = [];

    /// <summary>Sets of keys of which exactly one must be given (<c>efficiency</c> or <c>efficiencyCurve</c>).</summary>
    public IReadOnlyList<IReadOnlyList<string>> ExactlyOneOf { get; init; } = [];

    /// <summary>Keys that need others when given: <c>shutdown</c> needs <c>start</c>, <c>tilt</c> needs <c>latitude</c> and <c>longitude</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Needs { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>
    /// True when the mapping may hold keys beyond <see cref="AllParameters"/> that the loader checks against another
    /// spec (a per-node override takes its group kind's keys); the schema then leaves the object open.
    /// </summary>
    public bool Open { get; init; }

    /// <summary>Every key of the mapping: those that always apply, then each variant's.</summary>
    public IEnumerable<ParameterSpec> AllParameters => Parameters.Concat(Variants.SelectMany(v => v.Parameters));

    /// <summary>The names of <see cref="AllParameters"/>: every key the loader may read in this mapping.</summary>
    public IReadOnlySet<string> Keys => AllParameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>The key <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such key.</exception>
    public ParameterSpec Parameter(string name) =>
        AllParameters.FirstOrDefault(p => p.Name == name) ?? throw new KeyNotFoundException($"'{Name}' has no key '{name}'");
}
