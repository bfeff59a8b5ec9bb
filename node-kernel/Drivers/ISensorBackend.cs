namespace SensorNet.NodeKernel.Drivers;

/// <summary>The hardware side of a sensor driver: starts a measurement and reports the value when done.</summary>
public interface ISensorBackend
{
    /// <summary>True while a measurement is in progress.</summary>
    bool IsBusy { get; }

    /// <summary>Starts a measurement; <paramref name="done"/> runs in the kernel's bottom half with the value.</summary>
    /// <returns>CPU cycles the driver spends starting it.</returns>
    long StartMeasurement(Action<int> done);
}
