using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Tests.Support;
using SensorNet.SimEngine.Time;

namespace SensorNet.SimEngine.Tests;

/// <summary>
/// <see cref="Simulation.TryAdvanceTo"/> with lookahead: a domain whose <see cref="EventDomain.MayRunAhead"/> holds steps
/// past other domains' earlier events, never past its own or those of no domain, and the clock is its own until the
/// handler returns.
/// </summary>
public class SimulationRunAheadTests
{
    private readonly Simulation _sim = new();
    private readonly EventRecorder _handler = new();
    private readonly EventDomain _node = new("node 0") { MayRunAhead = () => true };
    private readonly EventDomain _other = new("node 1") { MayRunAhead = () => true };

    [Theory]
    [InlineData("other", true)] // another node's event at 3 s cannot touch this node
    [InlineData("own", false)]
    [InlineData("none", false)] // an event of no domain may touch any node
    public void TryAdvanceTo_PastAnEarlierEvent_OnlyWhenItBelongsToAnotherDomain(string owner, bool expected)
    {
        EventDomain? domain = owner switch { "other" => _other, "own" => _node, _ => null };
        using (_sim.EnterDomain(domain))
        {
            _sim.Schedule(At(3), _handler, tag: 3);
        }

        (bool advanced, SimTime clock, bool ahead) = AdvanceFromNodeAt1s(At(5));

        Assert.Equal(expected, advanced);
        Assert.Equal(expected ? At(5) : At(1), clock);
        Assert.Equal(expected, ahead);
        Assert.Equal(expected ? 1 : 0, _sim.StepsRunAhead);
        Assert.Equal([1L, 3], _handler.Tags); // the skipped event still runs, at its own time
        Assert.Equal([At(1), At(3)], _handler.Times);
        Assert.False(_sim.IsAhead);
    }

    [Fact]
    public void TryAdvanceTo_WithNothingEarlier_IsNotAhead()
    {
        (bool advanced, _, bool ahead) = AdvanceFromNodeAt1s(At(5));

        Assert.True(advanced);
        Assert.False(ahead);
        Assert.Equal(0, _sim.StepsRunAhead);
    }

    [Theory]
    [InlineData(false, true)] // the domain says something outside can act on it now
    [InlineData(true, false)] // run-ahead switched off for the whole simulation
    public void TryAdvanceTo_WhenTheDomainMayNotRunAhead_OrRunAheadIsOff_KeepsTheGlobalOrder(bool mayRunAhead, bool allowRunAhead)
    {
        _node.MayRunAhead = () => mayRunAhead;
        _sim.AllowRunAhead = allowRunAhead;
        using (_sim.EnterDomain(_other))
        {
            _sim.Schedule(At(3), _handler, tag: 3);
        }

        (bool advanced, _, _) = AdvanceFromNodeAt1s(At(5));

        Assert.False(advanced);
        Assert.Equal(0, _sim.StepsRunAhead);
    }

    [Fact]
    public void TryAdvanceTo_DomainWithoutPredicate_KeepsTheGlobalOrder()
    {
        _node.MayRunAhead = null;
        using (_sim.EnterDomain(_other))
        {
            _sim.Schedule(At(3), _handler, tag: 3);
        }

        (bool advanced, _, _) = AdvanceFromNodeAt1s(At(5));

        Assert.False(advanced);
    }

    [Fact]
    public void ThrowIfAhead_ThrowsOnlyWhileTheHandlerRunsAhead_NamingTheDomain()
    {
        using (_sim.EnterDomain(_other))
        {
            _sim.Schedule(At(3), _handler, tag: 3);
        }

        Exception? inOrder = null, ahead = null;
        _handler.OnFired = (_, tag) =>
        {
            if (tag == 1)
            {
                inOrder = Record.Exception(() => _sim.ThrowIfAhead("Starting a transmission"));
                Assert.True(_sim.TryAdvanceTo(At(5)));
                ahead = Record.Exception(() => _sim.ThrowIfAhead("Starting a transmission"));
            }
            else
            {
                Assert.Null(Record.Exception(() => _sim.ThrowIfAhead("Starting a transmission")));
            }
        };
        using (_sim.EnterDomain(_node))
        {
            _sim.Schedule(At(1), _handler, tag: 1);
        }

        _sim.RunUntil(At(10));

        Assert.Null(inOrder);
        var error = Assert.IsType<InvalidOperationException>(ahead);
        Assert.Contains("Starting a transmission", error.Message, StringComparison.Ordinal);
        Assert.Contains("node 0", error.Message, StringComparison.Ordinal);
    }

    // A handler of _node at 1 s tries to advance to `to`, and the simulation runs to 10 s; returns the handler's answer,
    // the clock after it and IsAhead then.
    private (bool Advanced, SimTime Clock, bool Ahead) AdvanceFromNodeAt1s(SimTime to)
    {
        (bool, SimTime, bool) seen = default;
        _handler.OnFired = (_, tag) =>
        {
            if (tag == 1)
            {
                bool advanced = _sim.TryAdvanceTo(to);
                seen = (advanced, _sim.Now, _sim.IsAhead);
            }
        };
        using (_sim.EnterDomain(_node))
        {
            _sim.Schedule(At(1), _handler, tag: 1);
        }

        _sim.RunUntil(At(10));
        return seen;
    }

    private static SimTime At(long seconds) => SimTime.FromStart(SimDuration.FromSeconds(seconds));
}
