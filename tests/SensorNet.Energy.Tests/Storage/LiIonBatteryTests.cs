using SensorNet.Energy.Storage;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy.Tests.Storage;

public class LiIonBatteryTests
{
    // OCV = 3.0 + 1.2·SOC: one linear segment, so an RK4 reference needs no breakpoints.
    private static readonly OcvPoint[] Linear = [new(0, new Volts(3.0)), new(1, new Volts(4.2))];

    private static LiIonBattery Cell(double r, double cutoff = 3.0, double soc = 1.0) =>
        new(1000, Linear, r, new Volts(cutoff), soc);

    [Fact]
    public void TerminalVoltage_UnderLoad_IsOcvMinusIR()
    {
        // OCV 4.2 V, R = 0.1 Ω, P = 4.2 W: I = 2P/(OCV + √(OCV² − 4RP)) = 8.4/(4.2 + √15.96) = 1.025015644562 A,
        // V = 4.2 − 0.1·I = 4.097498435544 V, and V·I = P.
        LiIonBattery cell = Cell(0.1);

        Assert.Equal(1.025015644561821084, cell.Current(new Watts(4.2))!.Value.Value, 12);
        Assert.Equal(4.097498435543817892, cell.TerminalVoltage(new Watts(4.2))!.Value.Value, 12);
        Assert.Equal(4.2, cell.OpenCircuitVoltage.Value, 12);

        cell.Apply(new Watts(4.2), SimDuration.FromMilliseconds(1));
        Assert.True(cell.Voltage.Value < 4.0975);
        cell.Apply(Watts.Zero, SimDuration.FromMilliseconds(1));
        Assert.Equal(cell.OpenCircuitVoltage, cell.Voltage);
    }

    [Fact]
    public void Discharge_LosesIISquaredR_MatchingAnIndependentIntegration()
    {
        // 1000 mAh, R = 0.1 Ω, 4 W for 1000 s from full: SOC 0.717159851395, I²R loss 103.746179631506 J (mpmath).
        LiIonBattery cell = Cell(0.1);
        Joules before = cell.Stored;

        StorageStep step = cell.Apply(new Watts(4), SimDuration.FromSeconds(1000));

        Assert.Equal(0.71715985139530460856, cell.StateOfCharge, 12);
        Assert.Equal(103.74617963150578619, step.Lost.Value, 8);
        Assert.Equal(4000.0, step.Delivered.Value, 9);
        Assert.Equal(before.Value - cell.Stored.Value, step.Delivered.Value + step.Lost.Value, 8);

        (double soc, double loss) = Rk4(1.0, 4.0, 0.1, 1000.0, 200_000);
        Assert.Equal(soc, cell.StateOfCharge, 11);
        Assert.Equal(loss, step.Lost.Value, 7);
    }

    [Fact]
    public void Cutoff_EndsDischargeWhereTerminalVoltageReachesIt()
    {
        // Cutoff 3.5 V at 4 W, R = 0.1 Ω: exhausted when OCV = 3.5 + 0.4/3.5 = 3.614285714 V, SOC 0.511904761905,
        // after 1670.035083604869 s (mpmath quadrature of Q·(v + √(v² − 4RP))/(2P) over SOC).
        LiIonBattery cell = Cell(0.1, cutoff: 3.5);
        var power = new Watts(4);

        SimDuration t = cell.TimeUntilExhausted(power)!.Value;

        Assert.Equal(1670.03508360486926 * 1e9, t.Nanoseconds, 2.0);
        StorageStep step = cell.Apply(power, t);
        Assert.Equal(0.51190476190476190, cell.StateOfCharge, 12);
        Assert.Equal(3.5, cell.TerminalVoltage(power)!.Value.Value, 9);
        Assert.Equal(185.26782884582906, step.Lost.Value, 6);
        Assert.Equal(SimDuration.Zero, cell.TimeUntilExhausted(power));

        // A lighter load can still be served.
        Assert.True(cell.TimeUntilExhausted(new Watts(1)) > SimDuration.Zero);
    }

    [Fact]
    public void PowerAboveTheMaximum_IsUnserved()
    {
        // R = 1 Ω, OCV 4.2 V, cutoff 2 V < OCV/2: maximum power OCV²/(4R) = 4.41 W.
        LiIonBattery cell = Cell(1.0, cutoff: 2.0);

        Assert.Equal(4.41, cell.MaximumPower.Value, 12);
        Assert.Null(cell.TerminalVoltage(new Watts(5)));
        Assert.Equal(SimDuration.Zero, cell.TimeUntilExhausted(new Watts(5)));
        StorageStep step = cell.Apply(new Watts(5), SimDuration.FromSeconds(1));
        Assert.Equal(5.0, step.Unserved.Value, 12);
        Assert.Equal(1.0, cell.StateOfCharge);
    }

