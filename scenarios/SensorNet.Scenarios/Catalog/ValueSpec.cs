using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SensorNet.SimEngine.Quantities;
using YamlDotNet.RepresentationModel;

namespace SensorNet.Scenarios.Catalog;

/// <summary>
/// What a scenario value may be: a quantity of a dimension, a bounded integer or number, a boolean, one of a set of
/// names, text of a form, a list, or a nested mapping. Built by the static factories.
/// </summary>
public sealed record ValueSpec
{
    private ValueSpec(ValueShape shape, string summary)
    {
        Shape = shape;
        Summary = summary;
    }

    /// <summary>The form of the value.</summary>
    public ValueShape Shape { get; }

    /// <summary>The value's form in a few words, with its units or bounds: "duration (ns, us, µs, ms, s, min, h, d)".</summary>
    public string Summary { get; init; }

    /// <summary>For <see cref="ValueShape.Quantity"/>: what it measures.</summary>
    public QuantityDimension? Dimension { get; init; }

    /// <summary>For numbers and integers: the lower bound, if any.</summary>
    public double? Minimum { get; init; }

    /// <summary>For numbers and integers: the upper bound, if any.</summary>
    public double? Maximum { get; init; }

    /// <summary>True if <see cref="Minimum"/> itself is excluded.</summary>
    public bool ExclusiveMinimum { get; init; }

    /// <summary>True if <see cref="Maximum"/> itself is excluded.</summary>
    public bool ExclusiveMaximum { get; init; }

    /// <summary>For <see cref="ValueShape.Choice"/>: the accepted names.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>For <see cref="ValueShape.Text"/> and <see cref="ValueShape.Quantity"/>: the form as a regular expression (ECMA-262 and .NET alike), if any.</summary>
    public string? Pattern { get; init; }

    /// <summary>For <see cref="ValueShape.List"/>: the items' spec.</summary>
    public ValueSpec? Item { get; init; }

    /// <summary>For <see cref="ValueShape.List"/>: the fewest items.</summary>
    public int MinItems { get; init; }

    /// <summary>For <see cref="ValueShape.Block"/>: the mapping's spec.</summary>
    public BlockSpec? Block { get; init; }

    /// <summary>For <see cref="ValueShape.Kinds"/>: the family whose kinds the mapping may be.</summary>
    public KindFamily? Family { get; init; }

    /// <summary>A number followed by one of the units the parser of <paramref name="dimension"/> accepts.</summary>
    public static ValueSpec Quantity(QuantityDimension dimension)
    {
        IReadOnlyList<string> units = QuantityText.Units(dimension);
        string name = dimension switch
        {
            QuantityDimension.EnergyOrCharge => "energy or charge",
            QuantityDimension.PowerLevel => "power level",
            _ => dimension.ToString().ToLowerInvariant(),
        };
        return new ValueSpec(ValueShape.Quantity, $"{name} ({string.Join(", ", units)})")
        {
            Dimension = dimension,
            Pattern = $@"^\s*{QuantityText.NumberPattern}\s*({string.Join('|', units.Select(Regex.Escape))})\s*$",
        };
    }

    /// <summary>A duration (<c>10 min</c>).</summary>
    public static ValueSpec Duration { get; } = Quantity(QuantityDimension.Duration);

    /// <summary>A length (<c>100 m</c>).</summary>
    public static ValueSpec Length { get; } = Quantity(QuantityDimension.Length);

    /// <summary>A voltage (<c>3.0 V</c>).</summary>
    public static ValueSpec Voltage { get; } = Quantity(QuantityDimension.Voltage);

    /// <summary>A frequency (<c>868.1 MHz</c>).</summary>
    public static ValueSpec Frequency { get; } = Quantity(QuantityDimension.Frequency);

    /// <summary>A size in bytes (<c>20 B</c>).</summary>
    public static ValueSpec Size { get; } = Quantity(QuantityDimension.Size);

    /// <summary>A power level in dBm (<c>14 dBm</c>).</summary>
    public static ValueSpec PowerLevel { get; } = Quantity(QuantityDimension.PowerLevel);

