using System.Globalization;

namespace SensorNet.Benchmarks;

/// <summary>
/// A deliberately tiny parser for <c>--name value</c> pairs: each subcommand reads the options it knows and then
/// calls <see cref="RejectUnknown"/>, so a typo fails loudly instead of silently running the defaults.
/// </summary>
internal sealed class OptionReader
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public OptionReader(ReadOnlySpan<string> args)
    {
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (name is "-h" or "--help")
            {
                HelpRequested = true;
                continue;
            }

            if (!name.StartsWith("--", StringComparison.Ordinal) || name.Length == 2)
            {
                throw new UsageException($"unexpected argument '{name}'");
            }

            if (i + 1 >= args.Length)
            {
                throw new UsageException($"option '{name}' needs a value");
            }

            if (!_values.TryAdd(name, args[++i]))
            {
                throw new UsageException($"option '{name}' given twice");
            }
        }
    }

    public bool HelpRequested { get; }

    /// <summary>An integer option; thousands separators are accepted (<c>--events 10,000,000</c>).</summary>
    public long GetInt64(string name, long defaultValue, long min, long max)
    {
        _read.Add(name);
        if (!_values.TryGetValue(name, out string? text))
        {
            return defaultValue;
        }

        string digits = text.Replace("_", string.Empty, StringComparison.Ordinal);
        if (!long.TryParse(digits, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out long value))
        {
            throw new UsageException($"option '{name}' expects an integer, got '{text}'");
        }

        if (value < min || value > max)
        {
            throw new UsageException(string.Create(
                CultureInfo.InvariantCulture, $"option '{name}' must lie in [{min}, {max}], got {value}"));
        }

        return value;
    }

    /// <summary>
    /// A comma-separated list of positive counts for option <paramref name="name"/>, such as <c>1000,10_000</c>
    /// (underscores group digits, since commas separate the items).
    /// </summary>
    public static int[] ParseCounts(string name, string text) =>
        [.. text.Split(',').Select(item =>
            int.TryParse(item.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out int count) && count >= 1
                ? count
                : throw new UsageException($"option '{name}' expects positive integers separated by commas, got '{item}'"))];

    public string? GetString(string name)
    {
        _read.Add(name);
        return _values.GetValueOrDefault(name);
    }

    public void RejectUnknown()
    {
        foreach (string name in _values.Keys)
        {
            if (!_read.Contains(name))
            {
                throw new UsageException($"unknown option '{name}'");
            }
        }
    }
}
