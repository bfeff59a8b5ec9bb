using SensorNet.RadioModels.Medium;
using SensorNet.Scenarios.Loading;
using SensorNet.Scenarios.Running;
using SensorNet.Scenarios.Tests.Support;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Scenarios.Tests.Running;

public class TockLoRaOnMediumTests
{
    [Fact]
    public void TockSx1262Frames_ReachAGatewayOnTheirCarrier_AndAreCountedDelivered()
    {
        // The Tock LoRa example (RadioLib on an Apollo3 board, 915 MHz default carrier) with a gateway added next to
        // node 0; node 1 is 10 m away (≈ 51.7 dB more free-space loss) and sends at the same instants, so node 0's
        // frames capture the gateway and node 1's are lost to them.
        ScenarioConfig example = ScenarioLoader.LoadFile(RepoPaths.Example("tock-lora-blocking-vs-irq.yaml"));
        var gateway = new GatewayConfig("gw", new Meters(0), new Meters(0), [Hertz.FromMegahertz(915)], Hertz.FromKilohertz(125), "sx1272", 8);
        ScenarioConfig config = example with { Duration = SimDuration.FromMinutes(5) };
        config = config with { Network = new NetworkConfig(new PropagationConfig("freeSpace", Frequency: Hertz.FromMegahertz(915)), ShadowingMode.PerLink, "borEtAl", [gateway]) };

        RunResult run = ScenarioRunner.Run(config);

        NodeSummary near = run.Nodes[0];
        NodeSummary far = run.Nodes[1];
        Assert.True(near.FramesSent >= 4);
        Assert.Equal(near.FramesSent, near.FramesDelivered);
        Assert.Equal(0, far.FramesDelivered);
        Assert.All(run.Packets, p => Assert.Equal(915e6, p.FrequencyHz));
        Assert.All(run.Packets.Where(p => p.Sender == 1), p => Assert.Equal(ReceptionOutcome.Interference, p.Outcome));
        Assert.Equal(near.FramesSent + far.FramesSent, run.Packets.Count);
    }
}
