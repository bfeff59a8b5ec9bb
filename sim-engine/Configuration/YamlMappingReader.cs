using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SensorNet.SimEngine.Configuration;

/// <summary>
/// Reads one YAML mapping of a data file (scenario, chip parameters) with precise errors: every failure names the file, line, column and
/// field path. Keys that are never read are reported as unknown, with the closest known key as a suggestion.
/// </summary>
public sealed class YamlMappingReader
{
    private readonly YamlMappingNode _node;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private IReadOnlySet<string>? _declared;
    private string? _declaredBy;

    // Keys taken from an overlay (Overlaid) and the overlay's field path, so messages point at where they were written.
    private readonly HashSet<string> _overlaid = new(StringComparer.Ordinal);
    private string _overlayPath = string.Empty;

    // Where messages about this mapping as a whole point (a merged mapping has no place in the file of its own).
    private YamlNode _location;

    /// <summary>Wraps the mapping <paramref name="node"/> of <paramref name="file"/> found at field path <paramref name="path"/>.</summary>
    public YamlMappingReader(string file, YamlMappingNode node, string path)
    {
        File = file;
        _node = node;
        _location = node;
        Path = path;
    }

    /// <summary>The file name used in messages.</summary>
    public string File { get; }

    /// <summary>
    /// A reader over this mapping without <paramref name="dropped"/> and with every key of <paramref name="overlay"/>
    /// except <paramref name="overlayOnly"/> replacing (whole, not merged) or adding to its own, e.g. a per-node
    /// override of a node group's blocks. Values taken from the overlay keep the overlay's field path in messages.
    /// </summary>
    /// <param name="overlay">The mapping whose keys win.</param>
    /// <param name="dropped">Keys of this mapping the result does not have.</param>
    /// <param name="overlayOnly">Keys of the overlay that are not part of the result (read from the overlay itself).</param>
    public YamlMappingReader Overlaid(YamlMappingReader overlay, IReadOnlyCollection<string> dropped, IReadOnlyCollection<string> overlayOnly)
    {
        ArgumentNullException.ThrowIfNull(overlay);
        var merged = new YamlMappingNode();
        foreach (KeyValuePair<YamlNode, YamlNode> pair in _node.Children)
        {
            if (!dropped.Contains(((YamlScalarNode)pair.Key).Value ?? string.Empty))
            {
                merged.Children[pair.Key] = pair.Value;
            }
        }

        var reader = new YamlMappingReader(File, merged, Path) { _overlayPath = overlay.Path, _location = _location };
        foreach (KeyValuePair<YamlNode, YamlNode> pair in overlay._node.Children)
        {
            string key = ((YamlScalarNode)pair.Key).Value ?? string.Empty;
            if (!overlayOnly.Contains(key))
            {
                merged.Children.Remove(new YamlScalarNode(key));
                merged.Children.Add(pair.Key, pair.Value);
                reader._overlaid.Add(key);
            }
        }

        return reader;
    }

    /// <summary>Dotted field path of this mapping ("" at the top).</summary>
    public string Path { get; }

    /// <summary>
    /// Parses <paramref name="text"/> (YAML, or JSON as YAML flow syntax) as one document whose top level is a mapping.
    /// </summary>
    /// <exception cref="ConfigurationException">Malformed YAML, duplicate keys, or not exactly one document.</exception>
    public static YamlMappingReader Load(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new ConfigurationException(fileName, (int)e.Start.Line, (int)e.Start.Column, string.Empty, "malformed YAML: " + (e.InnerException?.Message ?? e.Message));
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner reports some malformed input this way, without a position.
            throw new ConfigurationException($"{fileName}: malformed YAML: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            // YamlDotNet reports a duplicate key as ArgumentException from its mapping dictionary.
            throw new ConfigurationException($"{fileName}: malformed YAML: {e.Message} (a key appears twice in one mapping)", e);
        }

        if (stream.Documents.Count != 1)
        {
            throw new ConfigurationException($"{fileName}: expected exactly one YAML document, found {stream.Documents.Count}");
        }

        return Root(fileName, stream.Documents[0].RootNode);
    }

    /// <summary>The reader of a document's top-level mapping.</summary>
    public static YamlMappingReader Root(string file, YamlNode node)
    {
        if (node is not YamlMappingNode map)
        {
            throw new ConfigurationException(file, (int)node.Start.Line, (int)node.Start.Column, string.Empty, "expected a mapping of scenario fields at the top level");
        }

        return new YamlMappingReader(file, map, string.Empty);
    }

    /// <summary>A required scalar.</summary>
    public string RequireString(string key) => Scalar(key, required: true)!.Value!;

    /// <summary>An optional scalar, or null.</summary>
    public string? OptionalString(string key) => Scalar(key, required: false)?.Value;

