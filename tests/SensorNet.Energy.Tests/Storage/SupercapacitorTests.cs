using SensorNet.Energy.Storage;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy.Tests.Storage;

public class SupercapacitorTests
{
    [Fact]
    public void UsableEnergy_IsHalfCTimesVmaxSquaredMinusVminSquared_AndIsWhatALoadGets()
    {
        // 10 F between 5 V and 2 V: ½·10·(25 − 4) = 105 J; at 1 W without leakage that lasts 105 s.
        var cap = new Supercapacitor(10, new Volts(5), new Volts(2), new Volts(5));

        Assert.Equal(105.0, cap.UsableCapacity.Value, 12);
        Assert.Equal(125.0, cap.Capacity.Value, 12);
        Assert.Equal(SimDuration.FromSeconds(105), cap.TimeUntilExhausted(new Watts(1)));

        StorageStep step = cap.Apply(new Watts(1), SimDuration.FromSeconds(200));

        Assert.Equal(105.0, step.Delivered.Value, 9);
        Assert.Equal(95.0, step.Unserved.Value, 9);
        Assert.Equal(2.0, cap.Voltage.Value, 9);
        Assert.Equal(0.0, cap.UsableEnergy.Value, 9);
    }

    [Fact]
    public void ParallelResistance_AtRest_DecaysAsExpMinusTOverRC()
    {
        // 1 F, R_p = 1 kΩ (RC = 1000 s), 5 V: after 500 s V = 5·e^−0.5 = 3.032653298563 V, and the leakage took
        // ½·1·(25 − 25·e^−1) = 7.901506985357 J.
        var cap = new Supercapacitor(1, new Volts(5), new Volts(1), new Volts(5)) { LeakageResistanceOhms = 1000 };

        StorageStep step = cap.Apply(Watts.Zero, SimDuration.FromSeconds(500));

        Assert.Equal(3.032653298563167118, cap.Voltage.Value, 12);
        Assert.Equal(7.901506985356970980, step.Lost.Value, 12);
    }

    [Fact]
    public void ParallelResistance_ConstantPowerDischargeTime_IsTheClosedForm()
    {
        // dE/dt = −P − E/τ, τ = R·C/2 = 5000 s, so t = τ·ln((E0 + Pτ)/(Emin + Pτ)): 10 F, 1 kΩ, 5 V → 2 V at 10 mW:
        // 5000·ln((125 + 50)/(20 + 50)) = 5000·ln 2.5 = 4581.453659370775 s (without leakage: 105/0.01 = 10 500 s).
        var cap = new Supercapacitor(10, new Volts(5), new Volts(2), new Volts(5)) { LeakageResistanceOhms = 1000 };

        SimDuration? t = cap.TimeUntilExhausted(new Watts(0.01));

        Assert.Equal(4581.45365937077532 * 1e9, t!.Value.Nanoseconds, 2.0);
        StorageStep step = cap.Apply(new Watts(0.01), t.Value);
        Assert.Equal(2.0, cap.Voltage.Value, 9);
        Assert.Equal(105.0 - (0.01 * 4581.45365937077532), step.Lost.Value, 6);
    }

    [Fact]
    public void LeakageCurrent_ConstantPowerDischargeTime_IsTheClosedForm()
    {
        // C·V·dV/dt = −(P + I·V) ⇒ t = (C/I)·[(V0 − V1) − (P/I)·ln((P + I·V0)/(P + I·V1))]
        // = 10⁴·[3 − 10·ln 1.25] = 7685.644868579024 s for 10 F, 1 mA, 10 mW, 5 V → 2 V (checked by quadrature).
        var cap = new Supercapacitor(10, new Volts(5), new Volts(2), new Volts(5)) { LeakageCurrent = new Amperes(1e-3) };

        SimDuration? t = cap.TimeUntilExhausted(new Watts(0.01));

        Assert.Equal(7685.64486857902442 * 1e9, t!.Value.Nanoseconds, 2.0);
    }