    [Fact]
    public void WithoutResistance_LastsStoredEnergyOverPower()
    {
        // Q·∫(3 + 1.2 s) ds = 3600 C · 3.6 V = 12 960 J; at 1 W to a 3.0 V cutoff (SOC 0): 12 960 s.
        LiIonBattery cell = Cell(0.0);

        Assert.Equal(12960.0, cell.Capacity.Value, 9);
        Assert.Equal(12960e9, cell.TimeUntilExhausted(new Watts(1))!.Value.Nanoseconds, 100.0);
    }

    [Fact]
    public void GenericCurve_StepsCompose_AcrossSegments()
    {
        var whole = new LiIonBattery(2000, LiIonBattery.GenericOcvCurve, 0.05, new Volts(3.0));
        var pieces = new LiIonBattery(2000, LiIonBattery.GenericOcvCurve, 0.05, new Volts(3.0));

        whole.Apply(new Watts(2), SimDuration.FromHours(2));
        for (int i = 0; i < 720; i++)
        {
            pieces.Apply(new Watts(2), SimDuration.FromSeconds(10));
        }

        Assert.Equal(whole.StateOfCharge, pieces.StateOfCharge, 12);
        Assert.True(whole.StateOfCharge < 0.5);
    }

    [Fact]
    public void Charging_LosesIISquaredRAndCoulombicShare_AndRefusesWhenFull()
    {
        var cell = new LiIonBattery(1000, Linear, 0.1, new Volts(3.0), 0.5) { ChargeEfficiency = 0.95 };
        Joules before = cell.Stored;

        StorageStep step = cell.Apply(new Watts(-2), SimDuration.FromSeconds(60));

        Assert.Equal(120.0, step.Stored.Value + step.Lost.Value, 9);
        Assert.Equal(cell.Stored.Value - before.Value, step.Stored.Value, 9);
        Assert.True(step.Lost.Value > 0.05 * 120 * 0.9);
        Assert.Equal(0.0, step.Refused.Value);

        StorageStep rest = cell.Apply(new Watts(-2), SimDuration.FromHours(10));
        Assert.Equal(1.0, cell.StateOfCharge);
        Assert.True(rest.Refused.Value > 0);
        Assert.Equal(72000.0, rest.Stored.Value + rest.Lost.Value + rest.Refused.Value, 6);
    }

    [Fact]
    public void Constructor_RejectsBadCurves()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LiIonBattery(1000, [new(0.1, new Volts(3)), new(1, new Volts(4))], 0, new Volts(3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LiIonBattery(1000, [new(0, new Volts(3)), new(0.5, new Volts(2.9)), new(1, new Volts(4))], 0, new Volts(3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LiIonBattery(1000, Linear, -0.1, new Volts(3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LiIonBattery(0, Linear, 0.1, new Volts(3)));
    }

    /// <summary>Reference: RK4 on dSOC/dt = −I/Q and dLoss/dt = I²R for OCV = 3 + 1.2·SOC, Q = 3600 C.</summary>
    private static (double Soc, double Loss) Rk4(double soc, double power, double r, double seconds, int steps)
    {
        const double q = 3600;
        double h = seconds / steps;
        double loss = 0;
        for (int i = 0; i < steps; i++)
        {
            (double ds1, double dl1) = Rates(soc);
            (double ds2, double dl2) = Rates(soc + (h / 2 * ds1));
            (double ds3, double dl3) = Rates(soc + (h / 2 * ds2));
            (double ds4, double dl4) = Rates(soc + (h * ds3));
            soc += h / 6 * (ds1 + (2 * ds2) + (2 * ds3) + ds4);
            loss += h / 6 * (dl1 + (2 * dl2) + (2 * dl3) + dl4);
        }

        return (soc, loss);

        (double DSoc, double DLoss) Rates(double s)
        {
            double ocv = 3.0 + (1.2 * s);
            double current = (ocv - Math.Sqrt((ocv * ocv) - (4 * r * power))) / (2 * r);
            return (-current / q, current * current * r);
        }
    }
}
