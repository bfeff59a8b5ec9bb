using SensorNet.NodeKernel.Syscalls;
using SensorNet.NodeKernel.Userspace.Libtock;
using LibtockC = SensorNet.NodeKernel.Userspace.Libtock.Libtock;

namespace SensorNet.NodeKernel.Userspace.RadioLib;

/// <summary>
/// RadioLib's SX1262 driver running in a Tock process over libtock-c's RadioLib HAL, rendered syscall for syscall:
/// RadioLib 7.1.1 (jgromes/RadioLib <c>6622a0ac</c>, the submodule libtock-c pins) <c>src/Module.cpp</c>
/// (<c>SPItransferStream</c>) and <c>src/modules/SX126x/SX126x.cpp</c> (<c>transmit</c>, <c>startTransmit</c>,
/// <c>finishTransmit</c>, <c>standby</c>), over tock/libtock-c <c>RadioLib/libtockHal.h</c> (<c>TockRadioLibHal</c>).
/// </summary>
/// <remarks>
/// <para><b>HAL mapping</b> (libtockHal.h): <c>spiTransfer</c> = <c>libtocksync_lora_phy_read_write</c> (6 syscalls);
/// <c>digitalRead</c>/<c>digitalWrite</c>/<c>pinMode</c> = one LoRa GPIO command each (none for a pin that is
/// <see cref="NotConnected"/>; NSS is not connected because Tock's SPI driver drives chip select); <c>delay(ms)</c> =
/// <c>libtocksync_alarm_delay_ms</c>; <c>delayMicroseconds(us)</c> = <c>libtocksync_alarm_delay_ms(us / 1000)</c>, so
/// the 1 µs wait after every transfer is a 0 ms alarm delay (8 syscalls and an upcall, no sleep);
/// <c>millis()</c> = <c>libtock_alarm_gettimeasticks</c> = command(0, 1) + command(0, 2); <c>yield()</c> =
/// <c>yield_no_wait</c>.</para>
/// <para><b>One RadioLib SPI command</b> (<c>Module::SPItransferStream</c>): <c>millis</c>, <c>digitalRead(BUSY)</c>
/// until low (each further poll: <c>yield</c>, <c>millis</c>, <c>digitalRead</c>), the transfer, the 0 ms delay,
/// <c>millis</c>, <c>digitalRead(BUSY)</c> until low: 20 syscalls when BUSY is already low, plus 4 per poll; then the
/// status byte (MISO byte 1) is parsed. Each BUSY poll marks its pass (<see cref="UserOp.RepeatPass"/>), so the
/// kernel may repeat passes that provably run the same in one step; counts and timing are those of every poll. With <c>RADIOLIB_SPI_PARANOID</c> (on by default) every register read is
/// followed by a GetStatus command (<c>SPIcheckStream</c>).</para>
/// <para><b>Blocking <see cref="Transmit"/></b>: <c>standby()</c>, <c>getTimeOnAir</c> (one GetPacketType),
/// <c>startTransmit</c> (14 commands: GetPacketType; the IQ register fix read/status/write and SetPacketParams;
/// SetDioIrqParams; SetBufferBaseAddress; WriteBuffer; ClearIrqStatus; the sensitivity fix read/status/GetPacketType/
/// write; SetTx; then polls BUSY until the PA ramp is done), GetPacketType, then <b>busy-polls DIO1</b> — <c>yield</c>,
/// <c>millis</c>, <c>digitalRead(DIO1)</c> per pass — until TxDone or the timeout of 5 ms + 5 × time on air, then
/// <c>millis</c> and <c>finishTransmit</c> (ClearIrqStatus, SetStandby): 19 SPI commands per packet. The MCU never
/// sleeps while the frame is on air. These passes are marked like the BUSY polls (about 7,300 per SF9 packet of 20
/// bytes), and the kernel repeats them up to TxDone or the timeout, with every pass counted.</para>
/// <para><b>Interrupt-driven <see cref="TransmitInterruptDriven"/></b>: RadioLib's <c>setPacketSentAction</c> through the
/// HAL's <c>attachInterrupt</c> (subscribe 0x30004/0, make DIO1 an input, enable its interrupt on either edge),
/// <c>startTransmit</c>, Yield-Wait until the DIO1 upcall has run, <c>clearPacketSentAction</c> (disable the interrupt,
/// input again), <c>finishTransmit</c>: the MCU sleeps through the time on air.</para>
/// <para><b>Scope and limitations:</b> <see cref="Begin"/> issues the LoRa part of <c>SX1262::begin</c> in order but folds
/// the repeated <c>setModulationParams</c>/<c>setPacketParams</c> calls of the individual setters into one each and
/// reads the version register once instead of <c>findChip</c>'s retry loop; no CPU cycles are charged for RadioLib's
/// own C++ code (only the syscalls and kernel work); receive, CAD, FSK and LR-FHSS are not rendered. RadioLib's
/// <c>sleep()</c> followed by <c>standby()</c> cannot wake the radio through this HAL (NSS is not connected, and the
/// pre-transfer BUSY wait times out after 1 000 ms while the radio sleeps with BUSY high): an inference from the code,
/// modelled as such by <see cref="Sleep"/> when no NSS pin is given.</para>
/// <para><b>Calls are one-shot:</b> the per-packet calls (<see cref="Transmit"/>, <see cref="TransmitInterruptDriven"/>,
/// <see cref="StartTransmit"/>, <see cref="FinishTransmit"/>, <see cref="Standby"/>) return pooled routines that go back
/// to their pool when enumerated to the end; enumerate each result once, as <see cref="UserOp.Call"/> does.</para>
/// <para><b>Validation:</b> LoRaTests (20 syscalls per SPI command with BUSY low; busy-polling through the whole time on air vs. deep sleep through it); PollPassRepeatTests (BUSY waits repeated and pass by pass alike).</para>
/// </remarks>
public sealed class RadioLibSx1262
{
    /// <summary><c>RADIOLIB_NC</c>: a pin that is not connected.</summary>
    public const uint NotConnected = uint.MaxValue;

