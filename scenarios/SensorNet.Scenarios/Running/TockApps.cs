using SensorNet.NodeKernel.Apps;
using SensorNet.NodeKernel.Userspace;
using SensorNet.NodeKernel.Userspace.RadioLib;

namespace SensorNet.Scenarios.Running;

/// <summary>Creates the built-in Tock apps a scenario names.</summary>
internal static class TockApps
{
    public static UserProgram Create(TockAppConfig app)
    {
        uint periodMs = (uint)app.Period.TotalMilliseconds;
        return app.Kind switch
        {
            "blink" => new BlinkApp(periodMs),
            "sense" => new SenseApp(app.Style, periodMs, readHumidity: false, print: app.Print),
            "senseAndSend154" => new SenseAndSend154App(app.Style, periodMs, (uint)app.PayloadBytes),
            "button" => new ButtonApp(),
            "busyLoop" => new BusyLoopApp(),
            "energyAware" => new EnergyAwareApp(periodMs),
            "bleSense" => new BleSenseApp(periodMs),
            "faulting" => new FaultingApp(),
            "loraSense" => new LoRaSenseApp(app.LoRaMode, periodMs, app.PayloadBytes, readSensors: true, new RadioLibLoRaSettings { SpreadingFactor = app.SpreadingFactor }),
            _ => throw new InvalidOperationException($"Unknown app kind '{app.Kind}'."),
        };
    }
}
