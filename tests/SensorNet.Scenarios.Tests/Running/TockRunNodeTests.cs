using SensorNet.Energy.Accounting;
using SensorNet.Energy.Storage;
using SensorNet.NodeKernel;
using SensorNet.NodeKernel.Boards;
using SensorNet.Scenarios.Running;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Scenarios.Tests.Running;

/// <summary><see cref="TockRunNode"/>: one board per boot, and none kept for a node that was not yet switched on.</summary>
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