    /// <summary><c>RADIOLIB_ERR_NONE</c>.</summary>
    public const int ErrNone = 0;

    /// <summary><c>RADIOLIB_ERR_CHIP_NOT_FOUND</c>.</summary>
    public const int ErrChipNotFound = -2;

    /// <summary><c>RADIOLIB_ERR_PACKET_TOO_LONG</c>.</summary>
    public const int ErrPacketTooLong = -4;

    /// <summary><c>RADIOLIB_ERR_TX_TIMEOUT</c>.</summary>
    public const int ErrTxTimeout = -5;

    /// <summary><c>RADIOLIB_ERR_SPI_CMD_TIMEOUT</c>.</summary>
    public const int ErrSpiCommandTimeout = -705;

    /// <summary><c>RADIOLIB_ERR_SPI_CMD_INVALID</c>.</summary>
    public const int ErrSpiCommandInvalid = -706;

    /// <summary><c>RADIOLIB_ERR_SPI_CMD_FAILED</c>.</summary>
    public const int ErrSpiCommandFailed = -707;

    /// <summary>Timeout of every BUSY wait, in ms (<c>Module::spiConfig.timeout</c>).</summary>
    public const uint SpiTimeoutMs = 1000;

    private const int MaxPacketLength = 255;
    private const int BufferBytes = 272;
    private const ushort IrqAll = 0x43FF;
    private const ushort IrqTxDone = 0x0001;
    private const ushort IrqTimeout = 0x0200;

    private readonly UserContext _context;
    private readonly LibtockC _tock;
    private readonly uint _txBuffer;
    private readonly uint _rxBuffer;
    private readonly uint _nss;
    private readonly uint _busy;
    private readonly uint _dio1;
    private readonly uint _reset;
    private readonly uint _dio1Function;
    private readonly byte[] _in = new byte[3 + BufferBytes + 1]; // the bytes the last SPI transfer received
    private readonly UserRoutinePool<TransferCall> _transfers;
    private readonly UserRoutinePool<BusyWaitCall> _busyWaits;
    private readonly UserRoutinePool<MillisCall> _millisCalls;
    private readonly UserRoutinePool<DigitalReadCall> _digitalReads;
    private readonly UserRoutinePool<LibtockLoRa.ReadWriteCall> _readWrites;
    private readonly UserRoutinePool<ReadRegisterCall> _registerReads;
    private readonly UserRoutinePool<SetPacketParamsCall> _packetParams;
    private readonly UserRoutinePool<StartTransmitCall> _startTransmits;
    private readonly UserRoutinePool<FinishTransmitCall> _finishTransmits;
    private readonly UserRoutinePool<TransmitCall> _transmits;
    private readonly UserRoutinePool<TransmitInterruptDrivenCall> _interruptTransmits;
    private int _inLength;
    private uint _millis;
    private uint _alarmNow; // the raw answers millis() was computed from (left-justified counter and frequency)
    private uint _alarmFrequency;
    private byte _register;
    private bool _level;
    private bool _txDone;

    /// <summary>Creates the driver for one process (<c>new SX1262(new Module(hal, NSS, DIO1, RESET, BUSY))</c>).</summary>
    /// <param name="context">The process.</param>
    /// <param name="tock">The process's libtock-c instance (its alarm list serves the HAL's delays).</param>
    /// <param name="settings">LoRa settings for <see cref="Begin"/>.</param>
    /// <param name="bufferAddress">Where the SPI scratch buffers (2 × 272 bytes) lie in the process's RAM; default
    /// RamStart + 1024.</param>
    /// <param name="nss">NSS pin (<c>RADIOLIB_RADIO_NSS</c> = <see cref="NotConnected"/> in libtockHal.h).</param>
    /// <param name="busy">BUSY pin (<c>RADIOLIB_RADIO_BUSY</c> = 1).</param>
    /// <param name="dio1">DIO1 pin (<c>RADIOLIB_RADIO_DIO_1</c> = 2).</param>
    /// <param name="reset">NRESET pin (<c>RADIOLIB_RADIO_RESET</c> = 4).</param>
    public RadioLibSx1262(UserContext context, LibtockC tock, RadioLibLoRaSettings? settings = null, uint? bufferAddress = null, uint nss = NotConnected, uint busy = 1, uint dio1 = 2, uint reset = 4)
    {
        _context = context ?? throw new ArgumentNullException(nameof(context));
        _tock = tock ?? throw new ArgumentNullException(nameof(tock));
        Settings = settings ?? new RadioLibLoRaSettings();
        _txBuffer = bufferAddress ?? context.RamStart + 1024;
        _rxBuffer = _txBuffer + BufferBytes;
        (_nss, _busy, _dio1, _reset) = (nss, busy, dio1, reset);
        _dio1Function = context.Function(OnDio1);
        _transfers = new(() => new TransferCall(this));
        _busyWaits = new(() => new BusyWaitCall(this));
        _millisCalls = new(() => new MillisCall(this));
        _digitalReads = new(() => new DigitalReadCall(this));
        _readWrites = new(() => new LibtockLoRa.ReadWriteCall(context));
        _registerReads = new(() => new ReadRegisterCall(this));
        _packetParams = new(() => new SetPacketParamsCall(this));
        _startTransmits = new(() => new StartTransmitCall(this));
        _finishTransmits = new(() => new FinishTransmitCall(this));
        _transmits = new(() => new TransmitCall(this));
        _interruptTransmits = new(() => new TransmitInterruptDrivenCall(this));
    }

