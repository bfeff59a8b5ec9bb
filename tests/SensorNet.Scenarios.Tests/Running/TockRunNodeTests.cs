using SensorNet.Energy.Accounting;
using SensorNet.Energy.Storage;
using SensorNet.NodeKernel;
using SensorNet.NodeKernel.Apps;
using SensorNet.NodeKernel.Boards;
using SensorNet.NodeKernel.Userspace.RadioLib;
using SensorNet.Scenarios.Running;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Scenarios.Tests.Running;

/// <summary>
/// <see cref="TockRunNode"/>: one board per boot, and none kept for a node that was not yet switched on; a LoRa board
/// built at the start boots as built when its node is switched on, exactly as one built then would.
/// </summary>
public class TockRunNodeTests
{
    private static readonly BoardDefinition Definition = BoardDefinition.Nrf52840Dk with { ProcessConsole = false };

    [Fact]
    public void NodeSwitchedOnLater_BootsOnce_AndDropsTheBoardThatStoodInForIt()
    {
        var simulation = new Simulation();
        var energy = new NodeEnergy(simulation, new UnlimitedSupply());
        var built = new List<WeakReference<TockNode>>();
        TockRunNode node = Node(simulation, energy, built, SimDuration.FromSeconds(5));

        node.Boot(simulation.Now);
        Assert.Equal(0, node.Boots);
        simulation.RunFor(SimDuration.FromSeconds(10));

        Assert.Equal(1, node.Boots);
        Assert.Equal(2, built.Count); // one stood in from t = 0 so the consumers existed, one booted at 5 s
        Collect();
        Assert.False(built[0].TryGetTarget(out _), "the node that never booted is still reachable");
        Assert.True(built[1].TryGetTarget(out _));
        Assert.Equal(5_000_000_000L, node.Kernel(SimDuration.FromSeconds(10)).OffNs);
    }

    [Fact]
    public void NodeOnFromTheStart_BootsTheBoardBuiltFirst()
    {
        var simulation = new Simulation();
        var energy = new NodeEnergy(simulation, new UnlimitedSupply());
        var built = new List<WeakReference<TockNode>>();
        TockRunNode node = Node(simulation, energy, built, SimDuration.Zero);

        node.Boot(simulation.Now);
        simulation.RunFor(SimDuration.FromSeconds(10));

        Assert.Equal((1, 1), (node.Boots, built.Count));
        Assert.Equal(0, node.Kernel(SimDuration.FromSeconds(10)).OffNs);
    }

    [Fact]
    public void LoRaNodeSwitchedOnLater_BootsTheBoardBuiltAtTheStart()
    {
        var simulation = new Simulation();
        var energy = new NodeEnergy(simulation, new UnlimitedSupply());
        var built = new List<LoRaBoard>();
        TockRunNode node = LoRaNode(simulation, energy, built, SimDuration.FromSeconds(5));

        node.Boot(simulation.Now);
        simulation.RunFor(SimDuration.FromSeconds(30));

        Assert.Equal((1, 1), (node.Boots, built.Count));
        Assert.True(built[0].Radio.FramesSent > 0);
    }

    [Fact]
    public void LoRaBoardBootedAsBuilt_RunsAsABoardBuiltAtSwitchOn()
    {
        // Reference: the stand-in is dropped at switch-on and a fresh board is built and booted in a new domain.
        SimDuration delay = SimDuration.FromMilliseconds(5_123), duration = SimDuration.FromSeconds(30);
        var rebuiltSim = new Simulation();
        var rebuiltEnergy = new NodeEnergy(rebuiltSim, new UnlimitedSupply());
        var rebuilt = new List<LoRaBoard>();
        var standIn = new EventDomain("stand-in");
        using (rebuiltSim.EnterDomain(standIn))
        {
            BuildLoRa(rebuiltSim, rebuiltEnergy, rebuilt);
        }

        rebuiltEnergy.PowerRestored += _ =>
        {
            standIn.End();
            using (rebuiltSim.EnterDomain(new EventDomain("booted")))
            {
                BuildLoRa(rebuiltSim, rebuiltEnergy, rebuilt).Node.Boot(rebuilt[^1].Definition.Boot);
            }
        };
        rebuiltEnergy.PowerOnAt(SimTime.FromStart(delay));
        rebuiltSim.RunFor(duration);

        var simulation = new Simulation();
        var energy = new NodeEnergy(simulation, new UnlimitedSupply());
        var built = new List<LoRaBoard>();
        TockRunNode node = LoRaNode(simulation, energy, built, delay);
        node.Boot(simulation.Now);
        simulation.RunFor(duration);

        Assert.Equal(rebuilt[^1].Node.Report(duration), node.Kernel(duration));
        Assert.Equal(rebuilt[^1].Radio.FramesSent, built[0].Radio.FramesSent);
        Assert.Equal(rebuiltSim.EventsExecuted + rebuiltSim.EventsAdvanced, simulation.EventsExecuted + simulation.EventsAdvanced);
        Assert.Equal(Ledger(rebuiltEnergy), Ledger(energy));
        Assert.True(built[0].Radio.FramesSent > 0);
    }

    // Every consumer's residency, entries and energy per state, in the order they were added.
    private static List<(string Name, int State, long ResidencyNs, long Entries, double EnergyJ)> Ledger(NodeEnergy energy) =>
        [.. energy.Consumers.SelectMany(c => Enumerable.Range(0, c.OffState + 1).Select(s => (c.Name, s, c.Residency(s).Nanoseconds, c.Entries(s), c.Energy(s).Value)))];

    private static LoRaBoard BuildLoRa(Simulation simulation, NodeEnergy energy, List<LoRaBoard> built)
    {
        LoRaBoard board = LoRaBoards.Build(simulation, 0, LoRaBoards.Apollo3LoRaThingsPlus, energy);
        board.Node.Load(new LoRaSenseApp(LoRaTransmitMode.InterruptDriven, periodMs: 5_000, payloadBytes: 20, settings: new RadioLibLoRaSettings { SpreadingFactor = 7 }));
        built.Add(board);
        return board;
    }

    private static TockRunNode LoRaNode(Simulation simulation, NodeEnergy energy, List<LoRaBoard> built, SimDuration bootDelay) =>
        TockRunNode.For(simulation, 0, energy, () => BuildLoRa(simulation, energy, built), "group", (new Meters(0), new Meters(0)), bootDelay, port: null);

    private static TockRunNode Node(Simulation simulation, NodeEnergy energy, List<WeakReference<TockNode>> built, SimDuration bootDelay) =>
        TockRunNode.For(
            simulation,
            0,
            energy,
            () =>
            {
                Board board = Board.Build(simulation, 0, Definition, energy);
                built.Add(new WeakReference<TockNode>(board.Node));
                return board;
            },
            "group",
            (new Meters(0), new Meters(0)),
            bootDelay,
            port: null);

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
