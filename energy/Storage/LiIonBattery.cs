using System.Collections.ObjectModel;
using System.Globalization;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy.Storage;

/// <summary>
/// A Li-ion cell as an open-circuit voltage OCV(SOC) behind an internal resistance R (the zero-RC Thevenin /
/// "Rint" equivalent circuit): terminal voltage V = OCV − I·R, a constant-power load draws I from P = I·(OCV − I·R),
/// the cell loses I²·R as heat, and the node browns out when V would fall below the cutoff voltage.
/// </summary>
/// <remarks>
/// <para><b>Equations.</b> Charge capacity Q (C), state of charge s ∈ [0, 1], OCV(s) piecewise linear through the
/// given points. Discharging at power P: I = 2P/(OCV + √(OCV² − 4RP)) (the smaller root of R·I² − OCV·I + P = 0,
/// written without cancellation), ds/dt = −I/Q. The chemical energy E(s) = Q·∫₀^s OCV(u) du is
/// <see cref="Stored"/>; since OCV·I = P + I²R, dE/dt = −(P + I²R): the load gets P, the I²R part is
/// <see cref="StorageStep.Lost"/>. Charging with input power P_in: I = 2P_in/(OCV + √(OCV² + 4R·P_in)),
/// V = OCV + I·R, ds/dt = η·I/Q (η = <see cref="ChargeEfficiency"/>, coulombic), up to s = 1 (constant current only,
/// no constant-voltage phase); the rest is <see cref="StorageStep.Refused"/>.</para>
/// <para><b>Integration.</b> dt = Q·ds/I = Q·(v + √(v² − σ))/(2P)·ds with σ = 4RP (σ = −4R·P_in when charging), and
/// on a linear OCV segment v = a + b·s this integrates in closed form:
/// ∫(v + √(v² − σ)) dv / b = [v²/2 + ½(v·√(v² − σ) − σ·ln(v + √(v² − σ)))] / b, evaluated as differences that do
/// not cancel (Δv·(v₁ + v₂)/2, √ differences as (v₂² − v₁²)/(√₂ + √₁), the logarithm as ln(1 + x)). So the time
/// between two states of charge is exact to rounding across segments; the state after a given time is that
/// closed form inverted by bracketed Newton iteration to adjacent doubles (far below the 1e-9 relative target).</para>
/// <para><b>Exhaustion.</b> The load is deliverable while the terminal voltage V = (OCV + √(OCV² − 4PR))/2 ≥ V_cut
/// and the root is real: the threshold is OCV* = V_cut + P·R/V_cut when V_cut ≥ √(PR), and OCV* = 2√(PR) (maximum
/// power transfer, V = OCV/2) otherwise. With OCV strictly increasing, that is a threshold s* = OCV⁻¹(OCV*) (0 below
/// the curve, never deliverable above it); the exhaustion time is the closed-form time from s to s*, rounded up to
/// whole nanoseconds and shared by <see cref="TimeUntilExhausted"/> and <see cref="Apply"/>. A lighter load can still
/// be served after a brown-out (the terminal voltage recovers), as in a real cell.</para>
/// <para><b>Energy identity.</b> Per step, with A = offered charging energy − Refused: Stored(after) − Stored(before) =
/// A − Delivered − Lost.</para>
/// <para><b>Scope and limitations:</b> no RC polarisation branches (no voltage relaxation), no rate-capacity or
/// recovery effect beyond the I·R drop, no temperature, hysteresis, ageing or self-discharge; the OCV curve is an
/// input (the <see cref="GenericOcvCurve"/> default is grade U, a placeholder); charging is CC only to SOC 1
/// (a CC–CV charger is the charger's model).</para>
/// <para><b>Validation:</b> LiIonBatteryTests (terminal voltage and current against the quadratic by hand, I²R loss,
/// cutoff and maximum-power limits, closed-form times against an independent fine quadrature, R = 0 reduction to
/// E/P); StoragePropertyTests (ledger and exhaustion consistency).</para>
/// </remarks>
public sealed class LiIonBattery : IEnergyStorage, IVoltageLevels
{
    private readonly double[] _soc;
    private readonly double[] _ocv;
    private readonly double[] _energyAtPoint;
    private readonly double _charge;
    private readonly double _resistance;
    private readonly double _cutoff;
    private readonly double _chargeEfficiency = 1.0;
    private double _s;
    private double _load;

