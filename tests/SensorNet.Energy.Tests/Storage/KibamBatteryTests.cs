using SensorNet.Energy.Storage;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy.Tests.Storage;

public class KibamBatteryTests
{
    private static readonly Volts OneVolt = new(1.0);

    [Fact]
    public void FitSam_ReproducesSamTestVectors()
    {
        // NREL SAM test/shared_test/lib_battery_capacity_test.{h,cpp}, KiBam_lib_battery_capacity_test:
        // q20 = 100 Ah, q1 = 60 Ah (t1 = 1 h), q10 = 93 Ah; at 50 % SOC q1 = 25.6938 Ah and qmax = 108.15 Ah.
        (double c, double k, double qmax) = KibamBattery.FitSam(100, 60, 93);

        Assert.Equal(0.677, k, 12);
        Assert.Equal(108.16, qmax, 0.01);
        Assert.Equal(25.6938, c * qmax * 0.5, 1e-4);
    }

    [Fact]
    public void SamSequence_DischargesAndIdmaxMatchSam()
    {
        // SAM updateCapacityTest: 1.5 A for 1 h → q0 = 52.58 Ah; 3 A for 1 h → 49.58 Ah; a 490 A request is limited to
        // Idmax = 26.65 A, leaving q0 = 22.927 Ah (SAM tolerance 0.01).
        KibamBattery b = KibamBattery.FromSamFit(100, 60, 93, OneVolt, initialStateOfCharge: 0.5);

        b.Apply(new Watts(1.5), SimDuration.FromHours(1));
        Assert.Equal(52.58, b.StateOfCharge * b.CapacityAmpereHours, 0.01);
        b.Apply(new Watts(3), SimDuration.FromHours(1));
        Assert.Equal(49.58, b.StateOfCharge * b.CapacityAmpereHours, 0.01);

        double idmax = b.MaximumDischargeCurrent(SimDuration.FromHours(1)).Value;
        Assert.Equal(26.65, idmax, 0.01);
        StorageStep step = b.Apply(new Watts(idmax * (1 - 1e-9)), SimDuration.FromHours(1));
        Assert.Equal(0.0, step.Unserved.Value);
        Assert.Equal(22.927, b.StateOfCharge * b.CapacityAmpereHours, 0.01);
    }

    [Fact]
    public void AboveIdmax_ExhaustsWithinTheInterval_BelowDoesNot()
    {
        var interval = SimDuration.FromMinutes(10);
        var probe = new KibamBattery(10, 0.4, 0.8, new Volts(2.0));
        double idmax = probe.MaximumDischargeCurrent(interval).Value;

        var above = new KibamBattery(10, 0.4, 0.8, new Volts(2.0));
        StorageStep high = above.Apply(new Watts(idmax * 1.001 * 2.0), interval);
        var below = new KibamBattery(10, 0.4, 0.8, new Volts(2.0));
        StorageStep low = below.Apply(new Watts(idmax * 0.999 * 2.0), interval);

        Assert.True(high.Unserved.Value > 0);
        Assert.True(above.TimeUntilExhausted(new Watts(idmax * 1.001 * 2.0)) < interval);
        Assert.Equal(0.0, low.Unserved.Value);
        Assert.True(below.AvailableChargeAmpereHours > 0);
    }

