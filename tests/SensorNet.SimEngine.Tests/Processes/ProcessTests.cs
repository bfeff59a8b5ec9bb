using SensorNet.SimEngine.Processes;
using SensorNet.SimEngine.Tests.Support;
using SensorNet.SimEngine.Time;

namespace SensorNet.SimEngine.Tests.Processes;

public class ProcessTests
{
    private readonly Simulation _sim = new();
    private readonly List<string> _log = [];

    [Fact]
    public void Timeouts_AdvanceClockByTheYieldedDelays()
    {
        var resumes = new List<SimTime>();
        IEnumerable<Wait> Body()
        {
            resumes.Add(_sim.Now);
            yield return _sim.Timeout(SimDuration.FromSeconds(1));
            resumes.Add(_sim.Now);
            yield return _sim.Timeout(SimDuration.FromMilliseconds(2_500));
            resumes.Add(_sim.Now);
            yield return _sim.Timeout(SimDuration.Zero);
            resumes.Add(_sim.Now);
        }

        Process p = _sim.Process(Body(), "timeouts");
        StopReason reason = _sim.Run();

        Assert.Equal(StopReason.QueueEmpty, reason);
        Assert.Equal([At(0), At(1), AtMs(3_500), AtMs(3_500)], resumes);
        Assert.Equal(AtMs(3_500), _sim.Now);
        Assert.False(p.IsAlive);
        Assert.Equal("timeouts", p.Name);
    }

    [Fact]
    public void Process_FirstStepRunsAsEventNotSynchronously()
    {
        bool started = false;
        IEnumerable<Wait> Body()
        {
            started = true;
            yield break;
        }

        Process p = _sim.Process(Body());

        Assert.False(started);
        Assert.True(p.IsAlive);
        Assert.Equal(1, _sim.PendingEvents);

        _sim.Run();

        Assert.True(started);
        Assert.False(p.IsAlive);
    }

    [Fact]
    public void Process_FirstStepRunsAfterEventsAlreadyScheduledForNow()
    {
        var recorder = new EventRecorder();
        recorder.OnFired = (_, _) => _log.Add("event");
        _sim.RunUntil(At(2));
        _sim.Schedule(At(2), recorder);
        IEnumerable<Wait> Body()
        {
            _log.Add("process@" + _sim.Now.Nanoseconds);
            yield break;
        }

        _sim.Process(Body());
        _sim.Run();

        Assert.Equal(["event", "process@2000000000"], _log);
    }

    [Fact]
    public void Process_StartedInsideRunningSimulation_StartsAtCurrentTime()
    {
        var starts = new List<SimTime>();
        IEnumerable<Wait> Child()
        {
            starts.Add(_sim.Now);
            yield break;
        }

        IEnumerable<Wait> Parent()
        {
            yield return _sim.Timeout(SimDuration.FromSeconds(4));
            _sim.Process(Child());
        }

        _sim.Process(Parent());
        _sim.Run();

        Assert.Equal([At(4)], starts);
    }

    [Fact]
    public void Signal_ResumesWaiterOnlyWhenTriggeredAtTriggerTime()
    {
        var signal = new Signal(_sim);
        var resumedAt = new List<SimTime>();
        IEnumerable<Wait> Waiter()
        {
            yield return Wait.On(signal);
            resumedAt.Add(_sim.Now);
        }

        Process p = _sim.Process(Waiter());
        var trigger = new EventRecorder { OnFired = (_, _) => signal.Trigger() };
        _sim.Schedule(At(5), trigger);

        _sim.RunUntil(At(4));
        Assert.Empty(resumedAt);
        Assert.True(p.IsAlive);
        Assert.Equal(1, signal.WaitingCount);
        Assert.Equal(1, _sim.PendingEvents);

        _sim.Run();

        Assert.Equal([At(5)], resumedAt);
        Assert.False(p.IsAlive);
        Assert.Equal(0, signal.WaitingCount);
    }

    [Fact]
    public void Signal_NeverTriggered_WaiterStaysSuspended()
    {
        var signal = new Signal(_sim);
        bool resumed = false;
        IEnumerable<Wait> Waiter()
        {
            yield return Wait.On(signal);
            resumed = true;
        }

        Process p = _sim.Process(Waiter());

        Assert.Equal(StopReason.QueueEmpty, _sim.Run());
        Assert.False(resumed);
        Assert.True(p.IsAlive);
        Assert.Equal(1, signal.WaitingCount);
    }

    [Fact]
    public void Signal_Trigger_ResumesAllWaitersInOrderTheyStartedWaiting()
    {
        var signal = new Signal(_sim);
        IEnumerable<Wait> Waiter(string name, long startDelaySeconds)
        {
            yield return _sim.Timeout(SimDuration.FromSeconds(startDelaySeconds));
            yield return Wait.On(signal);
            _log.Add(name + "@" + _sim.Now.Nanoseconds);
        }

        _sim.Process(Waiter("c", 3));
        _sim.Process(Waiter("a", 1));
        _sim.Process(Waiter("b", 2));
        _sim.RunUntil(At(10));

        Assert.Equal(3, signal.Trigger());
        _sim.Run();

        Assert.Equal(["a@10000000000", "b@10000000000", "c@10000000000"], _log);
    }

