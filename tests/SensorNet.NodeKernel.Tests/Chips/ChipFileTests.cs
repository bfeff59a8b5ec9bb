using SensorNet.NodeKernel.Chips;
using SensorNet.NodeKernel.Hardware;
using SensorNet.SimEngine.Configuration;

namespace SensorNet.NodeKernel.Tests.Chips;

public class ChipFileTests
{
    [Fact]
    public void BuiltInNames_ListTheShippedChips()
    {
        Assert.Equal(["apollo3", "esp32c3", "nrf52840", "nrf52840-hfxo-on-demand", "sam4l", "stm32wle5"], ChipFile.BuiltInNames);
    }

    [Theory]
    [InlineData("nrf52840")]
    [InlineData("nrf52840-hfxo-on-demand")]
    [InlineData("sam4l")]
    [InlineData("apollo3")]
    [InlineData("stm32wle5")]
    [InlineData("esp32c3")]
    public void BuiltIn_EveryChipLoadsAndCitesItsSources(string name)
    {
        ChipModel chip = ChipFile.BuiltIn(name);

        Assert.Equal(name, chip.Name);
        Assert.False(string.IsNullOrWhiteSpace(chip.Source));
        Assert.True(chip.Clock.Value > 0);
        Assert.Equal(chip.Deep is null ? 2 : 3, chip.PowerStates().Count);
    }

    [Fact]
    public void Nrf52840_MatchesTocksDefaultClocking()
    {
        // Tock keeps the HFXO running: WFI only, idle ≈200 µA (doc/wg/core/notes/core-notes-2024-09-06.md);
        // RTC at 32 768 Hz, 24-bit, minimum dt 10 (chips/nrf5x/src/rtc.rs).
        ChipModel chip = ChipFile.BuiltIn("nrf52840");

        Assert.Equal(SleepPolicy.WfiOnly, chip.Policy);
        Assert.Equal(200e-6, chip.Shallow.Current.Value, 12);
        Assert.Equal(new AlarmHardware(32_768, 24, 10, 17, 2), chip.Alarm);
        Assert.Equal(64e6, chip.Clock.Value);
        Assert.True(ChipFile.BuiltIn("nrf52840-hfxo-on-demand").Shallow.Current.Value < 10e-6);
    }

    [Fact]
    public void Sam4l_DeepOnlyWithoutDisallowedClocksOrGpioInterrupts()
    {
        ChipModel chip = ChipFile.BuiltIn("sam4l");
        var clocks = new PeripheralClocks(chip.DeepSleepAllowedClocks);

        Assert.Equal(ChipModel.DeepState, chip.ChooseSleepState(clocks));
        clocks.Hold("PBA.TWIS0");
        clocks.Hold("PBD.AST");
        Assert.Equal(ChipModel.DeepState, chip.ChooseSleepState(clocks));
        clocks.Hold("PBA.USART2");
        Assert.Equal(ChipModel.ShallowState, chip.ChooseSleepState(clocks));
        clocks.Release("PBA.USART2");
        clocks.EnableGpioInterrupt();
        Assert.Equal(ChipModel.ShallowState, chip.ChooseSleepState(clocks));
        clocks.DisableGpioInterrupt();
        Assert.Equal(ChipModel.DeepState, chip.ChooseSleepState(clocks));
    }

    [Fact]
    public void Parse_EditedCopy_TakesTheEdits()
    {
        string text = ChipFile.BuiltInText("nrf52840").Replace("current: 200 uA", "current: 150 uA", StringComparison.Ordinal);

        ChipModel chip = ChipFile.Parse(text, "my-nrf.yaml");

        Assert.Equal(150e-6, chip.Shallow.Current.Value, 12);
    }

    [Theory]
    [InlineData("clock: 64 MHz", "clock: 64", "clock", "with a unit")]
    [InlineData("sleepPolicy: wfiOnly", "sleepPolicy: hibernate", "sleepPolicy", "wfiOnly, alwaysDeep")]
    [InlineData("  width: 24", "  width: 99", "alarm.width", "[8, 62]")]
    [InlineData("  frequency: 32768 Hz", "  frequency: 2 GHz", "alarm.frequency", "at most 1 GHz")]
    [InlineData("  current: 200 uA", "  curent: 200 uA", "shallowSleep.curent", "did you mean 'current'?")]
    [InlineData("sleepPolicy: wfiOnly", "sleepPolicy: alwaysDeep", "deepSleep", "uses a deep sleep state")]
    public void Parse_InvalidChipFile_NamesTheField(string from, string to, string path, string expected)
    {
        string text = ChipFile.BuiltInText("nrf52840").Replace(from, to, StringComparison.Ordinal);

        var e = Assert.Throws<ConfigurationException>(() => ChipFile.Parse(text, "bad-chip.yaml"));

        Assert.Equal(path, e.FieldPath);
        Assert.StartsWith("bad-chip.yaml:", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BuiltIn_Unknown_ListsKnownChips()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => ChipFile.BuiltIn("z80"));
        Assert.Contains("sam4l", e.Message, StringComparison.Ordinal);
    }
}
