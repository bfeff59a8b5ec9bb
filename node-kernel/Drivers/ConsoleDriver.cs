using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Syscalls;

namespace SensorNet.NodeKernel.Drivers;

/// <summary>
/// Console driver, 0x1 (tock/tock <c>capsules/core/src/console.rs</c>): read-only allow 1 is the write buffer,
/// read-write allow 1 the read buffer; command 1 = write(len), 2 = read(len), 3 = abort read; upcall 1 = write done
/// (bytes written), upcall 2 = read done. Writes are copied through a 64-byte kernel buffer (<c>DEFAULT_BUF_SIZE</c>)
/// to the UART chunk by chunk; one write per process is outstanding (BUSY otherwise) and processes are served in
/// turn. An armed read keeps the UART receiving.
/// </summary>
public sealed class ConsoleDriver : ISyscallDriver
{
    /// <summary>Driver number.</summary>
    public const uint Number = 0x1;

    /// <summary>Kernel buffer size (<c>DEFAULT_BUF_SIZE</c>).</summary>
    public const int KernelBufferBytes = 64;

    private readonly TockKernel _kernel;
    private readonly Uart _uart;
    private readonly Dictionary<TockProcess, int> _pendingWrites = [];
    private readonly HashSet<TockProcess> _reading = [];
    private TockProcess? _writer;
    private int _writeRemaining;
    private int _writeTotal;

    /// <summary>Creates the console on <paramref name="uart"/> and installs it.</summary>
    public ConsoleDriver(TockKernel kernel, Uart uart)
    {
        _kernel = kernel ?? throw new ArgumentNullException(nameof(kernel));
        _uart = uart ?? throw new ArgumentNullException(nameof(uart));
        kernel.AddDriver(this);
    }

    /// <inheritdoc/>
    public uint DriverNumber => Number;

    /// <inheritdoc/>
    public int UpcallCount => 3;

    /// <inheritdoc/>
    public int ReadWriteAllowCount => 2;

    /// <inheritdoc/>
    public int ReadOnlyAllowCount => 2;

    /// <inheritdoc/>
    public int GrantBytes => 16;

    /// <inheritdoc/>
    public CommandResult Command(TockProcess process, uint command, uint argument1, uint argument2)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (command == 0)
        {
            return CommandResult.Success();
        }

        if (!_kernel.EnterGrant(process, Number))
        {
            return CommandResult.Failure(ErrorCode.NoMem);
        }

        switch (command)
        {
            case 1:
                (uint _, uint allowed) = process.Allowed(Number, 1, SyscallClass.ReadOnlyAllow);
                int length = (int)Math.Min(argument1, allowed);
                if (_pendingWrites.ContainsKey(process) || ReferenceEquals(_writer, process))
                {
                    return CommandResult.Failure(ErrorCode.Busy);
                }

                _pendingWrites[process] = length;
                if (_writer is null)
                {
                    StartNextWrite();
                }

                return CommandResult.Success(50);
            case 2:
                (uint _, uint readLength) = process.Allowed(Number, 1, SyscallClass.ReadWriteAllow);
                if (readLength == 0 || argument1 == 0)
                {
                    return CommandResult.Failure(ErrorCode.Inval);
                }

                if (!_reading.Add(process))
                {
                    return CommandResult.Failure(ErrorCode.Busy);
                }

                _uart.StartReceive();
                return CommandResult.Success(40);
            case 3:
                if (_reading.Remove(process))
                {
                    _uart.StopReceive();
                    _kernel.ScheduleUpcall(process, new UpcallId(Number, 2), (uint)ErrorCode.Cancel, 0, 0);
                }

                return CommandResult.Success(30);
            default:
                return CommandResult.Failure(ErrorCode.NoSupport);
        }
    }

    private void StartNextWrite()
    {
        TockProcess? next = _kernel.Processes.FirstOrDefault(p => _pendingWrites.ContainsKey(p));
        if (next is null)
        {
            _writer = null;
            return;
        }

        _writer = next;
        _writeTotal = _pendingWrites[next];
        _writeRemaining = _writeTotal;
        _pendingWrites.Remove(next);
        SendChunk();
    }

    private void SendChunk()
    {
        int chunk = Math.Min(_writeRemaining, KernelBufferBytes);
        _writeRemaining -= chunk;
        _uart.Transmit(chunk, ChunkSent);
    }

    private void ChunkSent()
    {
        if (_writeRemaining > 0)
        {
            SendChunk();
            return;
        }

        TockProcess writer = _writer!;
        _kernel.ScheduleUpcall(writer, new UpcallId(Number, 1), (uint)_writeTotal, 0, 0);
        StartNextWrite();
    }
}
