using System.Globalization;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy.Storage;

/// <summary>
/// An ideal supercapacitor behind an ideal converter (models.md §6.2): capacitance C, usable between V_min and V_max,
/// usable energy ½·C·(V² − V_min²), with leakage either as a constant current I_leak or as a parallel resistance
/// R_p (dV/dt = −V/(R_p·C) at rest). The load takes a constant power whatever the voltage; the voltage is tracked.
/// </summary>
/// <remarks>
/// <para><b>State and energy.</b> The state is the energy E = ½·C·V² (all of it, down to 0 V, so the ledger stays exact
/// when leakage takes the voltage below V_min); <see cref="Stored"/> = E, <see cref="Capacity"/> = ½·C·V_max²,
/// <see cref="UsableEnergy"/> = ½·C·(V² − V_min²) and <see cref="UsableCapacity"/> = ½·C·(V_max² − V_min²). With a signed
/// net power p at the capacitor (p = P &gt; 0 discharging; p = −η·P_in charging, η = <see cref="ChargeEfficiency"/>),
/// dE/dt = −p − leak(E).</para>
/// <para><b>Parallel resistance</b>, leak = V²/R_p = E/τ with τ = R_p·C/2:
/// E(t) = −p·τ + (E₀ + p·τ)·e^(−t/τ), i.e. V²(t) = −p·R_p + (V₀² + p·R_p)·e^(−2t/(R_p·C)), which at rest (p = 0) is
/// V(t) = V₀·e^(−t/(R_p·C)). The time to reach E₁ is t = τ·ln((E₀ + p·τ)/(E₁ + p·τ)) (finite when both have the
/// same sign and the ratio exceeds 1); when charging, E tends to η·P_in·τ, so V_max is reached only if
/// η·P_in·τ &gt; ½·C·V_max². Evaluated with e^x − 1 and ln(1 + x) in cancellation-free form.</para>
/// <para><b>Constant leakage current</b>, leak = I_leak·V: C·V·dV/dt = −(p + I_leak·V). Separating variables,
/// t(V) = C·∫_V^V₀ v/(p + I_leak·v) dv = (C/I_leak)·[(V₀ − V) + (p/I_leak)·ln((p + I_leak·V)/(p + I_leak·V₀))], evaluated
/// as −C·ΔV·V₀/s + (C·p/I_leak²)·(ln(1 + y) − y) with ΔV = V − V₀, s = p + I_leak·V₀, y = I_leak·ΔV/s (no cancellation
/// as I_leak → 0, where it tends to (E₀ − E)/p). Its inverse V(t) (a Lambert-W expression) is found by bracketed
/// Newton iteration on this closed form to adjacent doubles. At rest V falls linearly, V₀ − I_leak·t/C, and stops at
/// 0 V. Without leakage, E(t) = E₀ − p·t.</para>
/// <para><b>Exhaustion</b> is E reaching E_min = ½·C·V_min² while discharging; the closed-form time (capped by
/// (E − E_min)/P, which a discharge can never exceed, because just above E_min the closed forms can round to 0 or to
/// "never"), rounded up to whole nanoseconds (at least 1 ns above E_min), is shared by <see cref="TimeUntilExhausted"/>
/// and <see cref="Apply"/>; a step that ends before it keeps E strictly above E_min. After a brown-out the load is cut
/// off and the capacitor keeps leaking for the rest of the interval. <b>Full:</b> at V_max, charging power is accepted
/// only to cover the leakage at V_max (V_max²/R_p or I_leak·V_max); the rest is <see cref="StorageStep.Refused"/>.</para>
/// <para><b>Energy identity.</b> Per step, with A = offered charging energy − Refused: Stored(after) − Stored(before) =
/// A − Delivered − Lost, where Lost = (1 − η)·A + leakage (leakage is the difference, so the identity holds to
/// rounding). <see cref="StorageStep.Stored"/> is η·A, before leakage.</para>
/// <para><b>Scope and limitations:</b> no equivalent series resistance, no voltage-dependent capacitance, no
/// self-discharge recovery or redistribution (multi-branch) effects; the converter is lossless and works down to V_min
/// (use V_min to model the converter's minimum input). Leakage is one of the two textbook forms only.</para>
/// <para><b>Validation:</b> SupercapacitorTests: usable energy ½·C·(V_max² − V_min²) delivered at constant power,
/// V(t) = V₀·e^(−t/(R_p·C)) at rest, hand-derived discharge times with each leakage form, refusal at V_max;
/// StoragePropertyTests: ledger and exhaustion consistency on random sequences.</para>
/// </remarks>
public sealed class Supercapacitor : IEnergyStorage, IVoltageLevels
{
    private readonly double _capacitance;
    private readonly double _maxEnergy;
    private readonly double _minEnergy;
    private readonly double _maxVoltage;
    private readonly double _minVoltage;
    private readonly double _leakCurrent;
    private readonly double _leakResistance = double.PositiveInfinity;
    private readonly double _chargeEfficiency = 1.0;
    private double _energy;

