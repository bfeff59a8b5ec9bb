namespace SensorNet.NodeKernel.Hardware;

/// <summary>A driver's interrupt bottom half, run by the kernel loop.</summary>
public interface IInterruptHandler
{
    /// <summary>Services the interrupt.</summary>
    /// <returns>CPU cycles the handler's own work takes, on top of the kernel's fixed bottom-half cost.</returns>
    long Service();
}
