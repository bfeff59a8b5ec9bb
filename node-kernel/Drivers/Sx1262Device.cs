using System.Buffers.Binary;
using System.Globalization;
using SensorNet.Energy;
using SensorNet.Energy.Accounting;
using SensorNet.Energy.Consumers;
using SensorNet.RadioModels.LoRa;
using SensorNet.RadioModels.Medium;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Drivers;

/// <summary>
/// A command-level model of a Semtech SX1262 (or the STM32WL's integrated SX126x-class SubGHz radio) on SPI plus its
/// BUSY, DIO1, DIO3, NSS and NRESET wires: it decodes the SX126x opcodes RadioLib uses to configure and send a LoRa
/// packet (opcodes from RadioLib <c>src/modules/SX126x/SX126x.h</c>, S), holds BUSY high while it works, and on SetTx
/// transmits for exactly the time on air of the modulation and packet parameters it was given
/// (<see cref="LoRaTimeOnAir"/>, SX126x family) before raising TxDone on DIO1.
/// </summary>
/// <remarks>
/// <para><b>Why in node-kernel:</b> the model is the device side of the kernel's SPI and GPIO drivers (it implements
/// <see cref="ISpiDevice"/> and drives <see cref="GpioLine"/>s), which radio-models does not know; it reuses
/// radio-models' <see cref="LoRaTimeOnAir"/> and <see cref="LoRaChipProfile"/> for the physics and the currents.</para>
/// <para><b>Commands:</b> SetStandby 0x80, SetSleep 0x84, SetPacketType 0x8A, SetRfFrequency 0x86 (f = frf · 32 MHz / 2²⁵),
/// SetModulationParams 0x8B (SF, BW code, CR code, LDRO), SetPacketParams 0x8C (preamble, header type, payload length,
/// CRC, IQ), SetTxParams 0x8E (power in dBm, ramp code), SetBufferBaseAddress 0x8F, WriteBuffer 0x0E, ReadBuffer 0x1E,
/// WriteRegister 0x0D, ReadRegister 0x1D, SetDioIrqParams 0x08, ClearIrqStatus 0x02, GetIrqStatus 0x12, GetStatus 0xC0,
/// GetPacketType 0x11, SetTx 0x83, SetRx 0x82, SetFs 0xC1, Calibrate 0x89, CalibrateImage 0x98; any other opcode is
/// accepted as a no-op register access. MISO carries the status byte (chip mode in bits 6:4) from byte 1 on, with
/// read data from byte 2 (byte 3 for ReadBuffer, byte 4 for ReadRegister), where RadioLib's <c>Module::SPItransferStream</c>
/// looks for them (<c>statusPos = 1</c>).</para>
/// <para><b>Timing:</b> after each command BUSY is high for <see cref="Sx1262Timing.CommandBusy"/> (calibrations
/// <see cref="Sx1262Timing.Calibration"/>); SetTx holds BUSY for the PA ramp of the last SetTxParams (mode TX, drawn at
/// standby current), then the frame is on air for exactly its time on air at the TX current of the programmed power,
/// then the chip returns to STDBY_RC and sets TxDone (if enabled in the IRQ mask), which drives DIO1 when mapped to it.
/// SetSleep keeps BUSY high until an NSS falling edge (an SPI transfer or the NSS wire) wakes the chip, which takes
/// <see cref="Sx1262Timing.WakeUp"/>; the command of a transfer that arrives while BUSY is high is lost (MISO all zero).
/// NRESET low resets the configuration and holds BUSY until <see cref="Sx1262Timing.ResetBoot"/> after release.</para>
/// <para><b>Energy:</b> one consumer with the <see cref="LoRaChipProfile"/> states sleep, standby, rx and one TX state per
/// output power in its table; a programmed power outside the table uses the nearest entry and sets
/// <see cref="TxPowerOutOfTable"/>. STDBY_XOSC, FS and the ramp are drawn at the standby current; warm and cold sleep
/// at the profile's sleep current.</para>
/// <para><b>Scope and limitations:</b> LoRa transmission only: no reception, no medium (the frame reaches nobody), no
/// TX timeout, no CAD, no FSK/LR-FHSS timing, no TCXO; register contents are only what was written (IQ polarity
/// register 0x0736 reads 0x0D first, U); configuration defaults after reset (SF7, BW125, CR 4/5, preamble 8,
/// explicit header, CRC on, ramp 200 µs) are U.</para>
/// <para><b>Validation:</b> LoRaTests (exact time on air per packet, TX energy = I_TX · V · ToA) and
/// Sx1262DeviceTests.</para>
/// </remarks>
public sealed class Sx1262Device : ISpiDevice, IEventHandler
{
    /// <summary>State index of sleep in <see cref="Consumer"/>.</summary>
    public const int SleepState = LoRaChipProfile.SleepState;