    /// <summary>Creates a supercapacitor without leakage; set <see cref="LeakageCurrent"/> or <see cref="LeakageResistanceOhms"/> to add it.</summary>
    /// <param name="capacitanceFarads">C, in F; finite, &gt; 0.</param>
    /// <param name="maximumVoltage">V_max, in V; finite, &gt; V_min.</param>
    /// <param name="minimumVoltage">V_min, in V (the converter's minimum input); ≥ 0.</param>
    /// <param name="initialVoltage">V at the start; in [0, V_max].</param>
    public Supercapacitor(double capacitanceFarads, Volts maximumVoltage, Volts minimumVoltage, Volts initialVoltage)
    {
        if (!(capacitanceFarads > 0) || !double.IsFinite(capacitanceFarads))
        {
            throw new ArgumentOutOfRangeException(nameof(capacitanceFarads), capacitanceFarads, "Capacitance must be a finite value > 0 F.");
        }

        if (!(minimumVoltage.Value >= 0) || !double.IsFinite(minimumVoltage.Value))
        {
            throw new ArgumentOutOfRangeException(nameof(minimumVoltage), minimumVoltage, "Minimum voltage must be a finite value ≥ 0 V.");
        }

        if (!(maximumVoltage.Value > minimumVoltage.Value) || !double.IsFinite(maximumVoltage.Value))
        {
            throw new ArgumentOutOfRangeException(
                nameof(maximumVoltage),
                maximumVoltage,
                string.Create(CultureInfo.InvariantCulture, $"Maximum voltage must be finite and above the minimum voltage {minimumVoltage}."));
        }

        if (!(initialVoltage.Value >= 0 && initialVoltage.Value <= maximumVoltage.Value))
        {
            throw new ArgumentOutOfRangeException(
                nameof(initialVoltage),
                initialVoltage,
                string.Create(CultureInfo.InvariantCulture, $"Initial voltage must lie in [0, {maximumVoltage}]."));
        }

        _capacitance = capacitanceFarads;
        _maxVoltage = maximumVoltage.Value;
        _minVoltage = minimumVoltage.Value;
        _maxEnergy = EnergyAt(_maxVoltage);
        _minEnergy = EnergyAt(_minVoltage);
        _energy = EnergyAt(initialVoltage.Value);
        Initial = new Joules(_energy);
    }

    /// <summary>C, in F.</summary>
    public double CapacitanceFarads => _capacitance;

    /// <summary>V_max.</summary>
    public Volts MaximumVoltage => new(_maxVoltage);

    /// <summary>V_min: discharging stops here.</summary>
    public Volts MinimumVoltage => new(_minVoltage);