    /// <summary>Creates a cell.</summary>
    /// <param name="capacityMilliampereHours">Q, in mA·h, from SOC 0 to SOC 1; finite, &gt; 0.</param>
    /// <param name="openCircuitVoltage">
    /// OCV curve: at least two points, the first at SOC 0 and the last at SOC 1, SOC and voltage strictly increasing,
    /// voltages finite and &gt; 0. See <see cref="GenericOcvCurve"/>.
    /// </param>
    /// <param name="internalResistanceOhms">R, in Ω; finite, ≥ 0.</param>
    /// <param name="cutoffVoltage">Lowest terminal voltage the load accepts; finite, &gt; 0.</param>
    /// <param name="initialStateOfCharge">SOC at the start; in [0, 1].</param>
    public LiIonBattery(
        double capacityMilliampereHours,
        IReadOnlyList<OcvPoint> openCircuitVoltage,
        double internalResistanceOhms,
        Volts cutoffVoltage,
        double initialStateOfCharge = 1.0)
    {
        if (!(capacityMilliampereHours > 0) || !double.IsFinite(capacityMilliampereHours))
        {
            throw new ArgumentOutOfRangeException(nameof(capacityMilliampereHours), capacityMilliampereHours, "Cell capacity must be a finite charge > 0 mA·h.");
        }

        ArgumentNullException.ThrowIfNull(openCircuitVoltage);
        ValidateCurve(openCircuitVoltage);
        if (!(internalResistanceOhms >= 0) || !double.IsFinite(internalResistanceOhms))
        {
            throw new ArgumentOutOfRangeException(nameof(internalResistanceOhms), internalResistanceOhms, "Internal resistance must be a finite value ≥ 0 Ω.");
        }

        if (!(cutoffVoltage.Value > 0) || !double.IsFinite(cutoffVoltage.Value))
        {
            throw new ArgumentOutOfRangeException(nameof(cutoffVoltage), cutoffVoltage, "Cutoff voltage must be a finite value > 0 V.");
        }

        if (!(initialStateOfCharge >= 0 && initialStateOfCharge <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(initialStateOfCharge), initialStateOfCharge, "Initial state of charge must lie in [0, 1].");
        }

        _charge = capacityMilliampereHours * StorageMath.CoulombsPerMilliampereHour;
        _resistance = internalResistanceOhms;
        _cutoff = cutoffVoltage.Value;
        int count = openCircuitVoltage.Count;
        _soc = new double[count];
        _ocv = new double[count];
        _energyAtPoint = new double[count];
        for (int i = 0; i < count; i++)
        {
            _soc[i] = openCircuitVoltage[i].StateOfCharge;
            _ocv[i] = openCircuitVoltage[i].Voltage.Value;
            if (i > 0)
            {
                _energyAtPoint[i] = _energyAtPoint[i - 1] + (_charge * (_soc[i] - _soc[i - 1]) * (_ocv[i] + _ocv[i - 1]) / 2.0);
            }
        }

        _s = initialStateOfCharge;
        Initial = Stored;
    }

    /// <summary>
    /// A generic LiCoO₂/NMC open-circuit-voltage curve, 3.00 V at SOC 0 to 4.20 V at SOC 1. <b>Grade U</b>: a typical
    /// shape (steep below 10 %, a plateau near 3.6–3.9 V, rising to 4.2 V), not fitted to a datasheet; a placeholder
    /// parameter, not a test oracle. Use a measured curve for a specific cell.
    /// </summary>
    public static IReadOnlyList<OcvPoint> GenericOcvCurve { get; } = Array.AsReadOnly(
    [
        new OcvPoint(0.00, new Volts(3.00)),
        new OcvPoint(0.05, new Volts(3.40)),
        new OcvPoint(0.10, new Volts(3.52)),
        new OcvPoint(0.20, new Volts(3.62)),
        new OcvPoint(0.30, new Volts(3.68)),
        new OcvPoint(0.40, new Volts(3.73)),
        new OcvPoint(0.50, new Volts(3.78)),
        new OcvPoint(0.60, new Volts(3.85)),
        new OcvPoint(0.70, new Volts(3.93)),
        new OcvPoint(0.80, new Volts(4.00)),
        new OcvPoint(0.90, new Volts(4.08)),
        new OcvPoint(1.00, new Volts(4.20)),
    ]);

