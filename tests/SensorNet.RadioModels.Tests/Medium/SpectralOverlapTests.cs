using SensorNet.RadioModels.Medium;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.RadioModels.Tests.Medium;

public class SpectralOverlapTests
{
    private static double F(double rxMhz, double rxBwMhz, double ifMhz, double ifBwMhz) =>
        SpectralOverlap.Fraction(Hertz.FromMegahertz(rxMhz), Hertz.FromMegahertz(rxBwMhz), Hertz.FromMegahertz(ifMhz), Hertz.FromMegahertz(ifBwMhz));

    [Fact]
    public void IdenticalBands_OverlapFully() => Assert.Equal(1.0, F(2480, 2, 2480, 2));

    [Fact]
    public void OneMegahertzOffset_OfTwoMegahertzBands_IsHalf() =>
        // 802.15.4 channel 15 (2425 ± 1 MHz) and BLE channel 38 (2426 ± 1 MHz) share [2425, 2426].
        Assert.Equal(0.5, F(2425, 2, 2426, 2), 12);

    [Fact]
    public void TouchingOrDisjointBands_DoNotOverlap()
    {
        Assert.Equal(0.0, F(2405, 2, 2403, 2)); // touch at 2404 MHz
        Assert.Equal(0.0, F(2405, 2, 2402, 2)); // 802.15.4 channel 11 vs BLE 37
        Assert.Equal(0.0, F(2455, 2, 2480, 2));
    }

    [Fact]
    public void NarrowInterfererInsideWideChannel_FallsInWhole_WideInterfererOnlyInPart()
    {
        Assert.Equal(1.0, F(2440, 20, 2441, 2));
        Assert.Equal(0.1, F(2441, 2, 2440, 20), 12);
    }

    [Fact]
    public void NonPositiveBandwidth_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => F(2440, 2, 2440, 0));
}
