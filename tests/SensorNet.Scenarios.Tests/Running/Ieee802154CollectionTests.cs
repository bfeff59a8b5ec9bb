using SensorNet.Scenarios.Loading;
using SensorNet.Scenarios.Running;
using SensorNet.Scenarios.Tests.Support;

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
}
