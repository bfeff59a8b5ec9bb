using SensorNet.NodeKernel.Hardware;
using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Syscalls;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Drivers;

/// <summary>
/// The userspace SPI controller driver, tock/tock <c>capsules/core/src/spi_controller.rs</c> (<c>Spi</c>), as boards
/// instantiate it for a LoRa radio under driver number <c>LoRaPhySPI</c> 0x30003 (<c>capsules/core/src/driver.rs</c>;
/// <c>boards/apollo3/lora_things_plus</c>, <c>boards/lora_e5_mini</c>) or for a general bus under <c>Spi</c> 0x20001.
/// Read-only allow 0 = write buffer, read-write allow 0 = read buffer (optional for command 2); command 2 = read/write
/// <c>len</c> bytes, 11 = read (0xFF clocked out), 12 = in-place read/write of the read buffer; each ends with upcall 0
/// = (len, 0, 0). One transfer at a time (BUSY otherwise); the first process to use the driver owns it and others get
/// NOMEM while it lives (<c>current_process</c>).
/// </summary>
/// <remarks>
/// <para><b>Timing:</b> the bytes go through a kernel buffer of <see cref="KernelBufferBytes"/> (1024,
/// <c>DEFAULT_READ_BUF_LENGTH</c>/<c>DEFAULT_WRITE_BUF_LENGTH</c>); each chunk is one HAL transfer of 8 bit times per
/// byte at the bus clock, with chip select asserted for the chunk, and ends with the controller's interrupt, whose
/// bottom half copies the received bytes into the read buffer and starts the next chunk or schedules the upcall. The
/// bus clock is the board's function of the requested rate (command 5; initially 100 000 Hz, the
/// <c>VirtualSpiMasterDevice::new</c> default in <c>capsules/core/src/virtualizers/virtual_spi.rs</c>), because chips
/// round rates very differently. Driver work: 120 cycles to start a chunk, 80 + 2 per byte in the bottom half (U).</para>
/// <para><b>Scope and limitations:</b> command 3/4 (chip select) answer NOSUPPORT as at the cited commit ("XXX: TODO: do
/// nothing"); commands 11 and 12 transfer <c>len</c> bytes (the capsule sizes those chunks by the read buffer, which
/// never completes for <c>len</c> shorter than the buffer: not reproduced); if the owner dies mid-transfer the
/// driver frees itself (Tock would stay BUSY); no SPI peripheral current (only its clock is held, for sleep
/// policies that look at clocks).</para>
/// <para><b>Validation:</b> SpiControllerDriverTests (BUSY, INVAL, NOMEM, timing, bytes in both directions) and
/// LoRaTests (6 syscalls per <c>libtocksync_lora_phy_read_write</c>).</para>
/// </remarks>
public sealed class SpiControllerDriver : ISyscallDriver, IInterruptHandler, IEventHandler
{
    /// <summary><c>LoRaPhySPI</c>.</summary>
    public const uint LoRaPhySpiNumber = 0x30003;

    /// <summary><c>Spi</c>.</summary>
    public const uint SpiNumber = 0x20001;

    /// <summary>The initial requested rate of a virtual SPI device, in Hz (<c>virtual_spi.rs</c>, <c>rate: 100_000</c>).</summary>
    public const uint DefaultRateHz = 100_000;

    private const long StartCycles = 120;

    private readonly TockKernel _kernel;
    private readonly ISpiDevice _device;
    private readonly int _irq;
    private readonly Func<uint, long> _busClockHz;
    private readonly PeripheralClock? _clock;
    private TockProcess? _owner;
    private int _ownerRestarts;
    private Operation _operation;
    private int _length;
    private int _index;
    private byte[] _mosi = []; // the kernel buffer, reused for every transfer; grown to the largest chunk so far
    private byte[] _miso = [];
    private int _chunk; // bytes of the transfer in progress, in _mosi and _miso
    private bool _transferring;
    private bool _phaseTrailing;
    private bool _polarityHigh;

