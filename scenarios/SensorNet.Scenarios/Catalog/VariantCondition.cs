namespace SensorNet.Scenarios.Catalog;

/// <summary>When a <see cref="VariantSpec"/> applies.</summary>
public enum VariantCondition
{
    /// <summary>The key has one of the variant's values (or is absent and its default is one of them).</summary>
    OneOf,

    /// <summary>The key is present.</summary>
    Present,

    /// <summary>The key is absent.</summary>
    Absent,
}
