using SensorNet.Scenarios.Loading;
using SensorNet.Scenarios.Running;
using SensorNet.Scenarios.Tests.Support;
using SensorNet.SimEngine.Time;

namespace SensorNet.Scenarios.Tests.Running;

public class BleBeaconScenarioTests
{
    [Fact]
    public void BeaconExample_GatewaysHearEventsInProportionToTheirWindow_AndPayForIt()
    {
        ScenarioConfig config = ScenarioLoader.LoadFile(RepoPaths.Example("ble-beacons.yaml")) with { Duration = SimDuration.FromSeconds(30) };

        RunResult run = ScenarioRunner.Run(config);

        NodeSummary continuous = run.Nodes.Single(n => n.Group == "gateway-continuous");
        NodeSummary dutyCycled = run.Nodes.Single(n => n.Group == "gateway-30pct");
        NodeSummary[] beacons = [.. run.Nodes.Where(n => n.Group == "beacons")];
        Assert.All(beacons, b => Assert.InRange(b.FramesDelivered, 0, b.Messages));
        Assert.InRange(beacons.Sum(b => b.Messages), 200 * 30_000 / 110, 200 * 30_000 / 100);
        // PDUs received: the 30 % gateway about 30 % of the continuous one's (±25 % of that for the collision noise).
        Assert.InRange((double)dutyCycled.Messages / continuous.Messages, 0.3 * 0.75, 0.3 * 1.25);
        // Receiver energy: 6.26 mA at 3 V, always on vs on for its windows (a PDU in progress may stretch one).
        double full = 0.00626 * 3.0 * 30;
        Assert.Equal(full, continuous.RadioEnergyJ, 6);
        Assert.InRange(dutyCycled.RadioEnergyJ, 0.3 * full, 0.31 * full);
        // Beacons: per event the radio transmits from the first PDU's start to the last one's end (3 × 376 µs plus two
        // 150 µs re-tuning gaps) at 6.40 mA.
        Assert.All(beacons, b => Assert.Equal(b.Messages * ((3 * 376e-6) + (2 * 150e-6)) * 0.0064 * 3.0, b.RadioEnergyJ, 9));
    }
}