    /// <summary>Q, in mA·h.</summary>
    public double CapacityMilliampereHours => _charge / StorageMath.CoulombsPerMilliampereHour;

    /// <summary>R, in Ω.</summary>
    public double InternalResistanceOhms => _resistance;

    /// <summary>Lowest terminal voltage the load accepts.</summary>
    public Volts CutoffVoltage => new(_cutoff);

    /// <summary>The OCV curve.</summary>
    public IReadOnlyList<OcvPoint> OcvCurve =>
        new ReadOnlyCollection<OcvPoint>(_soc.Select((s, i) => new OcvPoint(s, new Volts(_ocv[i]))).ToArray());

    /// <summary>State of charge s.</summary>
    public double StateOfCharge => _s;

    /// <summary>OCV(s).</summary>
    public Volts OpenCircuitVoltage => new(Ocv(_s));

    /// <summary>Coulombic charge efficiency η in (0, 1].</summary>
    public double ChargeEfficiency
    {
        get => _chargeEfficiency;
        init => _chargeEfficiency = StorageMath.CheckChargeEfficiency(value);
    }

    /// <inheritdoc/>
    public Joules Initial { get; }

    /// <summary>Chemical energy Q·∫₀^s OCV(u) du (includes what lies below the cutoff at a given load).</summary>
    public Joules Stored => new(EnergyAt(_s));

    /// <summary>Q·∫₀¹ OCV(u) du.</summary>
    public Joules Capacity => new(_energyAtPoint[^1]);

    /// <summary>Terminal voltage under the power of the last <see cref="Apply"/> (OCV after a rest or a brown-out).</summary>
    public Volts Voltage => TerminalVoltage(new Watts(_load)) ?? OpenCircuitVoltage;

    /// <inheritdoc/>
    public bool IsUnlimited => false;

    /// <summary>
    /// Largest power the cell can deliver now without its terminal voltage falling below the cutoff:
    /// V_cut·(OCV − V_cut)/R if V_cut ≥ OCV/2, else OCV²/(4R) (maximum power transfer); 0 if OCV &lt; V_cut.
    /// </summary>
    public Watts MaximumPower
    {
        get
        {
            double ocv = Ocv(_s);
            if (ocv < _cutoff)
            {
                return Watts.Zero;
            }

            if (_resistance == 0)
            {
                return new Watts(double.PositiveInfinity);
            }

            return new Watts(_cutoff >= ocv / 2 ? _cutoff * (ocv - _cutoff) / _resistance : ocv * ocv / (4 * _resistance));
        }
    }

    /// <summary>
    /// Terminal voltage now at net power <paramref name="netDischarge"/>: (OCV + √(OCV² − 4PR))/2 when discharging,
    /// OCV + I·R when charging; null if the discharge power exceeds OCV²/(4R) (no real current).
    /// </summary>
    public Volts? TerminalVoltage(Watts netDischarge)
    {
        double ocv = Ocv(_s);
        double p = netDischarge.Value;
        if (p > 0)
        {
            double d = (ocv * ocv) - (4 * _resistance * p);
            return d >= 0 ? new Volts((ocv + Math.Sqrt(d)) / 2) : null;
        }

        if (p < 0)
        {
            double current = 2 * -p / (ocv + Math.Sqrt((ocv * ocv) - (4 * _resistance * p)));
            return new Volts(ocv + (current * _resistance));
        }

        return new Volts(ocv);
    }

    /// <summary>Current at net power <paramref name="netDischarge"/> now (+ discharge); null if not deliverable.</summary>
    public Amperes? Current(Watts netDischarge)
    {
        double ocv = Ocv(_s);
        double p = netDischarge.Value;
        double d = (ocv * ocv) - (4 * _resistance * p);
        if (d < 0)
        {
            return null;
        }

        return new Amperes(2 * p / (ocv + Math.Sqrt(d)));
    }

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
        if (netDischarge.Value == 0)
        {
            _load = 0;
            return default;
        }

