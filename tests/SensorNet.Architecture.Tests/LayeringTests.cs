using System.Reflection;
using System.Xml.Linq;

namespace SensorNet.Architecture.Tests;

public class LayeringTests
{
    private static readonly Dictionary<string, string> ProjectFiles = new(StringComparer.Ordinal)
    {
        ["SensorNet.SimEngine"] = "sim-engine/SensorNet.SimEngine.csproj",
        ["SensorNet.Energy"] = "energy/SensorNet.Energy.csproj",
        ["SensorNet.RadioModels"] = "radio-models/SensorNet.RadioModels.csproj",
        ["SensorNet.NodeKernel"] = "node-kernel/SensorNet.NodeKernel.csproj",
        ["SensorNet.Scenarios"] = "scenarios/SensorNet.Scenarios/SensorNet.Scenarios.csproj",
        ["SensorNet.Analysis"] = "scenarios/SensorNet.Analysis/SensorNet.Analysis.csproj",
        ["sensornet"] = "scenarios/SensorNet.Cli/SensorNet.Cli.csproj",
    };

    [Fact]
    public void AssemblyReferences_PointOnlyDownTheLayers()
    {
        Dictionary<string, IReadOnlyCollection<string>> graph = AssemblyGraph();

        Assert.Equal(LayerRules.Order.Count, graph.Count);
        Assert.Empty(LayerRules.FindViolations(graph));
    }

    [Fact]
    public void ProjectReferences_PointOnlyDownTheLayers()
    {
        // Project files catch a forbidden reference even before any code uses it (the compiler drops unused references).
        Assert.Empty(LayerRules.FindViolations(ProjectGraph()));
    }

    [Fact]
    public void ForbiddenReference_AddedToTheRealGraph_IsReported()
    {
        // The real metadata graph plus one upward edge, as if Energy started using a NodeKernel type.
        Dictionary<string, IReadOnlyCollection<string>> graph = AssemblyGraph();
        graph["SensorNet.Energy"] = [.. graph["SensorNet.Energy"], "SensorNet.NodeKernel"];
        graph["SensorNet.SimEngine"] = [.. graph["SensorNet.SimEngine"], "SensorNet.SimEngine", "SensorNet.Energy"];

        Assert.Equal(["SensorNet.Energy → SensorNet.NodeKernel", "SensorNet.SimEngine → SensorNet.Energy"], LayerRules.FindViolations(graph));
    }

    [Fact]
    public void EachLayer_ReferencesTheLayerBelowIt()
    {
        // Guards the test itself: if assembly names changed, the graph would be empty and the rule would pass vacuously.
        Dictionary<string, IReadOnlyCollection<string>> graph = AssemblyGraph();

        for (int i = 1; i < LayerRules.Order.Count; i++)
        {
            Assert.Contains(LayerRules.Order[i - 1], graph[LayerRules.Order[i]]);
        }
    }

    private static Dictionary<string, IReadOnlyCollection<string>> AssemblyGraph()
    {
        var graph = new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal);
        foreach (string name in LayerRules.Order)
        {
            Assembly a = Assembly.Load(name);
            graph[name] = [.. a.GetReferencedAssemblies().Select(r => r.Name!).Where(n => LayerRules.LevelOf(n) >= 0)];
        }

        return graph;
    }

    private static Dictionary<string, IReadOnlyCollection<string>> ProjectGraph()
    {
        string root = RepoRoot();
        var byPath = ProjectFiles.ToDictionary(p => Path.GetFullPath(Path.Combine(root, p.Value)), p => p.Key, StringComparer.Ordinal);
        var graph = new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal);
        foreach ((string name, string relative) in ProjectFiles)
        {
            string file = Path.Combine(root, relative);
            graph[name] = [.. XDocument.Load(file).Descendants("ProjectReference")
                .Select(e => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, e.Attribute("Include")!.Value)))
                .Select(p => byPath.TryGetValue(p, out string? n) ? n : throw new InvalidOperationException($"{relative} references an unknown project {p}"))];
        }

        return graph;
    }

    private static string RepoRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "SensorNet.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("SensorNet.sln not found");
    }
}