    /// <summary>Constant leakage current (0 A: none). Exclusive with <see cref="LeakageResistanceOhms"/>.</summary>
    public Amperes LeakageCurrent
    {
        get => new(_leakCurrent);
        init
        {
            if (!(value.Value >= 0) || !double.IsFinite(value.Value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Leakage current must be a finite value ≥ 0 A.");
            }

            if (value.Value > 0 && double.IsFinite(_leakResistance))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Leakage is either a current or a parallel resistance, not both.");
            }

            _leakCurrent = value.Value;
        }
    }

    /// <summary>Parallel leakage resistance R_p, in Ω (+∞: none). Exclusive with <see cref="LeakageCurrent"/>.</summary>
    public double LeakageResistanceOhms
    {
        get => _leakResistance;
        init
        {
            if (!(value > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Leakage resistance must be > 0 Ω (+∞ for none).");
            }

            if (double.IsFinite(value) && _leakCurrent > 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Leakage is either a current or a parallel resistance, not both.");
            }

            _leakResistance = value;
        }
    }

    /// <summary>Fraction of charging energy that reaches the capacitor (converter efficiency); in (0, 1].</summary>
    public double ChargeEfficiency
    {
        get => _chargeEfficiency;
        init => _chargeEfficiency = StorageMath.CheckChargeEfficiency(value);
    }

    /// <inheritdoc/>
    public Joules Initial { get; }

    /// <summary>½·C·V², all the energy in the capacitor (see remarks).</summary>
    public Joules Stored => new(_energy);

    /// <summary>½·C·V_max².</summary>
    public Joules Capacity => new(_maxEnergy);

    /// <summary>½·C·(V² − V_min²), or 0 below V_min.</summary>
    public Joules UsableEnergy => new(Math.Max(0, _energy - _minEnergy));

    /// <summary>½·C·(V_max² − V_min²).</summary>
    public Joules UsableCapacity => new(_maxEnergy - _minEnergy);

    /// <summary>Capacitor voltage √(2E/C).</summary>
    public Volts Voltage => new(VoltageAt(_energy));

    /// <inheritdoc/>
    public bool IsUnlimited => false;

    /// <inheritdoc/>
    public StorageStep Apply(Watts netDischarge, SimDuration duration)
    {
        if (!double.IsFinite(netDischarge.Value))
        {
            throw new ArgumentOutOfRangeException(nameof(netDischarge), netDischarge, "Net power must be finite.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(duration.Nanoseconds, nameof(duration));
        if (duration.Nanoseconds == 0)
        {
            return default;
        }

        Joules energy = netDischarge * duration;
        double t = StorageMath.Seconds(duration.Nanoseconds);
        double before = _energy;
        if (netDischarge.Value < 0)
        {
            return Charge(-netDischarge.Value, t, -energy);
        }

        if (netDischarge.Value == 0)
        {
            _energy = Advance(before, 0, t);
            return new StorageStep(Joules.Zero, Joules.Zero, new Joules(Math.Max(0, before - _energy)), Joules.Zero, Joules.Zero);
        }

        double power = netDischarge.Value;
        long? n = ExhaustionNanoseconds(power);
        if (n is null || duration.Nanoseconds < n)
        {
            // Not exhausted: keep the energy strictly above E_min so the next prediction is ≥ 1 ns (rounding guard).
            _energy = Math.Max(Advance(before, power, t), Math.BitIncrement(_minEnergy));
            return new StorageStep(energy, Joules.Zero, new Joules(Math.Max(0, before - _energy - energy.Value)), Joules.Zero, Joules.Zero);
        }

        double tStar = 0;
        double atBrownOut = before;
        if (before > _minEnergy)
        {
            tStar = Math.Min(ExhaustionSeconds(power), t);
            atBrownOut = _minEnergy;
        }

        // Load cut off at V_min; the capacitor leaks for the rest of the interval.
        _energy = Advance(atBrownOut, 0, t - tStar);
        var delivered = new Joules(Math.Min(power * tStar, energy.Value));
        var lost = new Joules(Math.Max(0, before - _energy - delivered.Value));
        return new StorageStep(delivered, Joules.Zero, lost, Joules.Zero, energy - delivered);
    }

    /// <summary>The stored energy ½·C·V² at which the capacitor's voltage is <paramref name="voltage"/>, for voltage thresholds.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The voltage is negative or above the rated maximum.</exception>
    public Joules StoredAtVoltage(Volts voltage)
    {
        if (!(voltage.Value >= 0 && voltage.Value <= _maxVoltage))
        {
            throw new ArgumentOutOfRangeException(nameof(voltage), voltage, $"Expected a voltage between 0 V and the rated {_maxVoltage} V.");
        }

        return new Joules(EnergyAt(voltage.Value));
    }

    /// <inheritdoc/>
    public Joules StoredAfter(Watts netDischarge, SimDuration duration)
    {
        double energy = _energy;
        Apply(netDischarge, duration);
        Joules after = Stored;
        _energy = energy;
        return after;
    }

    /// <inheritdoc/>
    public SimDuration? TimeUntilExhausted(Watts netDischarge)
    {
        if (!(netDischarge.Value > 0))
        {
            return null;
        }

        return ExhaustionNanoseconds(netDischarge.Value) is { } n ? SimDuration.FromNanoseconds(n) : null;
    }

    private StorageStep Charge(double inputPower, double t, Joules offered)
    {
        double eta = _chargeEfficiency;
        double p = -eta * inputPower;
        double before = _energy;
        double holdPower = LeakPower(_maxEnergy);
        double tFree;
        if (before >= _maxEnergy && eta * inputPower >= holdPower)
        {
            tFree = 0;
        }
        else
        {
            double tFull = before >= _maxEnergy ? double.PositiveInfinity : TimeToEnergy(before, p, _maxEnergy);
            if (t < tFull)
            {
                _energy = Math.Min(Advance(before, p, t), _maxEnergy);
                Joules storedAll = offered * eta;
                double leakAll = Math.Max(0, before + storedAll.Value - _energy);
                return new StorageStep(Joules.Zero, storedAll, offered - storedAll + new Joules(leakAll), Joules.Zero, Joules.Zero);
            }

            tFree = tFull;
        }

        // Held at V_max: only the leakage there is replaced.
        _energy = _maxEnergy;
        var stored = new Joules((eta * inputPower * tFree) + (holdPower * (t - tFree)));
        Joules accepted = stored / eta;
        if (accepted > offered)
        {
            accepted = offered;
        }

        double leak = Math.Max(0, before + stored.Value - _energy);
        return new StorageStep(Joules.Zero, stored, accepted - stored + new Joules(leak), offered - accepted, Joules.Zero);
    }

    private long? ExhaustionNanoseconds(double power)
    {
        if (_energy <= _minEnergy)
        {
            return 0;
        }

        // Still above E_min: at least 1 ns, so a storage that was not exhausted never reports zero.
        return StorageMath.CeilingNanoseconds(ExhaustionSeconds(power)) is { } n ? Math.Max(n, 1) : null;
    }

    /// <summary>Closed-form time to E_min at power P &gt; 0 (0 at or below it).</summary>
    private double ExhaustionSeconds(double power)
    {
        if (_energy <= _minEnergy)
        {
            return 0;
        }

        // A discharge drains at least P, so the time is at most (E − E_min)/P; just above E_min the closed forms can
        // round to 0 or to "never" (√ of nearly equal energies), and the bound takes over.
        double bound = (_energy - _minEnergy) / power;
        double t = TimeToEnergy(_energy, power, _minEnergy);
        return t <= bound ? t : bound;
    }

    private double EnergyAt(double volts) => 0.5 * _capacitance * volts * volts;

    private double VoltageAt(double energy) => Math.Sqrt(2.0 * Math.Max(0, energy) / _capacitance);

    private double LeakPower(double energy)
    {
        if (double.IsFinite(_leakResistance))
        {
            return 2.0 * energy / (_leakResistance * _capacitance);
        }

        return _leakCurrent * VoltageAt(energy);
    }

    /// <summary>E after <paramref name="t"/> s at signed net power <paramref name="p"/> (no V_min/V_max limits).</summary>
    private double Advance(double e0, double p, double t)
    {
        if (!(t > 0))
        {
            return e0;
        }

        if (double.IsFinite(_leakResistance))
        {
            double tau = _leakResistance * _capacitance / 2.0;
            return Math.Max(0, e0 + ((e0 + (p * tau)) * StorageMath.ExpM1(-t / tau)));
        }

        if (_leakCurrent > 0)
        {
            return AdvanceWithLeakCurrent(e0, p, t);
        }

        return Math.Max(0, e0 - (p * t));
    }

    /// <summary>Time for E to go from <paramref name="e0"/> to <paramref name="target"/> at signed net power p; +∞ if never.</summary>
    private double TimeToEnergy(double e0, double p, double target)
    {
        if (target == e0)
        {
            return 0;
        }

        if (double.IsFinite(_leakResistance))
        {
            double tau = _leakResistance * _capacitance / 2.0;
            double ratio = (e0 - target) / (target + (p * tau));
            return ratio > 0 && double.IsFinite(ratio) ? tau * StorageMath.Log1P(ratio) : double.PositiveInfinity;
        }

        if (_leakCurrent > 0)
        {
            return TimeToVoltageWithLeakCurrent(VoltageAt(e0), p, VoltageAt(target));
        }

        double time = (e0 - target) / p;
        return time > 0 ? time : double.PositiveInfinity;
    }

    private double TimeToVoltageWithLeakCurrent(double v0, double p, double v)
    {
        if (p == 0)
        {
            return v < v0 ? _capacitance * (v0 - v) / _leakCurrent : double.PositiveInfinity;
        }

        double s = p + (_leakCurrent * v0);
        if (s == 0 || !((v0 - v) * s > 0) || !((p + (_leakCurrent * v)) / s > 0))
        {
            return double.PositiveInfinity;
        }

        return LeakCurrentTime(v0, p, v);
    }

    /// <summary>t(V₀ → V) = −C·ΔV·V₀/s + (C·p/I²)·(ln(1 + y) − y), s = p + I·V₀, y = I·ΔV/s (see remarks).</summary>
    private double LeakCurrentTime(double v0, double p, double v)
    {
        double dv = v - v0;
        double s = p + (_leakCurrent * v0);
        double y = _leakCurrent * dv / s;
        return (-_capacitance * dv * v0 / s) + (_capacitance * p / (_leakCurrent * _leakCurrent) * StorageMath.Log1PMinusX(y));
    }

    private double AdvanceWithLeakCurrent(double e0, double p, double t)
    {
        double v0 = VoltageAt(e0);
        if (p == 0)
        {
            double rest = Math.Max(0, v0 - (_leakCurrent * t / _capacitance));
            return EnergyAt(rest);
        }

        double s = p + (_leakCurrent * v0);
        if (s == 0)
        {
            return e0;
        }

        double lo;
        double hi;
        bool rising = s < 0;
        if (!rising)
        {
            // Falling: toward the equilibrium −p/I when charging, toward 0 V when discharging (reached in finite time).
            lo = p < 0 ? -p / _leakCurrent : 0;
            hi = v0;
            if (p > 0 && t >= LeakCurrentTime(v0, p, 0))
            {
                return 0;
            }
        }
        else
        {
            lo = v0;
            hi = -p / _leakCurrent;
        }

        double v = StorageMath.SolveBracketed(
            x => LeakCurrentTime(v0, p, x) - t,
            x => -_capacitance * x / (p + (_leakCurrent * x)),
            lo,
            hi,
            increasing: rising);
        return EnergyAt(v);
    }
}
