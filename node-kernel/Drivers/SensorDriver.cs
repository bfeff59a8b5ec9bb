using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Syscalls;

namespace SensorNet.NodeKernel.Drivers;

/// <summary>
/// A single-value sensor driver in the style of tock/tock <c>capsules/extra/src/temperature.rs</c> and
/// <c>humidity.rs</c>: command 0 = exists, 1 = read; the reading arrives as upcall 0 with the value (hundredths of
/// °C or of %RH). A read while a measurement is running joins it; every waiting process gets the value.
/// </summary>
public sealed class SensorDriver : ISyscallDriver
{
    /// <summary>Temperature driver number.</summary>
    public const uint Temperature = 0x60000;

    /// <summary>Humidity driver number.</summary>
    public const uint Humidity = 0x60001;

    private readonly TockKernel _kernel;
    private readonly ISensorBackend _backend;
    private readonly bool[] _waiting; // by process index, as the grant each process keeps
    private readonly Action<int> _deliver; // one delegate for every measurement

    /// <summary>Creates the driver with number <paramref name="number"/> over <paramref name="backend"/> and installs it.</summary>
    public SensorDriver(TockKernel kernel, uint number, ISensorBackend backend)
    {
        _kernel = kernel ?? throw new ArgumentNullException(nameof(kernel));
        _backend = backend ?? throw new ArgumentNullException(nameof(backend));
        DriverNumber = number;
        _waiting = new bool[kernel.Options.MaxProcesses];
        _deliver = Deliver;
        kernel.AddDriver(this);
    }

    /// <inheritdoc/>
    public uint DriverNumber { get; }

    /// <inheritdoc/>
    public int UpcallCount => 1;

    /// <inheritdoc/>
    public int ReadWriteAllowCount => 0;

    /// <inheritdoc/>
    public int ReadOnlyAllowCount => 0;

    /// <inheritdoc/>
    public int GrantBytes => 4;

    /// <summary>Measurements completed.</summary>
    public long Measurements { get; private set; }

    /// <inheritdoc/>
    public CommandResult Command(TockProcess process, uint command, uint argument1, uint argument2)
    {
        ArgumentNullException.ThrowIfNull(process);
        switch (command)
        {
            case 0:
                return CommandResult.Success();
            case 1:
                if (!_kernel.EnterGrant(process, DriverNumber))
                {
                    return CommandResult.Failure(ErrorCode.NoMem);
                }

                _waiting[process.Index] = true;
                long cycles = _backend.IsBusy ? 20 : _backend.StartMeasurement(_deliver);
                return CommandResult.Success(cycles);
            default:
                return CommandResult.Failure(ErrorCode.NoSupport);
        }
    }

    private void Deliver(int value)
    {
        Measurements++;
        foreach (TockProcess p in _kernel.ProcessList)
        {
            if (_waiting[p.Index])
            {
                _waiting[p.Index] = false;
                _kernel.ScheduleUpcall(p, new UpcallId(DriverNumber, 0), unchecked((uint)value), 0, 0);
            }
        }
    }
}
