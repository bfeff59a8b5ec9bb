using SensorNet.Scenarios.Loading;
using SensorNet.Scenarios.Results;
using SensorNet.Scenarios.Running;
using SensorNet.Scenarios.Tests.Support;
using SensorNet.SimEngine.Configuration;

namespace SensorNet.Scenarios.Tests.Loading;

/// <summary>Per-node overrides of a node group (<c>nodes[i].overrides</c>).</summary>
public class NodeOverrideTests
{
    // Node 3 sends at SF12, nodes 7 and 8 carry a bigger battery; the other seven are the quickstart's.
    private const string Overrides = """
    overrides:
      - nodes: [3]
        radio:
          kind: lora
          chip: sx1276
          txPower: 14 dBm
          spreadingFactor: 12
          bandwidth: 125 kHz
          codingRate: 4/5
      - nodes: [7, 8]
        storage:
          kind: linearBattery
          capacity: 1000 mAh
          voltage: 3.0 V

""";

    private static string Quickstart => File.ReadAllText(RepoPaths.Example("quickstart.yaml"));

    private static string WithOverrides(string overrides) => Quickstart.Replace("    mcu: nrf52840\n", overrides + "    mcu: nrf52840\n", StringComparison.Ordinal);

    [Fact]
    public void OverriddenNodes_RunTheirOwnConfiguration_AndTheOthersAreUnchanged()
    {
        RunResult plain = ScenarioRunner.Run(ScenarioLoader.Parse(Quickstart, "q.yaml"));
        ScenarioConfig config = ScenarioLoader.Parse(WithOverrides(Overrides), "q.yaml");
        RunResult run = ScenarioRunner.Run(config);

        Assert.Equal([3], config.Groups[0].Overrides[0].Nodes);
        Assert.Equal([7, 8], config.Groups[0].Overrides[1].Nodes);
        // SF12 frames last 8× longer than SF9 ones (1,155 ms against 185 ms for 20 B), so node 3's airtime is ~6-8×.
        double ratio = (double)run.Nodes[3].AirtimeNs / plain.Nodes[3].AirtimeNs;
        Assert.InRange(ratio, 5.5, 8.0);
        Assert.Equal(1000.0 / 225.0, run.Nodes[7].InitialJ / plain.Nodes[7].InitialJ, 9);
        Assert.Equal(run.Nodes[7].EnergyJ, plain.Nodes[7].EnergyJ, 12);
        foreach (int i in new[] { 0, 1, 2, 4, 5, 6, 9 })
        {
            Assert.Equal(plain.Nodes[i], run.Nodes[i]);
        }
    }

    [Fact]
    public async Task Manifest_RecordsEachOverrideWithItsNodes()
    {
        using var tmp = new TempDirectory();
        string text = WithOverrides(Overrides);
        await ResultsWriter.RunAsync(ScenarioLoader.Parse(text, "q.yaml"), 0, tmp.Combine("out"), "q.yaml", text);

        using var manifest = System.Text.Json.JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(tmp.Combine("out"), ResultsWriter.ManifestFile)));
        System.Text.Json.JsonElement[] overrides = [.. manifest.RootElement.GetProperty("scenario").GetProperty("nodes")[0].GetProperty("overrides").EnumerateArray()];
        Assert.Equal(2, overrides.Length);
        Assert.Equal([7, 8], overrides[1].GetProperty("node_indices").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(12, overrides[0].GetProperty("radio").GetProperty("spreading_factor").GetInt32());
    }

    [Theory]
    [InlineData("      - nodes: [7, 8]\n", "      - nodes: [7, 10]\n", "nodes[0].overrides[1].nodes", "expected node indices within the group (0 to 9), not '10'")]
    [InlineData("      - nodes: [7, 8]\n", "      - nodes: [8, 7, 8]\n", "nodes[0].overrides[1].nodes", "node 8 is listed twice")]
    [InlineData("      - nodes: [7, 8]\n", "      - nodes: [3]\n", "nodes[0].overrides[1].nodes", "node 3 is already overridden by overrides[0]")]
    [InlineData("      - nodes: [7, 8]\n", "      - nodes: []\n", "nodes[0].overrides[1].nodes", "expected a non-empty list of node indices")]
    [InlineData("      - nodes: [7, 8]\n", "      - nodes: [7, -8]\n", "nodes[0].overrides[1].nodes", "not '-8'")]
    [InlineData("      - nodes: [7, 8]\n", "      - nodes: [7]\n        count: 2\n", "nodes[0].overrides[1].count", "holds for the whole group")]
    [InlineData("      - nodes: [7, 8]\n", "      - nodes: [7]\n        placement: { kind: grid, columns: 1, spacing: 1 m }\n", "nodes[0].overrides[1].placement", "holds for the whole group")]
    [InlineData("          capacity: 1000 mAh\n", "          capacity: -5 mAh\n", "nodes[0].overrides[1].storage.capacity", "expected")]
    [InlineData("          spreadingFactor: 12\n", "          spreadingFactor: 13\n", "nodes[0].overrides[0].radio.spreadingFactor", "[7, 12]")]
    [InlineData("        storage:\n", "        storge:\n", "nodes[0].overrides[1].storge", "did you mean 'storage'")]
    public void InvalidOverride_IsReportedAtItsOwnFieldPath(string from, string to, string path, string expected)
    {
        LoaderAssert.RejectsEdit(WithOverrides(Overrides), from, to, path, expected);
    }

    [Fact]
    public void OverriddenBoard_RunsOnItsOwnChip()
    {
        // Two nodes of the async nRF52840 group, the second on an imix board (SAM4L) instead.
        string text = File.ReadAllText(RepoPaths.Example("tock-async-vs-sync.yaml")).Replace(
            "    name: nrf52840dk-async\n    count: 1\n",
            "    name: nrf52840dk-async\n    count: 2\n    overrides:\n      - nodes: [1]\n        board: imix\n",
            StringComparison.Ordinal);
        ScenarioConfig config = ScenarioLoader.Parse(text, "t.yaml");

        RunResult run = ScenarioRunner.Run(config with { Duration = SimEngine.Time.SimDuration.FromMinutes(1) });

        Assert.NotEqual(run.Kernels[0].Chip, run.Kernels[1].Chip);
        Assert.Equal(run.Kernels.Single(k => k.NodeId == 4).Chip, run.Kernels[1].Chip); // the example's own imix node
    }
}
