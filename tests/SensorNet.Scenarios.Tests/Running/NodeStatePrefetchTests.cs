using SensorNet.Scenarios.Loading;
using SensorNet.Scenarios.Running;
using SensorNet.Scenarios.Tests.Support;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Time;

namespace SensorNet.Scenarios.Tests.Running;

/// <summary>
/// The state prefetch of Tock nodes (<see cref="SimEngine.Events.EventDomain.PrefetchStateOf"/>): in every example with
/// Tock nodes and in Tock 802.15.4 and BLE networks, with every trace on, each node's walk stays within that node (it
/// reaches no other node's state and not the runner's shared sinks) and covers its kernel, processes and energy account.
/// </summary>
public class NodeStatePrefetchTests
{
    public static TheoryData<string> TockScenarios => ["signpost-solar.yaml", "solar-campus.yaml", "solar-month.yaml", "tock-async-vs-sync.yaml", "tock-lora-blocking-vs-irq.yaml", "ieee802154", "ble"];

    [Theory]
    [MemberData(nameof(TockScenarios))]
    public void EachTockNodesWalk_StaysWithinTheNode(string scenario)
    {
        ScenarioConfig full = scenario switch
        {
            "ieee802154" => ScenarioLoader.Parse(Network("{ kind: senseAndSend154, period: 60 s, payload: 20 B }", "ieee802154", "role: sink, channel: 26"), "ieee802154.yaml"),
            "ble" => ScenarioLoader.Parse(Network("{ kind: bleSense, period: 5 s }", "ble", "role: scanner, scanInterval: 100 ms"), "ble.yaml"),
            _ => ScenarioLoader.LoadFile(RepoPaths.Example(scenario)),
        };
        ScenarioConfig config = full with
        {
            Duration = SimDuration.Min(full.Duration, SimDuration.FromMinutes(3)),
            PowerStateTrace = true,
            PacketTrace = true,
            EnergySampleInterval = SimDuration.FromSeconds(10),
        };
        ScenarioRunner.Prepared run = ScenarioRunner.Prepare(config, 0, TraceSinks.InMemory());
        run.Simulation.RunUntil(SimTime.FromStart(config.Duration));

        TockRunNode[] nodes = [.. run.Nodes.OfType<TockRunNode>()];
        Assert.NotEmpty(nodes);
        var owner = new Dictionary<object, int>(ReferenceEqualityComparer.Instance);
        foreach (TockRunNode node in nodes)
        {
            owner[node.Energy] = node.Id;
        }

        foreach (TockRunNode node in nodes)
        {
            IReadOnlyList<object>? state = run.Simulation.FindNodeState(node.Domain);

            Assert.NotNull(state);
            Assert.InRange(state.Count, 100, 1000); // a LoRa node: about 270
            Assert.Single(state.OfType<Energy.Accounting.NodeEnergy>());
            Assert.Single(state.OfType<NodeKernel.Kernel.TockKernel>());
            Assert.Contains(state, o => o is NodeKernel.Processes.TockProcess);
            Assert.All(state, o => Assert.True(!owner.TryGetValue(o, out int id) || id == node.Id, $"node {node.Id} reaches node {id}"));
            Assert.DoesNotContain(state, o => o is Simulation or ITraceSink<PowerStateRow> or ITraceSink<RadioModels.Medium.PacketRecord> or RadioModels.Medium.WirelessMedium);
            // The run-ahead check's radio port comes with the node's state, as it is and not walked: its own, only.
            Assert.All(state.OfType<RadioModels.Medium.RadioPort>(), port => Assert.Equal(node.Id, port.NodeId));
            Assert.True(state.OfType<RadioModels.Medium.RadioPort>().Count() == (node.Domain.MayRunAhead?.Target is RadioModels.Medium.RadioPort ? 1 : 0), $"node {node.Id}: its port is missing or doubled");
        }
    }

    [Fact]
    public void Results_AreTheSameWithStatePrefetchOnEveryReturnAndOff()
    {
        // Prefetching on every return to a node (threshold 1) walks and prefetches throughout; results must not move.
        ScenarioConfig full = ScenarioLoader.LoadFile(RepoPaths.Example("tock-lora-blocking-vs-irq.yaml"));
        ScenarioConfig config = full with { Duration = SimDuration.FromMinutes(30), PowerStateTrace = true };
        var on = Run(config, 1);
        var off = Run(config, 0);

        Assert.Equal(off.Summaries, on.Summaries);
        Assert.Equal(off.Kernels, on.Kernels);
        Assert.Equal(off.Events, on.Events);
        Assert.True(on.Walked > 0 || !System.Runtime.Intrinsics.X86.Sse.IsSupported, "no node's state was walked");
    }

    private static (string[] Summaries, string[] Kernels, long Events, int Walked) Run(ScenarioConfig config, int prefetchAfterEvents)
    {
        ScenarioRunner.Prepared run = ScenarioRunner.Prepare(config, 0, TraceSinks.InMemory());
        run.Simulation.StatePrefetchAfterEvents = prefetchAfterEvents;
        run.Simulation.RunUntil(SimTime.FromStart(config.Duration));
        TockRunNode[] nodes = [.. run.Nodes.OfType<TockRunNode>()];
        return (
            [.. run.Nodes.Select(n => n.Summarise(config.Duration).ToString())],
            [.. nodes.Select(n => n.Kernel(config.Duration).ToString())],
            run.Simulation.EventsExecuted,
            nodes.Count(n => n.Domain.PrefetchedState is { Count: > 0 }));
    }

    // A Tock network of the scale benchmark's kind, small: 20 nodes running app and one sink or scanner.
    private static string Network(string app, string sinkKind, string sinkKeys) => $$"""
        name: prefetch-{{sinkKind}}
        seed: 1
        duration: 3 min
        network:
          propagation: { kind: logDistance, referenceDistance: 1 m, referenceLoss: 40 dB, exponent: 3, sigma: 4 dB }
        nodes:
          - kind: tock
            name: sensors
            count: 20
            bootSpread: 5 s
            placement: { kind: disc, radius: 30 m }
            board: nrf52840dk
            apps:
              - {{app}}
            storage: { kind: coinCell }
          - { kind: {{sinkKind}}, name: sink, count: 1, {{sinkKeys}}, placement: { kind: grid, columns: 1, spacing: 1 m }, storage: { kind: linearBattery, capacity: 10000 mAh, voltage: 3.0 V } }
        """;
}