    [Fact]
    public void LeakageCurrent_StepsCompose_AndAtRestVoltageFallsLinearly()
    {
        // The inverse of the closed form must not depend on how an interval is cut.
        var whole = new Supercapacitor(10, new Volts(5), new Volts(2), new Volts(5)) { LeakageCurrent = new Amperes(1e-3) };
        var pieces = new Supercapacitor(10, new Volts(5), new Volts(2), new Volts(5)) { LeakageCurrent = new Amperes(1e-3) };

        whole.Apply(new Watts(0.01), SimDuration.FromSeconds(5000));
        for (int i = 0; i < 500; i++)
        {
            pieces.Apply(new Watts(0.01), SimDuration.FromSeconds(10));
        }

        Assert.Equal(whole.Voltage.Value, pieces.Voltage.Value, 11);

        // At rest dV/dt = −I/C = −0.1 mV/s: 1000 s take 0.1 V.
        double v = whole.Voltage.Value;
        whole.Apply(Watts.Zero, SimDuration.FromSeconds(1000));
        Assert.Equal(v - 0.1, whole.Voltage.Value, 12);
    }

    [Fact]
    public void AtVmax_ChargingIsRefused_ExceptWhatCoversLeakage()
    {
        var ideal = new Supercapacitor(1, new Volts(5), new Volts(1), new Volts(5));
        StorageStep full = ideal.Apply(new Watts(-1), SimDuration.FromSeconds(10));
        Assert.Equal(10.0, full.Refused.Value, 12);
        Assert.Equal(0.0, full.Stored.Value);

        // With R_p = 100 Ω the capacitor at 5 V leaks 25/100 = 0.25 W: of 10 J offered, 2.5 J replace the leakage
        // (stored, then lost) and 7.5 J are refused.
        var leaky = new Supercapacitor(1, new Volts(5), new Volts(1), new Volts(5)) { LeakageResistanceOhms = 100 };
        StorageStep held = leaky.Apply(new Watts(-1), SimDuration.FromSeconds(10));
        Assert.Equal(2.5, held.Stored.Value, 12);
        Assert.Equal(2.5, held.Lost.Value, 12);
        Assert.Equal(7.5, held.Refused.Value, 12);
        Assert.Equal(5.0, leaky.Voltage.Value, 12);
    }

    [Fact]
    public void Charging_FromVminToVmax_TakesUsableEnergyOverEfficiency()
    {
        // 105 J at 1 W with η = 0.75: full after 140 s; the next 60 s are refused.
        var cap = new Supercapacitor(10, new Volts(5), new Volts(2), new Volts(2)) { ChargeEfficiency = 0.75 };

        StorageStep step = cap.Apply(new Watts(-1), SimDuration.FromSeconds(200));

        Assert.Equal(105.0, step.Stored.Value, 9);
        Assert.Equal(35.0, step.Lost.Value, 9);
        Assert.Equal(60.0, step.Refused.Value, 9);
        Assert.Equal(5.0, cap.Voltage.Value, 12);
    }

    [Fact]
    public void ParallelResistance_WeakCharger_SettlesBelowVmax()
    {
        // Charging at P with R_p: E → P·τ. 1 F, 100 Ω (τ = 50 s), 0.1 W: E → 5 J, V → √10 = 3.1623 V < 5 V.
        var cap = new Supercapacitor(1, new Volts(5), new Volts(0), new Volts(0)) { LeakageResistanceOhms = 100 };

        StorageStep step = cap.Apply(new Watts(-0.1), SimDuration.FromSeconds(5000));

        Assert.Equal(Math.Sqrt(10), cap.Voltage.Value, 9);
        Assert.Equal(0.0, step.Refused.Value);
        Assert.Equal(500.0 - 5.0, step.Lost.Value, 6);
    }

    [Theory]
    [InlineData(0.0, 5.0, 1.0, 5.0)]
    [InlineData(1.0, 1.0, 1.0, 1.0)]
    [InlineData(1.0, 5.0, -1.0, 5.0)]
    [InlineData(1.0, 5.0, 1.0, 6.0)]
    public void Constructor_InvalidParameters_Throw(double farads, double vmax, double vmin, double v0)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Supercapacitor(farads, new Volts(vmax), new Volts(vmin), new Volts(v0)));
    }

    [Fact]
    public void BothLeakageForms_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new Supercapacitor(1, new Volts(5), new Volts(1), new Volts(5)) { LeakageResistanceOhms = 100, LeakageCurrent = new Amperes(1e-6) });
    }
}
