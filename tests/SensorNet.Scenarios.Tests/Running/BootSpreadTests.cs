using SensorNet.Scenarios.Loading;
using SensorNet.Scenarios.Running;
using SensorNet.SimEngine.Configuration;
using SensorNet.SimEngine.Random;

namespace SensorNet.Scenarios.Tests.Running;

/// <summary><c>bootSpread</c>: Tock nodes switched on one after another instead of all at t = 0.</summary>
public class BootSpreadTests
{
    private const string Scenario = """
        name: spread
        seed: 3
        duration: 1 h
        network:
          propagation: { kind: borEtAl2016 }
          gateways:
            - { name: gw, x: 0 m, y: 0 m, channels: [915 MHz] }
        nodes:
          - kind: tock
            name: lora
            count: 4
            bootSpread: 10 min
            placement: { kind: grid, columns: 2, spacing: 50 m }
            board: apollo3-lora-things-plus
            apps:
              - { kind: loraSense, mode: interrupt, period: 10 min, payload: 20 B, spreadingFactor: 7 }
            storage: { kind: linearBattery, capacity: 1000 mAh, voltage: 3.3 V }

        """;

    [Fact]
    public void EachNode_IsOffUntilItsOwnDrawnInstant_ThenRunsAsIfBootedThere()
    {
        RunResult run = ScenarioRunner.Run(ScenarioLoader.Parse(Scenario, "spread.yaml"));
        var streams = new RngStreams(3, 0);

        var delays = Enumerable.Range(0, 4).Select(id => (long)streams.For(id, RngPurpose.StartOffset).NextUInt64(600_000_000_000UL)).ToList();
        Assert.Equal(4, delays.Distinct().Count());
        foreach (int id in Enumerable.Range(0, 4))
        {
            Assert.Equal(delays[id], run.Kernels[id].OffNs);
            Assert.Equal((0, 0, 0L), (run.Nodes[id].Outages, run.Nodes[id].Restarts, run.Nodes[id].DowntimeNs));
            long firstFrame = run.Packets.Where(p => p.Sender == id).Min(p => p.StartNs);
            Assert.InRange(firstFrame, delays[id], delays[id] + 600_000_000_000L);
        }

        // Frames no longer start together: the first uplinks of the four nodes are spread over minutes.
        var starts = Enumerable.Range(0, 4).Select(id => run.Packets.Where(p => p.Sender == id).Min(p => p.StartNs)).ToList();
        Assert.True(starts.Max() - starts.Min() > 60_000_000_000L);
    }

    [Fact]
    public void WithoutSpread_EveryNodeBootsAtZero()
    {
        RunResult run = ScenarioRunner.Run(ScenarioLoader.Parse(Scenario.Replace("    bootSpread: 10 min\n", string.Empty, StringComparison.Ordinal), "spread.yaml"));

        Assert.All(run.Kernels, k => Assert.Equal(0, k.OffNs));
    }

    [Theory]
    [InlineData("1 h")]
    [InlineData("-1 s")]
    public void SpreadNotShorterThanTheRun_IsRejected(string spread)
    {
        var e = Assert.Throws<ConfigurationException>(() => ScenarioLoader.Parse(Scenario.Replace("bootSpread: 10 min", $"bootSpread: {spread}", StringComparison.Ordinal), "spread.yaml"));

        Assert.Equal("nodes[0].bootSpread", e.FieldPath);
    }
}
