using SensorNet.RadioModels.LoRa.Reception;
using SensorNet.SimEngine.Quantities;
using static SensorNet.RadioModels.Tests.LoRa.Reception.SignalFactory;

namespace SensorNet.RadioModels.Tests.LoRa.Reception;

public class LoRaReceptionRulesTests
{
    private static readonly Dbm AnySensitivity = new(-200);

    private static LoRaReceptionResult Evaluate(LoRaSignal wanted, LoRaReceptionOptions options, params LoRaSignal[] others) =>
        LoRaReceptionRules.Evaluate(wanted, others, AnySensitivity, options);

    // ns-3 lorawan InterferenceTest (models.md §1.4, grade P): wanted 2 s, 14 dBm, SF7, 868.1 MHz.
    [Fact]
    public void Ns3Vector_Sf7InterfererAt7Dbm_Survives()
    {
        LoRaSignal wanted = Sig(1, 0, 2000, 7, 14);

        LoRaReceptionResult r = Evaluate(wanted, LoRaReceptionOptions.Ns3, Sig(2, 0, 2000, 7, 7));

        Assert.Equal(LoRaReceptionOutcome.Received, r.Outcome);
    }

    [Fact]
    public void Ns3Vector_Sf7InterfererAt8Dbm_DestroyedBySf7()
    {
        LoRaSignal wanted = Sig(1, 0, 2000, 7, 14);

        LoRaReceptionResult r = Evaluate(wanted, LoRaReceptionOptions.Ns3, Sig(2, 0, 2000, 7, 8));

        Assert.Equal(LoRaReceptionOutcome.Interference, r.Outcome);
        Assert.Equal(7, r.InterfererSpreadingFactor);
        Assert.Equal(2, r.InterfererId);
        Assert.Equal(LoRaReceptionRule.SameSpreadingFactorCapture, r.Rule);
    }

    [Fact]
    public void Ns3Vector_8Dbm_IsBelowSixDbOnlyInLinearEnergy()
    {
        // The dB difference is exactly 6 (would survive); the linear energy ratio is 5.999999999999997 dB (destroyed, as ns-3).
        Assert.Equal(6.0, (new Dbm(14) - new Dbm(8)).Value);
        double ratio = new Dbm(14).ToWatts().Value * 2.0 / (new Dbm(8).ToWatts().Value * 2.0);
        Assert.True(Decibels.FromLinear(ratio).Value < 6.0);
    }

    [Fact]
    public void Ns3Energy_TwoSf7InterferersAdd_DestroyedByLargestContributor()
    {
        // Each 7 dBm interferer alone survives (previous vector); half-overlapping 7 dBm plus full 7 dBm is 1.5× the energy.
        LoRaSignal wanted = Sig(1, 0, 2000, 7, 14);

        LoRaReceptionResult r = Evaluate(wanted, LoRaReceptionOptions.Ns3, Sig(2, 1000, 3000, 7, 7), Sig(3, 0, 2000, 7, 7));

        Assert.Equal(LoRaReceptionOutcome.Interference, r.Outcome);
        Assert.Equal(3, r.InterfererId);
    }

    [Fact]
    public void Ns3Energy_InterSf_UsesGoursaudValue()
    {
        // Wanted SF7 vs interferer SF12: -20 dB. Interferer 20 dB stronger survives, 21 dB stronger destroys.
        LoRaSignal wanted = Sig(1, 0, 2000, 7, -100);

        Assert.True(Evaluate(wanted, LoRaReceptionOptions.Ns3, Sig(2, 0, 2000, 12, -80.5)).IsReceived);
        LoRaReceptionResult r = Evaluate(wanted, LoRaReceptionOptions.Ns3, Sig(2, 0, 2000, 12, -79));
        Assert.Equal(12, r.InterfererSpreadingFactor);
        Assert.Equal(LoRaReceptionRule.InterSpreadingFactorRejection, r.Rule);
    }

    // FLoRa / Croce matrix: wanted SF12 vs interferer SF7 needs SIR >= -25 dB.
    [Theory]
    [InlineData(-100.0, true)]
    [InlineData(-99.5, false)]
    public void CroceFLoRa_WantedSf12VsSf7_Minus25DbThreshold(double interfererDbm, bool received)
    {
        LoRaSignal wanted = Sig(1, 0, 1000, 12, -125);

        LoRaReceptionResult r = Evaluate(wanted, LoRaReceptionOptions.FLoRa, Sig(2, 500, 600, 7, interfererDbm));

        Assert.Equal(received, r.IsReceived);
        if (!received)
        {
            Assert.Equal(LoRaReceptionRule.InterSpreadingFactorRejection, r.Rule);
            Assert.Equal(2, r.InterfererId);
        }
    }