    /// <summary>State index of standby.</summary>
    public const int StandbyState = LoRaChipProfile.StandbyState;

    /// <summary>State index of receive.</summary>
    public const int ReceiveState = LoRaChipProfile.ReceiveState;

    /// <summary>IRQ bit TxDone.</summary>
    public const ushort IrqTxDone = 0x0001;

    private const long RampEndTag = 2;
    private const long TxDoneTag = 3;
    private const byte PacketTypeLoRa = 0x01;

    private readonly Simulation _simulation;
    private readonly StateBasedConsumer _consumer;
    private readonly int[] _txPowers;
    private readonly byte[] _buffer = new byte[256];
    private readonly Dictionary<ushort, byte> _registers = [];
    private readonly long[] _opcodeCounts = new long[256]; // by CountSlot(opcode): one array index per command, not a hash lookup
    private EventHandle _txEvent;
    private bool _inReset;
    private bool _selectedWhileBusy;
    private byte _packetType;
    private byte _spreadingFactor;
    private byte _bandwidthCode;
    private byte _codingRateCode;
    private byte _ldro;
    private ushort _preamble;
    private byte _headerType;
    private byte _crc;
    private byte _rampCode;
    private ushort _irqMask;
    private ushort _dio1Mask;
    private ushort _dio3Mask;
    private LoRaModulation? _onAirModulation;

    /// <summary>Creates a radio in STDBY_RC (its state after power-on) with BUSY low.</summary>
    /// <param name="simulation">The simulation.</param>
    /// <param name="energy">The node's energy system; the radio's consumer is added to it.</param>
    /// <param name="chip">Currents and family; <see cref="LoRaChipProfile.Sx1262"/> for the SX1262 and the STM32WL radio.</param>
    /// <param name="timing">BUSY timing; <see cref="Sx1262Timing.Default"/> if null.</param>
    /// <param name="nss">The NSS wire when the MCU can also drive it as a GPIO (a falling edge wakes the chip).</param>
    /// <param name="reset">The NRESET wire, if the MCU drives it.</param>
    /// <param name="initialTxPower">TX power before any SetTxParams, in dBm.</param>
    /// <param name="name">Consumer name.</param>
    public Sx1262Device(Simulation simulation, NodeEnergy energy, LoRaChipProfile chip, Sx1262Timing? timing = null, GpioLine? nss = null, GpioLine? reset = null, int initialTxPower = 14, string name = "radio")
    {
        _simulation = simulation ?? throw new ArgumentNullException(nameof(simulation));
        ArgumentNullException.ThrowIfNull(energy);
        Chip = chip ?? throw new ArgumentNullException(nameof(chip));
        Timing = timing ?? Sx1262Timing.Default;
        _txPowers = [.. chip.TxCurrentsByDbm.Keys.Order()];
        if (_txPowers.Length == 0)
        {
            throw new ArgumentException($"{chip.Name} has no transmit currents.", nameof(chip));
        }

        var states = new List<(string, Amperes)> { ("sleep", chip.Sleep), ("standby", chip.Standby), ("rx", chip.Receive) };
        states.AddRange(_txPowers.Select(dbm => (string.Create(CultureInfo.InvariantCulture, $"tx_{dbm}dbm"), chip.TxCurrentsByDbm[dbm])));
        _consumer = energy.AddConsumer(name, PowerStateTable.FromCurrents(chip.Name, chip.Supply, states, chip.Source), StandbyState);
        Busy = new GpioLine($"{name}.busy", simulation: simulation);
        Dio1 = new GpioLine($"{name}.dio1");
        Dio3 = new GpioLine($"{name}.dio3");
        Mode = Sx1262Mode.StandbyRc;
        TxPowerDbm = initialTxPower;
        ResetConfiguration();
        if (nss is not null)
        {
            nss.Changed += line =>
            {
                if (!line.Level && Mode == Sx1262Mode.Sleep && !_inReset && !Unpowered)
                {
                    Wake();
                }
            };
        }

        if (reset is not null)
        {
            reset.Changed += line => OnReset(line.Level);
        }
    }

