using SensorNet.Scenarios.Loading;
using SensorNet.Scenarios.Running;
using SensorNet.Scenarios.Sweeps;
using SensorNet.Scenarios.Tests.Support;

namespace SensorNet.Scenarios.Tests.Running;

/// <summary><c>outputs: packetTrace: false</c> keeps no packet records but counts delivery exactly as a traced run does.</summary>
public class PacketTraceTests
{
    [Theory]
    [InlineData("lorawan-confirmed.yaml", "nodes[0].count", "40")]
    [InlineData("ble-beacons.yaml", "duration", "10 min")]
    [InlineData("ieee802154-collection.yaml", "duration", "1 h")]
    public void WithoutTrace_NoRecords_SameDelivery(string example, string path, string value)
    {
        string file = RepoPaths.Example(example);
        string text = ScenarioOverrides.Apply(File.ReadAllText(file), file, [("duration", "2 h"), (path, value)]);
        RunResult traced = ScenarioRunner.Run(ScenarioLoader.Parse(text, file));
        RunResult untraced = ScenarioRunner.Run(ScenarioLoader.Parse(ScenarioOverrides.Apply(text, file, [("outputs.packetTrace", "false")]), file));

        Assert.NotEmpty(traced.Packets);
        Assert.Empty(untraced.Packets);
        Assert.True(traced.Nodes.Sum(n => n.FramesDelivered) > 0);
        Assert.Equal(traced.Nodes.Select(n => (n.NodeId, n.FramesSent, n.FramesDelivered, n.Messages, n.EnergyJ)), untraced.Nodes.Select(n => (n.NodeId, n.FramesSent, n.FramesDelivered, n.Messages, n.EnergyJ)));
        Assert.Equal(0, TraceEstimate.Of(ScenarioLoader.Parse(ScenarioOverrides.Apply(text, file, [("outputs.packetTrace", "false")]), file)).Packets);
    }
}
