using SensorNet.RadioModels.LoRa.Reception;
using static SensorNet.RadioModels.Tests.LoRa.Reception.SignalFactory;

namespace SensorNet.RadioModels.Tests.LoRa.Reception;

public class LoRaSimCollisionTests
{
    private static readonly LoRaSimCollisionOptions Simple = new();
    private static readonly LoRaSimCollisionOptions Full = new() { FullCollision = true };

    [Fact]
    public void Simple_SameSfSameFrequencyOverlap_MarksBoth()
    {
        LoRaSignal existing = Sig(1, 0, 100, 12, -100);
        LoRaSignal arriving = Sig(2, 99, 200, 12, -60);
        LoRaSignal[] atGateway = [existing];
        var collided = new bool[1];

        Assert.Equal(LoRaSimCasualties.Both, LoRaSimCollision.CheckPair(arriving, existing, Simple));
        Assert.True(LoRaSimCollision.CheckArrival(arriving, atGateway, collided, Simple));
        Assert.True(collided[0]);
    }

    [Fact]
    public void Simple_DifferentSfOrFrequency_NoCollision()
    {
        LoRaSignal existing = Sig(1, 0, 100, 12, -100);

        Assert.Equal(LoRaSimCasualties.None, LoRaSimCollision.CheckPair(Sig(2, 50, 150, 11, -100), existing, Simple));
        Assert.Equal(LoRaSimCasualties.None, LoRaSimCollision.CheckPair(Sig(2, 50, 150, 12, -100, mhz: 864), existing, Simple));
    }

    // Full mode timing: SF7/BW125 arriving at 100 ms, critical section ends at 100 + (8 − 5)·1.024 = 103.072 ms.
    [Theory]
    [InlineData(103.072, LoRaSimCasualties.None)]
    [InlineData(103.073, LoRaSimCasualties.Both)]
    public void Full_Timing_ExistingEndingInFirstThreeSymbolsHarmsNeither(double existingEndMs, LoRaSimCasualties expected)
    {
        LoRaSignal existing = Sig(1, 0, existingEndMs, 7, -100);
        LoRaSignal arriving = Sig(2, 100, 200, 7, -100);

        Assert.Equal(expected, LoRaSimCollision.CheckPair(arriving, existing, Full));
    }

    // Full mode power: |Δ| < 6 dB both lost; otherwise the weaker one.
    [Theory]
    [InlineData(-100.0, -106.0, LoRaSimCasualties.Existing)]
    [InlineData(-106.0, -100.0, LoRaSimCasualties.Arriving)]
    [InlineData(-100.0, -105.0, LoRaSimCasualties.Both)]
    [InlineData(-105.0, -100.0, LoRaSimCasualties.Both)]
    public void Full_Power_SixDbCapture(double arrivingDbm, double existingDbm, LoRaSimCasualties expected)
    {
        LoRaSignal existing = Sig(1, 0, 500, 7, existingDbm);
        LoRaSignal arriving = Sig(2, 100, 600, 7, arrivingDbm);

        Assert.Equal(expected, LoRaSimCollision.CheckPair(arriving, existing, Full));
    }

    [Fact]
    public void Full_ArrivingLoss_DiscardedAsInLoRaSimTransmit_UnlessCorrected()
    {
        LoRaSignal existing = Sig(1, 0, 500, 7, -100);
        LoRaSignal arriving = Sig(2, 100, 600, 7, -110);
        LoRaSignal[] atGateway = [existing];
        var collided = new bool[1];

        Assert.False(LoRaSimCollision.CheckArrival(arriving, atGateway, collided, Full));
        Assert.True(LoRaSimCollision.CheckArrival(arriving, atGateway, collided, LoRaSimCollisionOptions.Corrected with { FullCollision = true }));
        Assert.False(collided[0]);
    }

    [Fact]
    public void CheckArrival_SkipsSameIdAndMarksOnlyCasualties()
    {
        LoRaSignal arriving = Sig(2, 100, 600, 7, -100);
        LoRaSignal[] atGateway = [Sig(2, 0, 500, 7, -100), Sig(3, 0, 500, 8, -100), Sig(4, 0, 500, 7, -120)];
        var collided = new bool[3];

        bool arrivingLost = LoRaSimCollision.CheckArrival(arriving, atGateway, collided, LoRaSimCollisionOptions.Corrected with { FullCollision = true });

        Assert.False(arrivingLost);
        Assert.Equal([false, false, true], collided);
    }

    // frequencyCollision bug: p2.freq is compared with 500/250, so only the arriving packet's bandwidth widens the tolerance.
    [Fact]
    public void FrequencyCollision_BandwidthBug_OnlyArrivingBandwidthCounts()
    {
        LoRaSignal bw125 = Sig(1, 0, 100, 7, -100, mhz: 868.1, bwKhz: 125);
        LoRaSignal bw500 = Sig(2, 0, 100, 7, -100, mhz: 868.2, bwKhz: 500);

        Assert.False(LoRaSimCollision.FrequencyCollision(bw125, bw500, replicateBandwidthBug: true, toleranceInHertz: false));
        Assert.True(LoRaSimCollision.FrequencyCollision(bw125, bw500, replicateBandwidthBug: false, toleranceInHertz: false));
        Assert.True(LoRaSimCollision.FrequencyCollision(bw500, bw125, replicateBandwidthBug: true, toleranceInHertz: false));
    }

    // Frequencies are in Hz but the tolerances are bare 120/60/30: LoRaSim effectively requires |Δf| <= 30 Hz.
    [Fact]
    public void FrequencyCollision_ToleranceUnits_HertzAsInCodeKilohertzAsDocumented()
    {
        LoRaSignal a = Sig(1, 0, 100, 7, -100, mhz: 868.100);
        LoRaSignal b = Sig(2, 0, 100, 7, -100, mhz: 868.120);

        Assert.False(LoRaSimCollision.FrequencyCollision(a, b, replicateBandwidthBug: true, toleranceInHertz: true));
        Assert.True(LoRaSimCollision.FrequencyCollision(a, b, replicateBandwidthBug: true, toleranceInHertz: false));
        Assert.True(LoRaSimCollision.FrequencyCollision(a, a with { }, replicateBandwidthBug: true, toleranceInHertz: true));
    }
}
