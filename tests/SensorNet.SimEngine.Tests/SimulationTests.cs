using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Tests.Support;
using SensorNet.SimEngine.Time;

namespace SensorNet.SimEngine.Tests;

public class SimulationTests
{
    private readonly Simulation _sim = new();
    private readonly EventRecorder _handler = new();

    [Fact]
    public void Constructor_StartsAtZeroWithNothingPending()
    {
        Assert.Equal(SimTime.Zero, _sim.Now);
        Assert.Equal(0, _sim.PendingEvents);
        Assert.Equal(0, _sim.EventsExecuted);
    }

    [Fact]
    public void Run_ExecutesAllEventsInOrderAndReturnsQueueEmpty()
    {
        _sim.Schedule(At(3), _handler, tag: 3);
        _sim.Schedule(At(1), _handler, tag: 1);
        _sim.Schedule(At(2), _handler, tag: 2);

        StopReason reason = _sim.Run();

        Assert.Equal(StopReason.QueueEmpty, reason);
        Assert.Equal([1L, 2, 3], _handler.Tags);
        Assert.Equal(At(3), _sim.Now);
        Assert.Equal(0, _sim.PendingEvents);
    }

    [Fact]
    public void Run_EmptyQueue_ReturnsQueueEmptyAndKeepsClock()
    {
        Assert.Equal(StopReason.QueueEmpty, _sim.Run());
        Assert.Equal(SimTime.Zero, _sim.Now);
    }

    [Fact]
    public void Run_HandlerSeesNowEqualToEventTime()
    {
        var seen = new List<(SimTime Now, SimTime Argument)>();
        _handler.OnFired = (t, _) => seen.Add((_sim.Now, t));
        _sim.Schedule(At(4), _handler);
        _sim.Schedule(At(6), _handler);

        _sim.Run();

        Assert.Equal([(At(4), At(4)), (At(6), At(6))], seen);
    }

    [Fact]
    public void Run_EventScheduledForNowFromHandler_RunsInSameRunAfterPendingSameTimeEvents()
    {
        _handler.OnFired = (now, tag) =>
        {
            if (tag == 1)
            {
                _sim.Schedule(now, _handler, tag: 3);
            }
        };
        _sim.Schedule(At(1), _handler, tag: 1);
        _sim.Schedule(At(1), _handler, tag: 2);

        _sim.Run();

        Assert.Equal([1L, 2, 3], _handler.Tags);
    }

    [Fact]
    public void Run_EventAtMaxValue_RunsItAndReturnsQueueEmpty()
    {
        // Run() is documented as "runs until no event is left or Stop is called". Regression guard: Run() used to apply
        // the strict "before end" rule with end = SimTime.MaxValue, so an event due at exactly SimTime.MaxValue (a
        // natural "never" sentinel) stayed pending, the clock jumped to SimTime.MaxValue and TimeReached was returned.
        _sim.Schedule(SimTime.MaxValue, _handler, tag: 1);

        StopReason reason = _sim.Run();

        Assert.Equal(StopReason.QueueEmpty, reason);
        Assert.Equal([1L], _handler.Tags);
        Assert.Equal(0, _sim.PendingEvents);
    }

    [Fact]
    public void RunUntil_MaxValue_EventAtMaxValueStaysPending()
    {
        // Unlike Run(), RunUntil keeps the documented strict rule even at the end of the range.
        _sim.Schedule(At(1), _handler, tag: 1);
        EventHandle last = _sim.Schedule(SimTime.MaxValue, _handler, tag: 2);

        Assert.Equal(StopReason.TimeReached, _sim.RunUntil(SimTime.MaxValue));

        Assert.Equal([1L], _handler.Tags);
        Assert.True(_sim.IsPending(last));
        Assert.Equal(SimTime.MaxValue, _sim.Now);
    }

    [Fact]
    public void RunUntil_RunsEventsStrictlyBeforeEndAndLeavesClockAtEnd()
    {
        _sim.Schedule(At(1), _handler, tag: 1);
        _sim.Schedule(At(2), _handler, tag: 2);
        _sim.Schedule(At(3), _handler, tag: 3);
        _sim.Schedule(At(4), _handler, tag: 4);

        StopReason reason = _sim.RunUntil(At(3));

        Assert.Equal(StopReason.TimeReached, reason);
        Assert.Equal([1L, 2], _handler.Tags);
        Assert.Equal(At(3), _sim.Now);
        Assert.Equal(2, _sim.PendingEvents);
    }

