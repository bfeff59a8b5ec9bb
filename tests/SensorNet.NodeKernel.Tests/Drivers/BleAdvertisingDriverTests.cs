using SensorNet.Energy.Storage;
using SensorNet.NodeKernel.Apps;
using SensorNet.NodeKernel.Boards;
using SensorNet.NodeKernel.Drivers;
using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Syscalls;
using SensorNet.NodeKernel.Tests.Support;
using SensorNet.NodeKernel.Userspace;
using SensorNet.NodeKernel.Userspace.Libtock;
using SensorNet.RadioModels.Chips;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Time;
using Libtock = SensorNet.NodeKernel.Userspace.Libtock.Libtock;

namespace SensorNet.NodeKernel.Tests.Drivers;

/// <summary>
/// The BLE advertising capsule (tock/tock capsules/extra/src/ble_advertising_driver.rs) on an nRF52840-DK without the
/// process console. Hand derivation shared by the timing tests:
/// <list type="bullet">
/// <item>A beacon's command 0 runs 60 784 ns after boot (kernel costs at 64 MHz, each step rounded up to the ns:
/// scheduler 80 → 1 250, init dispatch 60 → 938, context switch + MPU 350 → 5 469, three memops 6 × 2 344, crt0 2 000
/// cycles → 31 250, allow + grant 350 → 5 469, context switch 150 → 2 344), i.e. RTC tick 1: the nonce seed.</item>
/// <item>xorshift32 from 1: 270 369, 67 634 689, 2 647 435 461, 307 599 695, … → nonces % 10 = 9, 9, 1, 5.</item>
/// <item>An event's alarm fires at tick reference + ⌊(interval + nonce) · 32 768 / 1000⌋ (at ⌈tick · 10⁹ / 32 768⌉ ns).
/// The MCU wakes in 3 µs, the bottom half hands channel 37 to the radio: 40 µs ramp-up + 288 µs frame, END
/// interrupt, 3 µs wake, channel 38, and so on. The channel-39 bottom half runs 3 + 3 × (40 + 288 + 3) = 996 µs after
/// the alarm and sets the next reference to the tick at that instant.</item>
/// </list>
/// </summary>
public class BleAdvertisingDriverTests
{
    private const long FrameNs = 288_000; // (1 + 4 + 2 + 6 + 20 + 3) · 8 µs
    private const long RampNs = 40_000;   // PacketRadioProfile.Nrf52840Ble.RampUp
    private const long WakeNs = 3_000;    // nrf52840.yaml sleep wakeupLatency: an event starts in the alarm's bottom half

    private sealed record Node(Simulation Sim, Board Board, PacketRadio Radio, BleAdvertisingDriver Ble)
    {
        public TockKernel Kernel => Board.Node.Kernel;

        public void RunUntil(long nanoseconds) => Sim.RunUntil(new SimTime(nanoseconds));
    }

    private static Node Build()
    {
        var sim = new Simulation();
        // The board's BLE driver shares the nRF52 RADIO line 1 with its (idle) 802.15.4 radio, as in Tock.
        Board board = Board.Build(sim, 0, BoardDefinition.Nrf52840Dk with { ProcessConsole = false }, new UnlimitedSupply());
        return new Node(sim, board, board.BleRadio!, board.Ble!);
    }

    private static List<long> RecordEvents(Node node, TockProcess? only = null)
    {
        var times = new List<long>();
        Action<TockProcess, SimTime>? previous = node.Ble.EventStarted;
        node.Ble.EventStarted = (p, t) =>
        {
            previous?.Invoke(p, t);
            if (only is null || ReferenceEquals(p, only))
            {
                times.Add(t.Nanoseconds);
            }
        };
        return times;
    }