    /// <summary>A required value parsed by <paramref name="parse"/>; <paramref name="expected"/> describes it in errors.</summary>
    public T Require<T>(string key, Func<string, T> parse, string expected)
    {
        YamlScalarNode s = Scalar(key, required: true)!;
        return Parse(s, key, parse, expected);
    }

    /// <summary>An optional value parsed by <paramref name="parse"/>, or <paramref name="fallback"/>.</summary>
    public T Optional<T>(string key, Func<string, T> parse, string expected, T fallback)
    {
        YamlScalarNode? s = Scalar(key, required: false);
        return s is null ? fallback : Parse(s, key, parse, expected);
    }

    /// <summary>A required integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public long RequireInteger(string key, long min, long max) =>
        Require(key, v => ParseInteger(v, min, max), string.Create(CultureInfo.InvariantCulture, $"an integer in [{min}, {max}]"));

    /// <summary>An optional integer in [<paramref name="min"/>, <paramref name="max"/>], or <paramref name="fallback"/>.</summary>
    public long OptionalInteger(string key, long min, long max, long fallback) =>
        Optional(key, v => ParseInteger(v, min, max), string.Create(CultureInfo.InvariantCulture, $"an integer in [{min}, {max}]"), fallback);

    /// <summary>A required nested mapping.</summary>
    public YamlMappingReader RequireMapping(string key)
    {
        YamlNode value = Value(key, required: true)!;
        if (value is not YamlMappingNode map)
        {
            throw Error(value, key, "expected a mapping (indented fields)");
        }

        return new YamlMappingReader(File, map, Join(key));
    }

    /// <summary>An optional nested mapping, or null.</summary>
    public YamlMappingReader? OptionalMapping(string key)
    {
        YamlNode? value = Value(key, required: false);
        return value switch
        {
            null => null,
            YamlMappingNode map => new YamlMappingReader(File, map, Join(key)),
            _ => throw Error(value, key, "expected a mapping (indented fields)"),
        };
    }

    /// <summary>A required, non-empty sequence of mappings; their field paths are <c>key[i]</c>.</summary>
    public IReadOnlyList<YamlMappingReader> RequireMappingList(string key)
    {
        YamlNode value = Value(key, required: true)!;
        if (value is not YamlSequenceNode seq || seq.Children.Count == 0)
        {
            throw Error(value, key, "expected a non-empty list of mappings (items starting with '- ')");
        }

        return [.. seq.Children.Select((item, i) => item is YamlMappingNode map
            ? new YamlMappingReader(File, map, Join($"{key}[{i}]"))
            : throw Error(item, $"{key}[{i}]", "expected a mapping (indented fields)"))];
    }

    /// <summary>An optional sequence of mappings (possibly empty); their field paths are <c>key[i]</c>.</summary>
    public IReadOnlyList<YamlMappingReader> OptionalMappingList(string key)
    {
        YamlNode? value = Value(key, required: false);
        if (value is null)
        {
            return [];
        }

        if (value is not YamlSequenceNode seq)
        {
            throw Error(value, key, "expected a list of mappings (items starting with '- ')");
        }

        return [.. seq.Children.Select((item, i) => item is YamlMappingNode map
            ? new YamlMappingReader(File, map, Join($"{key}[{i}]"))
            : throw Error(item, $"{key}[{i}]", "expected a mapping (indented fields)"))];
    }

    /// <summary>The keys of this mapping in file order (for mappings whose keys are data, such as a sweep's field paths).</summary>
    public IReadOnlyList<string> Keys =>
        [.. _node.Children.Keys.Select(k => k is YamlScalarNode { Value: { } v } ? v : throw Error(k, "(key)", "expected a plain key"))];

    /// <summary>An optional boolean (true/false), or <paramref name="fallback"/>.</summary>
    public bool OptionalBoolean(string key, bool fallback) =>
        Optional(key, v => v switch { "true" => true, "false" => false, _ => throw new FormatException("not a boolean") }, "true or false", fallback);

    /// <summary>An optional sequence of scalars, or an empty list.</summary>
    public IReadOnlyList<string> OptionalStringList(string key)
    {
        YamlNode? value = Value(key, required: false);
        if (value is null)
        {
            return [];
        }

        if (value is not YamlSequenceNode seq)
        {
            throw Error(value, key, "expected a list");
        }

        return [.. seq.Children.Select((item, i) => item is YamlScalarNode { Value: { } v } ? v : throw Error(item, $"{key}[{i}]", "expected a single value"))];
    }

    /// <summary>Reads the mandatory <c>kind</c> discriminator and checks it against the allowed values.</summary>
    public string RequireKind(params string[] allowed)
    {
        YamlScalarNode s = Scalar("kind", required: true)!;
        string kind = s.Value ?? string.Empty;
        if (!allowed.Contains(kind, StringComparer.Ordinal))
        {
            string hint = Suggest(kind, allowed) is { } close ? $" (did you mean '{close}'?)" : string.Empty;
            throw Error(s, "kind", $"unknown kind '{kind}'; expected one of {string.Join(", ", allowed)}{hint}");
        }

        return kind;
    }