    /// <summary>The LoRa settings.</summary>
    public RadioLibLoRaSettings Settings { get; }

    /// <summary>RadioLib status code of the last operation (0 = <c>RADIOLIB_ERR_NONE</c>).</summary>
    public int State { get; private set; }

    /// <summary>SPI commands made (<c>spiTransfer</c> calls).</summary>
    public long SpiTransactions { get; private set; }

    /// <summary>Passes through BUSY wait loops (each a <c>yield</c> and a <c>digitalRead</c>).</summary>
    public long BusyPolls { get; private set; }

    /// <summary>Passes through the blocking transmit's DIO1 poll loop.</summary>
    public long TxDonePolls { get; private set; }

    /// <summary>DIO1 interrupt upcalls run.</summary>
    public long Dio1Upcalls { get; private set; }

    /// <summary>Packets whose transmission completed without error.</summary>
    public long PacketsSent { get; private set; }

    /// <summary>
    /// <c>SX126x::getTimeOnAir(len)</c> for LoRa, in µs, with RadioLib's integer arithmetic (symbol time rounded down
    /// to a whole µs).
    /// </summary>
    public long TimeOnAirMicroseconds(int length)
    {
        int sf = Settings.SpreadingFactor;
        long symbolUs = (10_000L << sf) / (long)(Settings.BandwidthKHz * 10);
        int coefficient1X4 = sf is 5 or 6 ? 25 : 17;
        int coefficient2 = sf is 5 or 6 ? 0 : 8;
        int divisor = symbolUs >= 16_000 ? 4 * (sf - 2) : 4 * sf;
        long bits = Math.Max(0, (8L * length) + (Settings.Crc ? 16 : 0) - (4L * sf) + coefficient2 + 20);
        long coded = (bits + divisor - 1) / divisor;
        long symbolsX4 = ((Settings.PreambleLength + 8L) * 4) + coefficient1X4 + (coded * Settings.CodingRate * 4);
        return symbolUs * symbolsX4 / 4;
    }

    /// <summary><c>SX1262::begin(freq, bw, sf, cr, syncWord, power, preambleLength)</c> (see remarks for what is folded).</summary>
    public IEnumerable<UserOp> Begin()
    {
        // Module::init (chip select as an output, high), then modSetup: IRQ and BUSY pins as inputs.
        yield return UserOp.Call(PinMode(_nss, output: true).Concat(DigitalWrite(_nss, high: true)).Concat(PinMode(_dio1, output: false)).Concat(PinMode(_busy, output: false)));

        // reset(true): pulse NRESET, then retry standby every 10 ms for up to 1 s.
        yield return UserOp.Call(ResetChip());

        if (State != ErrNone)
        {
            yield break;
        }

        // findChip: the version string register (16 bytes at 0x0320).
        yield return UserOp.Call(ReadRegister(0x0320, 16).Concat(Standby()));

        // config(LoRa).
        foreach (UserOp op in Commands(
            () => Write(0x8F, [0x00, 0x00]),
            () => Write(0x8A, [0x01]),
            () => Write(0x93, [0x20]),
            () => Write(0x88, [0x03, (byte)(Settings.SpreadingFactor + 13), 0x0A, 0x00, 0x00, 0x00, 0x00]),
            () => ClearIrqStatus(IrqAll),
            () => SetDioIrqParams(0, 0),
            () => Write(0x89, [0x7F])))
        {
            yield return op;
        }

        yield return UserOp.Call(Delay(5).Concat(WaitBusyLow(withTimeout: false)).Concat(CheckStream()));

        // setCodingRate / setSyncWord / setPreambleLength / setSpreadingFactor / setBandwidth / setCRC / invertIQ,
        // setCurrentLimit(60 mA), setDio2AsRfSwitch(true), setFrequency (image calibration, then frequency),
        // fixPaClamping, setOutputPower (OCP read, PA config, TX params with a 200 µs ramp, OCP restore).
        uint frf = (uint)(Settings.FrequencyMHz * (1 << 25) / 32.0);
        byte[] calibration = Settings.FrequencyMHz >= 902 ? [0xE1, 0xE9] : Settings.FrequencyMHz >= 863 ? [0xD7, 0xDB] : [0x6B, 0x6F];
        foreach (UserOp op in Commands(
            SetModulationParams,
            () => WriteRegister(0x0740, [(byte)((Settings.SyncWord & 0xF0) | 0x04), (byte)(((Settings.SyncWord & 0x0F) << 4) | 0x04)]),
            () => SetPacketParams(0xFF),
            () => WriteRegister(0x08E7, [0x18]),
            () => Write(0x9D, [0x01]),
            () => Write(0x98, calibration),
            () => Write(0x86, [(byte)(frf >> 24), (byte)(frf >> 16), (byte)(frf >> 8), (byte)frf]),
            () => ReadRegister(0x08D8, 1),
            () => WriteRegister(0x08D8, [0x1E]),
            () => ReadRegister(0x08E7, 1),
            () => Write(0x95, [0x04, 0x07, 0x00, 0x01]),
            () => Write(0x8E, [unchecked((byte)(sbyte)Settings.OutputPowerDbm), 0x04]),
            () => WriteRegister(0x08E7, [0x18])))
        {
            yield return op;
        }
    }

