using SensorNet.NodeKernel.Hardware;
using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Syscalls;
using SensorNet.NodeKernel.Time;
using SensorNet.RadioModels;
using SensorNet.RadioModels.Ble;
using SensorNet.RadioModels.Chips;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Drivers;

/// <summary>
/// The BLE advertising capsule, driver 0x30000 (tock/tock <c>capsules/extra/src/ble_advertising_driver.rs</c>) over
/// the nRF52 BLE radio (<c>chips/nrf52/src/ble_radio.rs</c>). Each process advertises on its own schedule, kept in its
/// grant; one virtual alarm serves them all and is set to the earliest expiration (<c>reset_active_alarm</c>). When
/// it fires, the first expired advertising process starts an advertising event: one legacy advertising PDU on channel
/// 37, then, from the bottom half of each TX-complete RADIO interrupt, on 38 and 39 (<c>transmit_event</c>). After 39
/// the process's next expiration is set to now + (interval + <c>random_nonce() % 10</c>) ms. Advertising produces
/// no upcall, so an advertising app can stay in Yield-Wait while the kernel wakes the MCU four times per event.
/// </summary>
/// <remarks>
/// <para><b>Tock behaviour kept</b> (line numbers at tock/tock 65608d7):</para>
/// <list type="bullet">
/// <item>Per-process state defaults (<c>App::default</c>, line 206): Idle, ADV_NONCONN_IND, interval 200 ms, TX power
/// 0, nonce 0xdeadbeef.</item>
/// <item>Command 0 (line 616): BUSY unless Idle; INVAL unless the PDU type (argument 1 truncated to a byte) is ADV_IND
/// 0, ADV_NONCONN_IND 2 or ADV_SCAN_IND 6; reseeds the nonce with the alarm's <c>now().into_u32()</c> (line 625: the
/// counter as the hardware shows it, 24 bits on the nRF52 RTC), clamps the interval to <c>max(20, interval)</c>
/// (line 626) and sets the first expiration from now.</item>
/// <item><c>random_nonce</c> (line 308) is xorshift32 (x ^= x &lt;&lt; 13; x ^= x &gt;&gt; 17; x ^= x &lt;&lt; 5);
/// <c>set_next_alarm</c> (line 318) computes <c>(interval + nonce % 10) * F::frequency() / 1000</c> ticks in u32
/// arithmetic, which wraps silently (the release profile in tock/tock <c>Cargo.toml:151</c> has no overflow checks).</item>
/// <item>Command 1 (line 650) moves AdvertisingIdle to Idle and answers BUSY in any other state, including mid-event.
/// It leaves the expiration armed: the alarm fires once more and the handler only disables it (the "invalid state"
/// branch of <c>alarm</c>, line 467), one wake-up with no transmission.</item>
/// <item>Command 2 (line 668): BUSY while advertising is on between events (accepted mid-event, as Tock checks only for
/// AdvertisingIdle and ScanningIdle); INVAL outside 0..=10 and 0xec..=0xff;
/// NOSUPPORT for levels the nRF52 cannot set (<c>ble_radio.rs:825</c>, <c>chips/nrf5x/src/constants.rs:96</c>: only
/// +4, +3, 0, −4, −8, −12, −16, −20 dBm).</item>
/// <item>In <c>alarm</c> (line 423) an expired process finding the radio busy is rescheduled to now + one period with
/// a fresh nonce ("BLE: operation delayed", line 437).</item>
/// <item>AdvData longer than 31 bytes is truncated, not refused: <c>send_advertisement</c> (line 270) copies
/// <c>min(39 − 6 − 2, len)</c> bytes, so the <c>SIZE</c> error there cannot occur. libtock-c documents the same
/// ("will be truncated to 31 bytes", <c>libtock/net/ble.h</c>). No allowed buffer sends AdvA only. The buffer is read
/// again for every channel.</item>
/// <item>If the sending process dies or restarts during an event, <c>transmit_event</c> cannot enter its grant and
/// <c>busy</c> is never cleared: advertising stops for every process (kept, as in Tock).</item>
/// </list>
/// <para><b>On air:</b> the nRF52 sends preamble 1 + access address 4 + S0 1 + LENGTH 1 + AdvA 6 + AdvData + CRC 3 bytes
/// at 8 µs per byte (BLE 1M, <c>ble_set_packet_config</c>), after the radio's ramp-up; it is powered on per packet
/// (<c>radio_on</c> in <c>ble_initialize</c>) and off in the END bottom half (<c>radio_off</c>, <c>ble_radio.rs:634</c>).</para>
/// <para><b>Scope and limitations:</b> passive scanning (command 5, subscribe 0, read-write allow 0) answers
/// NOSUPPORT, because frames do not reach a medium yet. The real nRF52 driver enables the READY, ADDRESS, PAYLOAD and
/// END interrupts and starts each transmission from the READY bottom half (no READY→START shortcut); the model raises
/// only the END interrupt and starts transmitting when the ramp-up ends, so the real chip takes up to three more
/// wake-ups per packet and starts a few microseconds later. TX power is recorded but the radio's current does not
/// depend on it (its profile gives the 0 dBm current). The radio is off between END and the bottom half, where Tock
/// powers it down a few microseconds later. Counter wrap-around is not modelled in the choice of the earliest process
/// (absolute ticks; Tock compares u32 values of a 24-bit counter). The driver registers the RADIO line itself; on the
/// nRF52840 that line is shared with the 802.15.4 driver (<c>chips/nrf52840/src/interrupt_service.rs:50</c>), so the
/// model services every handler of the line and each ignores an interrupt that is not its own END. Cycle costs of the
/// driver's work are estimates (grade U).</para>
/// <para><b>Validation:</b> <c>BleAdvertisingDriverTests</c> check event times against the xorshift sequence, frames,
/// airtime, radio energy and wake-ups derived by hand.</para>
/// </remarks>
public sealed class BleAdvertisingDriver : ISyscallDriver, IHardwareAlarmClient, IRadioListener, IInterruptHandler
{
    /// <summary>Driver number (<c>capsules/core/src/driver.rs</c>, <c>BleAdvertising</c>).</summary>
    public const uint Number = 0x30000;