    [Fact]
    public void RunUntil_EventAtExactlyEnd_StaysPendingAndRunsNext()
    {
        EventHandle atEnd = _sim.Schedule(At(3), _handler, tag: 3);
        _sim.RunUntil(At(3));
        Assert.True(_sim.IsPending(atEnd));
        Assert.Empty(_handler.Events);

        Assert.Equal(StopReason.QueueEmpty, _sim.Run());

        Assert.Equal([(At(3), 3L)], _handler.Events);
    }

    [Fact]
    public void RunUntil_EmptyQueue_AdvancesClockToEnd()
    {
        Assert.Equal(StopReason.TimeReached, _sim.RunUntil(At(100)));
        Assert.Equal(At(100), _sim.Now);
    }

    [Fact]
    public void RunUntil_ConsecutiveWindows_CoverEveryEventOnce()
    {
        for (long s = 0; s < 10; s++)
        {
            _sim.Schedule(At(s), _handler, tag: s);
        }

        _sim.RunUntil(At(4));
        Assert.Equal([0L, 1, 2, 3], _handler.Tags);
        _sim.RunUntil(At(4));
        Assert.Equal(4, _handler.Events.Count);
        _sim.RunUntil(At(10));

        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), _handler.Tags);
        Assert.Equal(At(10), _sim.Now);
    }

    [Fact]
    public void RunFor_RunsForDurationFromNow()
    {
        _sim.RunUntil(At(5));
        _sim.Schedule(At(6), _handler, tag: 6);
        _sim.Schedule(At(8), _handler, tag: 8);

        StopReason reason = _sim.RunFor(SimDuration.FromSeconds(2));

        Assert.Equal(StopReason.TimeReached, reason);
        Assert.Equal([6L], _handler.Tags);
        Assert.Equal(At(7), _sim.Now);
    }

    [Fact]
    public void RunWhile_ConditionBecomesFalse_ReturnsConditionMetWithoutRunningNextEvent()
    {
        for (long s = 1; s <= 5; s++)
        {
            _sim.Schedule(At(s), _handler, tag: s);
        }

        StopReason reason = _sim.RunWhile(() => _handler.Events.Count < 3, At(100));

        Assert.Equal(StopReason.ConditionMet, reason);
        Assert.Equal([1L, 2, 3], _handler.Tags);
        Assert.Equal(At(3), _sim.Now);
        Assert.Equal(2, _sim.PendingEvents);
    }

    [Fact]
    public void RunWhile_ConditionFalseFromStart_RunsNothing()
    {
        _sim.Schedule(At(1), _handler);

        Assert.Equal(StopReason.ConditionMet, _sim.RunWhile(() => false, At(10)));

        Assert.Empty(_handler.Events);
        Assert.Equal(SimTime.Zero, _sim.Now);
    }

    [Fact]
    public void RunWhile_ConditionHoldsUntilEnd_ReturnsTimeReached()
    {
        _sim.Schedule(At(1), _handler, tag: 1);
        _sim.Schedule(At(20), _handler, tag: 20);

        StopReason reason = _sim.RunWhile(() => true, At(10));

        Assert.Equal(StopReason.TimeReached, reason);
        Assert.Equal([1L], _handler.Tags);
        Assert.Equal(At(10), _sim.Now);
    }

    [Fact]
    public void RunWhile_ConditionIsCheckedBeforeEachEvent()
    {
        int checks = 0;
        for (long s = 1; s <= 4; s++)
        {
            _sim.Schedule(At(s), _handler);
        }

        _sim.RunWhile(
            () =>
            {
                checks++;
                return true;
            },
            At(100));

        // Once before each of the 4 events, and once more before concluding that the end time was reached.
        Assert.Equal(5, checks);
    }

    [Fact]
    public void RunWhile_ConditionFalseWithEmptyQueue_ReturnsConditionMetAndKeepsTheClock()
    {
        _sim.Schedule(At(1), _handler);
        _sim.Run();

        StopReason reason = _sim.RunWhile(() => false, At(100));

        Assert.Equal(StopReason.ConditionMet, reason);
        Assert.Equal(At(1), _sim.Now);
    }

    [Fact]
    public void RunWhile_NullCondition_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => _sim.RunWhile(null!, At(1)));
    }

    [Fact]
    public void Stop_FromHandler_ReturnsStoppedAndRunCanResume()
    {
        _handler.OnFired = (_, tag) =>
        {
            if (tag == 2)
            {
                _sim.Stop();
            }
        };
        for (long s = 1; s <= 4; s++)
        {
            _sim.Schedule(At(s), _handler, tag: s);
        }

        StopReason first = _sim.Run();

        Assert.Equal(StopReason.Stopped, first);
        Assert.Equal([1L, 2], _handler.Tags);
        Assert.Equal(At(2), _sim.Now);
        Assert.Equal(2, _sim.PendingEvents);

        StopReason second = _sim.Run();

        Assert.Equal(StopReason.QueueEmpty, second);
        Assert.Equal([1L, 2, 3, 4], _handler.Tags);
    }

    [Fact]
    public void Stop_DuringRunUntil_LeavesClockAtStoppingEvent()
    {
        _handler.OnFired = (_, _) => _sim.Stop();
        _sim.Schedule(At(2), _handler, tag: 2);
        _sim.Schedule(At(3), _handler, tag: 3);

        StopReason reason = _sim.RunUntil(At(10));

        Assert.Equal(StopReason.Stopped, reason);
        Assert.Equal(At(2), _sim.Now);

        _handler.OnFired = null;
        Assert.Equal(StopReason.TimeReached, _sim.RunUntil(At(10)));
        Assert.Equal([2L, 3], _handler.Tags);
        Assert.Equal(At(10), _sim.Now);
    }

    [Fact]
    public void Schedule_InThePast_ThrowsArgumentOutOfRangeException()
    {
        _sim.RunUntil(At(5));

        Assert.Throws<ArgumentOutOfRangeException>(() => _sim.Schedule(At(4), _handler));
        Assert.Throws<ArgumentOutOfRangeException>(() => _sim.Schedule(At(5) - SimDuration.FromNanoseconds(1), _handler));
        Assert.Throws<ArgumentOutOfRangeException>(() => _sim.ScheduleAfter(SimDuration.FromNanoseconds(-1), _handler));
        Assert.Equal(0, _sim.PendingEvents);
    }

    [Fact]
    public void Schedule_AtNow_IsAllowed()
    {
        _sim.RunUntil(At(5));

        _sim.Schedule(At(5), _handler, tag: 1);
        _sim.ScheduleAfter(SimDuration.Zero, _handler, tag: 2);
        _sim.Run();

        Assert.Equal([(At(5), 1L), (At(5), 2L)], _handler.Events);
    }

    [Fact]
    public void ScheduleAfter_IsRelativeToNow()
    {
        _sim.RunUntil(At(5));

        EventHandle h = _sim.ScheduleAfter(SimDuration.FromMilliseconds(250), _handler);

        Assert.Equal(At(5) + SimDuration.FromMilliseconds(250), _sim.TimeOf(h));
    }

    [Fact]
    public void ScheduleAfter_OverflowingDelay_ThrowsSimTimeOverflowException()
    {
        _sim.RunUntil(At(1));

        Assert.Throws<SimTimeOverflowException>(() => _sim.ScheduleAfter(SimDuration.MaxValue, _handler));
    }

    [Fact]
    public void Reschedule_IntoThePast_ThrowsArgumentOutOfRangeException()
    {
        EventHandle h = _sim.Schedule(At(9), _handler);
        _sim.RunUntil(At(5));

        Assert.Throws<ArgumentOutOfRangeException>(() => _sim.Reschedule(h, At(4)));
        Assert.Equal(At(9), _sim.TimeOf(h));
    }

    [Fact]
    public void RunUntil_EndInThePast_ThrowsArgumentOutOfRangeException()
    {
        _sim.RunUntil(At(5));

        Assert.Throws<ArgumentOutOfRangeException>(() => _sim.RunUntil(At(4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => _sim.RunWhile(() => true, At(4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => _sim.RunFor(SimDuration.FromSeconds(-1)));
        Assert.Equal(At(5), _sim.Now);
    }

    public static TheoryData<string> RunMethods => ["Run", "RunUntil", "RunFor", "RunWhile"];

    [Theory]
    [MemberData(nameof(RunMethods))]
    public void RunMethod_CalledFromInsideEvent_ThrowsInvalidOperationException(string method)
    {
        Exception? inner = null;
        _handler.OnFired = (_, tag) =>
        {
            if (tag == 1)
            {
                inner = Record.Exception(() => InvokeRun(method));
            }
        };
        _sim.Schedule(At(1), _handler, tag: 1);
        _sim.Schedule(At(2), _handler, tag: 2);

        StopReason reason = _sim.Run();

        Assert.IsType<InvalidOperationException>(inner);
        Assert.Equal(StopReason.QueueEmpty, reason);
        Assert.Equal([1L, 2], _handler.Tags);
    }

    [Fact]
    public void Run_HandlerThrows_ExceptionPropagatesAndSimulationCanRunAgain()
    {
        _handler.OnFired = (_, tag) =>
        {
            if (tag == 1)
            {
                throw new InvalidOperationException("model failure");
            }
        };
        _sim.Schedule(At(1), _handler, tag: 1);
        _sim.Schedule(At(2), _handler, tag: 2);

        Assert.Throws<InvalidOperationException>(() => _sim.Run());

        Assert.Equal(StopReason.QueueEmpty, _sim.Run());
        Assert.Equal([1L, 2], _handler.Tags);
    }

    [Fact]
    public void EventsExecuted_CountsOnlyExecutedEventsAcrossRuns()
    {
        for (long s = 1; s <= 6; s++)
        {
            _sim.Schedule(At(s), _handler, tag: s);
        }

        EventHandle cancelled = _sim.Schedule(At(2), _handler, tag: 99);
        Assert.True(_sim.Cancel(cancelled));

        _sim.RunUntil(At(3));
        Assert.Equal(2, _sim.EventsExecuted);

        _sim.Run();
        Assert.Equal(6, _sim.EventsExecuted);
        Assert.DoesNotContain(99L, _handler.Tags);
    }

    [Fact]
    public void Cancel_And_Reschedule_ThroughSimulation_AffectDispatch()
    {
        EventHandle a = _sim.Schedule(At(1), _handler, tag: 1);
        EventHandle b = _sim.Schedule(At(2), _handler, tag: 2);
        _sim.Schedule(At(3), _handler, tag: 3);

        Assert.True(_sim.Cancel(a));
        Assert.False(_sim.Cancel(a));
        Assert.True(_sim.Reschedule(b, At(5)));
        Assert.True(_sim.IsPending(b));
        Assert.Equal(At(5), _sim.TimeOf(b));

        _sim.Run();

        Assert.Equal([(At(3), 3L), (At(5), 2L)], _handler.Events);
        Assert.False(_sim.IsPending(b));
        Assert.False(_sim.Reschedule(b, At(6)));
        Assert.Equal(0, _sim.PendingEvents);
    }

    [Fact]
    public void Cancel_FromHandler_PreventsLaterEvent()
    {
        EventHandle victim = default;
        _handler.OnFired = (_, tag) =>
        {
            if (tag == 1)
            {
                Assert.True(_sim.Cancel(victim));
            }
        };
        _sim.Schedule(At(1), _handler, tag: 1);
        victim = _sim.Schedule(At(2), _handler, tag: 2);
        _sim.Schedule(At(3), _handler, tag: 3);

        _sim.Run();

        Assert.Equal([1L, 3], _handler.Tags);
    }

    [Fact]
    public void Run_CenturyLongSimulation_ReachesHundredYears()
    {
        SimTime century = SimTime.Zero + SimDuration.FromDays(365 * 100);
        _sim.Schedule(century, _handler, tag: 1);

        Assert.Equal(StopReason.QueueEmpty, _sim.Run());

        Assert.Equal(century, _sim.Now);
        Assert.Equal([1L], _handler.Tags);
    }

    [Fact]
    public void Run_SameScheduleTwice_GivesIdenticalTrace()
    {
        static List<(SimTime, long)> Trace()
        {
            var sim = new Simulation(initialCapacity: 2);
            var recorder = new EventRecorder();
            recorder.OnFired = (now, tag) =>
            {
                if (tag < 200)
                {
                    sim.Schedule(now + SimDuration.FromNanoseconds(tag % 7), recorder, tag: tag + 10, priority: (int)(tag % 3));
                }
            };
            for (long i = 0; i < 10; i++)
            {
                sim.Schedule(new SimTime(i % 3), recorder, tag: i, priority: (int)(i % 2));
            }

            sim.Run();
            return recorder.Events.ToList();
        }

        List<(SimTime, long)> first = Trace();
        List<(SimTime, long)> second = Trace();

        Assert.True(first.Count > 100);
        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData(5, 0, true)] // nothing due before 5 s
    [InlineData(6, -2, true)] // a lower priority runs before the pending event at 6 s (priority −1)
    [InlineData(6, -1, false)] // the same priority: the pending event was scheduled earlier and runs first
    [InlineData(6, 0, false)]
    [InlineData(7, 0, false)] // the event at 6 s comes first
    public void TryAdvanceTo_InsideAHandler_AdvancesOnlyWhenItsEventWouldBeNext(long seconds, int priority, bool expected)
    {
        // Pending after the handler at 1 s runs: 6 s (priority −1), 6 s (priority 1) and 7 s (priority 0).
        _sim.Schedule(At(6), _handler, tag: 6, priority: -1);
        _sim.Schedule(At(7), _handler, tag: 7);
        bool? advanced = null;
        SimTime clock = default;
        _handler.OnFired = (_, tag) =>
        {
            if (tag == 1)
            {
                advanced = _sim.TryAdvanceTo(At(seconds), priority);
                clock = _sim.Now;
            }
        };
        _sim.Schedule(At(1), _handler, tag: 1);
        _sim.Schedule(At(6), _handler, tag: 60, priority: 1); // same time as 6 s but a higher priority: never in the way

        _sim.RunUntil(At(10));

        Assert.Equal(expected, advanced);
        Assert.Equal(expected ? At(seconds) : At(1), clock);
        Assert.Equal(expected ? 1 : 0, _sim.EventsAdvanced);
        Assert.Equal([1L, 6, 60, 7], _handler.Tags);
    }

    [Fact]
    public void TryAdvanceTo_AtOrPastTheRunsEnd_OrAfterStop_OrOutsideAHandler_Refuses()
    {
        var answers = new List<bool>();
        _handler.OnFired = (_, tag) =>
        {
            answers.Add(_sim.TryAdvanceTo(At(5))); // RunUntil(5 s): an event at 5 s would not run
            answers.Add(_sim.TryAdvanceTo(At(4)));
            _sim.Stop();
            answers.Add(_sim.TryAdvanceTo(At(4)));
        };
        _sim.Schedule(At(1), _handler);

        _sim.RunUntil(At(5));

        Assert.Equal([false, true, false], answers);
        Assert.False(_sim.TryAdvanceTo(At(6)));
    }

    [Fact]
    public void TryAdvanceTo_UnderRunWhile_Refuses()
    {
        bool? advanced = null;
        _handler.OnFired = (_, _) => advanced = _sim.TryAdvanceTo(At(2));
        _sim.Schedule(At(1), _handler);

        _sim.RunWhile(() => true, At(10));

        Assert.False(advanced);
    }

    private static SimTime At(long seconds) => SimTime.FromStart(SimDuration.FromSeconds(seconds));

    private void InvokeRun(string method)
    {
        switch (method)
        {
            case "Run":
                _sim.Run();
                break;
            case "RunUntil":
                _sim.RunUntil(At(50));
                break;
            case "RunFor":
                _sim.RunFor(SimDuration.FromSeconds(1));
                break;
            case "RunWhile":
                _sim.RunWhile(() => true, At(50));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, "unknown run method");
        }
    }
}
