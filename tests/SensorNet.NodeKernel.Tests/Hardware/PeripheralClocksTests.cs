using SensorNet.NodeKernel.Hardware;

namespace SensorNet.NodeKernel.Tests.Hardware;

public class PeripheralClocksTests
{
    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Clock_RejectsABlankName(string name)
    {
        Assert.Throws<ArgumentException>(() => new PeripheralClocks().Clock(name));
    }

    [Fact]
    public void Clock_ReturnsOneHandlePerName_AndHoldsByNameAndByHandleCountTogether()
    {
        var clocks = new PeripheralClocks();
        PeripheralClock spi = clocks.Clock("PBA.SPI");

        Assert.Same(spi, clocks.Clock("PBA.SPI"));
        clocks.Hold(spi);
        clocks.Hold("PBA.SPI");
        Assert.Equal(2, spi.Holds);
        Assert.Equal(1, clocks.BlockingClocksHeld); // reference counted: one clock, held twice

        clocks.Release("PBA.SPI");
        Assert.True(clocks.IsHeld("PBA.SPI"));
        clocks.Release(spi);
        Assert.False(clocks.IsHeld("PBA.SPI"));
        Assert.Equal(0, clocks.BlockingClocksHeld);
    }

    [Fact]
    public void BlockingClocksHeld_LeavesOutTheAllowedClocksAndBusesPbcAndPbd()
    {
        var clocks = new PeripheralClocks(["PBA.USART2"]);
        PeripheralClock[] held = [clocks.Clock("PBA.USART2"), clocks.Clock("PBC.GPIO"), clocks.Clock("PBD.AST"), clocks.Clock("HSB.PDCA")];

        foreach (PeripheralClock clock in held)
        {
            clocks.Hold(clock);
        }

        Assert.Equal([false, false, false, true], held.Select(c => c.BlocksDeepSleep));
        Assert.Equal(1, clocks.BlockingClocksHeld);
        Assert.Equal(["HSB.PDCA", "PBA.USART2", "PBC.GPIO", "PBD.AST"], clocks.Held);
    }

    [Fact]
    public void Held_ListsOnlyClocksWithAHold_ThoughLookingOneUpRegistersIt()
    {
        var clocks = new PeripheralClocks();
        clocks.Clock("PBA.TWIM0");
        clocks.Hold("PBA.ADCIFE");

        Assert.Equal(["PBA.ADCIFE"], clocks.Held);
        Assert.False(clocks.IsHeld("PBA.TWIM0"));
        Assert.False(clocks.IsHeld("PBA.NEVER"));
    }

    [Fact]
    public void Release_WithoutAHold_Throws()
    {
        var clocks = new PeripheralClocks();
        PeripheralClock twim = clocks.Clock("PBA.TWIM1");

        Assert.Contains("PBA.TWIM1 released without a hold", Assert.Throws<InvalidOperationException>(() => clocks.Release(twim)).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => clocks.Release("PBA.TWIM1"));
        Assert.Equal(0, twim.Holds);
    }

    [Fact]
    public void AClockOfAnotherNode_IsRejected()
    {
        var mine = new PeripheralClocks();
        var theirs = new PeripheralClocks();
        PeripheralClock foreign = theirs.Clock("PBA.SPI");

        Assert.Throws<ArgumentException>(() => mine.Hold(foreign));
        Assert.Throws<ArgumentException>(() => mine.Release(foreign));
        Assert.Equal(0, foreign.Holds);
        Assert.Equal(0, mine.BlockingClocksHeld);
    }
}
