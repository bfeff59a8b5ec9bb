using System.Text.Json;

namespace SensorNet.Architecture.Tests;

public class RuntimeSettingsTests
{
    [Fact]
    public void Tool_RuntimeConfig_CarriesTheTieringSettings()
    {
        // eng/Tiering.targets: a sweep or a run started any way (dotnet run, the apphost, dotnet sensornet.dll) gets them.
        using JsonDocument config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "sensornet.runtimeconfig.json")));
        JsonElement properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.Equal(1000, properties.GetProperty("System.Runtime.TieredCompilation.CallCountThreshold").GetInt32());
        Assert.Equal(0, properties.GetProperty("System.Runtime.TieredCompilation.CallCountingDelayMs").GetInt32());
    }
}
