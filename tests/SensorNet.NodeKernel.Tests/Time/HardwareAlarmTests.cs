using SensorNet.NodeKernel.Hardware;
using SensorNet.NodeKernel.Time;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Tests.Time;

public class HardwareAlarmTests
{
    public static TheoryData<long> Frequencies => new(32_768L, 1_000_000L, 16_000_000L, 3L, HardwareAlarm.MaxFrequencyHz);

    [Theory]
    [MemberData(nameof(Frequencies))]
    public void TicksAt_AcrossThe64BitLimitOfItsProduct_IsTheExactFloor(long frequencyHz)
    {
        // ns · f overflows a long past `limit`; the split into seconds and the rest must still give the exact floor.
        var alarm = new HardwareAlarm(new Simulation(), new InterruptController(), 0, frequencyHz, 32, 0);
        long limit = long.MaxValue / frequencyHz;
        foreach (long ns in new[] { 0L, 1L, 999_999_999L, 1_000_000_000L, limit - 1, limit, limit + 1, limit + 1_000_003, long.MaxValue })
        {
            long expected = (long)((Int128)ns * frequencyHz / 1_000_000_000);
            Assert.Equal(expected, alarm.TicksAt(new SimTime(ns)));
        }
    }

    [Theory]
    [MemberData(nameof(Frequencies))]
    public void TimeOfTick_AcrossThe64BitLimitOfItsProduct_IsTheExactCeiling(long frequencyHz)
    {
        var alarm = new HardwareAlarm(new Simulation(), new InterruptController(), 0, frequencyHz, 32, 0);
        long limit = long.MaxValue / 1_000_000_000; // ticks · 10⁹ overflows a long beyond this
        foreach (long ticks in new[] { 0L, 1L, frequencyHz - 1, frequencyHz, frequencyHz + 1, limit - 1, limit, limit + 1, 86_400L * 30 * frequencyHz + 7 })
        {
            long expected = (long)((((Int128)ticks * 1_000_000_000) + frequencyHz - 1) / frequencyHz);
            Assert.Equal(expected, alarm.TimeOfTick(ticks).Nanoseconds);
            Assert.Equal(ticks, alarm.TicksAt(alarm.TimeOfTick(ticks))); // the instant of a tick reads that tick
        }
    }

    [Fact]
    public void Conversions_BeforeTheCounterStarts_AreRejected()
    {
        var alarm = new HardwareAlarm(new Simulation(), new InterruptController(), 0, 32_768, 24, 0);

        Assert.Throws<ArgumentOutOfRangeException>(() => alarm.TicksAt(new SimTime(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => alarm.TimeOfTick(-1));
    }

    [Fact]
    public void Constructor_AboveOneGigahertz_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new HardwareAlarm(new Simulation(), new InterruptController(), 0, HardwareAlarm.MaxFrequencyHz + 1, 32, 0));

    [Fact]
    public void TicksAt_OneDayAt32kHz_CountsWholeTicks()
    {
        var alarm = new HardwareAlarm(new Simulation(), new InterruptController(), 0, 32_768, 24, 0);

        Assert.Equal(86_400L * 32_768, alarm.TicksAt(SimTime.FromStart(SimDuration.FromSeconds(86_400))));
        Assert.Equal(0, alarm.TicksAt(new SimTime(30_517))); // one tick is 30,517.578… ns
        Assert.Equal(1, alarm.TicksAt(new SimTime(30_518)));
    }
}