    /// <summary>The nRF5x RADIO interrupt line (<c>chips/nrf5x/src/peripheral_interrupts.rs:8</c>).</summary>
    public const int Nrf5xRadioIrq = 1;

    /// <summary>PDU type ADV_IND (connectable undirected).</summary>
    public const byte AdvInd = 0b0000;

    /// <summary>PDU type ADV_NONCONN_IND (non-connectable undirected).</summary>
    public const byte AdvNonconnInd = 0b0010;

    /// <summary>PDU type ADV_SCAN_IND (scannable undirected).</summary>
    public const byte AdvScanInd = 0b0110;

    /// <summary>Largest AdvData sent, in bytes; longer buffers are truncated.</summary>
    public const int MaxAdvDataBytes = 31;

    /// <summary>Shortest advertising interval, in ms.</summary>
    public const uint MinimumIntervalMs = 20;

    /// <summary>Interval of a process that never started advertising, in ms.</summary>
    public const uint DefaultIntervalMs = 200;

    /// <summary>Nonce state before the first start.</summary>
    public const uint InitialNonce = 0xdeadbeef;

    private const int AdvAddressBytes = 6;
    private const int OverheadBytes = 1 + 4 + 2 + 3; // preamble, access address, header (S0 + LENGTH), CRC
    private const long CommandCycles = 60;
    private const long ScanCyclesPerProcess = 40;
    private const long SendCycles = 300; // address, header and 39-byte copy, ble_initialize's register writes
    private const long InterruptCycles = 60; // handle_interrupt: event checks, radio_off
    private const long AlarmCycles = 60;

