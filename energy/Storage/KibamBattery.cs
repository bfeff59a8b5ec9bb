using System.Globalization;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy.Storage;

/// <summary>
/// The Kinetic Battery Model (KiBaM; Manwell and McGowan, "Lead acid battery storage model for hybrid energy systems",
/// Solar Energy 50(5), 1993; as implemented in NREL SAM <c>shared/lib_battery_capacity.cpp</c> and Hybrid2):
/// the charge sits in two wells, q₁ available (feeds the load) and q₂ bound (flows into q₁ at a finite rate), which
/// reproduces the rate-capacity effect (a heavy load empties q₁ before the bound charge can follow) and recovery
/// (at rest q₁ refills toward c·q₀). See models.md §6.1.
/// </summary>
/// <remarks>
/// <para><b>Equations.</b> With q₀ = q₁ + q₂, capacity ratio c, rate constant k (SAM/Hybrid2 convention: k is the
/// exponent's rate), current I (+ discharge), the state obeys dq₁/dt = −I + k·(c·q₂ − (1 − c)·q₁) and
/// dq₂/dt = −k·(c·q₂ − (1 − c)·q₁), whose exact solution over Δt at constant I is (models.md §6.1)
/// q₁′ = q₁·e^(−kΔt) + ((q₀·k·c − I)(1 − e^(−kΔt)) − I·c·(kΔt − 1 + e^(−kΔt)))/k and
/// q₂′ = q₂·e^(−kΔt) + q₀(1 − c)(1 − e^(−kΔt)) − I(1 − c)(kΔt − 1 + e^(−kΔt))/k, so q₀′ = q₀ − I·Δt exactly.
/// The load draws a constant power P at the nominal voltage V, so I = P/V and the stored energy is q₀·V.
/// Jongerden and Haverkort ("Which battery model to use?", IET Software 3(6), 2009) write the flow term as
/// k_JH·(h₂ − h₁) with heights h₁ = q₁/c, h₂ = q₂/(1 − c), and use k′ = k_JH/(c(1 − c)) in the exponent: their k′ is
/// this class's k (see <see cref="RateConstantFromJongerdenHaverkort"/>).</para>
/// <para><b>Exhaustion.</b> The battery browns out when q₁ reaches 0 while falling. Rearranged (the form the code
/// evaluates, which keeps c = 1 exactly linear), q₁(t) = q₁ − (q₁ − c·q₀)(1 − e^(−kt)) − I(1 − c)(1 − e^(−kt))/k − I·c·t,
/// i.e. α + β·e^(−kt) − I·c·t: convex (β ≥ 0) or concave (β &lt; 0), tending to −∞, so from q₁(0) &gt; 0 (or from
/// q₁(0) = 0 while the bound well refills it faster than I drains it, when the load can still be served) it has
/// exactly one root, bounded by q₀/I because q₂ stays ≥ 0. <see cref="TimeUntilExhausted"/> finds the smallest whole
/// nanosecond n with q₁(n) ≤ 0 by integer bisection on [0, ⌈q₀/I⌉ + 1] (the root to 1 ns, rounded up);
/// <see cref="Apply"/> uses the same predicate, so applying exactly that duration exhausts the battery and 1 ns less
/// does not. Inside the last nanosecond the root is refined by bisection on doubles, so the delivered energy is P·t*
/// with t* the root to double precision. That q₁(Δt) &lt; 0 is the same statement as I &gt; Idmax(Δt)
/// (<see cref="MaximumDischargeCurrent"/>), the SAM limit.
/// After a brown-out the load is cut off (the node's brown-out detector) and the battery rests for the rest of the
/// interval from the end of the brown-out nanosecond (the sub-nanosecond stretch after the root is not rested), so q₁
/// starts to recover at once.</para>
/// <para><b>Charging</b> uses the same equations with I = −η·P/V (η = <see cref="ChargeEfficiency"/>, coulombic). As in
/// SAM (<c>Icmax_compute</c>), the available well cannot exceed c·q_max: once q₁ reaches it, q₁ is held there and
/// the battery accepts only what flows on into the bound well, dq₂/dt = k·c·((1 − c)·q_max − q₂), so
/// q₂(t) = (1 − c)q_max − ((1 − c)q_max − q₂)·e^(−kct) (a constant-voltage-like taper); the rest of the offered
/// energy is <see cref="StorageStep.Refused"/>.</para>
/// <para><b>Energy identity.</b> Per step, with A = offered charging energy − Refused: Stored(after) − Stored(before) =
/// A − Delivered − Lost; Lost is (1 − η)·A, the coulombic charge loss (discharge has none, since the energy content
/// is q₀·V and the load gets I·V).</para>
/// <para><b>Scope and limitations:</b> constant terminal voltage (no open-circuit-voltage curve or internal
/// resistance; combine with the Li-ion model for that); no temperature, ageing or self-discharge; the charge limit
/// follows SAM but there is no SOC window (SAM's SOC_min/SOC_max): use the full 0–q_max range. Parameters fitted to
/// lead-acid data (SAM) describe lead-acid; Li-ion cells show a much weaker rate-capacity effect (c close to 1 or a
/// large k).</para>
/// <para><b>Validation:</b> KibamBatteryTests: SAM's own KiBaM test vectors (fit of q20 = 100 Ah, q1 = 60 Ah,
/// q10 = 93 Ah; the Idmax limit of 26.65 A after two steps), recovery at rest against the closed form, the exhaustion
/// root against Idmax(t*) = I and qmax(T), the c = 1 reduction to a linear battery; StoragePropertyTests: energy
/// ledger and TimeUntilExhausted/Apply consistency on random sequences.</para>
/// </remarks>
public sealed class KibamBattery : IEnergyStorage
{
    private readonly double _qmax;
    private readonly double _c;
    private readonly double _k;
    private readonly double _volts;
    private readonly double _chargeEfficiency = 1.0;
    private double _q1;
    private double _q2;

