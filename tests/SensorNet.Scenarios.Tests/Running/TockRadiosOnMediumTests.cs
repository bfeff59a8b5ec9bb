using SensorNet.RadioModels.Medium;
using SensorNet.Scenarios.Loading;
using SensorNet.Scenarios.Running;

namespace SensorNet.Scenarios.Tests.Running;

public class TockRadiosOnMediumTests
{
    private const string Scenario = """
        name: tock-radios
        seed: 1
        duration: 1 min
        network:
          propagation: { kind: freeSpace, frequency: 2440 MHz }
        nodes:
          - kind: tock
            name: tock-ble
            count: 1
            placement: { kind: grid, columns: 1, spacing: 1 m }
            board: nrf52840dk
            apps:
              - { kind: bleSense, period: 1 s }
            storage: { kind: linearBattery, capacity: 1000 mAh, voltage: 3.0 V }
          - kind: ble
            name: gateway
            count: 1
            role: scanner
            placement: { kind: grid, columns: 1, spacing: 1 m, originX: 5 m }
            scanInterval: 100 ms
            storage: { kind: linearBattery, capacity: 1000 mAh, voltage: 3.0 V }
        """;

    private static readonly double[] AdvertisingCarriers = [2402e6, 2426e6, 2480e6];

    [Fact]
    public void TockBleAdvertisements_ReachAScanner_OnTheAdvertisingChannels()
    {
        RunResult run = ScenarioRunner.Run(ScenarioLoader.Parse(Scenario, "t.yaml"));

        NodeSummary tock = run.Nodes.Single(n => n.Group == "tock-ble");
        NodeSummary gateway = run.Nodes.Single(n => n.Group == "gateway");
        Assert.True(tock.FramesSent >= 150, $"{tock.FramesSent} PDUs"); // 3 per advertising event, about one event a second
        PacketRecord[] heard = [.. run.Packets.Where(p => p.Sender == tock.NodeId && p.Receiver == gateway.NodeId)];
        Assert.NotEmpty(heard);
        Assert.All(heard, p => Assert.Contains(p.FrequencyHz, AdvertisingCarriers));
        Assert.Equal(heard.Count(p => p.Outcome is ReceptionOutcome.Received or ReceptionOutcome.Captured), gateway.Messages);
    }

    [Fact]
    public void TockIeee802154Frames_AreHeardOnChannel26_AndIgnoredByAnotherStacksMac()
    {
        string scenario = Scenario
            .Replace("{ kind: bleSense, period: 1 s }", "{ kind: senseAndSend154, period: 1 s, payload: 20 B }", StringComparison.Ordinal)
            .Replace("kind: ble\n    name: gateway\n    count: 1\n    role: scanner", "kind: ieee802154\n    name: gateway\n    count: 1\n    role: sink", StringComparison.Ordinal)
            .Replace("    scanInterval: 100 ms\n", "", StringComparison.Ordinal);
        Assert.Contains("role: sink", scenario, StringComparison.Ordinal);

        RunResult run = ScenarioRunner.Run(ScenarioLoader.Parse(scenario, "t.yaml"));

        NodeSummary tock = run.Nodes.Single(n => n.Group == "tock-ble");
        NodeSummary sink = run.Nodes.Single(n => n.Group == "gateway");
        PacketRecord[] heard = [.. run.Packets.Where(p => p.Sender == tock.NodeId && p.Receiver == sink.NodeId)];
        Assert.True(tock.FramesSent >= 50, $"{tock.FramesSent} frames");
        Assert.Equal(tock.FramesSent, heard.Length);
        Assert.All(heard, p => Assert.Equal(2480e6, p.FrequencyHz));
        Assert.All(heard, p => Assert.Equal(ReceptionOutcome.Received, p.Outcome));
        Assert.Equal(0, sink.FramesDelivered); // not this MAC's frame format: received on the air, ignored above the PHY
    }
}