    [Fact]
    public void Signal_TriggerWithNoWaiters_ReturnsZero()
    {
        var signal = new Signal(_sim);

        Assert.Equal(0, signal.Trigger());
        Assert.Equal(0, _sim.PendingEvents);
    }

    [Fact]
    public void Signal_WaitingAgainAfterWaking_NeedsSecondTrigger()
    {
        var signal = new Signal(_sim);
        var wakes = new List<SimTime>();
        IEnumerable<Wait> Looper()
        {
            while (true)
            {
                yield return Wait.On(signal);
                wakes.Add(_sim.Now);
            }
        }

        _sim.Process(Looper());
        var trigger = new EventRecorder { OnFired = (_, _) => signal.Trigger() };
        _sim.Schedule(At(1), trigger);

        _sim.RunUntil(At(3));

        Assert.Equal([At(1)], wakes);
        Assert.Equal(1, signal.WaitingCount);

        _sim.Schedule(At(4), trigger);
        _sim.Run();

        Assert.Equal([At(1), At(4)], wakes);
        Assert.Equal(1, signal.WaitingCount);
    }

    [Fact]
    public void Signal_TriggeredTwiceBeforeWaiterRuns_WakesItOnce()
    {
        var signal = new Signal(_sim);
        int wakes = 0;
        IEnumerable<Wait> Looper()
        {
            while (true)
            {
                yield return Wait.On(signal);
                wakes++;
            }
        }

        _sim.Process(Looper());
        _sim.RunUntil(At(1));

        Assert.Equal(1, signal.Trigger());
        Assert.Equal(0, signal.Trigger());
        _sim.Run();

        Assert.Equal(1, wakes);
    }