    /// <summary><c>SX126x::standby()</c>: SetStandby(STDBY_RC), after pulling NSS low if it is connected.</summary>
    public IEnumerable<UserOp> Standby() =>
        _nss == NotConnected ? Write(0x80, [0x00]) : DigitalWrite(_nss, high: false).Concat(Write(0x80, [0x00]));

    /// <summary><c>SX126x::sleep(true)</c>: SetSleep with warm start (no BUSY wait), then <c>delay(1)</c>.</summary>
    public IEnumerable<UserOp> Sleep()
    {
        yield return UserOp.Call(TransferStream([0x84], write: true, [0x04], 1, waitForGpio: false));

        yield return UserOp.Call(Delay(1));
    }

    /// <summary>
    /// RadioLib's blocking <c>SX126x::transmit(data, len)</c>: the MCU busy-polls DIO1 with <c>yield_no_wait</c> and GPIO
    /// reads for the whole time on air.
    /// </summary>
    public IEnumerable<UserOp> Transmit(byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return _transmits.Rent().Start(payload);
    }

    /// <summary>
    /// Interrupt-driven transmission: <c>setPacketSentAction</c> (subscribe, DIO1 input, DIO1 interrupt on either edge),
    /// <c>startTransmit</c>, Yield-Wait until the DIO1 upcall ran, <c>clearPacketSentAction</c>, <c>finishTransmit</c>.
    /// </summary>
    public IEnumerable<UserOp> TransmitInterruptDriven(byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return _interruptTransmits.Rent().Start(payload);
    }

    /// <summary><c>SX126x::startTransmit(data, len)</c> for LoRa (see the class remarks for its 14 SPI commands).</summary>
    public IEnumerable<UserOp> StartTransmit(byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return _startTransmits.Rent().Start(payload);
    }

    /// <summary><c>SX126x::finishTransmit()</c>: ClearIrqStatus(all), then <c>standby()</c>.</summary>
    public IEnumerable<UserOp> FinishTransmit() => _finishTransmits.Rent().Start();

    // Runs RadioLib calls in order, stopping at the first error (RADIOLIB_ASSERT).
    private IEnumerable<UserOp> Commands(params Func<IEnumerable<UserOp>>[] calls)
    {
        foreach (Func<IEnumerable<UserOp>> call in calls)
        {
            yield return UserOp.Call(call());

            if (State != ErrNone)
            {
                yield break;
            }
        }
    }

    private IEnumerable<UserOp> ResetChip()
    {
        yield return UserOp.Call(PinMode(_reset, output: true).Concat(DigitalWrite(_reset, high: false)));

        yield return UserOp.Call(Delay(1));

        yield return UserOp.Call(DigitalWrite(_reset, high: true));

        yield return UserOp.Call(Millis());

        uint start = _millis;
        while (true)
        {
            yield return UserOp.Call(Write(0x80, [0x00]));

            if (State == ErrNone)
            {
                yield break;
            }

            int failed = State;
            yield return UserOp.Call(Millis());

            if (unchecked(_millis - start) >= 1000)
            {
                State = failed;
                yield break;
            }

            yield return UserOp.Call(Delay(10));
        }
    }

    // setModulationParams(sf, bw, cr, ldro).
    private TransferCall SetModulationParams() => Write(0x8B, [
        (byte)Settings.SpreadingFactor,
        BandwidthCode(Settings.BandwidthKHz),
        (byte)(Settings.CodingRate - 4),
        Settings.LowDataRateOptimize ? (byte)1 : (byte)0]);

    // setPacketParams: fixInvertedIQ (register 0x0736 read, status, write), then SetPacketParams.
    private SetPacketParamsCall SetPacketParams(byte payloadLength) => _packetParams.Rent().Start(payloadLength);

