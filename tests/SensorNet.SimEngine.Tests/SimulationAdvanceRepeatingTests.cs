using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Tests.Support;
using SensorNet.SimEngine.Time;

namespace SensorNet.SimEngine.Tests;

/// <summary>
/// <see cref="Simulation.TryAdvanceRepeating"/> leaves the clock, <see cref="Simulation.EventsAdvanced"/>,
/// <see cref="Simulation.StepsRunAhead"/> and <see cref="Simulation.IsAhead"/> as one <see cref="Simulation.TryAdvanceTo"/>
/// per step would when all of them succeed, and changes nothing when one would not; <see cref="Simulation.CanAdvanceTo"/>
/// answers as <see cref="Simulation.TryAdvanceTo"/> would, without moving.
/// </summary>
public class SimulationAdvanceRepeatingTests
{
    // A repetition: steps ending 200 ms and 500 ms after its start; six of them from 1 s end at 4 s.
    private static readonly long[] Ends = [200_000_000, 500_000_000];

    [Theory]
    [InlineData("other", 2_300)] // another node's event: the later steps run ahead of it
    [InlineData("other", 900)] // before the first step: every step runs ahead
    [InlineData("own", 2_300)] // the node's own event: the run stops there, so nothing moves
    [InlineData("none", 3_999)] // an event of no domain just before the last step's end
    [InlineData("own", 4_000)] // due at the last step's end, with the same priority: it would run first
    [InlineData("nothing", 0)]
    [InlineData("end", 3_500)] // the run ends before the last step
    public void Repeating_MatchesOneAdvancePerStep(string owner, long eventMs)
    {
        Outcome stepwise = Run(owner, eventMs, repeating: false);
        Outcome repeating = Run(owner, eventMs, repeating: true);

        Assert.Equal(stepwise, repeating);
    }

    [Theory]
    [InlineData("other", 2_300, true)]
    [InlineData("own", 2_300, false)]
    [InlineData("end", 3_500, false)]
    [InlineData("nothing", 0, true)]
    public void CanAdvanceTo_AnswersAsTryAdvanceTo_WithoutMoving(string owner, long eventMs, bool expected)
    {
        var sim = new Simulation();
        var handler = new EventRecorder();
        var node = new EventDomain("node 0") { MayRunAhead = () => true };
        Schedule(sim, handler, owner, eventMs, node);
        (bool can, SimTime clockAfter, long advanced, bool tried) seen = default;
        handler.OnFired = (_, tag) =>
        {
            if (tag == 1)
            {
                bool can = sim.CanAdvanceTo(At(4_000));
                (SimTime clock, long advanced) = (sim.Now, sim.EventsAdvanced);
                seen = (can, clock, advanced, sim.TryAdvanceTo(At(4_000)));
            }
        };
        using (sim.EnterDomain(node))
        {
            sim.Schedule(At(1_000), handler, tag: 1);
        }

        sim.RunUntil(owner == "end" ? At(eventMs) : At(10_000));

        Assert.Equal(expected, seen.can);
        Assert.Equal(seen.tried, seen.can);
        Assert.Equal(At(1_000), seen.clockAfter);
        Assert.Equal(0, seen.advanced);
    }

    [Fact]
    public void Repeating_RejectsStepsThatDoNotAscend()
    {
        var sim = new Simulation();
        Assert.Throws<ArgumentException>(() => sim.TryAdvanceRepeating([200, 200], 1));
        Assert.Throws<ArgumentException>(() => sim.TryAdvanceRepeating([0, 200], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.TryAdvanceRepeating([200], 0));
    }

    private static Outcome Run(string owner, long eventMs, bool repeating)
    {
        var sim = new Simulation();
        var handler = new EventRecorder();
        var node = new EventDomain("node 0") { MayRunAhead = () => true };
        Schedule(sim, handler, owner, eventMs, node);
        Outcome seen = default;
        handler.OnFired = (_, tag) =>
        {
            if (tag != 1)
            {
                return;
            }

            bool advanced;
            if (repeating)
            {
                advanced = sim.TryAdvanceRepeating(Ends, 6);
            }
            else
            {
                // All or nothing, as the kernel uses it: the steps are tried only if the last one would advance.
                advanced = sim.CanAdvanceTo(At(4_000));
                for (int r = 0; advanced && r < 6; r++)
                {
                    foreach (long end in Ends)
                    {
                        Assert.True(sim.TryAdvanceTo(At(1_000) + SimDuration.FromNanoseconds((r * Ends[^1]) + end)));
                    }
                }
            }

            seen = new Outcome(advanced, sim.Now, sim.EventsAdvanced, sim.StepsRunAhead, sim.IsAhead);
        };
        using (sim.EnterDomain(node))
        {
            sim.Schedule(At(1_000), handler, tag: 1);
        }

        sim.RunUntil(owner == "end" ? At(eventMs) : At(10_000));
        return seen;
    }

    private static void Schedule(Simulation sim, EventRecorder handler, string owner, long eventMs, EventDomain node)
    {
        if (owner is "nothing" or "end")
        {
            return;
        }

        EventDomain? domain = owner switch { "other" => new EventDomain("node 1") { MayRunAhead = () => true }, "own" => node, _ => null };
        using (sim.EnterDomain(domain))
        {
            sim.Schedule(At(eventMs), handler, tag: 2);
        }
    }

    private static SimTime At(long milliseconds) => SimTime.FromStart(SimDuration.FromMilliseconds(milliseconds));

    private readonly record struct Outcome(bool Advanced, SimTime Clock, long EventsAdvanced, long StepsRunAhead, bool Ahead);
}