    [Fact]
    public void TwoProcesses_InterleaveDeterministically()
    {
        List<string> first = RunPingPong();
        List<string> second = RunPingPong();

        // B's wake-up at 6 s was scheduled at 3 s, A's at 4 s: at equal time the earlier insertion runs first.
        Assert.Equal(["A@0", "B@0", "A@2", "B@3", "A@4", "B@6", "A@6", "B@9"], first);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Kill_WaitingOnTimeout_CancelsPendingWaitAndDisposesBody()
    {
        bool resumed = false;
        bool disposed = false;
        IEnumerable<Wait> Body()
        {
            try
            {
                yield return _sim.Timeout(SimDuration.FromSeconds(10));
                resumed = true;
            }
            finally
            {
                disposed = true;
            }
        }

        Process p = _sim.Process(Body());
        _sim.RunUntil(At(1));
        Assert.Equal(1, _sim.PendingEvents);

        p.Kill();

        Assert.False(p.IsAlive);
        Assert.True(disposed);
        Assert.Equal(0, _sim.PendingEvents);
        Assert.Equal(StopReason.QueueEmpty, _sim.Run());
        Assert.False(resumed);
        Assert.Equal(At(1), _sim.Now);
    }

    [Fact]
    public void Kill_WaitingOnSignal_RemovesWaiterSoTriggerDoesNotResumeIt()
    {
        var signal = new Signal(_sim);
        bool resumed = false;
        IEnumerable<Wait> Body()
        {
            yield return Wait.On(signal);
            resumed = true;
        }

        Process p = _sim.Process(Body());
        _sim.RunUntil(At(1));
        Assert.Equal(1, signal.WaitingCount);

        p.Kill();

        Assert.False(p.IsAlive);
        Assert.Equal(0, signal.WaitingCount);
        Assert.Equal(0, signal.Trigger());
        _sim.Run();
        Assert.False(resumed);
    }

    [Fact]
    public void Kill_AfterTriggerBeforeResume_PreventsResume()
    {
        var signal = new Signal(_sim);
        bool resumed = false;
        IEnumerable<Wait> Body()
        {
            yield return Wait.On(signal);
            resumed = true;
        }

        Process p = _sim.Process(Body());
        _sim.RunUntil(At(1));
        Assert.Equal(1, signal.Trigger());
        Assert.Equal(1, _sim.PendingEvents);

        p.Kill();

        Assert.Equal(0, _sim.PendingEvents);
        _sim.Run();
        Assert.False(resumed);
    }

    [Fact]
    public void Kill_BeforeFirstStep_BodyNeverRuns()
    {
        bool ran = false;
        IEnumerable<Wait> Body()
        {
            ran = true;
            yield break;
        }

        Process p = _sim.Process(Body());
        p.Kill();
        _sim.Run();

        Assert.False(ran);
        Assert.False(p.IsAlive);
        Assert.Equal(0, _sim.EventsExecuted);
    }

    [Fact]
    public void Kill_OnlyCancelsItsOwnEvent_OtherEventsStillRun()
    {
        var recorder = new EventRecorder();
        IEnumerable<Wait> Body()
        {
            yield return _sim.Timeout(SimDuration.FromSeconds(5));
        }

        Process p = _sim.Process(Body());
        _sim.RunUntil(At(1));
        _sim.Schedule(At(5), recorder, tag: 1);

        p.Kill();
        p.Kill();

        Assert.Equal(1, _sim.PendingEvents);
        _sim.Run();
        Assert.Equal([1L], recorder.Tags);
    }

    [Fact]
    public void Kill_FromOwnBody_DoesNotRegisterTheNextWait()
    {
        // Kill() promises to end the process "at once" with its pending wait cancelled. Regression guard: when the
        // body killed its own process, OnEvent did not re-check IsAlive after MoveNext returned, so the Wait yielded
        // next was still registered: the dead process stayed in the signal's waiting list (WaitingCount 1, Trigger()
        // reported 1 resumed process and scheduled a no-op event).
        var signal = new Signal(_sim);
        Process? self = null;
        bool resumed = false;
        IEnumerable<Wait> Body()
        {
            yield return _sim.Timeout(SimDuration.FromSeconds(1));
            self!.Kill();
            yield return Wait.On(signal);
            resumed = true;
        }

        self = _sim.Process(Body());
        _sim.Run();

        Assert.False(self.IsAlive);
        Assert.Equal(0, signal.WaitingCount);
        Assert.Equal(0, signal.Trigger());
        Assert.Equal(0, _sim.PendingEvents);
        _sim.Run();
        Assert.False(resumed);
    }

    [Fact]
    public void Kill_FromOwnBodyBeforeTimeout_LeavesNoStrayEventAndDisposesBody()
    {
        Process? self = null;
        bool disposed = false;
        bool resumed = false;
        IEnumerable<Wait> Body()
        {
            try
            {
                yield return _sim.Timeout(SimDuration.FromSeconds(1));
                self!.Kill();
                Assert.False(self.IsAlive);
                yield return _sim.Timeout(SimDuration.FromSeconds(5));
                resumed = true;
            }
            finally
            {
                disposed = true;
            }
        }

        self = _sim.Process(Body());
        _sim.RunUntil(AtMs(1_500));

        Assert.False(self.IsAlive);
        Assert.True(disposed);
        Assert.Equal(0, _sim.PendingEvents);
        Assert.Equal(2, _sim.EventsExecuted);
        _sim.Run();
        Assert.False(resumed);
        Assert.Equal(2, _sim.EventsExecuted);
    }

    [Fact]
    public void Process_NullBody_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => _sim.Process(null!));
    }

    [Fact]
    public void WaitFor_NegativeDelay_ThrowsArgumentOutOfRangeException()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Wait.For(SimDuration.FromNanoseconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => _sim.Timeout(SimDuration.FromSeconds(-1)));
    }

    [Fact]
    public void WaitOn_NullSignal_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => Wait.On(null!));
        Assert.Throws<ArgumentNullException>(() => new Signal(null!));
    }

    [Fact]
    public void Wait_Equality_ComparesDelayAndSignal()
    {
        var s1 = new Signal(_sim);
        var s2 = new Signal(_sim);

        Assert.Equal(Wait.For(SimDuration.FromSeconds(1)), Wait.For(SimDuration.FromSeconds(1)));
        Assert.True(Wait.On(s1) == Wait.On(s1));
        Assert.True(Wait.On(s1) != Wait.On(s2));
        Assert.NotEqual(Wait.For(SimDuration.FromSeconds(1)), Wait.For(SimDuration.FromSeconds(2)));
        Assert.Equal(s1, Wait.On(s1).Signal);
        Assert.Null(Wait.For(SimDuration.Zero).Signal);
        Assert.Equal(SimDuration.FromSeconds(3), Wait.For(SimDuration.FromSeconds(3)).Delay);
    }

    private static SimTime At(long seconds) => SimTime.FromStart(SimDuration.FromSeconds(seconds));

    private static SimTime AtMs(long milliseconds) => SimTime.FromStart(SimDuration.FromMilliseconds(milliseconds));

    private static List<string> RunPingPong()
    {
        var sim = new Simulation();
        var log = new List<string>();
        IEnumerable<Wait> Ticker(string name, long periodSeconds, int steps)
        {
            for (int i = 0; i < steps; i++)
            {
                log.Add(name + "@" + (sim.Now.Nanoseconds / SimDuration.NanosecondsPerSecond));
                yield return sim.Timeout(SimDuration.FromSeconds(periodSeconds));
            }
        }

        sim.Process(Ticker("A", 2, 4), "A");
        sim.Process(Ticker("B", 3, 4), "B");
        sim.Run();
        return log;
    }
}
