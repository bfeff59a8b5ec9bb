using SensorNet.NodeKernel.Hardware;
using SensorNet.NodeKernel.Kernel;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Tests.Support;

/// <summary>
/// A peripheral on one interrupt line: raises it at chosen times (the top half only marks it pending) and records
/// when the kernel ran its bottom half.
/// </summary>
internal sealed class FakeInterruptSource : IInterruptHandler
{
    private readonly TockKernel _kernel;
    private readonly TimedActions _timer;

    public FakeInterruptSource(TockKernel kernel, int irq, long serviceCycles = 0, List<string>? log = null)
    {
        _kernel = kernel;
        Irq = irq;
        ServiceCycles = serviceCycles;
        Log = log ?? [];
        _timer = new TimedActions(kernel.Simulation);
        kernel.Interrupts.Register(irq, this);
    }

    public int Irq { get; }

    /// <summary>CPU cycles the bottom half's own work takes.</summary>
    public long ServiceCycles { get; set; }

    /// <summary>Runs in the bottom half.</summary>
    public Action? OnService { get; set; }

    /// <summary>Times the bottom half ran.</summary>
    public List<SimTime> ServicedAt { get; } = [];

    /// <summary>A shared log: "irq{line}" is appended when the bottom half runs.</summary>
    public List<string> Log { get; }

    /// <summary>Raises the line now.</summary>
    public void Raise() => _kernel.Interrupts.Raise(Irq);

    /// <summary>Raises the line at <paramref name="microseconds"/> µs from the start.</summary>
    public void RaiseAtMicroseconds(long microseconds) => _timer.AtMicroseconds(microseconds, Raise);

    long IInterruptHandler.Service()
    {
        ServicedAt.Add(_kernel.Now);
        Log.Add($"irq{Irq}");
        OnService?.Invoke();
        return ServiceCycles;
    }
}