    // The commands of setPacketParams, in order.
    private IEnumerable<UserOp> PacketParamsCommand(int command, byte payloadLength) => command switch
    {
        0 => ReadRegister(0x0736, 1),
        1 => WriteRegister(0x0736, [(byte)(_register | 0x04)]),
        _ => Write(0x8C, [(byte)(Settings.PreambleLength >> 8), (byte)Settings.PreambleLength, 0x00, payloadLength, Settings.Crc ? (byte)1 : (byte)0, 0x00]),
    };

    // The commands of startTransmit before the final BUSY wait, in order.
    private IEnumerable<UserOp> StartTransmitCommand(int command, byte[] payload) => command switch
    {
        0 => Read(0x11, 1),
        1 => SetPacketParams((byte)payload.Length),
        2 => SetDioIrqParams(IrqTxDone | IrqTimeout, IrqTxDone),
        3 => Write(0x8F, [0x00, 0x00]),
        4 => TransferStream([0x0E, 0x00], write: true, payload, payload.Length, waitForGpio: true), // WriteBuffer at offset 0
        5 => ClearIrqStatus(IrqAll),
        6 => ReadRegister(0x0889, 1),
        7 => Read(0x11, 1),
        8 => WriteRegister(0x0889, [0x04]),
        _ => Write(0x83, [0x00, 0x00, 0x00]),
    };

    private TransferCall SetDioIrqParams(ushort irqMask, ushort dio1Mask) =>
        Write(0x08, [(byte)(irqMask >> 8), (byte)irqMask, (byte)(dio1Mask >> 8), (byte)dio1Mask, 0, 0, 0, 0]);

    private TransferCall ClearIrqStatus(ushort mask) => Write(0x02, [(byte)(mask >> 8), (byte)mask]);

    // SX126x::readRegister: SPIreadRegisterBurst, then SPIcheckStream (GetStatus, RADIOLIB_SPI_PARANOID).
    private ReadRegisterCall ReadRegister(ushort address, int count) => _registerReads.Rent().Start(address, count);

    private TransferCall WriteRegister(ushort address, ReadOnlySpan<byte> data) =>
        TransferStream([0x0D, (byte)(address >> 8), (byte)address], write: true, data, data.Length, waitForGpio: true);

    private TransferCall CheckStream() => Read(0xC0, 1);

    private TransferCall Write(byte opcode, ReadOnlySpan<byte> data) => TransferStream([opcode], write: true, data, data.Length, waitForGpio: true);

    private TransferCall Read(byte opcode, int count) => TransferStream([opcode], write: false, [], count, waitForGpio: true);

    // Module::SPItransferStream; the bytes are copied at once, so the spans need not outlive the call.
    private TransferCall TransferStream(ReadOnlySpan<byte> command, bool write, ReadOnlySpan<byte> dataOut, int count, bool waitForGpio) =>
        _transfers.Rent().Start(command, write, dataOut, count, waitForGpio);

    // A pass of a millis() timeout loop is yield, millis() (frequency, then the counter: step 2), digitalRead(pin). Only
    // the counter's answer changes from pass to pass, and the loop's timeout check stays false while millis() < endMs:
    // while the counter keeps rising from its last answer without wrapping and stays below the first value that gives
    // millis() = endMs, ⌈endMs · frequency / 1000⌉ (millis() = ⌊counter · 1000 / frequency⌋, see MillisCall). An empty
    // range when that bound does not hold (a counter too slow for millis(), millis() already below start after a wrap).
    private UserOp RepeatWhileMillisBelow(uint start, ulong endMs)
    {
        uint low = _alarmNow, high = 0;
        if (_alarmFrequency >= 1000 && _millis >= start && endMs <= uint.MaxValue)
        {
            UInt128 first = (((UInt128)endMs * _alarmFrequency) + 999) / 1000;
            high = first > uint.MaxValue ? uint.MaxValue : (uint)first;
        }

        return UserOp.RepeatPass(answersMayChange: 1u << 2, countingStep: 2, low, high);
    }

    // while (digitalRead(BUSY)) { yield(); [timeout check with millis()] }
    private BusyWaitCall WaitBusyLow(bool withTimeout) => _busyWaits.Rent().Start(withTimeout);

    // SX126x::SPIparseStatus.
    private static int ParseStatus(byte status) => (status & 0x0E) switch
    {
        0x06 => ErrSpiCommandTimeout,
        0x08 => ErrSpiCommandInvalid,
        0x0A => ErrSpiCommandFailed,
        _ => status is 0x00 or 0xFF ? ErrChipNotFound : ErrNone,
    };

    private static byte BandwidthCode(double kHz) => kHz switch
    {
        < 9 => 0x00,
        < 13 => 0x08,
        < 18 => 0x01,
        < 26 => 0x09,
        < 36 => 0x02,
        < 52 => 0x0A,
        < 93 => 0x03,
        < 187 => 0x04,
        < 375 => 0x05,
        _ => 0x06,
    };

    // No syscall (and no allocation: the empty array is shared) for a pin that is not connected.
    private static IEnumerable<UserOp> PinMode(uint pin, bool output) =>
        pin == NotConnected ? [] : [output ? LibtockLoRa.GpioEnableOutput(pin) : LibtockLoRa.GpioEnableInput(pin, LibtockLoRa.PullDown)];