    /// <summary>Creates the driver and installs it.</summary>
    /// <param name="kernel">The node's kernel.</param>
    /// <param name="device">The chip on the bus.</param>
    /// <param name="irq">Interrupt line of the SPI controller (e.g. Apollo3 IOMSTR3 = 9, STM32WLE5 SUBGHZ_SPI = 44).</param>
    /// <param name="busClockHz">The bus clock, in Hz, a requested rate results in on this chip; ≤ 0 means the chip
    /// refuses the rate (NOSUPPORT).</param>
    /// <param name="number">Driver number: <see cref="LoRaPhySpiNumber"/> or <see cref="SpiNumber"/>.</param>
    /// <param name="clock">Peripheral clock held during transfers, if the sleep policy should see it.</param>
    /// <param name="kernelBufferBytes">Kernel buffer size, in bytes.</param>
    public SpiControllerDriver(TockKernel kernel, ISpiDevice device, int irq, Func<uint, long> busClockHz, uint number = LoRaPhySpiNumber, string? clock = null, int kernelBufferBytes = 1024)
    {
        _kernel = kernel ?? throw new ArgumentNullException(nameof(kernel));
        _device = device ?? throw new ArgumentNullException(nameof(device));
        _busClockHz = busClockHz ?? throw new ArgumentNullException(nameof(busClockHz));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelBufferBytes);
        _irq = irq;
        _clock = clock is null ? null : kernel.Clocks.Clock(clock);
        DriverNumber = number;
        KernelBufferBytes = kernelBufferBytes;
        RequestedRateHz = DefaultRateHz;
        BusClockHz = busClockHz(DefaultRateHz);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BusClockHz, nameof(busClockHz));
        kernel.Interrupts.Register(irq, this);
        kernel.AddDriver(this);
    }

    private enum Operation
    {
        ReadWrite,
        Read,
        InPlace,
    }

    /// <inheritdoc/>
    public uint DriverNumber { get; }

    /// <inheritdoc/>
    public int UpcallCount => 1;

    /// <inheritdoc/>
    public int ReadWriteAllowCount => 1;

    /// <inheritdoc/>
    public int ReadOnlyAllowCount => 1;

    /// <inheritdoc/>
    public int GrantBytes => 8;

    /// <summary>Kernel buffer size: the largest HAL transfer, in bytes.</summary>
    public int KernelBufferBytes { get; }

    /// <summary>The rate userspace asked for (command 5), in Hz.</summary>
    public uint RequestedRateHz { get; private set; }

    /// <summary>The bus clock in force, in Hz.</summary>
    public long BusClockHz { get; private set; }

    /// <summary>True while a userspace operation is in progress.</summary>
    public bool IsBusy { get; private set; }

    /// <summary>HAL transfers (chip-select windows) made.</summary>
    public long Transfers { get; private set; }

    /// <summary>Bytes clocked out.</summary>
    public long BytesTransferred { get; private set; }

    /// <summary>Userspace operations completed (upcalls scheduled).</summary>
    public long OperationsCompleted { get; private set; }

    /// <summary>Duration of a transfer of <paramref name="bytes"/> bytes at the bus clock in force: 8 bit times per byte.</summary>
    public SimDuration TransferTime(int bytes) => SimDuration.FromNanoseconds((long)Math.Ceiling(bytes * 8 * 1e9 / BusClockHz));

    /// <inheritdoc/>
    public CommandResult Command(TockProcess process, uint command, uint argument1, uint argument2)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (command == 0)
        {
            return CommandResult.Success();
        }

        // current_process: the driver is dedicated to the first process that uses it, for as long as it lives.
        if (_owner is { } owner && !ReferenceEquals(owner, process) && owner.IsAlive && owner.RestartCount == _ownerRestarts)
        {
            return CommandResult.Failure(ErrorCode.NoMem);
        }

        _owner = process;
        _ownerRestarts = process.RestartCount;
        switch (command)
        {
            case 2:
                return Start(process, Operation.ReadWrite, argument1);
            case 5:
                long bus = _busClockHz(argument1);
                if (argument1 == 0 || bus <= 0)
                {
                    return CommandResult.Failure(ErrorCode.NoSupport);
                }

                RequestedRateHz = argument1;
                BusClockHz = bus;
                return CommandResult.Success(40);
            case 6:
                return CommandResult.SuccessU32(RequestedRateHz);
            case 7:
                _phaseTrailing = argument1 != 0;
                return CommandResult.Success(20);
            case 8:
                return CommandResult.SuccessU32(_phaseTrailing ? 1u : 0u);
            case 9:
                _polarityHigh = argument1 != 0;
                return CommandResult.Success(20);
            case 10:
                return CommandResult.SuccessU32(_polarityHigh ? 1u : 0u);
            case 11:
                return Start(process, Operation.Read, argument1);
            case 12:
                return Start(process, Operation.InPlace, argument1);
            default:
                // 1 (read_write_byte, "No longer supported"), 3 and 4 (chip select, "XXX: TODO"), anything else.
                return CommandResult.Failure(ErrorCode.NoSupport);
        }
    }

    /// <inheritdoc/>
    void IEventHandler.OnEvent(SimTime now, long tag)
    {
        // Chip select released: the device acts on the bytes and returns its own.
        Span<byte> miso = _miso.AsSpan(0, _chunk);
        miso.Clear();
        _device.Transfer(_mosi.AsSpan(0, _chunk), miso);
        if (_clock is not null)
        {
            _kernel.Clocks.Release(_clock);
        }

        _kernel.Interrupts.Raise(_irq);
    }

    /// <inheritdoc/>
    long IInterruptHandler.Service()
    {
        if (!_transferring)
        {
            return 0;
        }

        _transferring = false;
        long cycles = 80 + (2L * _chunk);
        TockProcess? p = _owner;
        if (p is null || !p.IsAlive || p.RestartCount != _ownerRestarts)
        {
            IsBusy = false;
            return cycles;
        }

        CopyBack(p);
        if (_index >= _length || _chunk == 0)
        {
            IsBusy = false;
            OperationsCompleted++;
            int length = _length;
            _length = 0;
            _index = 0;
            _kernel.ScheduleUpcall(p, new UpcallId(DriverNumber, 0), (uint)length, 0, 0);
            return cycles;
        }

        StartChunk(p);
        return cycles + StartCycles;
    }

    private CommandResult Start(TockProcess process, Operation operation, uint length)
    {
        if (IsBusy)
        {
            return CommandResult.Failure(ErrorCode.Busy);
        }

        if (!_kernel.EnterGrant(process, DriverNumber))
        {
            return CommandResult.Failure(ErrorCode.Fail);
        }

        uint writeLength = process.Allowed(DriverNumber, 0, SyscallClass.ReadOnlyAllow).Length;
        uint readLength = process.Allowed(DriverNumber, 0, SyscallClass.ReadWriteAllow).Length;
        uint available = operation switch
        {
            // "Note that non-shared and 0-sized read buffers both report 0 as size"
            Operation.ReadWrite => readLength == 0 ? writeLength : Math.Min(writeLength, readLength),
            _ => readLength,
        };
        if (length == 0 || available < length)
        {
            return CommandResult.Failure(ErrorCode.Inval);
        }

        IsBusy = true;
        _operation = operation;
        _length = (int)length;
        _index = 0;
        StartChunk(process);
        return CommandResult.Success(StartCycles);
    }

    // do_next_read_write: copy the next chunk into the kernel buffer and start the HAL transfer.
    private void StartChunk(TockProcess p)
    {
        int n = Math.Min(_length - _index, KernelBufferBytes);
        if (_mosi.Length < n)
        {
            _mosi = new byte[n];
            _miso = new byte[n];
        }
        switch (_operation)
        {
            case Operation.ReadWrite:
                (uint address, uint allowed) = p.Allowed(DriverNumber, 0, SyscallClass.ReadOnlyAllow);
                int end = (int)Math.Min((long)_index + n, allowed);
                int start = Math.Min(_index, end);
                _chunk = ReadProcess(p, address + (uint)start, end - start);
                _index = start + _chunk;
                break;
            case Operation.Read:
                _chunk = n;
                _mosi.AsSpan(0, n).Fill(0xFF);
                _index += n;
                break;
            default:
                (uint readAddress, uint readAllowed) = p.Allowed(DriverNumber, 0, SyscallClass.ReadWriteAllow);
                int inPlace = (int)Math.Clamp((long)readAllowed - _index, 0, n);
                _chunk = ReadProcess(p, readAddress + (uint)_index, inPlace);
                _index += inPlace;
                break;
        }

        Transfers++;
        BytesTransferred += _chunk;
        _transferring = true;
        if (_clock is not null)
        {
            _kernel.Clocks.Hold(_clock);
        }

        _device.ChipSelected();
        _kernel.Simulation.ScheduleAfter(TransferTime(_chunk), this);
    }

    // read_write_done: the bytes received for the chunk just done go to [index − length, index) of the read buffer,
    // cut to the buffer allowed now.
    private void CopyBack(TockProcess p)
    {
        (uint address, uint allowed) = p.Allowed(DriverNumber, 0, SyscallClass.ReadWriteAllow);
        if (allowed == 0)
        {
            return;
        }

        int end = (int)Math.Min(_index, allowed);
        int start = Math.Min(_index - _chunk, end);
        int count = Math.Min(end - start, _chunk);
        if (count > 0)
        {
            p.Context.Write(address + (uint)start, _miso.AsSpan(0, count));
        }
    }

    // Copies the chunk into the kernel buffer; returns its length. A read-only buffer may lie in the app's flash, whose
    // contents are not modelled: those bytes read as zero.
    private int ReadProcess(TockProcess p, uint address, int length)
    {
        if (length <= 0)
        {
            return 0;
        }

        Span<byte> chunk = _mosi.AsSpan(0, length);
        if (p.Memory.ContainsAppBuffer(address, (uint)length) || (address >= p.Memory.Start && (ulong)address + (uint)length <= p.Memory.End))
        {
            p.Context.Read(address, chunk);
        }
        else
        {
            chunk.Clear();
        }

        return length;
    }
}
