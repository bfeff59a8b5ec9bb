using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy.Storage;

/// <summary>
/// A battery that follows Peukert's law (models.md §6.2): rated capacity C at the H-hour rate I_H = C/H and exponent
/// k ≥ 1; a constant current I ≥ I_H empties a full battery in t = H·(C/(I·H))^k.
/// </summary>
/// <remarks>
/// <para><b>Equations.</b> The battery holds a remaining rated charge q (full: C). A current I drains it at the
/// effective rate I_eff = I·(I/I_H)^(k − 1), so a full battery lasts C/I_eff = H·(C/(I·H))^k. The load draws a
/// constant power P at the nominal voltage V, so I = P/V; the stored energy is q·V, the load receives P·t, and the
/// difference (I_eff − I)·V·t is <see cref="StorageStep.Lost"/> (the capacity the high rate makes unavailable).
/// Exhaustion: q = I_eff·t, found exactly in whole nanoseconds (the smallest n with q − I_eff·n ns ≤ 0, the same
/// test <see cref="Apply"/> uses).</para>
/// <para><b>Below the rated current</b> Peukert's law predicts a capacity that grows without bound as I → 0 (and a
/// negative loss). This model clamps I_eff = I for I &lt; I_H: the rated capacity is the most the battery can deliver,
/// which is the usual reading of a capacity rating and keeps every loss ≥ 0. Sensor-node loads (µA to mA against
/// a C/20 rating) therefore mostly see a linear battery: Peukert matters only for currents above the rating.</para>
/// <para><b>Charging</b> stores η·P (η = <see cref="ChargeEfficiency"/>) up to C, without a Peukert effect; the rest is
/// <see cref="StorageStep.Refused"/>.</para>
/// <para><b>Energy identity.</b> Per step, with A = offered charging energy − Refused: Stored(after) − Stored(before) =
/// A − Delivered − Lost.</para>
/// <para><b>Scope and limitations:</b> constant voltage; no recovery at rest (unlike KiBaM), no temperature or
/// ageing; the exponent is an empirical fit (≈ 1.1–1.3 lead-acid, ≈ 1.05 Li-ion, models.md §6.2, grade S/U) and
/// history-free: a battery drained at a high rate and then at a low one gives the sum of the two fractions (the
/// common "fractional depletion" reading of Peukert's law).</para>
/// <para><b>Validation:</b> PeukertBatteryTests (hand-computed t = H·(C/(I·H))^k, clamping below I_H, charging and
/// refusal); StoragePropertyTests (ledger and exhaustion consistency).</para>
/// </remarks>
public sealed class PeukertBattery : IEnergyStorage
{
    private readonly double _ratedCharge;
    private readonly double _ratedCurrent;
    private readonly double _exponent;
    private readonly double _volts;
    private readonly double _chargeEfficiency = 1.0;
    private double _charge;

    /// <summary>Creates a battery.</summary>
    /// <param name="ratedCapacityAmpereHours">C, the capacity at the <paramref name="ratedHours"/>-hour rate, in A·h; finite, &gt; 0.</param>
    /// <param name="ratedHours">H, the discharge time of the rating, in h (often 20); finite, &gt; 0.</param>
    /// <param name="exponent">Peukert exponent k; finite, ≥ 1 (1 is a linear battery).</param>
    /// <param name="nominalVoltage">Terminal voltage, in V; finite, &gt; 0.</param>
    /// <param name="initialStateOfCharge">Remaining rated charge over C at the start; in [0, 1].</param>
    public PeukertBattery(
        double ratedCapacityAmpereHours,
        double ratedHours,
        double exponent,
        Volts nominalVoltage,
        double initialStateOfCharge = 1.0)
    {
        if (!(ratedCapacityAmpereHours > 0) || !double.IsFinite(ratedCapacityAmpereHours))
        {
            throw new ArgumentOutOfRangeException(nameof(ratedCapacityAmpereHours), ratedCapacityAmpereHours, "Rated capacity must be a finite charge > 0 A·h.");
        }

        if (!(ratedHours > 0) || !double.IsFinite(ratedHours))
        {
            throw new ArgumentOutOfRangeException(nameof(ratedHours), ratedHours, "The rating's discharge time must be a finite value > 0 h.");
        }

        if (!(exponent >= 1) || !double.IsFinite(exponent))
        {
            throw new ArgumentOutOfRangeException(nameof(exponent), exponent, "Peukert exponent must be a finite value ≥ 1.");
        }

        if (!(nominalVoltage.Value > 0) || !double.IsFinite(nominalVoltage.Value))
        {
            throw new ArgumentOutOfRangeException(nameof(nominalVoltage), nominalVoltage, "Battery voltage must be a finite value > 0 V.");
        }

        if (!(initialStateOfCharge >= 0 && initialStateOfCharge <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(initialStateOfCharge), initialStateOfCharge, "Initial state of charge must lie in [0, 1].");
        }

        _ratedCharge = ratedCapacityAmpereHours * StorageMath.SecondsPerHour;
        _ratedCurrent = ratedCapacityAmpereHours / ratedHours;
        _exponent = exponent;
        _volts = nominalVoltage.Value;
        _charge = initialStateOfCharge * _ratedCharge;
        Initial = Stored;
    }