    [Fact]
    public void CroceFLoRa_FirstFailingInterfererInInputOrderIsReported()
    {
        LoRaSignal wanted = Sig(1, 0, 1000, 12, -125);

        LoRaReceptionResult r = Evaluate(wanted, LoRaReceptionOptions.FLoRa, Sig(2, 100, 200, 7, -110), Sig(3, 300, 400, 8, -90), Sig(4, 500, 600, 9, -80));

        Assert.Equal(3, r.InterfererId);
    }

    [Fact]
    public void Orthogonal_IgnoresOtherSfsEvenWhenMuchStronger()
    {
        LoRaSignal wanted = Sig(1, 0, 1000, 12, -125);
        LoRaSignal strongSf7 = Sig(2, 500, 600, 7, -60);
        var orthogonal = new LoRaReceptionOptions { CheckSnr = false };

        Assert.True(Evaluate(wanted, orthogonal, strongSf7).IsReceived);
        Assert.False(Evaluate(wanted, LoRaReceptionOptions.FLoRa, strongSf7).IsReceived);
    }

    // Same-SF capture, 6 dB (Bor et al.): exactly 6 dB survives, less does not.
    [Theory]
    [InlineData(-106.0, true)]
    [InlineData(-105.9, false)]
    public void Capture_SameSf_SixDbThreshold(double interfererDbm, bool received)
    {
        LoRaSignal wanted = Sig(1, 0, 100, 9, -100);
        var options = new LoRaReceptionOptions { CheckSnr = false, PreambleTiming = PreambleTimingRule.None };

        LoRaReceptionResult r = Evaluate(wanted, options, Sig(2, 50, 150, 9, interfererDbm));

        Assert.Equal(received, r.IsReceived);
        if (!received)
        {
            Assert.Equal(LoRaReceptionRule.SameSpreadingFactorCapture, r.Rule);
        }
    }

    [Fact]
    public void Capture_OverrideReplacesMatrixDiagonal()
    {
        LoRaSignal wanted = Sig(1, 0, 100, 9, -100);
        LoRaSignal interferer = Sig(2, 50, 150, 9, -103);

        Assert.True(Evaluate(wanted, LoRaReceptionOptions.FLoRa, interferer).IsReceived);
        Assert.False(Evaluate(wanted, LoRaReceptionOptions.FLoRa with { SameSpreadingFactorCaptureThreshold = new Decibels(6) }, interferer).IsReceived);
    }

    // LoRaSim timing: SF7/BW125 Tsym = 1.024 ms; wanted starts at 100 ms, Npreamble = 8, boundary = 100 + 3·1.024 = 103.072 ms.
    [Theory]
    [InlineData(103.072, true)]
    [InlineData(103.072001, false)]
    public void PreambleTiming_LoRaSim_EarlierInterfererMayTakeThreeSymbols(double interfererEndMs, bool received)
    {
        LoRaSignal wanted = Sig(1, 100, 200, 7, -100);
        var options = new LoRaReceptionOptions { CheckSnr = false, PreambleTiming = PreambleTimingRule.LoRaSim };

        LoRaReceptionResult r = Evaluate(wanted, options, Sig(2, 50, interfererEndMs, 7, -90));

        Assert.Equal(Ms(103.072), LoRaReceptionRules.ProtectedBoundary(wanted, PreambleTimingRule.LoRaSim));
        Assert.Equal(received, r.IsReceived);
    }

    // FLoRa timing: the last 6 of 8 preamble symbols are needed, boundary = 100 + 2·1.024 = 102.048 ms.
    [Theory]
    [InlineData(102.048, true)]
    [InlineData(102.048001, false)]
    public void PreambleTiming_FLoRa_NeedsLastSixPreambleSymbols(double interfererEndMs, bool received)
    {
        LoRaSignal wanted = Sig(1, 100, 200, 7, -100);

        LoRaReceptionResult r = Evaluate(wanted, LoRaReceptionOptions.FLoRa, Sig(2, 50, interfererEndMs, 7, -90));

        Assert.Equal(received, r.IsReceived);
    }