    /// <summary>Raised when a frame goes on air (after the PA ramp), with the time.</summary>
    public event Action<SimTime>? TransmitStarted;

    /// <summary>Raised when a frame has left the antenna (TxDone), with the time.</summary>
    public event Action<SimTime>? TransmitDone;

    /// <summary>Currents and family.</summary>
    public LoRaChipProfile Chip { get; }

    /// <summary>BUSY timing.</summary>
    public Sx1262Timing Timing { get; }

    /// <summary>The BUSY pin (driven by the radio).</summary>
    public GpioLine Busy { get; }

    /// <summary>The DIO1 pin (driven by the radio: IRQ status &amp; DIO1 mask ≠ 0).</summary>
    public GpioLine Dio1 { get; }

    /// <summary>The DIO3 pin (driven by the radio: IRQ status &amp; DIO3 mask ≠ 0).</summary>
    public GpioLine Dio3 { get; }

    /// <summary>The radio's energy consumer.</summary>
    public StateBasedConsumer Consumer => _consumer;

    /// <summary>Current mode.</summary>
    public Sx1262Mode Mode { get; private set; }

    /// <summary>TX power of the last SetTxParams, in dBm.</summary>
    public int TxPowerDbm { get; private set; }

    /// <summary>True if a programmed TX power had no current in the chip's table (the nearest entry is used).</summary>
    public bool TxPowerOutOfTable { get; private set; }

    /// <summary>The consumer state transmissions use at the programmed power.</summary>
    public int TransmitStateIndex => TransmitState(TxPowerDbm);

    /// <summary>The node's antenna on the shared medium; null: frames cost energy and time but reach no one.</summary>
    public RadioPort? Port { get; set; }

    /// <summary>Carrier frequency of the last SetRfFrequency, in Hz.</summary>
    public double FrequencyHz { get; private set; }

    /// <summary>Payload length of the last SetPacketParams, in bytes.</summary>
    public int PayloadLength { get; private set; }

    /// <summary>The IRQ status register.</summary>
    public ushort IrqStatus { get; private set; }

    /// <summary>SPI commands received (transfers).</summary>
    public long Commands { get; private set; }

    /// <summary>Commands lost because the chip was busy, asleep or in reset.</summary>
    public long CommandsIgnored { get; private set; }

    /// <summary>SetTx commands refused because the LoRa parameters were invalid.</summary>
    public long TransmissionsRefused { get; private set; }

    /// <summary>Frames sent completely.</summary>
    public long FramesSent { get; private set; }

    /// <summary>Total time on air of the frames sent.</summary>
    public SimDuration Airtime { get; private set; }

    /// <summary>Time on air of the last frame started.</summary>
    public SimDuration LastTimeOnAir { get; private set; }

    /// <summary>The modulation of the last frame started.</summary>
    public LoRaModulation? LastModulation => _onAirModulation;

    /// <summary>Wake-ups from sleep.</summary>
    public long WakeUps { get; private set; }

    /// <summary>True once the node's supply has gone (its consumers are off).</summary>
    public bool Unpowered => _consumer.State == _consumer.OffState;

    /// <summary>How many times <paramref name="opcode"/> was received.</summary>
    public long CommandCount(byte opcode) => _opcodeCounts[CountSlot(opcode)];

    // The SX1262's commands have opcodes 0x00–0x1F and 0x80–0x9F (datasheet §13, "List of Commands"; GetStatus 0xC0 aside).
    // Swapping bit 7 with bits 6–5 (a one-to-one map of bytes) puts them in slots 0–63, the first 512 bytes of the
    // counters, which state prefetch covers; by opcode, 0x80–0x9F would lie 1 KB in, a cache miss per command at scale.
    private static int CountSlot(byte opcode) => (opcode & 0x1F) | ((opcode & 0x80) >> 2) | ((opcode & 0x60) << 1);