        if (netDischarge.Value < 0)
        {
            return Charge(-netDischarge.Value, t, -energy);
        }

        double power = netDischarge.Value;
        double before = _s;
        long? n = ExhaustionNanoseconds(power, out double threshold, out double tStar);
        if (n is null || duration.Nanoseconds < n)
        {
            // Not exhausted: stay strictly above the threshold so the next prediction is ≥ 1 ns (rounding guard).
            double after = DischargeState(before, threshold, power, t);
            _s = Math.Min(before, Math.Max(after, Math.BitIncrement(Math.Max(threshold, 0))));
            _load = power;
            var lostOk = new Joules(Math.Max(0, EnergyBetween(_s, before) - energy.Value));
            return new StorageStep(energy, Joules.Zero, lostOk, Joules.Zero, Joules.Zero);
        }

        if (before > threshold)
        {
            _s = threshold;
        }

        _load = 0;
        var delivered = new Joules(Math.Min(power * tStar, energy.Value));
        var lost = new Joules(Math.Max(0, EnergyBetween(_s, before) - delivered.Value));
        return new StorageStep(delivered, Joules.Zero, lost, Joules.Zero, energy - delivered);
    }

    /// <summary>
    /// The stored energy at which the open-circuit voltage is <paramref name="voltage"/> (inverse of the OCV curve), for
    /// voltage thresholds; the terminal voltage under load is lower by I·R.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The voltage lies outside the OCV curve.</exception>
    public Joules StoredAtVoltage(Volts voltage)
    {
        if (!(voltage.Value >= _ocv[0] && voltage.Value <= _ocv[^1]))
        {
            throw new ArgumentOutOfRangeException(nameof(voltage), voltage, $"Expected an open-circuit voltage between {_ocv[0]} V and {_ocv[^1]} V.");
        }

        return new Joules(EnergyAt(StateAtOcv(voltage.Value)));
    }

    /// <inheritdoc/>
    public Joules StoredAfter(Watts netDischarge, SimDuration duration)
    {
        (double s, double load) = (_s, _load);
        Apply(netDischarge, duration);
        Joules after = Stored;
        (_s, _load) = (s, load);
        return after;
    }

    /// <inheritdoc/>
    public SimDuration? TimeUntilExhausted(Watts netDischarge)
    {
        if (!(netDischarge.Value > 0))
        {
            return null;
        }

        return ExhaustionNanoseconds(netDischarge.Value, out _, out _) is { } n ? SimDuration.FromNanoseconds(n) : null;
    }

    private static void ValidateCurve(IReadOnlyList<OcvPoint> curve)
    {
        if (curve.Count < 2 || curve[0].StateOfCharge != 0 || curve[^1].StateOfCharge != 1)
        {
            throw new ArgumentOutOfRangeException(nameof(curve), curve.Count, "The OCV curve needs at least two points, the first at SOC 0 and the last at SOC 1.");
        }

        for (int i = 0; i < curve.Count; i++)
        {
            double v = curve[i].Voltage.Value;
            if (!(v > 0) || !double.IsFinite(v))
            {
                throw new ArgumentOutOfRangeException(nameof(curve), v, string.Create(CultureInfo.InvariantCulture, $"OCV point {i} must have a finite voltage > 0 V."));
            }

            if (i > 0 && !(curve[i].StateOfCharge > curve[i - 1].StateOfCharge && v > curve[i - 1].Voltage.Value))
            {
                throw new ArgumentOutOfRangeException(
                    nameof(curve),
                    curve[i],
                    string.Create(CultureInfo.InvariantCulture, $"OCV point {i} must have a higher SOC and a higher voltage than point {i - 1} (strictly increasing curve)."));
            }
        }
    }

    private StorageStep Charge(double inputPower, double t, Joules offered)
    {
        double before = _s;
        if (before >= 1)
        {
            _load = 0;
            return new StorageStep(Joules.Zero, Joules.Zero, Joules.Zero, offered, Joules.Zero);
        }

        double tFull = ChargeTime(before, 1, inputPower);
        Joules accepted = offered;
        if (t < tFull)
        {
            _s = Math.Min(ChargeState(before, inputPower, t), 1);
            _load = -inputPower;
        }
        else
        {
            _s = 1;
            _load = 0;
            accepted = new Joules(Math.Min(inputPower * tFull, offered.Value));
        }

        var stored = new Joules(Math.Min(EnergyBetween(before, _s), accepted.Value));
        return new StorageStep(Joules.Zero, stored, accepted - stored, offered - accepted, Joules.Zero);
    }

    private long? ExhaustionNanoseconds(double power, out double threshold, out double tStar)
    {
        threshold = ExhaustionState(power);
        if (_s <= threshold)
        {
            tStar = 0;
            return 0;
        }

        tStar = DischargeTime(threshold, _s, power);

        // Still above the threshold: at least 1 ns, so a cell that was not exhausted never reports zero.
        return StorageMath.CeilingNanoseconds(tStar) is { } n ? Math.Max(n, 1) : null;
    }

    /// <summary>The state of charge at which the load <paramref name="power"/> browns out (+∞ if it never can be served).</summary>
    private double ExhaustionState(double power)
    {
        double ocvStar = _cutoff;
        if (_resistance > 0)
        {
            double pr = power * _resistance;
            double root = Math.Sqrt(pr);
            ocvStar = _cutoff >= root ? _cutoff + (pr / _cutoff) : 2 * root;
        }

        return StateAtOcv(ocvStar);
    }

    /// <summary>The state of charge whose open-circuit voltage is <paramref name="ocvStar"/> (+∞ above the curve, 0 below it).</summary>
    private double StateAtOcv(double ocvStar)
    {
        if (ocvStar > _ocv[^1])
        {
            return double.PositiveInfinity;
        }

        if (ocvStar <= _ocv[0])
        {
            return 0;
        }

        int i = 0;
        while (_ocv[i + 1] < ocvStar)
        {
            i++;
        }

        return Math.Min(_soc[i] + ((ocvStar - _ocv[i]) / Slope(i)), _soc[i + 1]);
    }

    private double Slope(int i) => (_ocv[i + 1] - _ocv[i]) / (_soc[i + 1] - _soc[i]);

    private double OcvIn(int i, double s) => _ocv[i] + (Slope(i) * (s - _soc[i]));

    private double Ocv(double s) => OcvIn(SegmentAbove(s), s);

    /// <summary>Segment i with soc[i] ≤ s &lt; soc[i+1] (the last segment for s = 1).</summary>
    private int SegmentAbove(double s)
    {
        int i = 0;
        while (i < _soc.Length - 2 && s >= _soc[i + 1])
        {
            i++;
        }

        return i;
    }

    /// <summary>Segment i with soc[i] &lt; s ≤ soc[i+1] (the first segment for s = 0).</summary>
    private int SegmentBelow(double s)
    {
        int i = _soc.Length - 2;
        while (i > 0 && s <= _soc[i])
        {
            i--;
        }

        return i;
    }

    private double EnergyAt(double s)
    {
        int i = SegmentAbove(s);
        return _energyAtPoint[i] + (_charge * (s - _soc[i]) * (_ocv[i] + OcvIn(i, s)) / 2.0);
    }

    /// <summary>Q·∫ OCV over [a, b], summed per segment so close states do not cancel.</summary>
    private double EnergyBetween(double a, double b)
    {
        double total = 0;
        double lo = a;
        int i = SegmentAbove(a);
        while (lo < b)
        {
            double hi = i == _soc.Length - 2 ? b : Math.Min(b, _soc[i + 1]);
            total += _charge * (hi - lo) * (OcvIn(i, lo) + OcvIn(i, hi)) / 2.0;
            lo = hi;
            i++;
        }

        return total;
    }

    /// <summary>∫ (v + √(v² − σ)) ds over [lo, hi] inside segment i, in closed form (see remarks).</summary>
    private double SegmentIntegral(int i, double lo, double hi, double sigma)
    {
        double ds = hi - lo;
        if (!(ds > 0))
        {
            return 0;
        }

        double b = Slope(i);
        double vlo = OcvIn(i, lo);
        double vhi = OcvIn(i, hi);
        double rootLo = Math.Sqrt(Math.Max(0, (vlo * vlo) - sigma));
        double rootHi = Math.Sqrt(Math.Max(0, (vhi * vhi) - sigma));
        double sumV = vlo + vhi;
        double linear = ds * sumV / 2.0;
        double sumRoots = rootLo + rootHi;
        if (!(sumRoots > 0))
        {
            return linear;
        }

        double dv = b * ds;
        double dRoot = dv * sumV / sumRoots;
        double log = sigma == 0 ? 0 : sigma * StorageMath.Log1P((dv + dRoot) / (vlo + rootLo)) / b;
        return linear + (0.5 * ((ds * rootHi) + (vlo * ds * sumV / sumRoots) - log));
    }

    private double Integrand(int i, double s, double sigma)
    {
        double v = OcvIn(i, s);
        return v + Math.Sqrt(Math.Max(0, (v * v) - sigma));
    }

    /// <summary>Time to discharge from <paramref name="high"/> down to <paramref name="low"/> at power P.</summary>
    private double DischargeTime(double low, double high, double power)
    {
        double sigma = 4 * _resistance * power;
        double sum = 0;
        for (int i = SegmentAbove(low); i < _soc.Length - 1 && _soc[i] < high; i++)
        {
            sum += SegmentIntegral(i, Math.Max(low, _soc[i]), Math.Min(high, _soc[i + 1]), sigma);
        }

        return _charge * sum / (2 * power);
    }

    /// <summary>Time to charge from <paramref name="low"/> up to <paramref name="high"/> at input power P_in.</summary>
    private double ChargeTime(double low, double high, double inputPower)
    {
        double sigma = -4 * _resistance * inputPower;
        double sum = 0;
        for (int i = SegmentAbove(low); i < _soc.Length - 1 && _soc[i] < high; i++)
        {
            sum += SegmentIntegral(i, Math.Max(low, _soc[i]), Math.Min(high, _soc[i + 1]), sigma);
        }

        return _charge * sum / (2 * _chargeEfficiency * inputPower);
    }

    /// <summary>The state after discharging for <paramref name="t"/> s from <paramref name="start"/> (not below <paramref name="floor"/>).</summary>
    private double DischargeState(double start, double floor, double power, double t)
    {
        double sigma = 4 * _resistance * power;
        double factor = _charge / (2 * power);
        double high = start;
        double remaining = t;
        for (int i = SegmentBelow(start); ; i--)
        {
            double low = Math.Max(_soc[i], floor);
            double segment = factor * SegmentIntegral(i, low, high, sigma);
            if (segment <= remaining)
            {
                if (i == 0 || low <= floor)
                {
                    return low;
                }

                remaining -= segment;
                high = low;
                continue;
            }

            int seg = i;
            double top = high;
            double rest = remaining;
            return StorageMath.SolveBracketed(
                s => (factor * SegmentIntegral(seg, s, top, sigma)) - rest,
                s => -factor * Integrand(seg, s, sigma),
                low,
                top,
                increasing: false);
        }
    }

    /// <summary>The state after charging for <paramref name="t"/> s from <paramref name="start"/> (caller ensures it stays below 1).</summary>
    private double ChargeState(double start, double inputPower, double t)
    {
        double sigma = -4 * _resistance * inputPower;
        double factor = _charge / (2 * _chargeEfficiency * inputPower);
        double low = start;
        double remaining = t;
        for (int i = SegmentAbove(start); ; i++)
        {
            double high = _soc[i + 1];
            double segment = factor * SegmentIntegral(i, low, high, sigma);
            if (segment <= remaining)
            {
                if (i == _soc.Length - 2)
                {
                    return high;
                }

                remaining -= segment;
                low = high;
                continue;
            }

            int seg = i;
            double bottom = low;
            double rest = remaining;
            return StorageMath.SolveBracketed(
                s => (factor * SegmentIntegral(seg, bottom, s, sigma)) - rest,
                s => factor * Integrand(seg, s, sigma),
                bottom,
                high,
                increasing: true);
        }
    }
}