    private readonly TockKernel _kernel;
    private readonly VirtualAlarm _alarm;
    private readonly int _irq;
    private readonly Dictionary<TockProcess, App> _apps = [];
    private TockProcess? _sendingApp;
    private bool _transmitDone;

    /// <summary>Creates the capsule on its own virtual alarm, registers the RADIO bottom half and installs the driver.</summary>
    /// <param name="kernel">The node's kernel.</param>
    /// <param name="radio">The BLE radio (build it with <see cref="PacketRadioProfile.Nrf52840Ble"/> on an nRF52840).</param>
    /// <param name="irq">The radio's interrupt line; 1 on the nRF52.</param>
    public BleAdvertisingDriver(TockKernel kernel, PacketRadio radio, int irq = Nrf5xRadioIrq)
    {
        _kernel = kernel ?? throw new ArgumentNullException(nameof(kernel));
        Radio = radio ?? throw new ArgumentNullException(nameof(radio));
        _irq = irq;
        _alarm = kernel.AlarmMux.Create(this, "ble advertising");
        kernel.Interrupts.Register(irq, this);
        kernel.AddDriver(this);
    }

    private enum BleState
    {
        Idle,
        AdvertisingIdle,
        Advertising,
    }

    /// <inheritdoc/>
    public uint DriverNumber => Number;

    /// <inheritdoc/>
    public int UpcallCount => 1;

    /// <inheritdoc/>
    public int ReadWriteAllowCount => 1;

    /// <inheritdoc/>
    public int ReadOnlyAllowCount => 1;

    /// <summary>Size of Tock's <c>App</c> grant struct, estimated at 32 bytes.</summary>
    public int GrantBytes => 32;

    /// <summary>The radio.</summary>
    public PacketRadio Radio { get; }

    /// <summary>The one virtual alarm shared by all processes.</summary>
    public VirtualAlarm Alarm => _alarm;

    /// <summary>True during an advertising event (Tock's <c>busy</c>).</summary>
    public bool IsBusy { get; private set; }

    /// <summary>Advertising events started.</summary>
    public long Events { get; private set; }

    /// <summary>Expirations put off by one period because the radio was busy.</summary>
    public long Delays { get; private set; }

    /// <summary>Times the virtual alarm fired.</summary>
    public long AlarmFires { get; private set; }

    /// <summary>Expirations of processes no longer advertising (stopped), which only disable the expiration.</summary>
    public long StaleExpirations { get; private set; }

    /// <summary>Called when a process's advertising event starts (channel 37 is handed to the radio).</summary>
    public Action<TockProcess, SimTime>? EventStarted { get; set; }

    /// <summary>PDU time on the BLE 1M PHY of a legacy advertising PDU with <paramref name="advDataBytes"/> of AdvData (truncated at 31).</summary>
    /// <param name="advDataBytes">AdvData length, in bytes; ≥ 0.</param>
    public static SimDuration PduTime(int advDataBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(advDataBytes);
        int bytes = OverheadBytes + AdvAddressBytes + Math.Min(advDataBytes, MaxAdvDataBytes);
        return SimDuration.FromMicroseconds(bytes * 8L);
    }

    /// <summary>True if <paramref name="process"/> has advertising on (between or during events).</summary>
    public bool IsAdvertising(TockProcess process) => Current(process) is { Status: not BleState.Idle };

    /// <summary>The advertising interval of <paramref name="process"/>, in ms, or null if it has no grant.</summary>
    public uint? IntervalMs(TockProcess process) => Current(process)?.IntervalMs;

    /// <summary>The TX power setting of <paramref name="process"/> (dBm as a two's-complement byte), or null if it has no grant.</summary>
    public byte? TxPower(TockProcess process) => Current(process)?.TxPower;

    /// <inheritdoc/>
    public CommandResult Command(TockProcess process, uint command, uint argument1, uint argument2)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (command > 2)
        {
            // Command 5 (passive scanning) is not modelled.
            return CommandResult.Failure(ErrorCode.NoSupport);
        }

