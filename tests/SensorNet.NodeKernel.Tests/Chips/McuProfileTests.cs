using SensorNet.NodeKernel.Chips;

namespace SensorNet.NodeKernel.Tests.Chips;

public class McuProfileTests
{
    [Fact]
    public void Nrf52840_SleepMatchesTockIdleObservation()
    {
        // tock/tock doc/wg/core/notes/core-notes-2024-09-06.md: an idle nRF52 board draws about 200 µA with the HFXO on.
        Assert.Equal(200e-6, McuProfile.Nrf52840.Sleep.Value, 12);
        Assert.Equal(64e6, McuProfile.Nrf52840.Clock.Value);
    }

    [Theory]
    [InlineData("nrf52840")]
    [InlineData("NRF52840")]
    [InlineData("apollo3")]
    public void ByName_KnownChip_IsFound(string name)
    {
        Assert.Equal(name.ToLowerInvariant(), McuProfile.ByName(name).Name);
    }

    [Fact]
    public void ByName_UnknownChip_ListsTheKnownOnes()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => McuProfile.ByName("esp8266"));
        Assert.Contains("nrf52840", e.Message, StringComparison.Ordinal);
    }
}
