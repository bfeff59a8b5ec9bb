namespace SensorNet.Scenarios.Catalog;

/// <summary>
/// Keys of a mapping that apply only under a condition on another key (a BLE scanner's <c>scanInterval</c>, a sensor's
/// <c>period</c>), and constraints that the condition adds to keys that always apply.
/// </summary>
/// <param name="Key">The key the condition looks at.</param>
/// <param name="Condition">What it checks.</param>
/// <param name="Values">For <see cref="VariantCondition.OneOf"/>: the values that select the variant.</param>
/// <param name="Parameters">Keys allowed only in this variant (each in one variant of its mapping at most).</param>
public sealed record VariantSpec(string Key, VariantCondition Condition, IReadOnlyList<string> Values, IReadOnlyList<ParameterSpec> Parameters)
{
    /// <summary>Keys that always apply but are required in this variant.</summary>
    public IReadOnlyList<string> Requires { get; init; } = [];

    /// <summary>Tighter specs of keys that always apply (the same name), in force in this variant.</summary>
    public IReadOnlyList<ParameterSpec> Narrowed { get; init; } = [];

    /// <summary>The condition in words: "when role is scanner".</summary>
    public string Summary => Condition switch
    {
        VariantCondition.Present => $"when {Key} is given",
        VariantCondition.Absent => $"when {Key} is not given",
        _ => $"when {Key} is {string.Join(" or ", Values)}",
    };

    /// <summary>A variant selected by <paramref name="key"/> having one of <paramref name="values"/>.</summary>
    public static VariantSpec When(string key, IEnumerable<string> values, params ParameterSpec[] parameters) =>
        new(key, VariantCondition.OneOf, [.. values], parameters);

    /// <summary>A variant selected by <paramref name="key"/> being present.</summary>
    public static VariantSpec WhenPresent(string key, params ParameterSpec[] parameters) =>
        new(key, VariantCondition.Present, [], parameters);

    /// <summary>A variant selected by <paramref name="key"/> being absent.</summary>
    public static VariantSpec WhenAbsent(string key, params ParameterSpec[] parameters) =>
        new(key, VariantCondition.Absent, [], parameters);
}