    [Fact]
    public void BleAdvertising_WakesTheMcuEveryInterval_WithNoProcessRunning()
    {
        Node node = Build();
        var app = new BleBeaconApp(intervalMs: 100, advDataBytes: 20);
        TockProcess p = node.Board.Node.Load(app);
        List<long> events = RecordEvents(node);
        node.Board.Node.Boot();

        node.RunUntil(1_000_000_000);
        long dispatchesAt1s = p.Counters.Dispatches;
        long wakeupsAt1s = node.Kernel.Counters.Wakeups;
        node.RunUntil(10_000_000_000);
        KernelReport report = node.Board.Node.Report(SimDuration.FromSeconds(10));

        Assert.True(app.StartResult is { IsSuccess: true });
        Assert.Equal(100u, node.Ble.IntervalMs(p));

        // The process ran once (init to Yield-Wait) and is never woken by the driver.
        Assert.Equal(0, p.Counters.UpcallsDelivered);
        Assert.Equal(0, report.UpcallsDelivered);
        Assert.Equal(1, dispatchesAt1s);
        Assert.Equal(1, p.Counters.Dispatches);
        Assert.Equal(ProcessState.Yielded, p.State);

        // First alarms from the seed (tick 1) and nonces 9, 9, 1, 5:
        // tick 1 + 3 571 = 3 572 → 109 008 790 ns; ⌊(109 008 790 + 996 000) · 32 768 / 10⁹⌋ = 3 604, + 3 571 = 7 175 →
        // 218 963 624 ns; 7 207 + 3 309 (nonce 1) = 10 516 → 320 922 852 ns; 10 548 + 3 440 (nonce 5) = 13 988 →
        // 426 879 883 ns. Each event starts 3 µs later, when the woken MCU runs the bottom half.
        Assert.Equal([109_008_790L + WakeNs, 218_963_624L + WakeNs, 320_922_852L + WakeNs, 426_879_883L + WakeNs], events.Take(4));
        Assert.Equal(95, events.Count);
        Assert.Equal(95, node.Ble.Events);

        // Event starts are interval + nonce (0..9) ms apart, counted from the previous event's end 996 µs after its
        // start, with both ends truncated to RTC ticks (30.5 µs): 100.9–110.0 ms. They never reach 111 ms.
        Assert.All(events.Zip(events.Skip(1), (a, b) => b - a), gap => Assert.InRange(gap, 100_900_000L, 110_000_000L));

        // Three frames per event, 288 µs each after a 40 µs ramp-up; the radio is off otherwise.
        Assert.Equal(3 * 95, node.Radio.FramesSent);
        Assert.Equal(285 * FrameNs, node.Radio.Airtime.Nanoseconds);
        Assert.Equal(FrameNs, node.Radio.Airtime.Nanoseconds / node.Radio.FramesSent);
        Assert.Equal(285 * FrameNs, node.Radio.Consumer.Residency(PacketRadioProfile.TransmitState).Nanoseconds);
        Assert.Equal(285 * RampNs, node.Radio.Consumer.Residency(PacketRadioProfile.ReceiveState).Nanoseconds);

        // Radio energy: 285 · 3.0 V · (6.26 mA · 40 µs + 6.40 mA · 288 µs) = 285 · 6.2808 µJ = 1.790028 mJ.
        Assert.Equal(1.790028e-3, node.Radio.Consumer.TotalEnergy().Value, 1e-12);

        // Per event: the alarm and three RADIO END interrupts each wake the MCU; nothing else does.
        Assert.Equal(4 * 95, node.Kernel.Counters.Wakeups);
        Assert.Equal(4 * (95 - 9), node.Kernel.Counters.Wakeups - wakeupsAt1s);
        Assert.Equal(4 * 95, node.Kernel.Counters.BottomHalves);
        Assert.Equal(95, node.Ble.AlarmFires);
        Assert.Equal(0, node.Ble.Delays);
    }