    /// <summary>
    /// Declares every key this mapping may have, as a catalog lists them: a missing required key is then never blamed
    /// on a present declared key as its typo, and <see cref="RejectUnknownKeys"/> checks that this reader asked for no
    /// other key.
    /// </summary>
    /// <param name="keys">Every key the mapping may have.</param>
    /// <param name="declaredBy">Names the catalog entry in messages.</param>
    public void Declare(IReadOnlySet<string> keys, string declaredBy)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _declared = keys;
        _declaredBy = declaredBy;
    }

    /// <summary>Fails on the first key that no reader asked for.</summary>
    /// <exception cref="ConfigurationException">The mapping has a key no reader asked for.</exception>
    /// <exception cref="InvalidOperationException">
    /// This reader asked for a key outside those <see cref="Declare"/> declared: the code reading the mapping is out of
    /// step with its catalog (a bug, not a fault of the file).
    /// </exception>
    public void RejectUnknownKeys()
    {
        if (_declared is not null && _known.Order(StringComparer.Ordinal).FirstOrDefault(k => !_declared.Contains(k)) is { } undeclared)
        {
            throw new InvalidOperationException($"the reader of '{_declaredBy}' reads key '{undeclared}', which its catalog does not declare (declared: {string.Join(", ", _declared.Order(StringComparer.Ordinal))})");
        }

        foreach (KeyValuePair<YamlNode, YamlNode> pair in _node.Children)
        {
            string key = ((YamlScalarNode)pair.Key).Value ?? string.Empty;
            if (!_known.Contains(key))
            {
                string hint = Suggest(key, _known) is { } close ? $" (did you mean '{close}'?)" : string.Empty;
                throw Error(pair.Key, key, $"unknown key '{key}'{hint}; known keys here: {string.Join(", ", _known.Order(StringComparer.Ordinal))}");
            }
        }
    }

    /// <summary>An error located at the value of <paramref name="key"/> (or at this mapping if it is absent).</summary>
    public ConfigurationException Error(string key, string problem)
    {
        YamlNode at = Value(key, required: false) ?? _location;
        return Error(at, key, problem);
    }

    /// <summary>An error located at <paramref name="at"/> for field <paramref name="key"/>.</summary>
    public ConfigurationException Error(YamlNode at, string key, string problem) =>
        new(File, (int)at.Start.Line, (int)at.Start.Column, Join(key), problem);

    private static long ParseInteger(string text, long min, long max)
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v) || v < min || v > max)
        {
            throw new FormatException("out of range or not an integer");
        }

        return v;
    }

    private T Parse<T>(YamlScalarNode s, string key, Func<string, T> parse, string expected)
    {
        try
        {
            return parse(s.Value ?? string.Empty);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException or KeyNotFoundException)
        {
            string detail = e.Message.StartsWith("expected", StringComparison.Ordinal) ? e.Message : $"expected {expected}, got '{s.Value}' ({e.Message})";
            throw Error(s, key, detail);
        }
    }

    private YamlScalarNode? Scalar(string key, bool required)
    {
        YamlNode? value = Value(key, required);
        if (value is null)
        {
            return null;
        }

        if (value is not YamlScalarNode s || string.IsNullOrEmpty(s.Value))
        {
            throw Error(value, key, "expected a single value");
        }

        return s;
    }

    private YamlNode? Value(string key, bool required)
    {
        _known.Add(key);
        if (_node.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? value))
        {
            return value;
        }

        if (required)
        {
            // A present key that is a near-miss of the missing one is almost certainly a typo of it: point at the typo.
            foreach (YamlNode k in _node.Children.Keys)
            {
                string present = ((YamlScalarNode)k).Value ?? string.Empty;
                if (!_known.Contains(present) && _declared?.Contains(present) != true && Suggest(present, [key]) is not null)
                {
                    throw Error(k, present, $"unknown key '{present}' (did you mean '{key}'?)");
                }
            }

            throw new ConfigurationException(File, (int)_location.Start.Line, (int)_location.Start.Column, Join(key), "required key is missing");
        }

        return null;
    }

    private string Join(string key)
    {
        string path = _overlaid.Contains(key.Split('[', 2)[0]) ? _overlayPath : Path;
        return path.Length == 0 ? key : path + "." + key;
    }

    // Closest known word by edit distance, if close enough to be a plausible typo.
    private static string? Suggest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string c in candidates)
        {
            int d = Levenshtein(word.ToUpperInvariant(), c.ToUpperInvariant());
            if (d < bestDistance)
            {
                bestDistance = d;
                best = c;
            }
        }

        return bestDistance <= Math.Max(2, word.Length / 2) ? best : null;
    }

    private static int Levenshtein(string a, string b)
    {
        int[] prev = new int[b.Length + 1];
        int[] cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }

            (prev, cur) = (cur, prev);
        }

        return prev[b.Length];
    }
}