    /// <summary>Creates a battery whose wells start at equilibrium (q₁ = c·q₀), as SAM does.</summary>
    /// <param name="capacityAmpereHours">Maximum charge q_max, in A·h; finite, &gt; 0.</param>
    /// <param name="capacityRatio">c, the available well's share of the charge; in (0, 1] (1 is a linear battery).</param>
    /// <param name="rateConstantPerHour">k, in 1/h (SAM/Hybrid2 convention); finite, &gt; 0.</param>
    /// <param name="nominalVoltage">Terminal voltage, in V; finite, &gt; 0.</param>
    /// <param name="initialStateOfCharge">q₀/q_max at the start; in [0, 1].</param>
    public KibamBattery(
        double capacityAmpereHours,
        double capacityRatio,
        double rateConstantPerHour,
        Volts nominalVoltage,
        double initialStateOfCharge = 1.0)
    {
        if (!(capacityAmpereHours > 0) || !double.IsFinite(capacityAmpereHours))
        {
            throw new ArgumentOutOfRangeException(nameof(capacityAmpereHours), capacityAmpereHours, "KiBaM capacity must be a finite charge > 0 A·h.");
        }

        if (!(capacityRatio > 0 && capacityRatio <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(capacityRatio), capacityRatio, "KiBaM capacity ratio c must lie in (0, 1].");
        }

        if (!(rateConstantPerHour > 0) || !double.IsFinite(rateConstantPerHour))
        {
            throw new ArgumentOutOfRangeException(nameof(rateConstantPerHour), rateConstantPerHour, "KiBaM rate constant k must be a finite value > 0 1/h.");
        }

        if (!(nominalVoltage.Value > 0) || !double.IsFinite(nominalVoltage.Value))
        {
            throw new ArgumentOutOfRangeException(nameof(nominalVoltage), nominalVoltage, "Battery voltage must be a finite value > 0 V.");
        }

        if (!(initialStateOfCharge >= 0 && initialStateOfCharge <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(initialStateOfCharge), initialStateOfCharge, "Initial state of charge must lie in [0, 1].");
        }

        _qmax = capacityAmpereHours * StorageMath.SecondsPerHour;
        _c = capacityRatio;
        _k = rateConstantPerHour / StorageMath.SecondsPerHour;
        _volts = nominalVoltage.Value;
        double q0 = initialStateOfCharge * _qmax;
        _q1 = _c * q0;
        _q2 = q0 - _q1;
        Initial = Stored;
    }

    /// <summary>q_max, in A·h.</summary>
    public double CapacityAmpereHours => _qmax / StorageMath.SecondsPerHour;

    /// <summary>c, the available well's share of the charge.</summary>
    public double CapacityRatio => _c;

