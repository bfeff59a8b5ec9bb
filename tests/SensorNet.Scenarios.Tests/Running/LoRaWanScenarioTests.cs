using SensorNet.RadioModels.Medium;
using SensorNet.Scenarios.Loading;
using SensorNet.Scenarios.Running;
using SensorNet.Scenarios.Tests.Support;
using SensorNet.SimEngine.Time;

namespace SensorNet.Scenarios.Tests.Running;

public class LoRaWanScenarioTests
{
    [Fact]
    public void ConfirmedExample_CountsAreConsistent_AndAcksUseRx1OrRx2()
    {
        ScenarioConfig config = ScenarioLoader.LoadFile(RepoPaths.Example("lorawan-confirmed.yaml")) with { Duration = SimDuration.FromHours(3) };

        RunResult run = ScenarioRunner.Run(config);

        Assert.All(run.Nodes, n =>
        {
            Assert.Equal("lorawan", n.Kind);
            Assert.InRange(n.MessagesAcked, 0, n.FramesDelivered);
            Assert.InRange(n.FramesDelivered, 0, n.Messages);
            Assert.InRange(n.FramesSent, n.Messages - 2, n.Messages * 8); // the last messages may still be waiting
            Assert.InRange(n.Retransmissions, 0, n.FramesSent);
        });
        Assert.True(run.Nodes.Sum(n => n.MessagesAcked) > 0);

        // Downlinks leave the gateways (ids after the 300 devices) in RX1 (the uplink's SF, 868.x MHz) or RX2.
        PacketRecord[] downlinks = [.. run.Packets.Where(p => p.Sender >= config.NodeCount)];
        Assert.NotEmpty(downlinks);
        Assert.All(downlinks, d => Assert.True(
            (d.SpreadingFactor == 12 && d.FrequencyHz == 869_525_000) || (d.SpreadingFactor is 8 or 11 && d.FrequencyHz < 868_600_000),
            d.ToString()));
        Assert.Contains(downlinks, d => d.SpreadingFactor == 12);
        Assert.Contains(downlinks, d => d.SpreadingFactor != 12);
    }
}