    [Fact]
    public void StartAdvertising_IntervalBelow20Ms_IsClampedTo20()
    {
        Node node = Build();
        TockProcess p = node.Board.Node.Load(new BleBeaconApp(intervalMs: 5));
        List<long> events = RecordEvents(node);
        node.Board.Node.Boot();

        node.RunUntil(1_000_000_000);

        // Seed tick 1, nonces 9, 9, 1, 5: tick 1 + ⌊29 · 32.768⌋ = 951 → 29 022 217 ns; 983 + 950 = 1 933 →
        // 58 990 479 ns; 1 965 + 688 (21 ms) = 2 653 → 80 963 135 ns; 2 685 + 819 (25 ms) = 3 504 → 106 933 594 ns.
        Assert.Equal(20u, node.Ble.IntervalMs(p));
        Assert.Equal([29_022_217L + WakeNs, 58_990_479L + WakeNs, 80_963_135L + WakeNs, 106_933_594L + WakeNs], events.Take(4));
        Assert.Equal(39, events.Count);
        Assert.All(events.Zip(events.Skip(1), (a, b) => b - a), gap => Assert.InRange(gap, 20_900_000L, 30_000_000L));
        node.Board.Node.Report(SimDuration.FromSeconds(1));
    }

    [Fact]
    public void StopAdvertising_BetweenEvents_StopsAfterOneStaleAlarm()
    {
        Node node = Build();
        SyscallReturn? stop = null;
        TockProcess p = node.Board.Node.Load(new ScriptedProgram("start-stop", ctx => StartThenStop(ctx, r => stop = r)));
        List<long> events = RecordEvents(node);
        node.Board.Node.Boot();

        node.RunUntil(530_853_271);
        long wakeupsBeforeStaleAlarm = node.Kernel.Counters.Wakeups;
        node.RunUntil(1_000_000_000);
        long wakeupsAt1s = node.Kernel.Counters.Wakeups;
        node.RunUntil(5_000_000_000);
        node.Board.Node.Report(SimDuration.FromSeconds(5));

        // Events at 109.0, 219.0, 320.9 and 426.9 ms; the stop at ≈ 500.1 ms falls between events and succeeds.
        // Tock's command 1 leaves the expiration armed, so the alarm still fires at tick 14 020 + 3 375 (nonce 3) =
        // 17 395, i.e. 530 853 272 ns, and only disables it: one wake-up, no frame, then nothing.
        Assert.True(stop is { IsSuccess: true });
        Assert.Equal(4 * 4 + 1, wakeupsBeforeStaleAlarm); // 4 events and the userspace alarm
        Assert.Equal([109_008_790L + WakeNs, 218_963_624L + WakeNs, 320_922_852L + WakeNs, 426_879_883L + WakeNs], events);
        Assert.Equal(12, node.Radio.FramesSent);
        Assert.Equal(5, node.Ble.AlarmFires);
        Assert.Equal(1, node.Ble.StaleExpirations);
        Assert.False(node.Ble.IsAdvertising(p));
        Assert.False(node.Ble.Alarm.IsArmed);
        Assert.Equal(4 * 4 + 1 + 1, wakeupsAt1s); // and the stale BLE alarm
        Assert.Equal(wakeupsAt1s, node.Kernel.Counters.Wakeups);
    }

    [Theory]
    [InlineData(20u, 288_000L)] // (1 + 4 + 2 + 6 + 20 + 3) · 8 µs
    [InlineData(31u, 376_000L)] // (1 + 4 + 2 + 6 + 31 + 3) · 8 µs
    [InlineData(40u, 376_000L)] // longer AdvData is truncated to 31 bytes, not refused
    [InlineData(0u, 128_000L)]  // no AdvData: AdvA only
    public void AdvData_FrameTimeFollowsItsLength_TruncatedAt31Bytes(uint advDataBytes, long frameNs)
    {
        Node node = Build();
        var app = new BleBeaconApp(intervalMs: 100, advDataBytes: advDataBytes);
        node.Board.Node.Load(app);
        node.Board.Node.Boot();

        node.RunUntil(150_000_000);

        Assert.True(app.StartResult is { IsSuccess: true });
        Assert.Equal(3, node.Radio.FramesSent);
        Assert.Equal(3 * frameNs, node.Radio.Airtime.Nanoseconds);
        Assert.Equal(frameNs, BleAdvertisingDriver.PduTime((int)advDataBytes).Nanoseconds);
    }

