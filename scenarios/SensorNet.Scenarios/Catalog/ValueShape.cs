namespace SensorNet.Scenarios.Catalog;

/// <summary>The form of a scenario value, as a <see cref="ValueSpec"/> declares it.</summary>
public enum ValueShape
{
    /// <summary>A number with a unit, written as text ("10 min"): <see cref="ValueSpec.Dimension"/> names the units.</summary>
    Quantity,

    /// <summary>A whole number, optionally bounded.</summary>
    WholeNumber,

    /// <summary>A number without a unit, optionally bounded.</summary>
    Number,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>One of a closed set of names (<see cref="ValueSpec.Choices"/>).</summary>
    Choice,

    /// <summary>Text of a given form (<see cref="ValueSpec.Pattern"/>), such as a name, an instant or a rate.</summary>
    Text,

    /// <summary>A list of values of one spec (<see cref="ValueSpec.Item"/>).</summary>
    List,

    /// <summary>A nested mapping with fixed keys (<see cref="ValueSpec.Block"/>).</summary>
    Block,

    /// <summary>A nested mapping whose <c>kind</c> selects its keys (<see cref="ValueSpec.Family"/>).</summary>
    Kinds,
}