    [Fact]
    public void PreambleTiming_None_AnyOverlapCounts()
    {
        LoRaSignal wanted = Sig(1, 100, 200, 7, -100);
        var options = new LoRaReceptionOptions { CheckSnr = false, PreambleTiming = PreambleTimingRule.None };

        Assert.False(Evaluate(wanted, options, Sig(2, 50, 100.5, 7, -90)).IsReceived);
        Assert.True(Evaluate(wanted, options, Sig(2, 50, 100, 7, -90)).IsReceived);
    }

    [Fact]
    public void BelowSensitivity_IsLost_AndSensitivityItselfIsReceived()
    {
        LoRaSignal weak = Sig(1, 0, 100, 7, -126.6);
        LoRaSignal atLimit = Sig(2, 0, 100, 7, -126.5);
        var options = new LoRaReceptionOptions { CheckSnr = false };

        LoRaReceptionResult r = LoRaReceptionRules.Evaluate(weak, [], new Dbm(-126.5), options);

        Assert.Equal(LoRaReceptionOutcome.BelowSensitivity, r.Outcome);
        Assert.Equal(LoRaReceptionRule.Sensitivity, r.Rule);
        Assert.True(LoRaReceptionRules.Evaluate(atLimit, [], new Dbm(-126.5), options).IsReceived);
    }

    // SX1276 Table 13: SF7 needs SNR >= -7.5 dB. Noise floor -120 dBm: -127.5 dBm passes, -127.51 dBm fails.
    [Theory]
    [InlineData(-127.5, true)]
    [InlineData(-127.51, false)]
    public void Snr_Sf7_BoundaryAtMinus7Point5Db(double signalDbm, bool received)
    {
        LoRaSignal wanted = Sig(1, 0, 100, 7, signalDbm);

        LoRaReceptionResult r = LoRaReceptionRules.Evaluate(wanted, [], AnySensitivity, new Dbm(-120), new LoRaReceptionOptions());

        Assert.Equal(received, r.IsReceived);
        if (!received)
        {
            Assert.Equal(LoRaReceptionOutcome.BelowSensitivity, r.Outcome);
            Assert.Equal(LoRaReceptionRule.RequiredSnr, r.Rule);
        }
    }

    [Fact]
    public void Snr_ComputedFloorWithNoiseFigure_Sf7()
    {
        // Floor -117.03 dBm (BW125, NF 6 dB): -124.5 dBm is at SNR -7.47 dB (passes), -124.6 at -7.57 dB (fails).
        var options = new LoRaReceptionOptions();

        Assert.True(LoRaReceptionRules.Evaluate(Sig(1, 0, 100, 7, -124.5), [], AnySensitivity, options).IsReceived);
        Assert.False(LoRaReceptionRules.Evaluate(Sig(1, 0, 100, 7, -124.6), [], AnySensitivity, options).IsReceived);
        Assert.True(LoRaReceptionRules.Evaluate(Sig(1, 0, 100, 7, -124.6), [], AnySensitivity, options with { NoiseFigure = new Decibels(5) }).IsReceived);
    }

    [Fact]
    public void Carrier_ExactIgnoresOtherFrequency_ToleranceCountsWithin30Khz()
    {
        LoRaSignal wanted = Sig(1, 0, 100, 7, -100);
        LoRaSignal near = Sig(2, 50, 150, 7, -90, mhz: 868.12);
        LoRaSignal far = Sig(3, 50, 150, 7, -90, mhz: 868.14);
        var exact = new LoRaReceptionOptions { CheckSnr = false, Carrier = CarrierMatch.Exact };
        var tolerance = exact with { Carrier = CarrierMatch.BandwidthTolerance };

        Assert.True(Evaluate(wanted, exact, near).IsReceived);
        Assert.False(Evaluate(wanted, tolerance, near).IsReceived);
        Assert.True(Evaluate(wanted, tolerance, far).IsReceived);
    }

    [Fact]
    public void WantedItselfInList_IsSkippedById()
    {
        LoRaSignal wanted = Sig(1, 0, 100, 7, -100);

        Assert.True(Evaluate(wanted, LoRaReceptionOptions.Ns3, wanted).IsReceived);
        Assert.True(Evaluate(wanted, LoRaReceptionOptions.FLoRa, wanted).IsReceived);
    }
}