    /// <summary>k, in 1/h (SAM/Hybrid2 convention).</summary>
    public double RateConstantPerHour => _k * StorageMath.SecondsPerHour;

    /// <summary>Terminal voltage.</summary>
    public Volts NominalVoltage => new(_volts);

    /// <summary>Available charge q₁, in A·h.</summary>
    public double AvailableChargeAmpereHours => _q1 / StorageMath.SecondsPerHour;

    /// <summary>Bound charge q₂, in A·h.</summary>
    public double BoundChargeAmpereHours => _q2 / StorageMath.SecondsPerHour;

    /// <summary>q₀/q_max.</summary>
    public double StateOfCharge => (_q1 + _q2) / _qmax;

    /// <summary>Coulombic charge efficiency η in (0, 1]: the share of the charging current that ends up in the wells.</summary>
    public double ChargeEfficiency
    {
        get => _chargeEfficiency;
        init => _chargeEfficiency = StorageMath.CheckChargeEfficiency(value);
    }

    /// <inheritdoc/>
    public Joules Initial { get; }

    /// <inheritdoc/>
    public Joules Stored => new((_q1 + _q2) * _volts);

    /// <inheritdoc/>
    public Joules Capacity => new(_qmax * _volts);

    /// <inheritdoc/>
    public Volts Voltage => new(_volts);

    /// <inheritdoc/>
    public bool IsUnlimited => false;

    /// <summary>
    /// Converts Jongerden and Haverkort's flow constant k_JH (dq₁/dt = −I + k_JH·(h₂ − h₁)) into this class's k:
    /// k = k′ = k_JH / (c·(1 − c)).
    /// </summary>
    /// <param name="flowConstantPerHour">k_JH, in 1/h; &gt; 0.</param>
    /// <param name="capacityRatio">c in (0, 1).</param>
    public static double RateConstantFromJongerdenHaverkort(double flowConstantPerHour, double capacityRatio)
    {
        if (!(flowConstantPerHour > 0) || !double.IsFinite(flowConstantPerHour))
        {
            throw new ArgumentOutOfRangeException(nameof(flowConstantPerHour), flowConstantPerHour, "The flow constant must be a finite value > 0 1/h.");
        }

        if (!(capacityRatio > 0 && capacityRatio < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(capacityRatio), capacityRatio, "The capacity ratio c must lie in (0, 1) for this conversion.");
        }

        return flowConstantPerHour / (capacityRatio * (1 - capacityRatio));
    }

