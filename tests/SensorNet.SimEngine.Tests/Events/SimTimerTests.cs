using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Tests.Support;
using SensorNet.SimEngine.Time;

namespace SensorNet.SimEngine.Tests.Events;

public class SimTimerTests
{
    private readonly Simulation _sim = new();
    private readonly EventRecorder _target = new();

    [Fact]
    public void Set_Once_FiresOnceAtDeadlineWithTag()
    {
        var timer = new SimTimer(_sim, _target, tag: 7);

        timer.Set(At(5));
        _sim.Run();

        Assert.Equal([(At(5), 7L)], _target.Events);
    }

    [Fact]
    public void Set_Again_MovesTheEventAndFiresOnlyOnce()
    {
        var timer = new SimTimer(_sim, _target, tag: 1);

        timer.Set(At(5));
        timer.Set(At(9));

        Assert.Equal(1, _sim.PendingEvents);
        Assert.Equal(At(9), timer.Deadline);
        _sim.Run();
        Assert.Equal([At(9)], _target.Times);
    }

    [Fact]
    public void Set_AgainEarlier_FiresOnlyAtEarlierTime()
    {
        var timer = new SimTimer(_sim, _target);

        timer.Set(At(9));
        timer.Set(At(2));
        _sim.Run();

        Assert.Equal([At(2)], _target.Times);
    }

    [Fact]
    public void Cancel_Armed_PreventsFiringAndReturnsTrueOnce()
    {
        var timer = new SimTimer(_sim, _target);
        timer.Set(At(3));

        Assert.True(timer.Cancel());
        Assert.False(timer.Cancel());
        Assert.False(timer.IsArmed);

        Assert.Equal(StopReason.QueueEmpty, _sim.Run());
        Assert.Empty(_target.Events);
    }

    [Fact]
    public void Cancel_NeverSet_ReturnsFalse()
    {
        var timer = new SimTimer(_sim, _target);

        Assert.False(timer.Cancel());
    }

    [Fact]
    public void IsArmed_And_Deadline_FollowTheTimerLifecycle()
    {
        var timer = new SimTimer(_sim, _target);
        Assert.False(timer.IsArmed);
        Assert.Throws<InvalidOperationException>(() => timer.Deadline);

        timer.Set(At(4));
        Assert.True(timer.IsArmed);
        Assert.Equal(At(4), timer.Deadline);

        _sim.Run();
        Assert.False(timer.IsArmed);
        Assert.Throws<InvalidOperationException>(() => timer.Deadline);
    }

    [Fact]
    public void SetAfter_IsRelativeToNow()
    {
        var timer = new SimTimer(_sim, _target);
        _sim.RunUntil(At(10));

        timer.SetAfter(SimDuration.FromSeconds(3));

        Assert.Equal(At(13), timer.Deadline);
        _sim.Run();
        Assert.Equal([At(13)], _target.Times);
    }

    [Fact]
    public void Set_FromItsOwnHandler_RearmsPeriodically()
    {
        var timer = new SimTimer(_sim, _target);
        _target.OnFired = (now, _) =>
        {
            Assert.False(timer.IsArmed);
            if (now < At(4))
            {
                timer.SetAfter(SimDuration.FromSeconds(1));
            }
        };

        timer.Set(At(1));
        _sim.Run();

        Assert.Equal([At(1), At(2), At(3), At(4)], _target.Times);
    }

    [Fact]
    public void StaleTimer_AfterFiringAndSlotReuse_DoesNotTouchOtherEvent()
    {
        var timer = new SimTimer(_sim, _target, tag: 1);
        var other = new EventRecorder();
        timer.Set(At(1));
        _sim.RunUntil(At(2));
        Assert.Single(_target.Events);

        // This event reuses the slot of the timer's fired event.
        EventHandle otherEvent = _sim.Schedule(At(8), other, tag: 2);

        Assert.False(timer.IsArmed);
        Assert.False(timer.Cancel());
        Assert.True(_sim.IsPending(otherEvent));
        Assert.Equal(At(8), _sim.TimeOf(otherEvent));

        timer.Set(At(5));
        Assert.Equal(2, _sim.PendingEvents);
        Assert.Equal(At(8), _sim.TimeOf(otherEvent));

        _sim.Run();
        Assert.Equal([At(1), At(5)], _target.Times);
        Assert.Equal([At(8)], other.Times);
    }

    [Fact]
    public void Priority_IsUsedForSimultaneousEvents()
    {
        var late = new SimTimer(_sim, _target, tag: 1, priority: 5);
        var early = new SimTimer(_sim, _target, tag: 2, priority: -5);

        late.Set(At(3));
        early.Set(At(3));
        _sim.Run();

        Assert.Equal([2L, 1], _target.Tags);
    }

    [Fact]
    public void Set_InThePast_ThrowsArgumentOutOfRangeException()
    {
        var timer = new SimTimer(_sim, _target);
        _sim.RunUntil(At(10));

        Assert.Throws<ArgumentOutOfRangeException>(() => timer.Set(At(9)));
        Assert.False(timer.IsArmed);
    }

    [Fact]
    public void Constructor_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => new SimTimer(null!, _target));
        Assert.Throws<ArgumentNullException>(() => new SimTimer(_sim, null!));
    }

    private static SimTime At(long seconds) => SimTime.FromStart(SimDuration.FromSeconds(seconds));
}
