using SensorNet.NodeKernel.Hardware;
using SensorNet.NodeKernel.Time;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Tests.Time;

public class HardwareAlarmTests
{
    [Theory]
    [InlineData(32_768L)]
    [InlineData(1_000_000L)]
    [InlineData(16_000_000L)]
    [InlineData(3L)]
    public void TicksAt_AcrossThe64BitLimitOfItsProduct_IsTheExactFloor(long frequencyHz)
    {
        // The 64-bit shortcut holds while ns · f fits in a long; just past that the wide path must give the same floor.
        var alarm = new HardwareAlarm(new Simulation(), new InterruptController(), 0, frequencyHz, 32, 0);
        long limit = long.MaxValue / frequencyHz;
        foreach (long ns in new[] { 0L, 1L, 999_999_999L, 1_000_000_000L, limit - 1, limit, limit + 1, limit + 1_000_003, long.MaxValue })
        {
            long expected = (long)((Int128)ns * frequencyHz / 1_000_000_000);
            Assert.Equal(expected, alarm.TicksAt(new SimTime(ns)));
        }
    }

    [Fact]
    public void TicksAt_OneDayAt32kHz_CountsWholeTicks()
    {
        var alarm = new HardwareAlarm(new Simulation(), new InterruptController(), 0, 32_768, 24, 0);

        Assert.Equal(86_400L * 32_768, alarm.TicksAt(SimTime.FromStart(SimDuration.FromSeconds(86_400))));
        Assert.Equal(0, alarm.TicksAt(new SimTime(30_517))); // one tick is 30,517.578… ns
        Assert.Equal(1, alarm.TicksAt(new SimTime(30_518)));
    }
}