    /// <summary>The consumer state for transmitting at <paramref name="dbm"/> (the nearest table entry).</summary>
    public int TransmitState(int dbm)
    {
        int index = 0;
        for (int i = 1; i < _txPowers.Length; i++)
        {
            if (Math.Abs(_txPowers[i] - dbm) < Math.Abs(_txPowers[index] - dbm))
            {
                index = i;
            }
        }

        return ReceiveState + 1 + index;
    }

    /// <summary>The bandwidth of an SX126x LoRa bandwidth code, in Hz, or 0 for an unknown code.</summary>
    public static double BandwidthHz(byte code) => code switch
    {
        0x00 => 500_000.0 / 64,
        0x08 => 500_000.0 / 48,
        0x01 => 500_000.0 / 32,
        0x09 => 500_000.0 / 24,
        0x02 => 500_000.0 / 16,
        0x0A => 500_000.0 / 12,
        0x03 => 500_000.0 / 8,
        0x04 => 125_000.0,
        0x05 => 250_000.0,
        0x06 => 500_000.0,
        _ => 0,
    };

    /// <inheritdoc/>
    public void ChipSelected()
    {
        if (Mode == Sx1262Mode.Sleep && !_inReset && !Unpowered)
        {
            Wake();
        }

        _selectedWhileBusy = Busy.Level || _inReset;
    }

    /// <inheritdoc/>
    public void Transfer(ReadOnlySpan<byte> mosi, Span<byte> miso)
    {
        Commands++;
        miso.Clear();
        if (mosi.IsEmpty)
        {
            return;
        }

        if (Unpowered)
        {
            CommandsIgnored++; // a chip without supply answers nothing
            return;
        }

        byte opcode = mosi[0];
        _opcodeCounts[CountSlot(opcode)]++;
        if (_selectedWhileBusy || _inReset || Mode == Sx1262Mode.Sleep)
        {
            CommandsIgnored++;
            return;
        }

        ReadOnlySpan<byte> data = mosi[1..];
        byte status = StatusByte();
        if (miso.Length > 1)
        {
            miso[1..].Fill(status);
        }

        SimDuration busy = Timing.CommandBusy;
        switch (opcode)
        {
            case 0x80: // SetStandby
                AbortTransmission();
                Enter(Arg(data, 0) == 0 ? Sx1262Mode.StandbyRc : Sx1262Mode.StandbyXosc);
                break;
            case 0x84: // SetSleep: BUSY stays high until NSS wakes the chip.
                AbortTransmission();
                if ((Arg(data, 0) & 0x04) == 0)
                {
                    ResetConfiguration(); // cold start: configuration lost
                }

                Enter(Sx1262Mode.Sleep);
                Busy.Set(true);
                return;
            case 0x8A: // SetPacketType
                _packetType = Arg(data, 0);
                break;
            case 0x86: // SetRfFrequency
                if (data.Length >= 4)
                {
                    FrequencyHz = BinaryPrimitives.ReadUInt32BigEndian(data) * 32e6 / (1 << 25);
                }

                break;
            case 0x8B: // SetModulationParams (LoRa: SF, BW, CR, LDRO)
                if (_packetType == PacketTypeLoRa && data.Length >= 4)
                {
                    (_spreadingFactor, _bandwidthCode, _codingRateCode, _ldro) = (data[0], data[1], data[2], data[3]);
                }

                break;
            case 0x8C: // SetPacketParams (LoRa: preamble, header type, payload length, CRC, IQ)
                if (_packetType == PacketTypeLoRa && data.Length >= 5)
                {
                    _preamble = BinaryPrimitives.ReadUInt16BigEndian(data);
                    _headerType = data[2];
                    PayloadLength = data[3];
                    _crc = data[4];
                }

                break;
            case 0x8E: // SetTxParams
                SetTxPower(unchecked((sbyte)Arg(data, 0)));
                _rampCode = Arg(data, 1);
                break;
            case 0x0E: // WriteBuffer
                for (int i = 1; i < data.Length; i++)
                {
                    _buffer[(data[0] + i - 1) & 0xFF] = data[i];
                }

                break;
            case 0x1E: // ReadBuffer: offset, NOP, data
                for (int i = 3; i < miso.Length; i++)
                {
                    miso[i] = _buffer[(Arg(data, 0) + i - 3) & 0xFF];
                }

                break;
            case 0x0D: // WriteRegister
                for (int i = 2; i < data.Length; i++)
                {
                    _registers[(ushort)(Address(data) + i - 2)] = data[i];
                }

                break;
            case 0x1D: // ReadRegister: address, NOP, data
                for (int i = 4; i < miso.Length; i++)
                {
                    miso[i] = _registers.GetValueOrDefault((ushort)(Address(data) + i - 4));
                }

                break;
            case 0x08: // SetDioIrqParams
                if (data.Length >= 8)
                {
                    _irqMask = BinaryPrimitives.ReadUInt16BigEndian(data);
                    _dio1Mask = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
                    _dio3Mask = BinaryPrimitives.ReadUInt16BigEndian(data[6..]);
                    UpdateDio();
                }

                break;
            case 0x02: // ClearIrqStatus
                if (data.Length >= 2)
                {
                    IrqStatus &= (ushort)~BinaryPrimitives.ReadUInt16BigEndian(data);
                    UpdateDio();
                }

                break;
            case 0x12: // GetIrqStatus: status, IRQ high, IRQ low
                WriteData(miso, 2, [(byte)(IrqStatus >> 8), (byte)IrqStatus]);
                break;
            case 0x11: // GetPacketType
                WriteData(miso, 2, [_packetType]);
                break;
            case 0x83: // SetTx
                StartTransmission();
                return;
            case 0x82: // SetRx (reception is not modelled: the receiver just runs)
                AbortTransmission();
                Enter(Sx1262Mode.Receive);
                break;
            case 0xC1: // SetFs
                Enter(Sx1262Mode.FrequencySynthesis);
                break;
            case 0x89: // Calibrate
            case 0x98: // CalibrateImage
                busy = Timing.Calibration;
                break;
            default: // GetStatus 0xC0, NOP 0x00 and any other command: status only.
                break;
        }

        StartBusy(busy);
    }

