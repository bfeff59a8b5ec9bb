using SensorNet.RadioModels.LoRa;
using SensorNet.RadioModels.LoRa.Reception;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;
using static SensorNet.RadioModels.Tests.LoRa.Reception.SignalFactory;

namespace SensorNet.RadioModels.Tests.LoRa.Reception;

public class LoRaSignalTests
{
    [Fact]
    public void PreambleSymbolBoundary_Sf7Bw125_ThreeSymbolsIs3072Microseconds()
    {
        LoRaSignal s = Sig(1, 100, 200, 7, -100);

        Assert.Equal(Ms(103.072), s.PreambleSymbolBoundary(3));
    }

    [Fact]
    public void OverlapWith_PartialAndDisjoint()
    {
        LoRaSignal a = Sig(1, 0, 100, 7, -100);

        Assert.Equal(SimDuration.FromMilliseconds(40), a.OverlapWith(Sig(2, 60, 300, 7, -100)));
        Assert.Equal(SimDuration.Zero, a.OverlapWith(Sig(3, 100, 300, 7, -100)));
    }

    [Fact]
    public void Create_FromModulationAndAirtime_SetsEndAndPreamble()
    {
        var m = new LoRaModulation(7, Hertz.FromKilohertz(125), 1, preambleSymbols: 10);
        SimDuration airtime = LoRaTimeOnAir.Compute(m, 10, LoRaChipFamily.Sx127x).Duration;

        LoRaSignal s = LoRaSignal.Create(5, Ms(10), airtime, Hertz.FromMegahertz(868.1), m, new Dbm(-90));

        Assert.Equal(Ms(10) + airtime, s.End);
        Assert.Equal(10, s.PreambleSymbols);
    }

    [Fact]
    public void Constructor_EndBeforeStart_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Sig(1, 10, 5, 7, -100));
    }
}