    [Fact]
    public void TimeUntilExhausted_AtHighCurrent_IsTheClosedFormRoot()
    {
        // qmax = 10 Ah, c = 0.4, k = 0.8 /h, full, I = 8 A: q1(t) = 0 at t* = 0.566619349406 h = 2039.829657862 s
        // (mpmath, 40 digits). Only 4.53 Ah of 10 Ah come out: the rate-capacity effect.
        var b = new KibamBattery(10, 0.4, 0.8, new Volts(2.0));
        var power = new Watts(16.0);

        SimDuration? t = b.TimeUntilExhausted(power);

        Assert.NotNull(t);
        Assert.Equal(2039.829657862074872 * 1e9, t.Value.Nanoseconds, 2.0);
        Assert.Equal(8.0, b.MaximumDischargeCurrent(t.Value).Value, 1e-8);

        // The same root from Newton's method on q1(t) = α + β·e^(−kt) − I·c·t, written independently here.
        double k = 0.8 / 3600, c = 0.4, q0 = 36000, current = 8;
        double alpha = (q0 * c) - (current * (1 - c) / k);
        double beta = (q0 * c) - (q0 * c) + (current * (1 - c) / k);
        double root = 2000;
        for (int i = 0; i < 50; i++)
        {
            double f = alpha + (beta * Math.Exp(-k * root)) - (current * c * root);
            double df = (-k * beta * Math.Exp(-k * root)) - (current * c);
            root -= f / df;
        }

        Assert.Equal(Math.Ceiling(root * 1e9), t.Value.Nanoseconds, 1.0);
    }

    [Fact]
    public void CapacityAtConstantDischarge_MatchesTheExhaustionTime()
    {
        // qmax(1 h) = 10·0.8·0.4/(1 − e^−0.8 + 0.4·(0.8 − 1 + e^−0.8)) = 4.920029369614 Ah (hand, models.md §6.1):
        // a constant 4.920029 A empties q1 of a full battery in exactly 1 h.
        var b = new KibamBattery(10, 0.4, 0.8, new Volts(2.0));
        double q = b.CapacityAtConstantDischargeAmpereHours(SimDuration.FromHours(1));

        Assert.Equal(4.920029369614152557, q, 1e-12);
        SimDuration? t = b.TimeUntilExhausted(new Watts(q * 2.0));
        Assert.Equal(3600e9, t!.Value.Nanoseconds, 1e3);
    }

    [Fact]
    public void Rest_AfterBrownOut_AvailableChargeRecoversAsClosedForm()
    {
        // After the 8 A brown-out at t* = 2039.83 s, q1 = 0 and q0 = 10 − 8·t* = 5.467045204751 Ah. At rest
        // q1(t) = c·q0·(1 − e^(−kt)); after 2 h: 0.4·5.467045·(1 − e^−1.6) = 1.745307125677 Ah.
        var b = new KibamBattery(10, 0.4, 0.8, new Volts(2.0));
        var power = new Watts(16.0);
        SimDuration tStar = b.TimeUntilExhausted(power)!.Value;
        StorageStep step = b.Apply(power, tStar);
        Assert.Equal(0.0, b.AvailableChargeAmpereHours);
        Assert.Equal(SimDuration.Zero, b.TimeUntilExhausted(power));
        double q0 = b.StateOfCharge * b.CapacityAmpereHours;
        Assert.Equal(5.467045204750944728, q0, 1e-9);

        double previous = 0;
        for (int minute = 1; minute <= 120; minute++)
        {
            b.Apply(Watts.Zero, SimDuration.FromMinutes(1));
            Assert.True(b.AvailableChargeAmpereHours > previous);
            Assert.True(b.AvailableChargeAmpereHours < 0.4 * q0);
            previous = b.AvailableChargeAmpereHours;
        }

        Assert.Equal(1.745307125676940422, b.AvailableChargeAmpereHours, 1e-9);
        Assert.Equal(q0 * 0.4 * (1 - Math.Exp(-1.6)), b.AvailableChargeAmpereHours, 1e-12);
        Assert.Equal(q0, b.StateOfCharge * b.CapacityAmpereHours, 1e-9);
        Assert.True(b.TimeUntilExhausted(power) > SimDuration.FromSeconds(60));
        Assert.Equal(16.0 * tStar.TotalSeconds, step.Delivered.Value, 1e-6);
    }

    [Fact]
    public void CapacityRatioOne_IsALinearBattery()
    {
        // c = 1: q0′ = q0 − I·Δt and exhaustion at q0/I: 1 Ah at 2 A lasts 1800 s.
        var b = new KibamBattery(1, 1.0, 0.5, new Volts(3.0));

        Assert.Equal(SimDuration.FromSeconds(1800), b.TimeUntilExhausted(new Watts(6.0)));
        b.Apply(new Watts(6.0), SimDuration.FromSeconds(900));
        Assert.Equal(0.5, b.StateOfCharge, 12);
        Assert.Equal(3600 * 0.5 * 3.0, b.Stored.Value, 9);
    }