    /// <inheritdoc/>
    void IEventHandler.OnEvent(SimTime now, long tag)
    {
        if (Unpowered)
        {
            return; // the node browned out: nothing finishes, nothing is sent or counted
        }

        switch (tag)
        {
            case RampEndTag:
                LoRaAirtime airtime = LoRaTimeOnAir.Compute(_onAirModulation!, PayloadLength, Chip.Family);
                LastTimeOnAir = airtime.Duration;
                // A frame still on the air from before a brown-out keeps the antenna: the new boot's frame is not heard.
                if (Port is { IsTransmitting: false } port)
                {
                    port.Medium.Transmit(
                        port,
                        new Hertz(FrequencyHz),
                        _onAirModulation!.Bandwidth,
                        _onAirModulation.SpreadingFactor,
                        SimDuration.FromSecondsRounded(airtime.SymbolTimeSeconds),
                        _onAirModulation.PreambleSymbols,
                        new Dbm(TxPowerDbm),
                        LastTimeOnAir,
                        PayloadLength,
                        FramesSent);
                }

                _consumer.SetState(TransmitStateIndex);
                _txEvent = _simulation.ScheduleAfter(LastTimeOnAir, this, TxDoneTag);
                TransmitStarted?.Invoke(now);
                break;
            case TxDoneTag:
                FramesSent++;
                Airtime += LastTimeOnAir;
                Enter(Sx1262Mode.StandbyRc);
                IrqStatus |= (ushort)(IrqTxDone & _irqMask);
                UpdateDio();
                TransmitDone?.Invoke(now);
                break;
            default:
                break;
        }
    }

    private static byte Arg(ReadOnlySpan<byte> data, int index) => index < data.Length ? data[index] : (byte)0;

    private static ushort Address(ReadOnlySpan<byte> data) => (ushort)((Arg(data, 0) << 8) | Arg(data, 1));

    private static void WriteData(Span<byte> miso, int offset, ReadOnlySpan<byte> bytes)
    {
        for (int i = 0; i < bytes.Length && offset + i < miso.Length; i++)
        {
            miso[offset + i] = bytes[i];
        }
    }

