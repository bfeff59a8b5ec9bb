using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy.Storage;

/// <summary>
/// A CR2032-like lithium/manganese-dioxide coin cell (primary, not rechargeable): 3.0 V nominal, 225 mA·h to a
/// 2.0 V cutoff (models.md §6.2: 225 mA·h typical per Wikipedia, 235 mA·h per the Energizer-style rating on a 15 kΩ
/// load, grade S), modelled as a flat 3.0 V source behind an optional internal resistance.
/// </summary>
/// <remarks>
/// <para><b>Model.</b> Charge Q, open-circuit voltage fixed at 3.0 V, internal resistance R (default 0 Ω). A load P
/// draws I = 2P/(3.0 + √(9 − 4PR)) and sees V = 3.0 − I·R; the cell's energy content (charge × 3.0 V) falls by
/// 3.0·I·t = P·t + I²R·t, the I²R part being <see cref="StorageStep.Lost"/>. The load browns out when the charge is
/// used up, or at once when V would fall below the 2.0 V cutoff: P &gt; V_cut·(3.0 − V_cut)/R = 2/R W (for R &gt; 0).
/// With R = 0 this is a <see cref="LinearBattery"/> of 225 mA·h × 3.0 V = 2 430 J that refuses charge.</para>
/// <para><b>What it leaves out, honestly.</b> A real CR2032 does not hold 3.0 V: its voltage drifts from about 3.0–3.2 V
/// down through ≈ 2.8 V and falls steeply near the end, so the energy to 2.0 V is somewhat below 2 430 J; its
/// internal resistance is some 10–40 Ω and rises with depth of discharge (a 2009 Interactive Matter Lab note reads
/// ≈ 18–20 Ω up to 150 mA·h and ≈ 30 Ω at 170 mA·h off the Energizer datasheet; grade U), and the rated capacity holds
/// only for small currents (the encyc.org summary gives 0.2 mA standard, 3 mA maximum continuous and 15 mA maximum
/// pulse current; grade S). Pulsed loads (radio transmissions) therefore sag far more than the model shows with
/// R = 0; set <c>internalResistanceOhms</c> (≈ 20 Ω, grade U) to see the sag and the cutoff. There is no recovery,
/// temperature or self-discharge model.</para>
/// <para><b>Energy identity.</b> Stored(after) − Stored(before) = −Delivered − Lost; charging is refused entirely.</para>
/// <para><b>Validation:</b> CoinCellTests (2 430 J capacity, sagged voltage and I²R loss by hand, cutoff, refused
/// charge); StoragePropertyTests (ledger and exhaustion consistency).</para>
/// </remarks>
public sealed class CoinCell : IEnergyStorage
{
    /// <summary>Nominal (open-circuit) voltage of a CR2032, 3.0 V.</summary>
    public const double NominalVolts = 3.0;

    /// <summary>End-of-life terminal voltage of the capacity rating, 2.0 V.</summary>
    public const double CutoffVolts = 2.0;

    /// <summary>Typical CR2032 capacity to 2.0 V, 225 mA·h (models.md §6.2).</summary>
    public const double TypicalCapacityMilliampereHours = 225.0;

    private readonly double _fullCharge;
    private readonly double _resistance;
    private double _charge;
    private double _current;

    /// <summary>Creates a coin cell.</summary>
    /// <param name="capacityMilliampereHours">Capacity to 2.0 V, in mA·h; finite, &gt; 0 (225 typical, 235 for the Energizer-style rating).</param>
    /// <param name="internalResistanceOhms">R, in Ω; finite, ≥ 0 (0: no sag).</param>
    /// <param name="initialStateOfCharge">Remaining share of the capacity at the start; in [0, 1].</param>
    public CoinCell(
        double capacityMilliampereHours = TypicalCapacityMilliampereHours,
        double internalResistanceOhms = 0,
        double initialStateOfCharge = 1.0)
    {
        if (!(capacityMilliampereHours > 0) || !double.IsFinite(capacityMilliampereHours))
        {
            throw new ArgumentOutOfRangeException(nameof(capacityMilliampereHours), capacityMilliampereHours, "Coin-cell capacity must be a finite charge > 0 mA·h.");
        }

        if (!(internalResistanceOhms >= 0) || !double.IsFinite(internalResistanceOhms))
        {
            throw new ArgumentOutOfRangeException(nameof(internalResistanceOhms), internalResistanceOhms, "Internal resistance must be a finite value ≥ 0 Ω.");
        }

        if (!(initialStateOfCharge >= 0 && initialStateOfCharge <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(initialStateOfCharge), initialStateOfCharge, "Initial state of charge must lie in [0, 1].");
        }

        _fullCharge = capacityMilliampereHours * StorageMath.CoulombsPerMilliampereHour;
        _resistance = internalResistanceOhms;
        _charge = initialStateOfCharge * _fullCharge;
        Initial = Stored;
    }