    /// <summary>
    /// SAM's KiBaM parameter fit (models.md §6.1; <c>capacity_kibam_t::parameter_compute</c>): from the capacities
    /// delivered at the 20-hour, t₁-hour and 10-hour rates, grid-search k over 0, 0.001, …, 4.999 1/h for the value
    /// where c(F₁, t₁, 20, k) and c(F₂, t₁, 10, k) agree best (F₁ = q_t1/q20, F₂ = q_t1/q10), take c as their mean, and
    /// q_max = q20·((1 − e^(−20k))(1 − c) + 20kc)/(20kc).
    /// </summary>
    /// <param name="q20AmpereHours">Capacity at the 20-hour rate, in A·h.</param>
    /// <param name="q1AmpereHours">Capacity delivered in t₁ hours, in A·h.</param>
    /// <param name="q10AmpereHours">Capacity at the 10-hour rate, in A·h.</param>
    /// <param name="t1Hours">t₁, in h (SAM default 1 h); in (0, 10).</param>
    /// <returns>c, k in 1/h and q_max in A·h.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Inputs not positive and ordered q_t1 &lt; q10 &lt; q20.</exception>
    /// <exception cref="ArgumentException">The fit does not give c in (0, 1] and k &gt; 0.</exception>
    public static (double CapacityRatio, double RateConstantPerHour, double CapacityAmpereHours) FitSam(
        double q20AmpereHours,
        double q1AmpereHours,
        double q10AmpereHours,
        double t1Hours = 1.0)
    {
        if (!(q1AmpereHours > 0 && q1AmpereHours < q10AmpereHours && q10AmpereHours < q20AmpereHours) || !double.IsFinite(q20AmpereHours))
        {
            throw new ArgumentOutOfRangeException(
                nameof(q1AmpereHours),
                q1AmpereHours,
                string.Create(CultureInfo.InvariantCulture, $"KiBaM fit needs finite capacities 0 < q_t1 < q10 < q20 A·h; got q_t1 = {q1AmpereHours}, q10 = {q10AmpereHours}, q20 = {q20AmpereHours}."));
        }

        if (!(t1Hours > 0 && t1Hours < 10))
        {
            throw new ArgumentOutOfRangeException(nameof(t1Hours), t1Hours, "KiBaM fit needs t1 in (0, 10) h.");
        }

        double f1 = q1AmpereHours / q20AmpereHours;
        double f2 = q1AmpereHours / q10AmpereHours;
        double bestK = 0;
        double bestC = double.NaN;
        double minResidual = 10000.0;

        // The same grid and strict comparison as SAM, so the same k wins ties.
        for (int i = 0; i < 5000; i++)
        {
            double k = i * 0.001;
            double c1 = SamCapacityRatio(f1, t1Hours, 20.0, k);
            double c2 = SamCapacityRatio(f2, t1Hours, 10.0, k);
            if (Math.Abs(c1 - c2) < minResidual)
            {
                minResidual = Math.Abs(c1 - c2);
                bestK = k;
                bestC = 0.5 * (c1 + c2);
            }
        }

        if (!(bestK > 0) || !(bestC > 0 && bestC <= 1))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The capacities do not give a KiBaM fit with c in (0, 1] and k > 0 (c = {bestC}, k = {bestK} 1/h)."),
                nameof(q1AmpereHours));
        }

        double qmax = q20AmpereHours * ((1 - Math.Exp(-bestK * 20)) * (1 - bestC) + (bestK * bestC * 20)) / (bestK * bestC * 20);
        return (bestC, bestK, qmax);
    }

    /// <summary>A battery with SAM's fitted parameters (<see cref="FitSam"/>).</summary>
    public static KibamBattery FromSamFit(
        double q20AmpereHours,
        double q1AmpereHours,
        double q10AmpereHours,
        Volts nominalVoltage,
        double initialStateOfCharge = 1.0)
    {
        (double c, double k, double qmax) = FitSam(q20AmpereHours, q1AmpereHours, q10AmpereHours);
        return new KibamBattery(qmax, c, k, nominalVoltage, initialStateOfCharge);
    }

    /// <summary>
    /// Idmax (models.md §6.1): the largest constant discharge current the battery can sustain for
    /// <paramref name="interval"/> from its present state, (k·q₁·e^(−kΔt) + q₀·k·c·(1 − e^(−kΔt))) /
    /// (1 − e^(−kΔt) + c·(kΔt − 1 + e^(−kΔt))). Infinite for an empty interval.
    /// </summary>
    public Amperes MaximumDischargeCurrent(SimDuration interval)
    {
        double t = StorageMath.Seconds(interval.Nanoseconds);
        if (!(t > 0))
        {
            return new Amperes(double.PositiveInfinity);
        }

        double x = _k * t;
        double oneMinusE = StorageMath.OneMinusExpNeg(x);
        double numerator = _k * ((_q1 * Math.Exp(-x)) + ((_q1 + _q2) * _c * oneMinusE));
        return new Amperes(numerator / Denominator(x, oneMinusE));
    }

    /// <summary>
    /// The magnitude of SAM's Icmax: the largest constant charging current into the wells that keeps q₁ ≤ c·q_max over
    /// <paramref name="interval"/>, (k·c·q_max − k·q₁·e^(−kΔt) − q₀·k·c·(1 − e^(−kΔt))) / (1 − e^(−kΔt) + c·(kΔt − 1 + e^(−kΔt))), at least 0.
    /// </summary>
    public Amperes MaximumChargeCurrent(SimDuration interval)
    {
        double t = StorageMath.Seconds(interval.Nanoseconds);
        if (!(t > 0))
        {
            return new Amperes(double.PositiveInfinity);
        }

        double x = _k * t;
        double oneMinusE = StorageMath.OneMinusExpNeg(x);
        double numerator = _k * ((_c * _qmax) - (_q1 * Math.Exp(-x)) - ((_q1 + _q2) * _c * oneMinusE));
        return new Amperes(Math.Max(0, numerator / Denominator(x, oneMinusE)));
    }

    /// <summary>
    /// qmax(T) (models.md §6.1): the charge a full battery delivers at the constant current that empties q₁ in exactly
    /// <paramref name="dischargeTime"/>, q_max·k·c·T / (1 − e^(−kT) + c·(kT − 1 + e^(−kT))), in A·h.
    /// </summary>
    public double CapacityAtConstantDischargeAmpereHours(SimDuration dischargeTime)
    {
        double t = StorageMath.Seconds(dischargeTime.Nanoseconds);
        if (!(t > 0))
        {
            return 0;
        }

        double x = _k * t;
        double q = _qmax * x * _c / Denominator(x, StorageMath.OneMinusExpNeg(x));
        return q / StorageMath.SecondsPerHour;
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
        if (netDischarge.Value > 0)
        {
            return Discharge(netDischarge.Value, duration.Nanoseconds, energy);
        }

        if (netDischarge.Value < 0)
        {
            return Charge(-netDischarge.Value, duration.Nanoseconds, -energy);
        }

        Advance(0, StorageMath.Seconds(duration.Nanoseconds));
        return default;
    }

    /// <inheritdoc/>
    public Joules StoredAfter(Watts netDischarge, SimDuration duration)
    {
        (double q1, double q2) = (_q1, _q2);
        Apply(netDischarge, duration);
        Joules after = Stored;
        (_q1, _q2) = (q1, q2);
        return after;
    }

    /// <inheritdoc/>
    public SimDuration? TimeUntilExhausted(Watts netDischarge)
    {
        if (!(netDischarge.Value > 0))
        {
            return null;
        }

        double current = netDischarge.Value / _volts;
        if (IsExhaustedNow(current))
        {
            return SimDuration.Zero;
        }

        // q₂ ≥ 0 until q₁ hits 0, so q₁(t) ≤ q₀ − I·t: the root is at most q₀/I.
        double bound = (_q1 + _q2) / current / StorageMath.SecondsPerNanosecond;
        long hi = bound < 4.6e18 ? (long)Math.Ceiling(bound) + 1 : long.MaxValue;
        while (!IsEmptyAfter(current, hi))
        {
            if (hi == long.MaxValue)
            {
                return null;
            }

            hi = hi > long.MaxValue / 2 ? long.MaxValue : hi * 2;
        }

        return SimDuration.FromNanoseconds(StorageMath.FirstTrue(n => IsEmptyAfter(current, n), 0, hi));
    }

    private static double SamCapacityRatio(double f, double t1, double t2, double k)
    {
        double numerator = (f * (1 - Math.Exp(-k * t1)) * t2) - ((1 - Math.Exp(-k * t2)) * t1);
        double denominator = numerator - (k * f * t1 * t2) + (k * t1 * t2);
        return numerator / denominator;
    }

    private StorageStep Discharge(double power, long nanoseconds, Joules requested)
    {
        double current = power / _volts;
        double t = StorageMath.Seconds(nanoseconds);
        if (!IsEmptyAfter(current, nanoseconds))
        {
            Advance(current, t);
            return new StorageStep(requested, Joules.Zero, Joules.Zero, Joules.Zero, Joules.Zero);
        }

        // Brown-out inside the interval: the same nanosecond search as TimeUntilExhausted, then the root to double precision.
        long n = IsExhaustedNow(current) ? 0 : StorageMath.FirstTrue(m => IsEmptyAfter(current, m), 0, nanoseconds);
        double tStar = n == 0
            ? 0
            : StorageMath.Bisect(x => Q1At(current, x) <= 0, StorageMath.Seconds(n - 1), StorageMath.Seconds(n));
        _q2 = Math.Max(0, _q1 + _q2 - (current * tStar));
        _q1 = 0;

        // The load is cut off; the battery rests from the end of the brown-out nanosecond (the event grid), so applying
        // exactly TimeUntilExhausted leaves q₁ = 0 rather than a sub-nanosecond recovery.
        Advance(0, StorageMath.Seconds(nanoseconds - n));
        var delivered = new Joules(Math.Min(power * tStar, requested.Value));
        return new StorageStep(delivered, Joules.Zero, Joules.Zero, Joules.Zero, requested - delivered);
    }

    private StorageStep Charge(double inputPower, long nanoseconds, Joules offered)
    {
        double eta = _chargeEfficiency;
        double wellCurrent = eta * inputPower / _volts;
        double t = StorageMath.Seconds(nanoseconds);
        double fullAvailable = _c * _qmax;
        double tFree;
        if (IsHeldFull(wellCurrent))
        {
            tFree = 0;
        }
        else if (Q1At(-wellCurrent, t) < fullAvailable)
        {
            Advance(-wellCurrent, t);
            return new StorageStep(Joules.Zero, offered * eta, offered * (1 - eta), Joules.Zero, Joules.Zero);
        }
        else
        {
            // q₁(t) − c·q_max is increasing after its minimum (if any), so bisection from there finds the one crossing.
            double from = Math.Min(ChargeMinimumTime(wellCurrent), t);
            tFree = StorageMath.Bisect(x => Q1At(-wellCurrent, x) >= fullAvailable, from, t);
            Advance(-wellCurrent, tFree);
            _q1 = fullAvailable;
        }

        // q₁ held at c·q_max: only the flow into the bound well is accepted.
        double boundFull = (1 - _c) * _qmax;
        double filled = Math.Max(0, (boundFull - _q2) * StorageMath.OneMinusExpNeg(_k * _c * (t - tFree)));
        _q2 += filled;
        _q1 = fullAvailable;
        var stored = new Joules(((wellCurrent * tFree) + filled) * _volts);
        Joules accepted = stored / eta;
        if (accepted > offered)
        {
            accepted = offered;
        }

        return new StorageStep(Joules.Zero, stored, accepted - stored, offered - accepted, Joules.Zero);
    }

    private bool IsHeldFull(double wellCurrent) =>
        _q1 >= _c * _qmax && wellCurrent >= _k * _c * (((1 - _c) * _qmax) - _q2);

    private double ChargeMinimumTime(double wellCurrent)
    {
        // q₁(t) = α + β·e^(−kt) + J·c·t for charging current J; its minimum is where k·β·e^(−kt) = J·c.
        double beta = _q1 - ((_q1 + _q2) * _c) - (wellCurrent * (1 - _c) / _k);
        return beta > 0 && _k * beta > wellCurrent * _c ? Math.Log(_k * beta / (wellCurrent * _c)) / _k : 0;
    }

    /// <summary>1 − e^(−x) + c·(x − 1 + e^(−x)), written as (1 − c)(1 − e^(−x)) + c·x (all terms ≥ 0, no cancellation).</summary>
    private double Denominator(double x, double oneMinusE) => ((1 - _c) * oneMinusE) + (_c * x);

    /// <summary>
    /// q₁ = 0 and falling: exhausted. At q₁ = 0 with the bound well refilling it faster than I drains it
    /// (dq₁/dt = −I + k·(c·q₂ − (1 − c)·q₁) &gt; 0) the load can still be served, and q₁ rises before it falls again.
    /// </summary>
    private bool IsExhaustedNow(double current) =>
        _q1 <= 0 && -current + (_k * ((_c * _q2) - ((1 - _c) * _q1))) <= 0;

    private bool IsEmptyAfter(double current, long nanoseconds) => Q1At(current, StorageMath.Seconds(nanoseconds)) <= 0;

    /// <summary>
    /// q₁ after t s at current I, the closed form rearranged as q₁ − (q₁ − c·q₀)(1 − e^(−kt)) − I·(1 − c)(1 − e^(−kt))/k − I·c·t
    /// (the same expression; this order keeps c = 1 exactly linear and the near-equilibrium term small).
    /// </summary>
    private double Q1At(double current, double t)
    {
        double oneMinusE = StorageMath.OneMinusExpNeg(_k * t);
        double q0 = _q1 + _q2;
        return _q1 - ((_q1 - (_c * q0)) * oneMinusE) - (current * (1 - _c) * oneMinusE / _k) - (current * _c * t);
    }

    /// <summary>q₂ after t s: q₂ − (q₂ − (1 − c)·q₀)(1 − e^(−kt)) − I·(1 − c)·(kt − 1 + e^(−kt))/k.</summary>
    private double Q2At(double current, double t)
    {
        double x = _k * t;
        double q0 = _q1 + _q2;
        return _q2 - ((_q2 - ((1 - _c) * q0)) * StorageMath.OneMinusExpNeg(x))
            - (current * (1 - _c) * StorageMath.XMinusOneMinusExpNeg(x) / _k);
    }

    private void Advance(double current, double t)
    {
        if (!(t > 0))
        {
            return;
        }

        double q1 = Q1At(current, t);
        double q2 = Q2At(current, t);
        _q1 = q1;
        _q2 = Math.Max(0, q2);
    }
}
