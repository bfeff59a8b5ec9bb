using SensorNet.NodeKernel.Chips;
using SensorNet.NodeKernel.Drivers;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Syscalls;
using SensorNet.NodeKernel.Tests.Support;
using SensorNet.NodeKernel.Userspace;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;
using static SensorNet.NodeKernel.Tests.Support.Residency;
using static SensorNet.NodeKernel.Tests.Support.UserOps;

namespace SensorNet.NodeKernel.Tests.Conformance;

/// <summary>
/// Timers: the virtual alarm mux of tock/tock <c>capsules/core/src/virtualizers/virtual_alarm.rs</c> (one hardware
/// compare for the earliest deadline, long alarms split at half the counter range, hardware disarmed when nothing is
/// armed) and the userspace alarm driver <c>capsules/core/src/alarm.rs</c> (left-justified values, upcall arguments,
/// rounding, one alarm per process). The test chip has a 32 768 Hz 24-bit counter (nRF RTC-like): a tick is
/// 1/32 768 s, half the range is 2²³ ticks = 256 s, and userspace values are shifted left by 8.
/// </summary>
public class AlarmConformanceTests
{
    private const uint Alarm = AlarmDriver.Number;
    private const uint Fake = FakeDriver.DefaultNumber;

    [Fact]
    [Trait("Category", "TockConformance")]
    public void Frequency_IsLeftJustified_32768Shl8On24Bits_And16000On32Bits()
    {
        // alarm.rs command 1: Ticks::u32_left_justified_scale_freq = F::frequency() << (32 - width).
        var nrf = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        var sam = new KernelHarness(TestChips.Sam4lLike() with { Costs = TestChips.Free });
        var fromNrf = new List<SyscallReturn>();
        var fromSam = new List<SyscallReturn>();
        nrf.Kernel.AddProcess(new ConformanceProgram("app", ctx => Recorded(ctx, fromNrf, UserOp.Command(Alarm, 1))));
        sam.Kernel.AddProcess(new ConformanceProgram("app", ctx => Recorded(ctx, fromSam, UserOp.Command(Alarm, 1))));
        nrf.Kernel.Boot();
        sam.Kernel.Boot();

        nrf.RunFor(Ms(1));
        sam.RunFor(Ms(1));

        Assert.Equal([SyscallReturn.SuccessU32(8_388_608)], fromNrf);
        Assert.Equal([SyscallReturn.SuccessU32(16_000)], fromSam);
        AssertAccountsForAllTime(nrf);
        AssertAccountsForAllTime(sam);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void Now_IsLeftJustified_AndWrapsWithThe24BitCounter()
    {
        // alarm.rs command 2: now.into_u32_left_justified(). At 512.5 s the counter (2²⁴ ticks = 512 s) has wrapped:
        // 16 793 600 − 16 777 216 = 16 384 ticks → 16 384 << 8 = 4 194 304.
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        _ = new FakeDriver(h.Kernel);
        var results = new List<SyscallReturn>();
        h.Kernel.AddProcess(new ConformanceProgram("app", ctx => Recorded(
            ctx,
            results,
            UserOp.Command(Alarm, 2),
            UserOp.Command(Fake, 1, 512_500_000, 0),
            UserOp.YieldWaitFor(Fake, 0),
            UserOp.Command(Alarm, 2))));
        h.Kernel.Boot();

        h.RunFor(SimDuration.FromSeconds(513));

        Assert.Equal(SyscallReturn.SuccessU32(0), results[0]);
        Assert.Equal(SyscallReturn.SuccessU32(4_194_304), results[3]);
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void Upcall_CarriesNowAndExpiration_LeftJustified()
    {
        // alarm.rs process_rearm_or_callback: schedule_upcall(0, (now_lj, (reference + dt)_lj, 0)), with now read in
        // the bottom half. A 1 ms wake-up latency delays it: the compare of tick 3 276 matches at 99 975 586 ns, the
        // bottom half runs at 100 975 586 ns = tick 3 308.
        ChipModel chip = TestChips.Wfi1MHz(TestChips.Free) with
        {
            Shallow = new ChipSleepState("sleep", Amperes.FromMicroamperes(100), SimDuration.FromMilliseconds(1)),
        };
        var h = new KernelHarness(chip);
        var results = new List<SyscallReturn>();
        h.Kernel.AddProcess(new ConformanceProgram("app", ctx => Recorded(ctx, results, UserOp.Command(Alarm, 5, 3_276u << 8), UserOp.YieldWaitFor(Alarm, 0))));
        h.Kernel.Boot();

        h.RunFor(Ms(200));

        Assert.Equal(SyscallReturn.SuccessU32(3_276u << 8), results[0]); // the expiration, left-justified
        Assert.Equal(new SyscallReturn(ReturnVariant.YieldWaitFor, 3_308u << 8, 3_276u << 8, 0), results[1]);
        Assert.Equal(1, h.Kernel.Counters.Wakeups);
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void LeftJustifiedDtAndExpiration_AreRoundedUpToWholeTicks()
    {
        // alarm.rs rearm_u32_left_justified_expiration: padding bits set → (value >> padding) + 1. libtock-c's 100 ms at
        // 8 388 608 Hz is 838 860 = 3 276 ticks + 204/256: command 5 arms 3 277 ticks (fires at 100 006 104 ns);
        // command 6 with reference now − 1 tick rounds the expiration up too: dt 3 277 ticks.
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        var results = new List<SyscallReturn>();
        h.Kernel.AddProcess(new ConformanceProgram("app", ctx => Body(ctx)));
        h.Kernel.Boot();

        h.RunFor(Ms(300));

        Assert.Equal(SyscallReturn.SuccessU32(3_277u << 8), results[0]);
        Assert.Equal(new SyscallReturn(ReturnVariant.YieldWaitFor, 3_277u << 8, 3_277u << 8, 0), results[1]); // now = expiry
        Assert.Equal(AtNs(100_006_104), h.Kernel.Alarm.TimeOfTick(3_277));
        uint now = results[2].R1 >> 8;
        Assert.Equal(SyscallReturn.SuccessU32((now - 1 + 3_277) << 8), results[3]);
        AssertAccountsForAllTime(h);

        IEnumerable<UserOp> Body(UserContext ctx)
        {
            yield return UserOp.Command(Alarm, 5, 838_860);
            results.Add(ctx.Result);
            yield return UserOp.YieldWaitFor(Alarm, 0);
            results.Add(ctx.Result);
            yield return UserOp.Command(Alarm, 2);
            results.Add(ctx.Result);
            yield return UserOp.Command(Alarm, 6, ctx.Result.R1 - 256, 838_860);
            results.Add(ctx.Result);
            foreach (UserOp op in ConformanceProgram.WaitForever())
            {
                yield return op;
            }
        }
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void AbsoluteAlarmWithAReferenceInTheFuture_CountsAsExpired_AndFiresAtOnce()
    {
        // alarm.rs earliest_alarm: an alarm is expired when !now.within_range(reference, reference + dt); a reference
        // 100 ticks ahead of now is outside [reference, reference + dt), so process_rearm_or_callback, run by the
        // command itself, schedules the upcall at once: no compare, no wake-up.
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        var results = new List<SyscallReturn>();
        h.Kernel.AddProcess(new ConformanceProgram("app", ctx => Body(ctx)));
        h.Kernel.Boot();

        h.RunFor(Ms(100));

        uint now = results[0].R1 >> 8;
        Assert.Equal(SyscallReturn.SuccessU32((now + 1_100) << 8), results[1]);
        Assert.Equal(new SyscallReturn(ReturnVariant.YieldWaitFor, now << 8, (now + 1_100) << 8, 0), results[2]);
        Assert.Equal((0L, 0L), (h.Kernel.Counters.Wakeups, h.Kernel.Alarm.Fires));
        AssertAccountsForAllTime(h);

        IEnumerable<UserOp> Body(UserContext ctx)
        {
            yield return UserOp.Command(Alarm, 2);
            results.Add(ctx.Result);
            yield return UserOp.Command(Alarm, 6, ctx.Result.R1 + (100u << 8), 1_000u << 8);
            results.Add(ctx.Result);
            yield return UserOp.YieldWaitFor(Alarm, 0);
            results.Add(ctx.Result);
            foreach (UserOp op in ConformanceProgram.WaitForever())
            {
                yield return op;
            }
        }
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void HardwareCompare_IsNeverCloserThanMinimumDt()
    {
        // chips/sam4l/src/ast.rs set_alarm: expire − now ≤ ALARM0_SYNC_TICS (8 = minimum_dt) → now + 8. At 16 kHz,
        // 8 ticks are 500 µs; the probe runs after the 20 µs WAIT wake-up, at 520 µs.
        var h = new KernelHarness(TestChips.Sam4lLike() with { Costs = TestChips.Free });
        h.Kernel.Boot();
        var probe = new AlarmProbe(h.Kernel, "probe");

        probe.Alarm.SetAlarm(h.Kernel.Alarm.Now, 1);

        Assert.Equal(8, h.Kernel.Alarm.Expiry);
        h.RunFor(Ms(10));
        Assert.Equal([AtUs(520)], probe.FiredAt);
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void Mux_ProgramsOneHardwareCompare_ForTheEarliestOfSeveralAlarms()
    {
        // virtual_alarm.rs: set_alarm reprograms only for an earlier deadline; MuxAlarm::alarm fires the expired ones
        // and programs the soonest remaining one, or disarms. 300, 100, 200 ticks → 2 programmings while setting,
        // 3 wake-ups at ticks 100, 200, 300, and the hardware disarmed at the end.
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        h.Kernel.Boot();
        var a = new AlarmProbe(h.Kernel, "a");
        var b = new AlarmProbe(h.Kernel, "b");
        var c = new AlarmProbe(h.Kernel, "c");

        a.Alarm.SetAlarm(0, 300);
        b.Alarm.SetAlarm(0, 100);
        c.Alarm.SetAlarm(0, 200);

        Assert.Equal((100L, 2L), (h.Kernel.Alarm.Expiry, h.Kernel.Alarm.Programmings));
        h.RunFor(Ms(20));
        Assert.Equal([AtNs(3_051_758)], b.FiredAt);
        Assert.Equal([AtNs(6_103_516)], c.FiredAt);
        Assert.Equal([AtNs(9_155_274)], a.FiredAt);
        Assert.Equal(3, h.Kernel.Counters.Wakeups);
        Assert.Equal((3L, 4L), (h.Kernel.Alarm.Fires, h.Kernel.Alarm.Programmings));
        Assert.Equal((false, 0), (h.Kernel.Alarm.IsArmed, h.Kernel.AlarmMux.ArmedCount));
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void Mux_DisarmsTheHardware_WhenTheLastAlarmIsDisarmed()
    {
        // virtual_alarm.rs disarm: enabled drops to 0 → self.mux.alarm.disarm(); no wake-up follows.
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        h.Kernel.Boot();
        var a = new AlarmProbe(h.Kernel, "a");
        var b = new AlarmProbe(h.Kernel, "b");
        a.Alarm.SetAlarm(0, 100);
        b.Alarm.SetAlarm(0, 200);

        a.Alarm.Disarm();
        bool armedWithOneLeft = h.Kernel.Alarm.IsArmed;
        b.Alarm.Disarm();

        Assert.True(armedWithOneLeft);
        Assert.Equal((false, 0), (h.Kernel.Alarm.IsArmed, h.Kernel.AlarmMux.ArmedCount));
        h.RunFor(Ms(20));
        Assert.Equal((0L, 0L), (h.Kernel.Alarm.Fires, h.Kernel.Counters.Wakeups));
        Assert.Empty(a.FiredAt);
        Assert.Empty(b.FiredAt);
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void Mux_MovingTheOnlyAlarmLater_KeepsTheEarlierCompare_WhichWakesOnceForNothing()
    {
        // virtual_alarm.rs VirtualMuxAlarm::set_alarm: the current compare (tick 100) lies inside the new window
        // [0, 300) → "current alarm will fire earlier, keep it"; at tick 100 MuxAlarm::alarm finds nothing expired and
        // programs tick 300. Two wake-ups, one firing.
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        h.Kernel.Boot();
        var a = new AlarmProbe(h.Kernel, "a");

        a.Alarm.SetAlarm(0, 100);
        a.Alarm.SetAlarm(0, 300);

        Assert.Equal(100, h.Kernel.Alarm.Expiry);
        h.RunFor(Ms(20));
        Assert.Equal([AtNs(9_155_274)], a.FiredAt);
        Assert.Equal((2L, 2L), (h.Kernel.Counters.Wakeups, h.Kernel.Alarm.Fires));
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void UserspaceAlarmsOfSeveralProcesses_ShareOneCompare_EarliestFirst()
    {
        // alarm.rs: one alarm per process in its grant, one virtual alarm for all; process_rearm_or_callback sets it
        // to the earliest expiration. Three processes ask for 3 000, 1 000 and 2 000 ticks: the compare holds the
        // 1 000-tick one, and each expiry costs exactly one wake-up, in deadline order.
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        var order = new List<int>();
        var expiries = new uint[3];
        var fired = new (SimTime At, SyscallReturn Result)[3];
        uint[] dts = [3_000, 1_000, 2_000];
        for (int i = 0; i < 3; i++)
        {
            int index = i;
            h.Kernel.AddProcess(new ConformanceProgram($"p{i}", ctx => Body(ctx, index)));
        }

        h.Kernel.Boot();
        h.RunFor(Ms(1));

        Assert.Equal(expiries[1] >> 8, h.Kernel.Alarm.Expiry);
        h.RunFor(Ms(199));
        Assert.Equal([1, 2, 0], order);
        Assert.Equal(3, h.Kernel.Counters.Wakeups);
        Assert.Equal(3, h.Kernel.Alarm.Fires);
        for (int i = 0; i < 3; i++)
        {
            // Woken exactly at its own compare match: now and expiration in the upcall are both the returned expiry.
            Assert.Equal(new SyscallReturn(ReturnVariant.YieldWaitFor, expiries[i], expiries[i], 0), fired[i].Result);
            Assert.True(fired[i].At >= h.Kernel.Alarm.TimeOfTick(expiries[i] >> 8));
        }

        AssertAccountsForAllTime(h);

        IEnumerable<UserOp> Body(UserContext ctx, int index)
        {
            yield return UserOp.Command(Alarm, 5, dts[index] << 8);
            expiries[index] = ctx.Result.R1;
            yield return UserOp.YieldWaitFor(Alarm, 0);
            fired[index] = (h.Kernel.Now, ctx.Result);
            order.Add(index);
            foreach (UserOp op in ConformanceProgram.WaitForever())
            {
                yield return op;
            }
        }
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void UserspaceAlarms_ExpiringTogether_AreServedByOneWakeup()
    {
        // alarm.rs process_rearm_or_callback iterates over all processes' grants and fires every expired alarm.
        // Both processes set reference 0, dt 1 000 ticks (command 6): one compare match, two upcalls.
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        TockProcess a = h.Kernel.AddProcess(new ConformanceProgram("a", _ => Then(UserOp.Command(Alarm, 6, 0, 1_000u << 8), UserOp.YieldWaitFor(Alarm, 0))));
        TockProcess b = h.Kernel.AddProcess(new ConformanceProgram("b", _ => Then(UserOp.Command(Alarm, 6, 0, 1_000u << 8), UserOp.YieldWaitFor(Alarm, 0))));
        h.Kernel.Boot();

        h.RunFor(Ms(100));

        Assert.Equal((1L, 1L), (a.Counters.WaitForDeliveries, b.Counters.WaitForDeliveries));
        Assert.Equal((1L, 1L), (h.Kernel.Counters.Wakeups, h.Kernel.Alarm.Fires));
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void AlarmLongerThanHalfTheCounterRange_IsSplit_CostingOneExtraWakeup()
    {
        // virtual_alarm.rs set_alarm: dt > half_max + minimum_dt → first leg dt − half_max (extended), then half_max.
        // 300 s = 9 830 400 ticks > 2²³ + 10: a wake-up at 44 s (1 441 792 ticks) that fires nothing, then 300 s.
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        var results = new List<SyscallReturn>();
        h.Kernel.AddProcess(new ConformanceProgram("app", ctx => Recorded(ctx, results, UserOp.Command(Alarm, 5, 9_830_400u << 8), UserOp.YieldWaitFor(Alarm, 0))));
        h.Kernel.Boot();

        Assert.Equal((8_388_608L, new SimTime(256_000_000_000)), (h.Kernel.Alarm.HalfMax, h.Kernel.Alarm.TimeOfTick(h.Kernel.Alarm.HalfMax)));
        h.RunFor(SimDuration.FromMilliseconds(43_900));
        Assert.Equal(0, h.Kernel.Counters.Wakeups);
        h.RunFor(Ms(200));
        Assert.Equal((1L, 1L, 1), (h.Kernel.Counters.Wakeups, h.Kernel.AlarmMux.SplitLegsFired, results.Count));
        h.RunFor(SimDuration.FromSeconds(256));
        Assert.Equal(2, h.Kernel.Counters.Wakeups);
        Assert.Equal(new SyscallReturn(ReturnVariant.YieldWaitFor, 2_516_582_400, 2_516_582_400, 0), results[1]);
        AssertAccountsForAllTime(h);
    }

    [Theory]
    [Trait("Category", "TockConformance")]
    [InlineData(8_388_618, false, 1, 256_000_305_176)]
    [InlineData(8_388_619, true, 2, 256_000_335_694)]
    public void Split_HappensOnlyWhenDtExceedsHalfRangePlusMinimumDt(long dt, bool extended, long wakeups, long firesAtNs)
    {
        // virtual_alarm.rs set_alarm: `if dt > half_max.wrapping_add(self.minimum_dt())` (minimum_dt 10 on the RTC).
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        h.Kernel.Boot();
        var probe = new AlarmProbe(h.Kernel, "probe");

        probe.Alarm.SetAlarm(0, dt);

        Assert.Equal(extended, probe.Alarm.Extended);
        Assert.Equal(extended ? 11 : dt, h.Kernel.Alarm.Expiry);
        h.RunFor(SimDuration.FromSeconds(300));
        Assert.Equal([new SimTime(firesAtNs)], probe.FiredAt);
        Assert.Equal(wakeups, h.Kernel.Counters.Wakeups);
        AssertAccountsForAllTime(h);
    }

    [Fact]
    [Trait("Category", "TockConformance")]
    public void AlarmStop_ReturnsAlreadyWhenUnset_AndDisarmsTheHardware()
    {
        // alarm.rs command 3: None → ALREADY; otherwise clear the expiration and rearm, which disarms the virtual
        // alarm and, as it was the last one, the hardware.
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        var results = new List<SyscallReturn>();
        h.Kernel.AddProcess(new ConformanceProgram("app", ctx => Recorded(ctx, results, UserOp.Command(Alarm, 3), UserOp.Command(Alarm, 5, 1_000u << 8), UserOp.Command(Alarm, 3))));
        h.Kernel.Boot();

        h.RunFor(Ms(100));

        Assert.Equal(SyscallReturn.Failure(ErrorCode.Already), results[0]);
        Assert.Equal(SyscallReturn.Success(), results[2]);
        Assert.Equal((false, 0), (h.Kernel.Alarm.IsArmed, h.Kernel.AlarmMux.ArmedCount));
        Assert.Equal((0L, 0L), (h.Kernel.Alarm.Fires, h.Kernel.Counters.Wakeups));
        AssertAccountsForAllTime(h);
    }
}
