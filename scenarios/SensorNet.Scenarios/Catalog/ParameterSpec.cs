namespace SensorNet.Scenarios.Catalog;

/// <summary>One key of a scenario mapping: its name, its value, whether it must be given, and what it means.</summary>
/// <param name="Name">The key as written in the file.</param>
/// <param name="Value">What its value may be.</param>
/// <param name="Description">What it means, with its unit and domain where the value spec does not say them.</param>
public sealed record ParameterSpec(string Name, ValueSpec Value, string Description)
{
    /// <summary>True if the loader refuses the mapping without this key (in the variants where the key applies).</summary>
    public bool Required { get; init; }

    /// <summary>The value used when the key is absent, as it would be written (YAML text); null if none or not a constant.</summary>
    public string? Default { get; init; }

    /// <summary>A valid value as it would be written (YAML text), for editors and generated test documents; null if <see cref="Default"/> serves.</summary>
    public string? Example { get; init; }

    /// <summary>A required key.</summary>
    public static ParameterSpec Mandatory(string name, ValueSpec value, string description, string? example = null) =>
        new(name, value, description) { Required = true, Example = example };

    /// <summary>An optional key with the constant value the loader uses when it is absent (YAML text), if any.</summary>
    public static ParameterSpec Optional(string name, ValueSpec value, string description, string? fallback = null, string? example = null) =>
        new(name, value, description) { Default = fallback, Example = example };
}
