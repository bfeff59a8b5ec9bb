using SensorNet.RadioModels.LoRa;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.RadioModels.Tests.LoRa;

public class LoRaTimeOnAirTests
{
    // Published vectors (models.md §1.1, grade P): ns-3 lorawan TimeOnAirTest first case and TTN pkg/toa/toa_test.go.
    [Theory]
    [InlineData(LoRaChipFamily.Sx127x)]
    [InlineData(LoRaChipFamily.Sx126x)]
    public void Compute_Sf7Bw125Pl10_Is41216Microseconds(LoRaChipFamily chip)
    {
        LoRaAirtime a = LoRaTimeOnAir.Compute(new LoRaModulation(7, Hertz.FromKilohertz(125), 1), 10, chip);

        Assert.Equal(41.216e-3, a.AirtimeSeconds, 12);
        Assert.False(a.LdroApplied);
        Assert.Equal(41_216_000, a.Duration.Nanoseconds);
    }

    [Fact]
    public void Compute_Sf12Bw125Pl10_LdroAutomaticallyOn_Is991232Microseconds()
    {
        LoRaAirtime a = LoRaTimeOnAir.Compute(new LoRaModulation(12, Hertz.FromKilohertz(125), 1), 10, LoRaChipFamily.Sx127x);

        Assert.True(a.LdroApplied);
        Assert.Equal(991.232e-3, a.AirtimeSeconds, 12);
    }

    // SX126x table (models.md §1.2): values from the LoRaMac-node RadioGetLoRaTimeOnAirNumerator rules.
    [Theory]
    [InlineData(12, 125, 64, 8, true, 2793.472)]
    [InlineData(12, 250, 10, 8, true, 495.616)]
    [InlineData(6, 125, 10, 8, true, 23.680)]
    [InlineData(5, 125, 10, 8, true, 13.120)]
    [InlineData(6, 125, 10, 12, false, 21.120)]
    [InlineData(5, 500, 10, 12, true, 3.280)]
    public void Compute_Sx126xTable_MatchesReference(int sf, double bwKhz, int payload, int preamble, bool explicitHeader, double expectedMs)
    {
        var m = new LoRaModulation(sf, Hertz.FromKilohertz(bwKhz), 1, preamble, explicitHeader);

        LoRaAirtime a = LoRaTimeOnAir.Compute(m, payload, LoRaChipFamily.Sx126x);

        Assert.Equal(expectedMs, a.AirtimeSeconds * 1e3, 9);
    }

    [Theory]
    [InlineData(10, 125, false)]
    [InlineData(11, 125, true)]
    [InlineData(12, 125, true)]
    [InlineData(11, 250, false)]
    [InlineData(12, 250, true)]
    [InlineData(12, 500, false)]
    public void LdroAuto_FollowsTheSixteenMillisecondSymbolRule(int sf, double bwKhz, bool expected)
    {
        Assert.Equal(expected, new LoRaModulation(sf, Hertz.FromKilohertz(bwKhz), 1).LdroApplied);
    }

    [Fact]
    public void Compute_LdroForcedOff_ShortensSf12Frame()
    {
        // Hand calculation, SF12, PL 30, CR 4/5, CRC on, explicit header: numerator 8·30 − 48 + 28 + 16 = 236.
        // DE 0: ceil(236 / 48) = 5 blocks → 8 + 25 = 33 symbols; DE 1: ceil(236 / 40) = 6 blocks → 8 + 30 = 38 symbols.
        var off = new LoRaModulation(12, Hertz.FromKilohertz(125), 1, ldro: LdroMode.Off);
        var on = new LoRaModulation(12, Hertz.FromKilohertz(125), 1, ldro: LdroMode.On);

        Assert.Equal(33, LoRaTimeOnAir.Compute(off, 30, LoRaChipFamily.Sx127x).PayloadSymbols);
        Assert.Equal(38, LoRaTimeOnAir.Compute(on, 30, LoRaChipFamily.Sx127x).PayloadSymbols);
        Assert.Equal((8 + 4.25 + 33) * 0.032768, LoRaTimeOnAir.Compute(off, 30, LoRaChipFamily.Sx127x).AirtimeSeconds, 12);
    }

    [Fact]
    public void Compute_Sx127xSf6WithExplicitHeader_Throws()
    {
        var m = new LoRaModulation(6, Hertz.FromKilohertz(125), 1);
        Assert.Throws<ArgumentException>(() => LoRaTimeOnAir.Compute(m, 10, LoRaChipFamily.Sx127x));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(256)]
    public void Compute_PayloadOutOfRange_Throws(int payload)
    {
        var m = new LoRaModulation(7, Hertz.FromKilohertz(125), 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => LoRaTimeOnAir.Compute(m, payload, LoRaChipFamily.Sx127x));
    }

    [Theory]
    [InlineData(4, 125, 1)]
    [InlineData(13, 125, 1)]
    [InlineData(7, 0, 1)]
    [InlineData(7, 125, 0)]
    [InlineData(7, 125, 5)]
    public void Modulation_InvalidParameters_Throw(int sf, double bwKhz, int cr)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LoRaModulation(sf, Hertz.FromKilohertz(bwKhz), cr));
    }
}
