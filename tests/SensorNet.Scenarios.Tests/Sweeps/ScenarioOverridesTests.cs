using SensorNet.Scenarios.Loading;
using SensorNet.Scenarios.Sweeps;
using SensorNet.Scenarios.Tests.Support;
using SensorNet.SimEngine.Configuration;

namespace SensorNet.Scenarios.Tests.Sweeps;

public class ScenarioOverridesTests
{
    private static readonly string Path = RepoPaths.Example("lorasim-exp1.yaml");

    [Fact]
    public void MissingBlock_IsCreated_AndLoads()
    {
        string text = File.ReadAllText(Path);
        Assert.DoesNotContain("outputs:", text, StringComparison.Ordinal);

        string edited = ScenarioOverrides.Apply(text, Path, [("outputs.energySampleInterval", "10 min"), ("nodes[0].count", "7")]);
        ScenarioConfig config = ScenarioLoader.Parse(edited, Path);

        Assert.Equal(600_000_000_000L, config.EnergySampleInterval.Nanoseconds);
        Assert.Equal(7, config.Groups[0].Count);
    }

    [Fact]
    public void MisspeltBlock_IsCreated_ThenRejectedByTheLoaderWithASuggestion()
    {
        string edited = ScenarioOverrides.Apply(File.ReadAllText(Path), Path, [("outptus.energySampleInterval", "10 min")]);

        var e = Assert.Throws<ConfigurationException>(() => ScenarioLoader.Parse(edited, Path));

        Assert.Contains("outptus", e.Message, StringComparison.Ordinal);
        Assert.Contains("outputs", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nodes[5].count", "'nodes' has no item 5")]
    [InlineData("gateways[0].x", "the scenario has no 'gateways' list here")]
    [InlineData("seed.x", "'seed' is not a mapping")]
    public void PathsThatCannotBeSet_AreReportedWithThePath(string path, string expected)
    {
        var e = Assert.Throws<ConfigurationException>(() => ScenarioOverrides.Apply(File.ReadAllText(Path), Path, [(path, "1")]));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
