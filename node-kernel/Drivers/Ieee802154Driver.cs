using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Syscalls;

namespace SensorNet.NodeKernel.Drivers;

/// <summary>
/// The 802.15.4 userspace driver, 0x30001, as tock/tock <c>capsules/extra/src/ieee802154/driver.rs</c> (the MAC/framer
/// path over <c>AwakeMac</c>): upcall 0 = frame received, 1 = frame transmitted (status, acked, 0); read-only allow 0 =
/// TX payload; read-write allow 0 = RX ring, 1 = configuration; command 1 = status (OFF when off), 26 = transmit
/// (argument1 = destination short address), 30 = radio on. There is no radio-off command in this driver (AwakeMac keeps
/// the receiver on); one pending transmission per process (BUSY).
/// </summary>
/// <remarks>
/// <para>With <see cref="Ieee802154DriverMode.RawPhy"/> it behaves as <c>phy_driver.rs</c> instead: read-only allow 0 is the
/// whole frame (PSDU without FCS), command 27 transmits it raw, 30 turns the radio on and 31 off.</para>
/// Frame: a MAC header of 9 bytes (short addresses with PAN-ID compression, no security) + payload + 2 bytes FCS; an
/// ACK is requested for unicast destinations (not 0xFFFF). Configuration commands 2–25 are accepted without effect
/// (addresses, PAN, channel, keys are not modelled yet).
/// </remarks>
public sealed class Ieee802154Driver : ISyscallDriver
{
    /// <summary>Driver number.</summary>
    public const uint Number = 0x30001;

    /// <summary>MAC header bytes with short addresses and PAN-ID compression.</summary>
    public const int MacHeaderBytes = 9;

    /// <summary>Frame check sequence bytes.</summary>
    public const int FcsBytes = 2;

    private readonly TockKernel _kernel;
    private readonly IIeee802154Radio _radio;
    private readonly Queue<(TockProcess Process, int Psdu, bool Ack)> _pending = new();
    private TockProcess? _sending;

    /// <summary>Creates the driver over <paramref name="radio"/> and installs it.</summary>
    public Ieee802154Driver(TockKernel kernel, IIeee802154Radio radio, Ieee802154DriverMode mode = Ieee802154DriverMode.Framer)
    {
        _kernel = kernel ?? throw new ArgumentNullException(nameof(kernel));
        _radio = radio ?? throw new ArgumentNullException(nameof(radio));
        Mode = mode;
        kernel.AddDriver(this);
    }

    /// <summary>Framer (<c>driver.rs</c>) or raw PHY (<c>phy_driver.rs</c>).</summary>
    public Ieee802154DriverMode Mode { get; }

    /// <inheritdoc/>
    public uint DriverNumber => Number;

    /// <inheritdoc/>
    public int UpcallCount => 2;

    /// <inheritdoc/>
    public int ReadWriteAllowCount => 2;

    /// <inheritdoc/>
    public int ReadOnlyAllowCount => 1;

    /// <inheritdoc/>
    public int GrantBytes => 32;

    /// <summary>Frames handed to the radio.</summary>
    public long FramesSent { get; private set; }

    /// <inheritdoc/>
    public CommandResult Command(TockProcess process, uint command, uint argument1, uint argument2)
    {
        ArgumentNullException.ThrowIfNull(process);
        switch (command)
        {
            case 0:
                return CommandResult.Success();
            case 1:
                return _radio.IsOn ? CommandResult.Success(10) : CommandResult.Failure(ErrorCode.Off, 10);
            case >= 2 and <= 25 when Mode == Ieee802154DriverMode.Framer:
                return CommandResult.Success(30);
            case 26 when Mode == Ieee802154DriverMode.Framer:
                return Transmit(process, argument1, raw: false);
            case 27 when Mode == Ieee802154DriverMode.RawPhy:
                return Transmit(process, 0xFFFF, raw: true);
            case 30:
                return _radio.IsOn ? CommandResult.Success(20) : CommandResult.Success(_radio.PowerOn());
            case 31 when Mode == Ieee802154DriverMode.RawPhy:
                return _radio.IsOn ? CommandResult.Success(_radio.PowerOff()) : CommandResult.Failure(ErrorCode.Already);
            default:
                return CommandResult.Failure(ErrorCode.NoSupport);
        }
    }

    private CommandResult Transmit(TockProcess process, uint destination, bool raw)
    {
        if (!_kernel.EnterGrant(process, Number))
        {
            return CommandResult.Failure(ErrorCode.NoMem);
        }

        if (!_radio.IsOn)
        {
            return CommandResult.Failure(ErrorCode.Off);
        }

        if (ReferenceEquals(_sending, process) || _pending.Any(p => ReferenceEquals(p.Process, process)))
        {
            return CommandResult.Failure(ErrorCode.Busy);
        }

        (uint _, uint payload) = process.Allowed(Number, 0, SyscallClass.ReadOnlyAllow);
        int psdu = (raw ? 0 : MacHeaderBytes) + (int)payload + FcsBytes;
        if (psdu > 127)
        {
            return CommandResult.Failure(ErrorCode.Size);
        }

        _pending.Enqueue((process, psdu, destination != 0xFFFF));
        long cycles = 400; // framer: header construction and copy into the radio buffer
        if (_sending is null)
        {
            cycles += StartNext();
        }

        return CommandResult.Success(cycles);
    }

    private long StartNext()
    {
        if (!_pending.TryDequeue(out (TockProcess Process, int Psdu, bool Ack) next))
        {
            _sending = null;
            return 0;
        }

        _sending = next.Process;
        FramesSent++;
        return _radio.Transmit(next.Psdu, next.Ack, acked =>
        {
            TockProcess sender = _sending!;
            _kernel.ScheduleUpcall(sender, new UpcallId(Number, 1), 0, acked ? 1u : 0u, 0);
            StartNext();
        });
    }
}
