using SensorNet.NodeKernel.Drivers;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Tests.Support;
using SensorNet.NodeKernel.Userspace;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Tests.Drivers;

/// <summary>
/// What the alarm driver promises about its answers, for repeated polling passes (<see cref="UserOp.RepeatPass"/>):
/// the frequency (command 1) never changes, and the counter (command 2), left-justified, rises until it reaches a
/// bound or wraps. The test chip's counter runs at 32 768 Hz on 24 bits (shifted left by 8), so it wraps every 512 s.
/// </summary>
public class AlarmDriverTests
{
    private const long Hz = 32_768;
    private const int Shift = 8;

    [Fact]
    public void Frequency_IsPromisedForEver_AndTheCounterNot()
    {
        (KernelHarness h, TockProcess user, TockProcess stranger) = RunTo(SimDuration.FromSeconds(600));

        Assert.Equal(SimTime.MaxValue, h.Alarm.CommandAnswerUnchangedUntil(user, 1, 0, 0));
        Assert.Equal(SimTime.MaxValue, h.Alarm.CommandAnswerUnchangedUntil(user, 0, 0, 0));
        Assert.Equal(SimTime.Zero, h.Alarm.CommandAnswerUnchangedUntil(user, 2, 0, 0)); // the counter moves
        Assert.Equal(SimTime.Zero, h.Alarm.CommandAnswerUnchangedUntil(user, 5, 0, 0)); // set_relative arms an alarm
        Assert.Equal(SimTime.Zero, h.Alarm.CommandAnswerUnchangedUntil(stranger, 1, 0, 0)); // no grant: it would fail, then not
    }

    [Fact]
    public void Counter_IsInRangeUntilTheTickItReachesHigh_AfterAWrap()
    {
        // At 600 s the counter has wrapped once: tick 19 660 800 shows 19 660 800 − 2²⁴ = 2 883 584, answered << 8.
        (KernelHarness h, TockProcess user, _) = RunTo(SimDuration.FromSeconds(600));
        const long ticks = 19_660_800;
        const uint value = 2_883_584u << Shift;

        // A bound 1 000 ticks ahead is reached at tick + 1 000; one more unit of the answer needs one more tick.
        Assert.Equal(Tick(ticks + 1_000), Counting(h, user, value, value + (1_000u << Shift)));
        Assert.Equal(Tick(ticks + 1_001), Counting(h, user, value, value + (1_000u << Shift) + 1));
        Assert.Equal(Tick(ticks + 1), Counting(h, user, value, value + 1));
    }

    [Fact]
    public void Counter_IsInRangeUntilItWraps_WhenHighIsBeyondTheWrap()
    {
        (KernelHarness h, TockProcess user, _) = RunTo(SimDuration.FromSeconds(600));
        const uint value = 2_883_584u << Shift;

        // The second wrap is at tick 2 × 2²⁴ = 1 024 s exactly; the answer would fall to 0 there.
        Assert.Equal(SimTime.FromStart(SimDuration.FromSeconds(1_024)), Counting(h, user, value, uint.MaxValue));
        // The last value before the wrap, 0xFFFFFF00, is reached one tick earlier.
        Assert.Equal(Tick((2L << 24) - 1), Counting(h, user, 0, 0xFFFF_FF00u));
    }

    [Fact]
    public void Counter_OutsideTheRange_OrNotTheCounter_PromisesNothing()
    {
        (KernelHarness h, TockProcess user, TockProcess stranger) = RunTo(SimDuration.FromSeconds(600));
        const uint value = 2_883_584u << Shift;

        Assert.Equal(SimTime.Zero, Counting(h, user, value + 1, uint.MaxValue)); // below low
        Assert.Equal(SimTime.Zero, Counting(h, user, 0, value)); // at high already
        Assert.Equal(SimTime.Zero, Counting(h, user, 0, value - 1)); // past high
        Assert.Equal(SimTime.Zero, h.Alarm.CountingAnswerInRangeUntil(user, 1, 0, 0, 0, uint.MaxValue)); // the frequency
        Assert.Equal(SimTime.Zero, Counting(h, stranger, 0, uint.MaxValue)); // no grant
    }

    // The instant of absolute tick k: ceil(k · 10⁹ / 32 768) ns.
    private static SimTime Tick(long k) => new(((k * 1_000_000_000L) + Hz - 1) / Hz);

    private static SimTime Counting(KernelHarness h, TockProcess p, uint low, uint high) =>
        h.Alarm.CountingAnswerInRangeUntil(p, 2, 0, 0, low, high);

    // One process reads the counter once (which allocates its alarm grant) and waits; another never touches the alarm.
    private static (KernelHarness Harness, TockProcess User, TockProcess Stranger) RunTo(SimDuration at)
    {
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        TockProcess user = h.Kernel.AddProcess(new ConformanceProgram("user", _ => ReadOnceThenWait()));
        TockProcess stranger = h.Kernel.AddProcess(new ConformanceProgram("stranger", _ => ConformanceProgram.WaitForever()));
        h.Kernel.Boot();
        h.RunFor(at);
        Assert.True(user.HasGrant(AlarmDriver.Number));
        Assert.False(stranger.HasGrant(AlarmDriver.Number));
        Assert.Equal(SimTime.FromStart(at), h.Simulation.Now); // tick 600 × 32 768 = 19 660 800
        return (h, user, stranger);
    }

    private static IEnumerable<UserOp> ReadOnceThenWait()
    {
        yield return UserOp.Command(AlarmDriver.Number, 2);
        foreach (UserOp op in ConformanceProgram.WaitForever())
        {
            yield return op;
        }
    }
}