        if (Enter(process) is not { } app)
        {
            return CommandResult.Failure(ErrorCode.NoMem);
        }

        switch (command)
        {
            case 0:
                return StartAdvertising(app, argument1, argument2);
            case 1:
                if (app.Status != BleState.AdvertisingIdle)
                {
                    return CommandResult.Failure(ErrorCode.Busy, CommandCycles);
                }

                app.Status = BleState.Idle;
                return CommandResult.Success(CommandCycles);
            default:
                return SetTxPower(app, argument1);
        }
    }

    /// <inheritdoc/>
    long IHardwareAlarmClient.AlarmFired()
    {
        AlarmFires++;
        long now = _alarm.Now;
        long cycles = AlarmCycles;
        foreach (TockProcess p in _kernel.ProcessList)
        {
            cycles += ScanCyclesPerProcess;
            if (Current(p) is not { ExpirationEnabled: true } app || now < app.Reference + app.Dt)
            {
                continue;
            }

            if (IsBusy)
            {
                Delays++;
                SetNextAlarm(app, _alarm.Now);
                continue;
            }

            app.ExpirationEnabled = false;
            if (app.Status == BleState.AdvertisingIdle)
            {
                IsBusy = true;
                app.Status = BleState.Advertising;
                app.Channel = 37;
                _sendingApp = p;
                Events++;
                EventStarted?.Invoke(p, _kernel.Now);
                cycles += Send(p);
            }
            else
            {
                StaleExpirations++;
            }
        }

        return cycles + ResetActiveAlarm();
    }

    /// <inheritdoc/>
    void IRadioListener.OnTransmitDone(SimTime now)
    {
        // Top half: the END event only marks the RADIO line pending.
        _transmitDone = true;
        _kernel.Interrupts.Raise(_irq);
    }

    /// <inheritdoc/>
    long IInterruptHandler.Service()
    {
        if (!_transmitDone)
        {
            return InterruptCycles;
        }

        _transmitDone = false;
        long cycles = InterruptCycles;
        if (_sendingApp is not { } p)
        {
            return cycles;
        }

        // A dead or restarted sender's grant cannot be entered: busy stays set (as in Tock).
        if (Current(p) is { Status: BleState.Advertising } app)
        {
            cycles += ScanCyclesPerProcess;
            switch (app.Channel)
            {
                case 37:
                case 38:
                    app.Channel++;
                    cycles += Send(p);
                    break;
                default:
                    IsBusy = false;
                    app.Status = BleState.AdvertisingIdle;
                    SetNextAlarm(app, _alarm.Now);
                    break;
            }
        }

        return cycles + ResetActiveAlarm();
    }

    private CommandResult StartAdvertising(App app, uint pduArgument, uint intervalMs)
    {
        if (app.Status != BleState.Idle)
        {
            return CommandResult.Failure(ErrorCode.Busy, CommandCycles);
        }

        byte pdu = unchecked((byte)pduArgument);
        if (pdu is not (AdvInd or AdvNonconnInd or AdvScanInd))
        {
            return CommandResult.Failure(ErrorCode.Inval, CommandCycles);
        }

        app.PduType = pdu;
        app.Status = BleState.AdvertisingIdle;
        app.Nonce = (uint)_alarm.Hardware.NowWrapped; // reseeded from the counter as the hardware shows it
        app.IntervalMs = Math.Max(MinimumIntervalMs, intervalMs);
        SetNextAlarm(app, _alarm.Now);
        return CommandResult.Success(CommandCycles + ResetActiveAlarm());
    }

    private static CommandResult SetTxPower(App app, uint argument)
    {
        if (app.Status is BleState.AdvertisingIdle)
        {
            return CommandResult.Failure(ErrorCode.Busy, CommandCycles);
        }

        byte power = unchecked((byte)argument);
        if (power is not (<= 10 or >= 0xec))
        {
            return CommandResult.Failure(ErrorCode.Inval, CommandCycles);
        }

        // nrf5x TxPower::try_from: the levels the RADIO's TXPOWER register takes.
        if (power is not (0x04 or 0x03 or 0x00 or 0xFC or 0xF8 or 0xF4 or 0xF0 or 0xEC))
        {
            return CommandResult.Failure(ErrorCode.NoSupport, CommandCycles);
        }

        app.TxPower = power;
        return CommandResult.Success(CommandCycles);
    }

    private long _pduEvent;

    // send_advertisement: AdvA plus at most 31 bytes of the currently allowed AdvData.
    private long Send(TockProcess p)
    {
        int advData = (int)Math.Min(p.Allowed(Number, 0, SyscallClass.ReadOnlyAllow).Length, MaxAdvDataBytes);
        if (Current(p) is { } app)
        {
            // On the shared medium: the advertising channel of this PDU and the power the process asked for.
            Radio.Channel = BleChannels.CenterFrequency(app.Channel);
            _pduEvent += app.Channel == 37 ? 1 : 0;
            Radio.Tag = _pduEvent; // one tag per advertising event, so scanners count the event once
            Radio.TxPower = new SimEngine.Quantities.Dbm(unchecked((sbyte)app.TxPower));
        }

        Radio.Transmit(PduTime(advData), this, receiveAfter: false);
        return SendCycles;
    }

    private void SetNextAlarm(App app, long now)
    {
        uint nonce = NextNonce(app) % 10;
        uint frequency = (uint)_alarm.Hardware.FrequencyHz;
        app.Reference = now;
        app.Dt = unchecked((app.IntervalMs + nonce) * frequency) / 1000;
        app.ExpirationEnabled = true;
    }

    private static uint NextNonce(App app)
    {
        uint x = app.Nonce;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        app.Nonce = x;
        return x;
    }

    // reset_active_alarm: the earliest expiration by wrapping distance from now; the first process wins ties. With no
    // expiration left the alarm is left as it is (Tock does not disarm it).
    private long ResetActiveAlarm()
    {
        long now = _alarm.Now;
        App? next = null;
        long nextDistance = uint.MaxValue;
        foreach (TockProcess p in _kernel.ProcessList)
        {
            if (Current(p) is not { ExpirationEnabled: true } app)
            {
                continue;
            }

            long distance = app.Reference + app.Dt - now;
            if (distance < 0)
            {
                distance += 1L << 32; // u32 wrapping_sub: an overdue expiration looks furthest away
            }

            if (nextDistance > distance)
            {
                next = app;
                nextDistance = distance;
            }
        }

        if (next is not null)
        {
            _alarm.SetAlarm(next.Reference, next.Dt);
        }

        return ScanCyclesPerProcess * _kernel.Processes.Count;
    }

    // Grant::enter: allocates the grant with App::default() on first use; a restart frees it.
    private App? Enter(TockProcess p)
    {
        if (Current(p) is { } app)
        {
            return app;
        }

        if (!_kernel.EnterGrant(p, Number))
        {
            return null;
        }

        app = new App(p.RestartCount);
        _apps[p] = app;
        return app;
    }

    private App? Current(TockProcess p) =>
        _apps.TryGetValue(p, out App? app) && p.IsAlive && p.HasGrant(Number) && app.RestartCount == p.RestartCount ? app : null;

    private sealed class App(int restartCount)
    {
        public int RestartCount { get; } = restartCount;

        public BleState Status { get; set; } = BleState.Idle;

        public int Channel { get; set; }

        public bool ExpirationEnabled { get; set; }

        public long Reference { get; set; }

        public long Dt { get; set; }

        public byte PduType { get; set; } = AdvNonconnInd;

        public uint IntervalMs { get; set; } = DefaultIntervalMs;

        public byte TxPower { get; set; }

        public uint Nonce { get; set; } = InitialNonce;
    }
}