    [Fact]
    public void TwoProcesses_DifferentIntervals_ShareTheOneVirtualAlarm()
    {
        Node node = Build();
        TockProcess fast = node.Board.Node.Load(new BleBeaconApp(intervalMs: 100));
        TockProcess slow = node.Board.Node.Load(new BleBeaconApp(intervalMs: 250));
        List<long> fastEvents = RecordEvents(node, fast);
        List<long> slowEvents = RecordEvents(node, slow);
        node.Board.Node.Boot();

        node.RunUntil(10_000_000_000);
        node.Board.Node.Report(SimDuration.FromSeconds(10));

        // The fast process keeps the single-process schedule. The slow one starts after it: its command 0 runs at
        // 130 788 ns (60 784 + command 290 cycles → 4 532, context switch 2 344, yield 2 344, then the same 70 004 ns
        // path as the first process), tick 4. xorshift32(4) = 1 081 476 → nonce 6: tick 4 + ⌊256 · 32.768⌋ = 8 392 →
        // 256 103 516 ns; then nonces 0, 8, 4.
        Assert.Equal([109_008_790L + WakeNs, 218_963_624L + WakeNs, 320_922_852L + WakeNs, 426_879_883L + WakeNs], fastEvents.Take(4));
        Assert.Equal([256_103_516L + WakeNs, 507_080_079L + WakeNs, 766_052_247L + WakeNs, 1_021_026_612L + WakeNs], slowEvents.Take(4));
        Assert.Equal(95, fastEvents.Count);
        Assert.Equal(39, slowEvents.Count);
        Assert.Equal(0, node.Ble.Delays);

        // One virtual alarm serves both: each fire starts exactly one event; 4 wake-ups per event.
        Assert.Equal(95 + 39, node.Ble.AlarmFires);
        Assert.Equal(3 * (95 + 39), node.Radio.FramesSent);
        Assert.Equal(4 * (95 + 39), node.Kernel.Counters.Wakeups);
        Assert.Equal(0, fast.Counters.UpcallsDelivered + slow.Counters.UpcallsDelivered);
        Assert.Equal(1, fast.Counters.Dispatches);
        Assert.Equal(1, slow.Counters.Dispatches);
    }

    [Fact]
    public void Collision_ExpiryDuringAnotherProcessesEvent_IsPutOffOnePeriod()
    {
        Node node = Build();
        TockProcess a = node.Board.Node.Load(new BleBeaconApp(intervalMs: 20));
        TockProcess b = node.Board.Node.Load(new BleBeaconApp(intervalMs: 22));
        List<long> aEvents = RecordEvents(node, a);
        List<long> bEvents = RecordEvents(node, b);
        node.Board.Node.Boot();

        node.RunUntil(200_000_000);
        node.Board.Node.Report(SimDuration.FromMilliseconds(200));

        // B (seed tick 4, nonce 6) expires first: tick 4 + ⌊28 · 32.768⌋ = 921 → 28 106 690 ns, and its event runs for
        // 996 µs. A (seed tick 1, nonce 9) expires at tick 951 → 29 022 217 ns, inside B's event: the radio is busy, so
        // A is rescheduled from now (tick 951) with its next nonce (9): tick 1 901 → 58 013 917 ns.
        Assert.Equal(28_106_690L + WakeNs, bEvents[0]);
        Assert.Equal(58_013_917L + WakeNs, aEvents[0]);
        Assert.Equal(1, node.Ble.Delays);
        Assert.Equal(7, aEvents.Count);
        Assert.Equal(7, bEvents.Count);
        Assert.Equal(7 + 7 + 1, node.Ble.AlarmFires);
        Assert.Equal(3 * 14, node.Radio.FramesSent);
    }