    /// <summary><c>true</c> or <c>false</c>.</summary>
    public static ValueSpec Boolean { get; } = new(ValueShape.Boolean, "true or false");

    /// <summary>An integer in [<paramref name="minimum"/>, <paramref name="maximum"/>] (no upper bound if null).</summary>
    public static ValueSpec WholeNumber(long minimum, long? maximum = null) =>
        new(ValueShape.WholeNumber, maximum is { } max ? Invariant($"integer {minimum}–{max}") : Invariant($"integer ≥ {minimum}"))
        {
            Minimum = minimum,
            Maximum = maximum,
        };

    /// <summary>A number between optional bounds, each inclusive unless said otherwise.</summary>
    public static ValueSpec Number(double? minimum = null, double? maximum = null, bool exclusiveMinimum = false, bool exclusiveMaximum = false)
    {
        string low = minimum is { } lo ? Invariant($"{(exclusiveMinimum ? "(" : "[")}{lo}") : "(−∞";
        string high = maximum is { } hi ? Invariant($"{hi}{(exclusiveMaximum ? ")" : "]")}") : "∞)";
        return new ValueSpec(ValueShape.Number, minimum is null && maximum is null ? "number" : $"number in {low}, {high}")
        {
            Minimum = minimum,
            Maximum = maximum,
            ExclusiveMinimum = exclusiveMinimum,
            ExclusiveMaximum = exclusiveMaximum,
        };
    }

    /// <summary>One of <paramref name="choices"/>.</summary>
    public static ValueSpec OneOf(IEnumerable<string> choices)
    {
        string[] names = [.. choices];
        return new ValueSpec(ValueShape.Choice, names.Length == 1 ? names[0] : "one of " + string.Join(", ", names)) { Choices = names };
    }

    /// <summary>Text matching <paramref name="pattern"/> (null: any non-empty text), described as <paramref name="summary"/>.</summary>
    public static ValueSpec Text(string summary, string? pattern = null) => new(ValueShape.Text, summary) { Pattern = pattern };

    /// <summary>A list of at least <paramref name="minItems"/> values of <paramref name="item"/>.</summary>
    public static ValueSpec ListOf(ValueSpec item, int minItems = 1)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new ValueSpec(ValueShape.List, $"list of {item.Summary}") { Item = item, MinItems = minItems };
    }

    /// <summary>A nested mapping of <paramref name="block"/>.</summary>
    public static ValueSpec Mapping(BlockSpec block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return new ValueSpec(ValueShape.Block, $"mapping ({block.Name})") { Block = block };
    }

    /// <summary>A nested mapping of one of <paramref name="family"/>'s kinds.</summary>
    public static ValueSpec KindOf(KindFamily family)
    {
        ArgumentNullException.ThrowIfNull(family);
        return new ValueSpec(ValueShape.Kinds, $"mapping with a kind ({family.Name})") { Family = family };
    }

    /// <summary>
    /// The JSON value of <paramref name="yaml"/> (a value as written in a scenario, such as a default or an example)
    /// typed by this spec: integers and numbers as JSON numbers, booleans as JSON booleans, lists as arrays, the rest
    /// as strings.
    /// </summary>
    /// <exception cref="FormatException">The text is not of this spec's JSON type.</exception>
    public JsonNode ToJson(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return ToJson(stream.Documents[0].RootNode);
    }

    private JsonNode ToJson(YamlNode node)
    {
        if (Shape == ValueShape.List)
        {
            return node is YamlSequenceNode seq
                ? new JsonArray([.. seq.Children.Select(Item!.ToJson)])
                : throw new FormatException($"expected a list, not '{node}'");
        }

        string text = node is YamlScalarNode { Value: { } v } ? v : throw new FormatException($"expected a single value, not '{node}'");
        return Shape switch
        {
            ValueShape.WholeNumber => JsonValue.Create(long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)),
            ValueShape.Number => JsonValue.Create(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)),
            ValueShape.Boolean => JsonValue.Create(text switch { "true" => true, "false" => false, _ => throw new FormatException($"'{text}' is not a boolean") }),
            ValueShape.Block or ValueShape.Kinds => throw new FormatException("a mapping has no single-value form"),
            _ => JsonValue.Create(text),
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
