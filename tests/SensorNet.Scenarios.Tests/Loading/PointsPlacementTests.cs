using SensorNet.Scenarios.Loading;
using SensorNet.Scenarios.Running;
using SensorNet.Scenarios.Tests.Support;

namespace SensorNet.Scenarios.Tests.Loading;

/// <summary><c>placement: { kind: points, positions: [...] }</c>: positions written in the scenario.</summary>
public class PointsPlacementTests
{
    private static string ThreeNodes => File.ReadAllText(RepoPaths.Example("quickstart.yaml"))
        .Replace("    count: 10\n", "    count: 3\n", StringComparison.Ordinal)
        .Replace(
            "      kind: grid\n      columns: 5\n      spacing: 100 m\n",
            "      kind: points\n      positions:\n        - { x: 0 m, y: 0 m }\n        - { x: 120 m, y: -40 m }\n        - { x: 1.5 km, y: 250 cm }\n",
            StringComparison.Ordinal);

    [Fact]
    public void Points_PlaceEachNodeWhereListed()
    {
        RunResult run = ScenarioRunner.Run(ScenarioLoader.Parse(ThreeNodes, "p.yaml"));

        Assert.Equal([(0.0, 0.0), (120.0, -40.0), (1500.0, 2.5)], run.Nodes.Select(n => (n.XM, n.YM)));
    }

    [Theory]
    [InlineData("        - { x: 1.5 km, y: 250 cm }\n", "", "nodes[0].placement.positions", "expected 3 positions (one per node, in node order); the list holds 2")]
    [InlineData("y: -40 m }", "y: -40 }", "nodes[0].placement.positions[1].y", "expected a length with a unit")]
    [InlineData("{ x: 0 m, y: 0 m }", "{ x: 0 m, y: 0 m, z: 3 m }", "nodes[0].placement.positions[0].z", "unknown key 'z'")]
    [InlineData("{ x: 120 m, y: -40 m }", "{ x: 120 m }", "nodes[0].placement.positions[1].y", "required key is missing")]
    public void BadPoints_AreReportedAtTheirFieldPath(string from, string to, string path, string expected)
    {
        LoaderAssert.RejectsEdit(ThreeNodes, from, to, path, expected);
    }
}