    private static IEnumerable<UserOp> DigitalWrite(uint pin, bool high) =>
        pin == NotConnected ? [] : [high ? LibtockLoRa.GpioSet(pin) : LibtockLoRa.GpioClear(pin)];

    private DigitalReadCall DigitalRead(uint pin) => _digitalReads.Rent().Start(pin);

    private IEnumerable<UserOp> Delay(uint milliseconds) => _tock.Sync.AlarmDelayMs(milliseconds);

    // libtock_alarm_gettimeasticks: frequency, then now (see MillisCall).
    private MillisCall Millis() => _millisCalls.Rent().Start();

    // lora_phy_gpio_Callback → gpio_funcs[pin − 1] → the packet-sent flag.
    private IEnumerable<UserOp> OnDio1(UpcallArguments args)
    {
        if (args.Argument0 == _dio1)
        {
            Dio1Upcalls++;
            _txDone = true;
        }

        return [];
    }

    // Module::SPItransferStream: wait for BUSY low, NSS low, spiTransfer (TockRadioLibHal: write the bytes into the
    // scratch buffer, libtocksync_lora_phy_read_write, read the reply back), NSS high, delayMicroseconds(1) (a 0 ms
    // libtocksync_alarm_delay_ms), wait for BUSY low again, then parse the status byte. A reusable routine: RadioLib
    // makes about 20 of these per packet.
    private sealed class TransferCall(RadioLibSx1262 radio) : UserRoutine
    {
        private readonly byte[] _output = new byte[3 + BufferBytes + 1];
        private int _length;
        private int _count;
        private bool _waitForGpio;

        public TransferCall Start(ReadOnlySpan<byte> command, bool write, ReadOnlySpan<byte> dataOut, int count, bool waitForGpio)
        {
            Restart();
            _length = command.Length + count + (write ? 0 : 1);
            Span<byte> output = _output.AsSpan(0, _length);
            output.Clear();
            command.CopyTo(output);
            if (write)
            {
                dataOut[..count].CopyTo(output[command.Length..]);
            }

            (_count, _waitForGpio) = (count, waitForGpio);
            return this;
        }

        protected override bool Next()
        {
            RadioLibSx1262 r = radio;
            switch (Step)
            {
                case 0:
                    r.State = ErrNone;
                    Step = 1;
                    return _waitForGpio ? Run(r.WaitBusyLow(withTimeout: true)) : Next();
                case 1:
                    if (r.State != ErrNone)
                    {
                        return false;
                    }

                    Step = 2;
                    return r._nss != NotConnected ? Yield(LibtockLoRa.GpioClear(r._nss)) : Next();
                case 2:
                    r.SpiTransactions++;
                    r._context.Write(r._txBuffer, _output.AsSpan(0, _length));
                    Step = 3;
                    return Run(r._readWrites.Rent().Start(r._txBuffer, r._rxBuffer, (uint)_length));
                case 3:
                    r._context.Read(r._rxBuffer, r._in.AsSpan(0, _length));
                    r._inLength = _length;
                    Step = _waitForGpio ? 4 : 6;
                    return r._nss != NotConnected ? Yield(LibtockLoRa.GpioSet(r._nss)) : Next();
                case 4:
                    Step = 5;
                    return Run(r.Delay(0)); // delayMicroseconds(1) → libtocksync_alarm_delay_ms(1 / 1000)
                case 5:
                    Step = 6;
                    return Run(r.WaitBusyLow(withTimeout: true));
                case 6:
                    if (_waitForGpio && r.State != ErrNone)
                    {
                        return false;
                    }

                    if (_count > 0)
                    {
                        r.State = ParseStatus(r._inLength > 1 ? r._in[1] : (byte)0);
                    }

                    Step = 7;
                    return false;
                default:
                    return false;
            }
        }
    }

    // while (digitalRead(BUSY)) { yield(); [timeout check with millis()] }; without a BUSY pin, a fixed delay.
    private sealed class BusyWaitCall(RadioLibSx1262 radio) : UserRoutine
    {
        private bool _withTimeout;
        private uint _start;

        public BusyWaitCall Start(bool withTimeout)
        {
            Restart();
            (_withTimeout, _start) = (withTimeout, 0);
            return this;
        }

        protected override bool Next()
        {
            RadioLibSx1262 r = radio;
            switch (Step)
            {
                case 0:
                    if (r._busy == NotConnected)
                    {
                        Step = 9;
                        return Run(r.Delay(_withTimeout ? 50u : 1u));
                    }

                    Step = _withTimeout ? 1 : 2;
                    return _withTimeout ? Run(r.Millis()) : Next();
                case 1:
                    _start = r._millis;
                    Step = 2;
                    return Next();
                case 2:
                    Step = 3;
                    return Run(r.DigitalRead(r._busy));
                case 3:
                    if (!r._level)
                    {
                        return false;
                    }

                    r.BusyPolls++;
                    Step = 6;
                    return Yield(_withTimeout ? r.RepeatWhileMillisBelow(_start, (ulong)_start + SpiTimeoutMs) : UserOp.RepeatPass());
                case 6:
                    r.BusyPolls += r._context.PassesRepeated;
                    Step = _withTimeout ? 4 : 2;
                    return Yield(UserOp.YieldNoWait());
                case 4:
                    Step = 5;
                    return Run(r.Millis());
                case 5:
                    if (unchecked(r._millis - _start) >= SpiTimeoutMs)
                    {
                        r.State = ErrSpiCommandTimeout;
                        return false;
                    }

                    Step = 2;
                    return Next();
                default:
                    return false;
            }
        }
    }

