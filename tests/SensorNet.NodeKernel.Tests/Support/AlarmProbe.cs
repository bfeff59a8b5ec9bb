using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Time;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Tests.Support;

/// <summary>A kernel capsule holding one virtual alarm of the mux; records when it fired (in the bottom half).</summary>
internal sealed class AlarmProbe : IHardwareAlarmClient
{
    private readonly TockKernel _kernel;

    public AlarmProbe(TockKernel kernel, string name)
    {
        _kernel = kernel;
        Alarm = kernel.AlarmMux.Create(this, name);
    }

    public VirtualAlarm Alarm { get; }

    public List<SimTime> FiredAt { get; } = [];

    long IHardwareAlarmClient.AlarmFired()
    {
        FiredAt.Add(_kernel.Now);
        return 0;
    }
}