    private byte StatusByte()
    {
        int chipMode = Mode switch
        {
            Sx1262Mode.StandbyRc => 0x2,
            Sx1262Mode.StandbyXosc => 0x3,
            Sx1262Mode.FrequencySynthesis => 0x4,
            Sx1262Mode.Receive => 0x5,
            Sx1262Mode.Transmit => 0x6,
            _ => 0x0,
        };
        return (byte)(chipMode << 4);
    }

    private void StartTransmission()
    {
        double bandwidth = BandwidthHz(_bandwidthCode);
        if (_packetType != PacketTypeLoRa || _spreadingFactor is < 5 or > 12 || bandwidth == 0 || _codingRateCode is < 1 or > 4 || _preamble < 6)
        {
            TransmissionsRefused++;
            StartBusy(Timing.CommandBusy);
            return;
        }

        // The modulation is immutable: the last frame's serves again when nothing changed (no allocation per frame).
        var ldro = _ldro != 0 ? LdroMode.On : LdroMode.Off;
        if (_onAirModulation is not { } last || last.SpreadingFactor != _spreadingFactor || last.Bandwidth.Value != bandwidth
            || last.CodingRate != _codingRateCode || last.PreambleSymbols != _preamble || last.ExplicitHeader != (_headerType == 0)
            || last.Crc != (_crc != 0) || last.Ldro != ldro)
        {
            _onAirModulation = new LoRaModulation(
                _spreadingFactor,
                new Hertz(bandwidth),
                _codingRateCode,
                _preamble,
                explicitHeader: _headerType == 0,
                crc: _crc != 0,
                ldro: ldro);
        }

        AbortTransmission();
        Mode = Sx1262Mode.Transmit;
        SimDuration ramp = Sx1262Timing.RampTime(_rampCode);
        StartBusy(ramp);
        _txEvent = _simulation.ScheduleAfter(ramp, this, RampEndTag);
    }

    private void AbortTransmission()
    {
        _simulation.Cancel(_txEvent);
        _txEvent = default;
        if (Mode == Sx1262Mode.Transmit)
        {
            Enter(Sx1262Mode.StandbyRc);
        }
    }

    private void SetTxPower(int dbm)
    {
        TxPowerDbm = dbm;
        if (!Chip.TxCurrentsByDbm.ContainsKey(dbm))
        {
            TxPowerOutOfTable = true;
        }
    }

    private void Enter(Sx1262Mode mode)
    {
        Mode = mode;
        _consumer.SetState(mode switch
        {
            Sx1262Mode.Sleep => SleepState,
            Sx1262Mode.Receive => ReceiveState,
            _ => StandbyState,
        });
    }

    private void Wake()
    {
        WakeUps++;
        Enter(Sx1262Mode.StandbyRc);
        StartBusy(Timing.WakeUp);
    }

    private void OnReset(bool released)
    {
        if (!released)
        {
            _inReset = true;
            AbortTransmission();
            ResetConfiguration();
            Enter(Sx1262Mode.StandbyRc);
            Busy.Set(true);
            return;
        }

        if (_inReset)
        {
            _inReset = false;
            StartBusy(Timing.ResetBoot);
        }
    }

    // BUSY falls by itself once the longest busy period started so far has passed (no event unless its edges are watched).
    private void StartBusy(SimDuration duration)
    {
        SimTime until = _simulation.Now + duration;
        if (Busy.PendingChangeAt is not { } falls || falls < until)
        {
            Busy.SetUntil(true, until);
        }
    }

    private void UpdateDio()
    {
        Dio1.Set((IrqStatus & _dio1Mask) != 0);
        Dio3.Set((IrqStatus & _dio3Mask) != 0);
    }

    private void ResetConfiguration()
    {
        _packetType = PacketTypeLoRa;
        (_spreadingFactor, _bandwidthCode, _codingRateCode, _ldro) = (7, 0x04, 1, 0);
        (_preamble, _headerType, _crc) = (8, 0, 1);
        PayloadLength = 0;
        _rampCode = 0x04;
        _irqMask = _dio1Mask = _dio3Mask = 0;
        IrqStatus = 0;
        _registers.Clear();
        _registers[0x0736] = 0x0D;
        UpdateDio();
    }
}