    // libtock_alarm_gettimeasticks: frequency, then now; seconds · 1000 + (remainder · 10⁶ / frequency) / 1000.
    private sealed class MillisCall(RadioLibSx1262 radio) : UserRoutine
    {
        private uint _frequency;

        public MillisCall Start()
        {
            Restart();
            return this;
        }

        protected override bool Next()
        {
            UserContext context = radio._context;
            switch (Step++)
            {
                case 0:
                    return Yield(UserOp.Command(0, 1));
                case 1:
                    _frequency = Math.Max(1u, context.Result.R1);
                    return Yield(UserOp.Command(0, 2));
                case 2:
                    uint now = context.Result.R1;
                    (radio._alarmNow, radio._alarmFrequency) = (now, _frequency);
                    ulong microseconds = (ulong)(now % _frequency) * 1_000_000 / _frequency;
                    radio._millis = unchecked((uint)(((ulong)(now / _frequency) * 1000) + (microseconds / 1000)));
                    return false;
                default:
                    return false;
            }
        }
    }

    // digitalRead: one GPIO read command; a pin that is not connected reads low without a syscall.
    private sealed class DigitalReadCall(RadioLibSx1262 radio) : UserRoutine
    {
        private uint _pin;

        public DigitalReadCall Start(uint pin)
        {
            Restart();
            _pin = pin;
            return this;
        }

        protected override bool Next()
        {
            switch (Step++)
            {
                case 0:
                    if (_pin == NotConnected)
                    {
                        radio._level = false;
                        return false;
                    }

                    return Yield(LibtockLoRa.GpioRead(_pin));
                case 1:
                    SyscallReturn result = radio._context.Result;
                    radio._level = result.IsSuccess && result.R1 != 0;
                    return false;
                default:
                    return false;
            }
        }
    }

    // SX126x::readRegister: the burst read, then (if it succeeded) the GetStatus check; the byte read is kept.
    private sealed class ReadRegisterCall(RadioLibSx1262 radio) : UserRoutine
    {
        private ushort _address;
        private int _count;

        public ReadRegisterCall Start(ushort address, int count)
        {
            Restart();
            (_address, _count) = (address, count);
            return this;
        }

        protected override bool Next()
        {
            RadioLibSx1262 r = radio;
            switch (Step++)
            {
                case 0:
                    return Run(r.TransferStream([0x1D, (byte)(_address >> 8), (byte)_address], write: false, [], _count, waitForGpio: true));
                case 1:
                    r._register = r._inLength > 4 ? r._in[4] : (byte)0;
                    return r.State == ErrNone && Run(r.CheckStream());
                default:
                    return false;
            }
        }
    }

    // Commands run one after the other, stopping at the first error (RADIOLIB_ASSERT); Step k issues command k after
    // checking the result of command k − 1.
    private abstract class CommandSequence(RadioLibSx1262 radio, int commands) : UserRoutine
    {
        protected RadioLibSx1262 Radio { get; } = radio;

        protected abstract IEnumerable<UserOp> Command(int index);

        protected override bool Next()
        {
            int step = Step;
            if (step >= commands || (step > 0 && Radio.State != ErrNone))
            {
                return false;
            }

            Step = step + 1;
            return Run(Command(step));
        }
    }

    // setPacketParams (see PacketParamsCommand).
    private sealed class SetPacketParamsCall(RadioLibSx1262 radio) : CommandSequence(radio, 3)
    {
        private byte _payloadLength;

        public SetPacketParamsCall Start(byte payloadLength)
        {
            Restart();
            _payloadLength = payloadLength;
            return this;
        }

        protected override IEnumerable<UserOp> Command(int index) => Radio.PacketParamsCommand(index, _payloadLength);
    }

    // SX126x::startTransmit: the length check, the ten commands of StartTransmitCommand, then the BUSY wait for the PA
    // ramp (RadioLib does not check its result).
    private sealed class StartTransmitCall(RadioLibSx1262 radio) : CommandSequence(radio, 11)
    {
        private byte[] _payload = [];

        public StartTransmitCall Start(byte[] payload)
        {
            Restart();
            _payload = payload;
            return this;
        }

        protected override IEnumerable<UserOp> Command(int index) =>
            index < 10 ? Radio.StartTransmitCommand(index, _payload) : Radio.WaitBusyLow(withTimeout: false);

        protected override bool Next()
        {
            if (Step == 0 && _payload.Length > MaxPacketLength)
            {
                Radio.State = ErrPacketTooLong;
                return false;
            }

            return base.Next();
        }
    }

    // SX126x::finishTransmit: ClearIrqStatus(all), then standby().
    private sealed class FinishTransmitCall(RadioLibSx1262 radio) : CommandSequence(radio, 2)
    {
        public FinishTransmitCall Start()
        {
            Restart();
            return this;
        }

