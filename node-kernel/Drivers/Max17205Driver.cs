using SensorNet.Energy;
using SensorNet.Energy.Accounting;
using SensorNet.NodeKernel.Hardware;
using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Syscalls;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Drivers;

/// <summary>
/// The MAX17205 fuel-gauge driver, 0x80001 (tock/tock <c>capsules/extra/src/max17205.rs</c>): command 1 = status,
/// 2 = state of charge, 3 = voltage and current, 4 = raw coulomb count, 5 = ROM id; each is a sequence of I2C
/// register reads and ends with upcall 0 (status code, value, value). The first process to use it owns it; others get
/// NOMEM while the owner lives. Values come from the node's storage in the chip's register units: RepSOC %/256,
/// RepCap and FullCapRep 0.5 mAh, Batt 1.25 mV, Current 156.25 µA (two's complement).
/// </summary>
/// <remarks>
/// I2C at 400 kHz, 9 bit times per byte, the I2C master's clock held during transfers. The gauge reports the storage
/// exactly (no fuel-gauge model error); voltage is the storage model's terminal voltage, which also converts its joules to the gauge's mAh.
/// </remarks>
public sealed class Max17205Driver : ISyscallDriver, IInterruptHandler, IEventHandler
{
    /// <summary>Driver number.</summary>
    public const uint Number = 0x80001;

    private readonly TockKernel _kernel;
    private readonly NodeEnergy _energy;
    private readonly int _irq;
    private readonly PeripheralClock _i2cClock;
    private readonly Queue<int> _transfers = new();
    private TockProcess? _owner;
    private Func<(uint A, uint B)>? _result;

    /// <summary>Creates the driver for the node's storage on I2C interrupt line <paramref name="irq"/> and installs it.</summary>
    public Max17205Driver(TockKernel kernel, NodeEnergy energy, int irq, string i2cClock = "PBA.TWIM1")
    {
        _kernel = kernel ?? throw new ArgumentNullException(nameof(kernel));
        _energy = energy ?? throw new ArgumentNullException(nameof(energy));
        _irq = irq;
        _i2cClock = kernel.Clocks.Clock(i2cClock);
        kernel.Interrupts.Register(irq, this);
        kernel.AddDriver(this);
    }

    /// <inheritdoc/>
    public uint DriverNumber => Number;

    /// <inheritdoc/>
    public int UpcallCount => 1;

    /// <inheritdoc/>
    public int ReadWriteAllowCount => 0;

    /// <inheritdoc/>
    public int ReadOnlyAllowCount => 0;

    /// <inheritdoc/>
    public int GrantBytes => 0;

    /// <summary>State of charge in RepSOC units (%/256).</summary>
    public uint StateOfChargeRegister
    {
        get
        {
            IEnergyStorage s = _energy.Storage;
            double full = s.Capacity.Value;
            return full <= 0 ? 0 : (uint)Math.Clamp(Math.Round(s.Stored.Value / full * 100 * 256), 0, ushort.MaxValue);
        }
    }

    /// <inheritdoc/>
    public CommandResult Command(TockProcess process, uint command, uint argument1, uint argument2)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (command == 0)
        {
            return CommandResult.Success();
        }

        if (_owner is not null && _owner != process && _owner.IsAlive)
        {
            return CommandResult.Failure(ErrorCode.NoMem);
        }

        if (!_kernel.EnterGrant(process, Number))
        {
            return CommandResult.Failure(ErrorCode.NoMem);
        }

        _owner = process;
        if (_result is not null)
        {
            return CommandResult.Failure(ErrorCode.Busy);
        }

        // Register reads as max17205.rs sequences them: write the register address, read the bytes.
        (int[] Transfers, Func<(uint, uint)> Result)? plan = command switch
        {
            1 => ([2, 2], () => (0u, 0u)),
            2 => ([1, 4, 1, 2], StateOfCharge),
            3 => ([1, 2, 1, 2], VoltageCurrent),
            4 => ([1, 2], () => (Coulombs(), 0u)),
            5 => ([1, 8], () => (0x1720_5000u, 0x0000_0001u)),
            _ => null,
        };
        if (plan is not { } p)
        {
            return CommandResult.Failure(ErrorCode.NoSupport);
        }

        (int[] transfers, Func<(uint, uint)> result) = p;

        _result = result;
        foreach (int bytes in transfers)
        {
            _transfers.Enqueue(bytes);
        }

        StartTransfer(_transfers.Dequeue());
        return CommandResult.Success(80);
    }

    /// <inheritdoc/>
    void IEventHandler.OnEvent(SimTime now, long tag)
    {
        _kernel.Clocks.Release(_i2cClock);
        _kernel.Interrupts.Raise(_irq);
    }

    /// <inheritdoc/>
    long IInterruptHandler.Service()
    {
        if (_transfers.Count > 0)
        {
            StartTransfer(_transfers.Dequeue());
            return 60;
        }

        (uint a, uint b) = _result!();
        _result = null;
        if (_owner is { } owner)
        {
            _kernel.ScheduleUpcall(owner, new UpcallId(Number, 0), 0, a, b);
        }

        return 80;
    }

    // Energy to charge at the present terminal voltage (the gauge counts coulombs; storage models count joules).
    private static uint HalfMilliampHours(Joules energy, Volts voltage) =>
        voltage.Value > 0 ? (uint)Math.Clamp(Math.Round(energy.Value / (3.6 * voltage.Value) * 2), 0, ushort.MaxValue) : 0;

    // (percent in %/256, RepCap << 16 | FullCapRep in 0.5 mAh units)
    private (uint, uint) StateOfCharge()
    {
        IEnergyStorage s = _energy.Storage;
        uint capacity = HalfMilliampHours(s.Stored, s.Voltage);
        uint full = HalfMilliampHours(s.Capacity, s.Voltage);
        return (StateOfChargeRegister, (capacity << 16) | full);
    }

    // (Batt in 1.25 mV units, Current in 156.25 µA units, negative when discharging)
    private (uint, uint) VoltageCurrent()
    {
        Volts v = _energy.Storage.Voltage;
        double amperes = v.Value > 0 ? _energy.Draw.Value / v.Value : 0;
        uint voltage = (uint)Math.Clamp(Math.Round(v.Value / 1.25e-3), 0, ushort.MaxValue);
        short current = (short)Math.Clamp(Math.Round(-amperes / 156.25e-6), short.MinValue, short.MaxValue);
        return (voltage, (ushort)current);
    }

    private uint Coulombs() => HalfMilliampHours(_energy.Storage.Stored, _energy.Storage.Voltage);

    private void StartTransfer(int bytes)
    {
        _kernel.Clocks.Hold(_i2cClock);
        _kernel.Simulation.ScheduleAfter(Si7021.I2cTransfer(bytes + 1), this);
    }
}
