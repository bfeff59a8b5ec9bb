using System.Globalization;
using SensorNet.SimEngine.Configuration;
using YamlDotNet.RepresentationModel;

namespace SensorNet.Scenarios.Sweeps;

/// <summary>
/// Sets fields of a scenario's YAML text by field path (<c>duration</c>, <c>nodes[0].count</c>,
/// <c>nodes[1].storage.capacity</c>), the way <c>--set path=value</c> and sweep parameters do; the result is loaded and
/// validated like any scenario, so a bad value is reported with its field path.
/// </summary>
public static class ScenarioOverrides
{
    /// <summary>Returns <paramref name="text"/> with every (path, value) applied in order.</summary>
    /// <exception cref="ConfigurationException">A path runs through a list item that does not exist or a value that is not a mapping (missing mappings and keys are added; the loader validates the result).</exception>
    public static string Apply(string text, string fileName, IEnumerable<(string Path, string Value)> overrides)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(overrides);
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ConfigurationException($"{fileName}: the scenario is not a YAML mapping");
        }

        foreach ((string path, string value) in overrides)
        {
            Set(root, path, value, fileName);
        }

        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        stream.Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    /// <summary>Parses <c>path=value</c>.</summary>
    /// <exception cref="FormatException">No '=' or an empty path.</exception>
    public static (string Path, string Value) ParseAssignment(string assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        int eq = assignment.IndexOf('=', StringComparison.Ordinal);
        return eq > 0 ? (assignment[..eq].Trim(), assignment[(eq + 1)..].Trim()) : throw new FormatException($"expected path=value, not '{assignment}'");
    }

    private static void Set(YamlMappingNode root, string path, string value, string fileName)
    {
        string[] parts = path.Split('.');
        YamlNode node = root;
        for (int i = 0; i < parts.Length; i++)
        {
            (string key, int? index) = Segment(parts[i], path, fileName);
            if (node is not YamlMappingNode map)
            {
                throw new ConfigurationException($"{fileName}: {path}: '{string.Join('.', parts[..i])}' is not a mapping");
            }

            bool last = i == parts.Length - 1 && index is null;
            var keyNode = new YamlScalarNode(key);
            if (last)
            {
                map.Children[keyNode] = new YamlScalarNode(value);
                return;
            }

            if (!map.Children.TryGetValue(keyNode, out YamlNode? child))
            {
                if (index is not null)
                {
                    throw new ConfigurationException($"{fileName}: {path}: the scenario has no '{key}' list here");
                }

                // A block the file leaves at its defaults (outputs, power, network…): create it; the loader then
                // rejects a misspelt key with its field path and a suggestion, as for any scenario file.
                child = new YamlMappingNode();
                map.Children[keyNode] = child;
            }

            if (index is { } k)
            {
                if (child is not YamlSequenceNode seq || k >= seq.Children.Count)
                {
                    throw new ConfigurationException($"{fileName}: {path}: '{key}' has no item {k}");
                }

                if (i == parts.Length - 1)
                {
                    seq.Children[k] = new YamlScalarNode(value);
                    return;
                }

                child = seq.Children[k];
            }

            node = child;
        }
    }

    private static (string Key, int? Index) Segment(string part, string path, string fileName)
    {
        int open = part.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            return part.Length > 0 ? (part, null) : throw new ConfigurationException($"{fileName}: {path}: empty field name");
        }

        if (!part.EndsWith(']') || !int.TryParse(part[(open + 1)..^1], NumberStyles.None, CultureInfo.InvariantCulture, out int index))
        {
            throw new ConfigurationException($"{fileName}: {path}: expected 'name[index]' in '{part}'");
        }

        return (part[..open], index);
    }
}
