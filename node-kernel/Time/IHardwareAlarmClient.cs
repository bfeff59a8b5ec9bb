namespace SensorNet.NodeKernel.Time;

/// <summary>Receives compare matches of a hardware or virtual alarm, in the kernel's bottom half.</summary>
public interface IHardwareAlarmClient
{
    /// <summary>The alarm expired.</summary>
    /// <returns>CPU cycles the client's work takes.</returns>
    long AlarmFired();
}