    [Fact]
    public void LibtockBle_SyscallCountsAndDriverAnswers()
    {
        Node node = Build();
        var results = new List<SyscallReturn>();
        TockProcess p = node.Board.Node.Load(new ScriptedProgram("ble-calls", ctx => Calls(ctx, results)));
        node.Board.Node.Boot();

        node.RunUntil(1_000_000_000);

        // crt0 (3 memops) + exit = 4. ble_start_advertising = allow + command = 2, ble_stop_advertising = 1,
        // ble_set_tx_power = 1: 2 stops + 6 TX powers + 1 start + 3 raw commands = 2 + 6 + 2 + 3 = 13.
        Assert.Equal(ProcessState.Terminated, p.State);
        Assert.Equal(13, p.Counters.TotalSyscalls - 4);
        Assert.Equal(1, p.Counters.Syscalls(SyscallClass.ReadOnlyAllow));
        Assert.Equal(12, p.Counters.Syscalls(SyscallClass.Command));
        Assert.Equal(0, p.Counters.Syscalls(SyscallClass.Subscribe));
        Assert.Equal(0, p.Counters.Syscalls(SyscallClass.Yield));
        // In order: stop while idle BUSY; TX power +4 dBm ok, +5 NOSUPPORT (not an nRF52 level), +11 INVAL, −20 (0xec) ok,
        // −40 (0xd8) INVAL; PDU type 1 INVAL; start ok; start again BUSY; TX power while advertising BUSY; stop ok;
        // command 5 (scanning, not modelled) NOSUPPORT.
        Assert.Equal(
            [ErrorCode.Busy, null, ErrorCode.NoSupport, ErrorCode.Inval, null, ErrorCode.Inval, ErrorCode.Inval, null, ErrorCode.Busy, ErrorCode.Busy, null, ErrorCode.NoSupport],
            results.Select(r => r.IsSuccess ? (ErrorCode?)null : r.Error));
    }

    private static IEnumerable<UserOp> Calls(UserContext ctx, List<SyscallReturn> results)
    {
        IEnumerable<IEnumerable<UserOp>> calls =
        [
            LibtockBle.StopAdvertising(),
            LibtockBle.SetTxPower(4),
            LibtockBle.SetTxPower(5),
            LibtockBle.SetTxPower(11),
            LibtockBle.SetTxPower(0xec),
            LibtockBle.SetTxPower(0xd8),
            [UserOp.Command(LibtockBle.DriverNumber, 0, 1, 100)],
            LibtockBle.StartAdvertising(ctx, LibtockBle.AdvNonconnInd, ctx.RamStart + 1024, 20, 100),
            [UserOp.Command(LibtockBle.DriverNumber, 0, LibtockBle.AdvNonconnInd, 100)],
            LibtockBle.SetTxPower(0),
            LibtockBle.StopAdvertising(),
            [UserOp.Command(LibtockBle.DriverNumber, 5)],
        ];
        foreach (IEnumerable<UserOp> call in calls)
        {
            foreach (UserOp op in call)
            {
                yield return op;
            }

            results.Add(ctx.Result);
        }
    }

    private static IEnumerable<UserOp> StartThenStop(UserContext ctx, Action<SyscallReturn> stopped)
    {
        foreach (UserOp op in LibtockBle.StartAdvertising(ctx, LibtockBle.AdvNonconnInd, ctx.RamStart + 1024, 20, 100))
        {
            yield return op;
        }

        foreach (UserOp op in new Libtock(ctx).Sync.AlarmDelayMs(500).Concat(LibtockBle.StopAdvertising()))
        {
            yield return op;
        }

        stopped(ctx.Result);
        while (true)
        {
            yield return UserOp.YieldWait();
        }
    }
}
