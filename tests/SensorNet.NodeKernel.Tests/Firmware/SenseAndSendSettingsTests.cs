using SensorNet.NodeKernel.Firmware;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Tests.Firmware;

public class SenseAndSendSettingsTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(10, 5)]
    [InlineData(10, -1)]
    public void Validate_InconsistentPeriodOrJitter_Throws(long periodS, long jitterS)
    {
        var s = new SenseAndSendSettings(SimDuration.FromSeconds(periodS), SimDuration.FromSeconds(jitterS), 10, 0, 0);
        Assert.Throws<ArgumentOutOfRangeException>(s.Validate);
    }

    [Fact]
    public void Validate_ConsistentSettings_DoesNotThrow()
    {
        new SenseAndSendSettings(SimDuration.FromSeconds(10), SimDuration.FromSeconds(4), 10, 100, 100).Validate();
    }
}