    /// <summary>I_H = C/H, the rated current.</summary>
    public Amperes RatedCurrent => new(_ratedCurrent);

    /// <summary>Peukert exponent k.</summary>
    public double Exponent => _exponent;

    /// <summary>Terminal voltage.</summary>
    public Volts NominalVoltage => new(_volts);

    /// <summary>Remaining rated charge over C.</summary>
    public double StateOfCharge => _charge / _ratedCharge;

    /// <summary>Fraction of charging energy that is stored (the rest is lost); in (0, 1].</summary>
    public double ChargeEfficiency
    {
        get => _chargeEfficiency;
        init => _chargeEfficiency = StorageMath.CheckChargeEfficiency(value);
    }

    /// <inheritdoc/>
    public Joules Initial { get; }

    /// <inheritdoc/>
    public Joules Stored => new(_charge * _volts);

    /// <inheritdoc/>
    public Joules Capacity => new(_ratedCharge * _volts);

    /// <inheritdoc/>
    public Volts Voltage => new(_volts);

    /// <inheritdoc/>
    public bool IsUnlimited => false;

    /// <summary>I_eff = I·(I/I_H)^(k − 1) for I ≥ I_H, and I below the rated current (see remarks).</summary>
    public Amperes EffectiveCurrent(Amperes current) =>
        current.Value > _ratedCurrent ? new(current.Value * Math.Pow(current.Value / _ratedCurrent, _exponent - 1)) : current;

    /// <inheritdoc/>
    public StorageStep Apply(Watts netDischarge, SimDuration duration)
    {
        if (!double.IsFinite(netDischarge.Value))
        {
            throw new ArgumentOutOfRangeException(nameof(netDischarge), netDischarge, "Net power must be finite.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(duration.Nanoseconds, nameof(duration));
        Joules energy = netDischarge * duration;
        if (duration.Nanoseconds == 0 || netDischarge.Value == 0)
        {
            return default;
        }

        double t = StorageMath.Seconds(duration.Nanoseconds);
        if (netDischarge.Value < 0)
        {
            Joules offered = -energy;
            Joules room = new((_ratedCharge - _charge) * _volts);
            Joules wanted = offered * _chargeEfficiency;
            if (wanted < room)
            {
                _charge += _chargeEfficiency * -netDischarge.Value * t / _volts;
                return new StorageStep(Joules.Zero, wanted, offered - wanted, Joules.Zero, Joules.Zero);
            }

            _charge = _ratedCharge;
            Joules used = room / _chargeEfficiency;
            return new StorageStep(Joules.Zero, room, used - room, offered - used, Joules.Zero);
        }

        double current = netDischarge.Value / _volts;
        double effective = EffectiveCurrent(new Amperes(current)).Value;

        // The extra drain above the load current is the capacity lost to the rate: (I_eff − I)·V·t ≥ 0.
        double lossPower = (effective - current) * _volts;
        if (!IsEmptyAfter(effective, duration.Nanoseconds))
        {
            _charge -= effective * t;
            return new StorageStep(energy, Joules.Zero, new Joules(lossPower * t), Joules.Zero, Joules.Zero);
        }

        double tStar = _charge / effective;
        var delivered = new Joules(Math.Min(netDischarge.Value * tStar, energy.Value));
        var lost = new Joules(lossPower * tStar);
        _charge = 0;
        return new StorageStep(delivered, Joules.Zero, lost, Joules.Zero, energy - delivered);
    }

    /// <inheritdoc/>
    public Joules StoredAfter(Watts netDischarge, SimDuration duration)
    {
        double charge = _charge;
        Apply(netDischarge, duration);
        Joules after = Stored;
        _charge = charge;
        return after;
    }

    /// <inheritdoc/>
    public SimDuration? TimeUntilExhausted(Watts netDischarge)
    {
        if (!(netDischarge.Value > 0))
        {
            return null;
        }

        if (_charge <= 0)
        {
            return SimDuration.Zero;
        }

        double effective = EffectiveCurrent(new Amperes(netDischarge.Value / _volts)).Value;
        if (StorageMath.CeilingNanoseconds(_charge / effective) is not { } guess)
        {
            return null;
        }

        // Nudge the rounded quotient onto the exact boundary of the test Apply uses.
        long n = Math.Max(guess, 1);
        while (n > 1 && IsEmptyAfter(effective, n - 1))
        {
            n--;
        }

        while (!IsEmptyAfter(effective, n))
        {
            if (n == long.MaxValue)
            {
                return null;
            }

            n++;
        }

        return SimDuration.FromNanoseconds(n);
    }

    private bool IsEmptyAfter(double effectiveCurrent, long nanoseconds) =>
        _charge - (effectiveCurrent * StorageMath.Seconds(nanoseconds)) <= 0;
}
