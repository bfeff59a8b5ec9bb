using SensorNet.Scenarios.Loading;
using SensorNet.Scenarios.Running;
using SensorNet.Scenarios.Tests.Support;
using SensorNet.SimEngine.Time;

namespace SensorNet.Scenarios.Tests.Running;

public class Ieee802154CollectionTests
{
    [Fact]
    public void CollectionExample_DeliversMultiHop_AndTheRadioIsAlwaysOn()
    {
        ScenarioConfig config = ScenarioLoader.LoadFile(RepoPaths.Example("ieee802154-collection.yaml"));

        RunResult run = ScenarioRunner.Run(config);

        NodeSummary[] sensors = [.. run.Nodes.Where(n => n.Group == "sensors")];
        string detail = string.Join(", ", sensors.Select(n => $"{n.NodeId}:{n.FramesDelivered}/{n.Messages} fwd {n.FramesForwarded}"));
        long generated = sensors.Sum(n => n.Messages);
        Assert.Equal(49 * 120, generated); // one message every 30 s for an hour
        Assert.True(sensors.Sum(n => n.FramesDelivered) > 0.97 * generated, detail);
        // The corners are beyond one hop: some nodes carry others' traffic.
        Assert.True(sensors.Count(n => n.FramesForwarded > 0) >= 4, detail);
        // Always-on receiver: radio energy ≥ RX current × voltage × duration (6.53 mA × 3 V × 3600 s = 70.5 J).
        Assert.All(sensors, n => Assert.InRange(n.RadioEnergyJ, 0.00653 * 3.0 * 3600 * 0.999, 0.00653 * 3.0 * 3600 * 1.01));
    }

    [Fact]
    public void DepletedNode_FallsSilent_AndItsSubtreeIsCutOff()
    {
        // The sensors' storage holds 0.05 J: the always-on receiver (19.6 mW) empties it in about 2.5 s.
        string text = File.ReadAllText(RepoPaths.Example("ieee802154-collection.yaml"))
            .Replace("storage: { kind: linearBattery, capacity: 2000 mAh, voltage: 3.0 V }", "storage: { kind: linearBattery, capacity: 0.05 J, voltage: 3.0 V }", StringComparison.Ordinal);
        ScenarioConfig config = ScenarioLoader.Parse(text, "c.yaml") with { Duration = SimDuration.FromSeconds(60) };

        RunResult run = ScenarioRunner.Run(config);

        NodeSummary[] sensors = [.. run.Nodes.Where(n => n.Group == "sensors")];
        Assert.All(sensors, n => Assert.NotNull(n.DepletedAtNs));
        foreach (NodeSummary n in sensors)
        {
            // Nothing from a dead node reaches the air, and it generated nothing after its death.
            Assert.DoesNotContain(run.Packets, p => p.Sender == n.NodeId && p.StartNs > n.DepletedAtNs);
            Assert.InRange(n.Messages, 0, 1);
        }
    }
}
