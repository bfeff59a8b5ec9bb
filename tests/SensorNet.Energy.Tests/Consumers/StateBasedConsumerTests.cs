using SensorNet.Energy.Accounting;
using SensorNet.Energy.Consumers;
using SensorNet.Energy.Storage;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Processes;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy.Tests.Consumers;

public class StateBasedConsumerTests
{
    private static readonly PowerStateTable Table = new("test", [new("idle", new Watts(1)), new("busy", new Watts(2))], "test");

    [Fact]
    public void Energy_IsPowerTimesExactResidencyPerState()
    {
        var sim = new Simulation();
        var energy = new NodeEnergy(sim, new UnlimitedSupply());
        StateBasedConsumer c = energy.AddConsumer("cpu", Table, 0);
        sim.Process(Steps(sim, c));

        sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(4)));

        Assert.Equal(SimDuration.FromMilliseconds(1500) + SimDuration.FromMilliseconds(500), c.Residency(0));
        Assert.Equal(SimDuration.FromSeconds(2), c.Residency(1));
        Assert.Equal(2.0, c.Energy(0).Value, 12);
        Assert.Equal(4.0, c.Energy(1).Value, 12);
        Assert.Equal(6.0, c.TotalEnergy().Value, 12);
        Assert.Equal(2, c.Entries(0));
        Assert.Equal(1, c.Entries(1));
        Assert.Equal(2, c.Transitions);
    }

    [Fact]
    public void SetState_SameState_IsNotATransition()
    {
        var sim = new Simulation();
        var energy = new NodeEnergy(sim, new UnlimitedSupply());
        StateBasedConsumer c = energy.AddConsumer("cpu", Table, 1);

        c.SetState(1);

        Assert.Equal(0, c.Transitions);
    }

    [Fact]
    public void AddConsumer_DuplicateName_Throws()
    {
        var energy = new NodeEnergy(new Simulation(), new UnlimitedSupply());
        energy.AddConsumer("cpu", Table);
        Assert.Throws<ArgumentException>(() => energy.AddConsumer("cpu", Table));
    }

    private static IEnumerable<Wait> Steps(Simulation sim, StateBasedConsumer c)
    {
        yield return sim.Timeout(SimDuration.FromMilliseconds(1500));
        c.SetState(1);
        yield return sim.Timeout(SimDuration.FromSeconds(2));
        c.SetState(0);
    }
}