    /// <summary>R, in Ω.</summary>
    public double InternalResistanceOhms => _resistance;

    /// <summary>Remaining share of the capacity.</summary>
    public double StateOfCharge => _charge / _fullCharge;

    /// <summary>Largest load power with V ≥ 2.0 V: 2.0·(3.0 − 2.0)/R = 2/R W (unbounded for R = 0).</summary>
    public Watts MaximumPower =>
        _resistance > 0 ? new Watts(CutoffVolts * (NominalVolts - CutoffVolts) / _resistance) : new Watts(double.PositiveInfinity);

    /// <inheritdoc/>
    public Joules Initial { get; }

    /// <summary>Remaining charge × 3.0 V.</summary>
    public Joules Stored => new(_charge * NominalVolts);

    /// <summary>Capacity × 3.0 V (2 430 J for 225 mA·h).</summary>
    public Joules Capacity => new(_fullCharge * NominalVolts);

    /// <summary>3.0 V − I·R under the load of the last <see cref="Apply"/> (3.0 V at rest or after a brown-out).</summary>
    public Volts Voltage => new(NominalVolts - (_current * _resistance));

    /// <inheritdoc/>
    public bool IsUnlimited => false;

    /// <summary>Current drawn by a load <paramref name="power"/> (≥ 0), or null beyond the cutoff limit.</summary>
    public Amperes? Current(Watts power)
    {
        if (power > MaximumPower)
        {
            return null;
        }

        double p = Math.Max(0, power.Value);
        return new Amperes(2 * p / (NominalVolts + Math.Sqrt((NominalVolts * NominalVolts) - (4 * p * _resistance))));
    }

    /// <inheritdoc/>
    public StorageStep Apply(Watts netDischarge, SimDuration duration)
    {
        if (!double.IsFinite(netDischarge.Value))
        {
            throw new ArgumentOutOfRangeException(nameof(netDischarge), netDischarge, "Net power must be finite.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(duration.Nanoseconds, nameof(duration));
        Joules energy = netDischarge * duration;
        _current = 0;
        if (duration.Nanoseconds == 0 || netDischarge.Value == 0)
        {
            return default;
        }

        if (netDischarge.Value < 0)
        {
            // A primary cell must not be charged.
            return new StorageStep(Joules.Zero, Joules.Zero, Joules.Zero, -energy, Joules.Zero);
        }

        if (Current(netDischarge) is not { } amperes)
        {
            return new StorageStep(Joules.Zero, Joules.Zero, Joules.Zero, Joules.Zero, energy);
        }

        double current = amperes.Value;
        double lossPower = current * current * _resistance;
        double t = StorageMath.Seconds(duration.Nanoseconds);
        if (!IsEmptyAfter(current, duration.Nanoseconds))
        {
            _charge -= current * t;
            _current = current;
            return new StorageStep(energy, Joules.Zero, new Joules(lossPower * t), Joules.Zero, Joules.Zero);
        }

        double tStar = _charge / current;
        _charge = 0;
        var delivered = new Joules(Math.Min(netDischarge.Value * tStar, energy.Value));
        return new StorageStep(delivered, Joules.Zero, new Joules(lossPower * tStar), Joules.Zero, energy - delivered);
    }

    /// <inheritdoc/>
    public Joules StoredAfter(Watts netDischarge, SimDuration duration)
    {
        (double charge, double current) = (_charge, _current);
        Apply(netDischarge, duration);
        Joules after = Stored;
        (_charge, _current) = (charge, current);
        return after;
    }

    /// <inheritdoc/>
    public SimDuration? TimeUntilExhausted(Watts netDischarge)
    {
        if (!(netDischarge.Value > 0))
        {
            return null;
        }

        if (_charge <= 0 || Current(netDischarge) is not { } amperes)
        {
            return SimDuration.Zero;
        }

        double current = amperes.Value;
        if (StorageMath.CeilingNanoseconds(_charge / current) is not { } guess)
        {
            return null;
        }

        // Nudge the rounded quotient onto the exact boundary of the test Apply uses.
        long n = Math.Max(guess, 1);
        while (n > 1 && IsEmptyAfter(current, n - 1))
        {
            n--;
        }

        while (!IsEmptyAfter(current, n))
        {
            if (n == long.MaxValue)
            {
                return null;
            }

            n++;
        }

        return SimDuration.FromNanoseconds(n);
    }

    private bool IsEmptyAfter(double current, long nanoseconds) => _charge - (current * StorageMath.Seconds(nanoseconds)) <= 0;
}
