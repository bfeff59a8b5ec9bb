namespace SensorNet.Architecture.Tests;

/// <summary>
/// The layer order fixed by the design card: each layer may reference only layers to its left.
/// SimEngine ← Energy ← RadioModels ← NodeKernel ← Scenarios ← Analysis ← CLI.
/// </summary>
internal static class LayerRules
{
    public static IReadOnlyList<string> Order { get; } =
        ["SensorNet.SimEngine", "SensorNet.Energy", "SensorNet.RadioModels", "SensorNet.NodeKernel", "SensorNet.Scenarios", "SensorNet.Analysis", "sensornet"];

    /// <summary>Every reference from a layer to a layer at the same level or above it, as "from → to".</summary>
    public static IReadOnlyList<string> FindViolations(IReadOnlyDictionary<string, IReadOnlyCollection<string>> references)
    {
        var violations = new List<string>();
        foreach ((string from, IReadOnlyCollection<string> targets) in references)
        {
            int fromLevel = LevelOf(from);
            foreach (string to in targets)
            {
                int toLevel = LevelOf(to);
                if (toLevel >= 0 && fromLevel >= 0 && toLevel >= fromLevel && to != from)
                {
                    violations.Add($"{from} → {to}");
                }
            }
        }

        violations.Sort(StringComparer.Ordinal);
        return violations;
    }

    public static int LevelOf(string name)
    {
        for (int i = 0; i < Order.Count; i++)
        {
            if (string.Equals(Order[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