        protected override IEnumerable<UserOp> Command(int index) => index == 0 ? Radio.ClearIrqStatus(IrqAll) : Radio.Standby();
    }

    // What both transmit variants share: the payload, and the end after finishTransmit.
    private abstract class TransmitRoutine(RadioLibSx1262 radio) : UserRoutine
    {
        private const int Finishing = int.MaxValue - 1;
        private const int Ended = int.MaxValue;

        protected RadioLibSx1262 Radio { get; } = radio;

        protected byte[] Payload { get; private set; } = [];

        public TransmitRoutine Start(byte[] payload)
        {
            Restart();
            Payload = payload;
            OnStart();
            return this;
        }

        protected virtual void OnStart()
        {
        }

        // The variant's own steps, until it calls Finish or ends early.
        protected abstract bool Advance();

        // finishTransmit; after it the packet counts as sent if that succeeded, and the call ends.
        protected bool Finish()
        {
            Step = Finishing;
            return Run(Radio.FinishTransmit());
        }

        protected sealed override bool Next()
        {
            if (Step < Finishing)
            {
                return Advance();
            }

            if (Step == Finishing && Radio.State == ErrNone)
            {
                Radio.PacketsSent++;
            }

            Step = Ended;
            return false;
        }
    }

    // SX126x::transmit (blocking): see Transmit.
    private sealed class TransmitCall(RadioLibSx1262 radio) : TransmitRoutine(radio)
    {
        private uint _timeoutMs;
        private uint _start;

        protected override bool Advance()
        {
            RadioLibSx1262 r = Radio;
            switch (Step)
            {
                case 0:
                    Step = 1;
                    return Run(r.Standby());
                case 1:
                    if (r.State != ErrNone)
                    {
                        return false;
                    }

                    if (Payload.Length > MaxPacketLength)
                    {
                        r.State = ErrPacketTooLong;
                        return false;
                    }

                    Step = 2;
                    return Run(r.Read(0x11, 1)); // getTimeOnAir(len) reads the packet type first
                case 2:
                    _timeoutMs = (uint)(5 + (r.TimeOnAirMicroseconds(Payload.Length) * 5 / 1000));
                    Step = 3;
                    return Run(r.StartTransmit(Payload));
                case 3:
                    if (r.State != ErrNone)
                    {
                        return false;
                    }

                    Step = 4;
                    return Run(r.Read(0x11, 1));
                case 4:
                    Step = 5;
                    return Run(r.Millis());
                case 5:
                    _start = r._millis;
                    Step = 6;
                    return Next();
                case 6: // the DIO1 poll loop
                    r.TxDonePolls++;
                    Step = 7;
                    return Yield(UserOp.YieldNoWait());
                case 7:
                    Step = 8;
                    return Run(r.Millis());
                case 8:
                    if (unchecked(r._millis - _start) > _timeoutMs)
                    {
                        Step = 9;
                        return Run(r.FinishTransmit());
                    }

                    Step = 10;
                    return Run(r.DigitalRead(r._dio1));
                case 9:
                    r.State = ErrTxTimeout;
                    return false;
                case 10:
                    if (!r._level)
                    {
                        Step = 12;
                        return Yield(r.RepeatWhileMillisBelow(_start, (ulong)_start + _timeoutMs + 1));
                    }

                    Step = 11;
                    return Run(r.Millis());
                case 11:
                    return Finish();
                case 12:
                    r.TxDonePolls += r._context.PassesRepeated;
                    Step = 6;
                    return Next();
                default:
                    return false;
            }
        }
    }

    // setPacketSentAction, startTransmit, Yield-Wait until the DIO1 upcall ran, clearPacketSentAction, finishTransmit:
    // see TransmitInterruptDriven.
    private sealed class TransmitInterruptDrivenCall(RadioLibSx1262 radio) : TransmitRoutine(radio)
    {
        private int _state;

        protected override void OnStart() => Radio._txDone = false;

        protected override bool Advance()
        {
            RadioLibSx1262 r = Radio;
            switch (Step)
            {
                case 0:
                    Step = 1;
                    return Yield(LibtockLoRa.GpioSetCallback(r._dio1Function));
                case 1:
                    Step = 2;
                    return Yield(LibtockLoRa.GpioEnableInput(r._dio1, LibtockLoRa.PullDown));
                case 2:
                    Step = 3;
                    return Yield(LibtockLoRa.GpioEnableInterrupt(r._dio1, LibtockLoRa.Change));
                case 3:
                    Step = 4;
                    return Run(r.StartTransmit(Payload));
                case 4:
                    _state = r.State;
                    Step = 5;
                    return Next();
                case 5: // Yield-Wait until the DIO1 upcall has set the flag
                    if (_state == ErrNone && !r._txDone)
                    {
                        return Yield(LibtockC.Yield());
                    }

                    Step = 6;
                    return Yield(LibtockLoRa.GpioDisableInterrupt(r._dio1));
                case 6:
                    Step = 7;
                    return Yield(LibtockLoRa.GpioEnableInput(r._dio1, LibtockLoRa.PullDown));
                case 7:
                    if (_state != ErrNone)
                    {
                        r.State = _state;
                        return false;
                    }

                    return Finish();
                default:
                    return false;
            }
        }
    }
}
