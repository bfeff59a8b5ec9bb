using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Tests.Support;
using SensorNet.SimEngine.Time;

namespace SensorNet.SimEngine.Tests.Events;

public class EventDomainTests
{
    private readonly Simulation _sim = new();
    private readonly EventRecorder _target = new();

    [Fact]
    public void End_DiscardsPendingEventsOfTheDomainOnly()
    {
        var node = new EventDomain("node 0");
        using (_sim.EnterDomain(node))
        {
            _sim.Schedule(At(5), _target, tag: 1);
        }

        _sim.Schedule(At(6), _target, tag: 2);
        node.End();
        _sim.Run();

        Assert.Equal([2L], _target.Tags);
        Assert.Equal(1, node.EventsDiscarded);
        Assert.Equal(1, _sim.EventsDiscarded);
        Assert.Equal(1, _sim.EventsExecuted);
    }

    [Fact]
    public void HasPendingEvents_FollowsScheduleCancelAndRun()
    {
        var node = new EventDomain("node 0");
        Assert.False(node.HasPendingEvents);
        EventHandle first;
        using (_sim.EnterDomain(node))
        {
            first = _sim.Schedule(At(5), _target, tag: 1);
            _sim.Schedule(At(7), _target, tag: 2);
        }

        _sim.Schedule(At(6), _target, tag: 3); // of no domain: not the node's
        Assert.True(node.HasPendingEvents);
        Assert.True(_sim.Cancel(first));
        Assert.True(node.HasPendingEvents);
        _sim.RunUntil(At(6));
        Assert.True(node.HasPendingEvents);
        _sim.Run();

        Assert.False(node.HasPendingEvents);
        Assert.Equal([3L, 2L], _target.Tags);
    }

    [Fact]
    public void EventsScheduledFromAnEvent_JoinItsDomain()
    {
        var node = new EventDomain("node 0");
        _target.OnFired = (now, tag) =>
        {
            if (tag == 1)
            {
                Assert.Same(node, _sim.CurrentDomain);
                _sim.Schedule(now + SimDuration.FromNanoseconds(10), _target, tag: 3);
                node.End(); // the chained event must die with its domain
            }
        };
        using (_sim.EnterDomain(node))
        {
            _sim.Schedule(At(5), _target, tag: 1);
        }

        _sim.Run();

        Assert.Equal([1L], _target.Tags);
        Assert.Null(_sim.CurrentDomain);
    }

    [Fact]
    public void Timer_BelongsToTheDomainItWasCreatedIn_WhereverItIsSetFrom()
    {
        var node = new EventDomain("node 0");
        SimTimer inNode;
        using (_sim.EnterDomain(node))
        {
            inNode = new SimTimer(_sim, _target, tag: 1);
        }

        var outside = new SimTimer(_sim, _target, tag: 2);
        using (_sim.EnterDomain(node))
        {
            outside.Set(At(5)); // set from inside the domain, but created outside: survives
        }

        inNode.Set(At(4)); // set from outside, but created inside: dies with the node
        node.End();
        _sim.Run();

        Assert.Equal([2L], _target.Tags);
    }

    [Fact]
    public void EnterDomain_Nests_AndRestoresThePreviousDomain()
    {
        var a = new EventDomain("a");
        var b = new EventDomain("b");
        using (_sim.EnterDomain(a))
        {
            using (_sim.EnterDomain(b))
            {
                Assert.Same(b, _sim.CurrentDomain);
            }

            Assert.Same(a, _sim.CurrentDomain);
            using (_sim.EnterDomain(null))
            {
                Assert.Null(_sim.CurrentDomain);
            }

            Assert.Same(a, _sim.CurrentDomain);
        }

        Assert.Null(_sim.CurrentDomain);
    }

    [Fact]
    public void EndedDomain_DoesNotAdvanceTheClockPastLiveEvents()
    {
        var node = new EventDomain("node 0");
        using (_sim.EnterDomain(node))
        {
            _sim.Schedule(At(50), _target, tag: 1);
        }

        node.End();
        StopReason reason = _sim.Run();

        Assert.Equal(StopReason.QueueEmpty, reason);
        Assert.Empty(_target.Tags);
        Assert.Equal(SimTime.Zero, _sim.Now);
    }

    private static SimTime At(long ns) => new(ns);
}