    [Fact]
    public void LargeRateConstant_ApproachesALinearBattery()
    {
        // k = 10⁴ /h: q1 tracks c·q0 and lags it by only I(1 − c)/(k·c) = 0.36 C of 3600 C.
        var b = new KibamBattery(1, 0.5, 1e4, new Volts(1.0));

        double t = b.TimeUntilExhausted(new Watts(1.0))!.Value.TotalSeconds;

        Assert.Equal(3600.0, t, 0.5);
        Assert.True(t < 3600.0);
    }

    [Fact]
    public void Charging_HoldsAvailableWellFull_AndRefusesTheExcess()
    {
        // Empty, c = 0.5, k = 1 /h, 1 Ah at 1 V, charged at 10 W (10 A) for 1 h with η = 0.9: q1 reaches
        // c·qmax = 0.5 Ah within minutes, then only the flow into the bound well k·c·((1 − c)qmax − q2) is accepted.
        var b = new KibamBattery(1, 0.5, 1.0, OneVolt, initialStateOfCharge: 0) { ChargeEfficiency = 0.9 };

        StorageStep step = b.Apply(new Watts(-10), SimDuration.FromHours(1));

        Assert.Equal(0.5, b.AvailableChargeAmpereHours, 12);
        Assert.True(step.Refused.Value > 0);
        Assert.Equal(step.Stored.Value / 0.9 * 0.1, step.Lost.Value, 9);
        Assert.Equal(36000.0, step.Stored.Value + step.Lost.Value + step.Refused.Value, 9);
        Assert.Equal(b.Stored.Value, step.Stored.Value, 9);
        Assert.True(b.BoundChargeAmpereHours < 0.5);

        // Held full, the bound well fills as (1 − c)qmax − ((1 − c)qmax − q2)·e^(−kct).
        double q2 = b.BoundChargeAmpereHours;
        b.Apply(new Watts(-10), SimDuration.FromHours(2));
        Assert.Equal(0.5 - ((0.5 - q2) * Math.Exp(-1.0 * 0.5 * 2)), b.BoundChargeAmpereHours, 12);
    }

    [Fact]
    public void Charging_BelowIcmax_IsAllAccepted()
    {
        var b = new KibamBattery(1, 0.5, 1.0, OneVolt, initialStateOfCharge: 0.2);
        var interval = SimDuration.FromMinutes(30);
        double icmax = b.MaximumChargeCurrent(interval).Value;

        StorageStep step = b.Apply(new Watts(-icmax * 0.999), interval);

        Assert.Equal(0.0, step.Refused.Value);
        Assert.True(b.AvailableChargeAmpereHours < 0.5);
    }

    [Fact]
    public void JongerdenHaverkortRate_ConvertsToThisConvention()
    {
        // k = k_JH/(c(1 − c)): 0.1/(0.5·0.5) = 0.4.
        Assert.Equal(0.4, KibamBattery.RateConstantFromJongerdenHaverkort(0.1, 0.5), 15);
    }

    [Theory]
    [InlineData(0.0, 0.5, 1.0, 1.0)]
    [InlineData(1.0, 0.0, 1.0, 1.0)]
    [InlineData(1.0, 1.1, 1.0, 1.0)]
    [InlineData(1.0, 0.5, 0.0, 1.0)]
    [InlineData(1.0, 0.5, 1.0, 1.5)]
    [InlineData(double.NaN, 0.5, 1.0, 1.0)]
    public void Constructor_InvalidParameters_Throw(double capacity, double c, double k, double soc)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new KibamBattery(capacity, c, k, OneVolt, soc));
    }

    [Fact]
    public void FitSam_UnorderedCapacities_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => KibamBattery.FitSam(100, 95, 93));
    }
}
