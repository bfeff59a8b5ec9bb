using SensorNet.Scenarios.Loading;
using SensorNet.Scenarios.Running;

namespace SensorNet.Scenarios.Tests.Running;

/// <summary>
/// Tock nodes whose receiver does not listen run their kernel steps ahead of other nodes' events (lookahead); a run
/// with the power-state trace keeps the global order, because the trace is one stream in the order intervals end. The
/// two must agree on everything but the event count: 24 LoRa nodes switched on within a minute, blocking and
/// interrupt-driven transmit, sending every 30 s to two gateways, with frames colliding at the gateways.
/// </summary>
public class TockRunAheadTests
{
    private const string Scenario = """
        name: run-ahead
        seed: 5
        duration: 20 min
        network:
          propagation: { kind: borEtAl2016 }
          gateways:
            - { name: gw-0, x: 0 m, y: 0 m, channels: [915 MHz] }
            - { name: gw-1, x: 300 m, y: 0 m, channels: [915 MHz] }
        nodes:
          - kind: tock
            name: blocking
            count: 12
            bootSpread: 60 s
            placement: { kind: grid, columns: 4, spacing: 40 m }
            board: apollo3-lora-things-plus
            apps:
              - { kind: loraSense, mode: blocking, period: 30 s, payload: 20 B, spreadingFactor: 8 }
            storage: { kind: linearBattery, capacity: 1000 mAh, voltage: 3.3 V }
          - kind: tock
            name: interrupt
            count: 12
            bootSpread: 60 s
            placement: { kind: grid, columns: 4, spacing: 40 m, originX: 150 m }
            board: apollo3-lora-things-plus
            apps:
              - { kind: loraSense, mode: interrupt, period: 30 s, payload: 20 B, spreadingFactor: 8 }
            storage: { kind: linearBattery, capacity: 1000 mAh, voltage: 3.3 V }
        """;

    [Fact]
    public void RunAhead_ChangesNothingButTheEventCount()
    {
        ScenarioConfig config = ScenarioLoader.Parse(Scenario, "run-ahead.yaml");

        RunResult ahead = ScenarioRunner.Run(config);
        RunResult ordered = ScenarioRunner.Run(config with { PowerStateTrace = true });

        Assert.NotEmpty(ordered.PowerStates);
        Assert.Equal(ordered.Nodes, ahead.Nodes);
        Assert.Equal(ordered.Residency, ahead.Residency);
        Assert.Equal(ordered.Kernels, ahead.Kernels);
        Assert.Equal(ordered.Processes, ahead.Processes);
        Assert.Equal(ordered.Energy, ahead.Energy);
        Assert.Equal(ordered.Packets, ahead.Packets);
        Assert.Contains(ahead.Packets, p => p.Outcome != RadioModels.Medium.ReceptionOutcome.Received);
        Assert.Equal(ordered.EndNs, ahead.EndNs);
        Assert.True(ahead.Events < ordered.Events * 0.8, $"run ahead: {ahead.Events} events, in global order: {ordered.Events}");
    }
}
