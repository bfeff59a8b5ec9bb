using System.Globalization;
using SensorNet.Energy.Storage;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy.Tests.Storage;

/// <summary>
/// Randomised checks over every storage model added for the energy issue.
/// </summary>
/// <remarks>
/// The storage-level identity checked after every step is the terminal balance
/// Stored = Initial + Σ (offered − Refused) − Σ Delivered − Σ Lost, where "offered" is the charging energy −P·Δt of a
/// charging step (0 otherwise): what entered the terminals, minus what the load took, minus what turned into heat inside
/// the storage (charge inefficiency, leakage, I²R, rate losses) is what is left. It must hold to 1e-9 of the energy
/// scale (capacity plus all energy requested or offered so far). Per step, a discharge splits P·Δt into
/// Delivered + Unserved, and a charge splits −P·Δt into accepted + Refused, with Stored ≤ accepted.
/// </remarks>
public class StoragePropertyTests
{
    private const int ModelsPerKind = 40;
    private const int StepsPerModel = 40;

    public static TheoryData<string> Kinds => new() { "kibam", "peukert", "supercap", "supercap-r", "supercap-i", "liion", "coin" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Ledger_BalancesAndExhaustionIsConsistent_OnRandomSequences(string kind)
    {
        var rng = new RandomStream(0x5E25_0E7E_0000_0000UL ^ (ulong)kind.Length ^ ((ulong)kind[^1] << 8));
        int brownOuts = 0;
        int saturations = 0;
        int exhaustionChecks = 0;
        for (int m = 0; m < ModelsPerKind; m++)
        {
            Func<IEnergyStorage> create = RandomModel(kind, rng);
            IEnergyStorage storage = create();
            double capacity = storage.Capacity.Value;
            double timeScale = LogUniform(rng, 10, 1e5);
            double powerScale = capacity / timeScale;
            var history = new List<(Watts Power, SimDuration Duration)>();
            double offered = 0, refused = 0, delivered = 0, lost = 0, moved = 0;

            for (int step = 0; step < StepsPerModel; step++)
            {
                double u = rng.NextDouble();
                double magnitude = powerScale * LogUniform(rng, 0.01, 30);
                var power = new Watts(u < 0.45 ? magnitude : u < 0.8 ? -magnitude : 0);
                var duration = SimDuration.FromNanoseconds(Math.Max(1, (long)(LogUniform(rng, 1e-6, 3 * timeScale) * 1e9)));

                if (power.Value > 0 && storage.TimeUntilExhausted(power) is { } left && left.Nanoseconds < 1_000_000_000_000_000)
                {
                    CheckExhaustion(create, history, storage, power, left, Describe(kind, m, step));
                    exhaustionChecks++;

                    // Sometimes run exactly to the brown-out, as NodeEnergy does.
                    if (rng.NextDouble() < 0.3 && left.Nanoseconds > 0)
                    {
                        duration = left;
                    }
                }

                StorageStep s = storage.Apply(power, duration);
                history.Add((power, duration));
                double energy = (power * duration).Value;
                CheckStep(s, energy, Describe(kind, m, step));

                if (energy < 0)
                {
                    offered += -energy;
                }

                moved += Math.Abs(energy);
                refused += s.Refused.Value;
                delivered += s.Delivered.Value;
                lost += s.Lost.Value;
                brownOuts += s.Unserved.Value > 0 ? 1 : 0;
                saturations += s.Refused.Value > 0 ? 1 : 0;

                double expected = storage.Initial.Value + offered - refused - delivered - lost;
                double scale = capacity + moved;
                Assert.True(
                    Math.Abs(storage.Stored.Value - expected) <= 1e-9 * scale,
                    string.Create(CultureInfo.InvariantCulture, $"{Describe(kind, m, step)}: stored {storage.Stored.Value} J but the ledger gives {expected} J (scale {scale} J)."));
                Assert.True(storage.Stored.Value >= -1e-12 * scale && storage.Stored.Value <= capacity * (1 + 1e-12));
            }
        }

        Assert.True(brownOuts > 0, "no brown-out exercised");
        Assert.True(exhaustionChecks > 0, "no exhaustion prediction exercised");
        if (kind != "coin")
        {
            Assert.True(saturations > 0, "no saturation exercised");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void SplittingAnInterval_GivesTheSameState(string kind)
    {
        // The closed forms (and their inversions) must compose: one step of d equals n steps summing to d, as long as
        // no brown-out cuts the load off inside (after which the split and the whole differ by design).
        var rng = new RandomStream(0xC0DE_5EED_0000_0000UL ^ (ulong)kind.Length ^ ((ulong)kind[^1] << 8));
        int compared = 0;
        for (int m = 0; m < ModelsPerKind; m++)
        {
            Func<IEnergyStorage> create = RandomModel(kind, rng);
            IEnergyStorage whole = create();
            IEnergyStorage split = create();
            double capacity = whole.Capacity.Value;
            double timeScale = LogUniform(rng, 10, 1e5);
            for (int step = 0; step < 10; step++)
            {
                double u = rng.NextDouble();
                double magnitude = capacity / timeScale * LogUniform(rng, 0.01, 3);
                var power = new Watts(u < 0.45 ? magnitude : u < 0.8 ? -magnitude : 0);
                long total = Math.Max(10, (long)(LogUniform(rng, 1e-3, timeScale) * 1e9));
                StorageStep one = whole.Apply(power, SimDuration.FromNanoseconds(total));
                long left = total;
                double unserved = 0;
                while (left > 0)
                {
                    long piece = Math.Min(left, 1 + (long)rng.NextUInt64((ulong)(total / 3) + 1));
                    unserved += split.Apply(power, SimDuration.FromNanoseconds(piece)).Unserved.Value;
                    left -= piece;
                }

                if (one.Unserved.Value > 0 || unserved > 0)
                {
                    // Re-synchronise: from here on compare two fresh copies of the whole-step history.
                    break;
                }

                compared++;
                Assert.True(
                    Math.Abs(whole.Stored.Value - split.Stored.Value) <= 1e-9 * capacity,
                    string.Create(CultureInfo.InvariantCulture, $"{Describe(kind, m, step)}: whole step leaves {whole.Stored} but pieces leave {split.Stored}."));

                // Near 0 V a rounding-level energy difference δE shows as √(2δE/C) in a capacitor's voltage: compare loosely.
                Assert.True(
                    Math.Abs(whole.Voltage.Value - split.Voltage.Value) <= 1e-7 * Math.Max(1, whole.Voltage.Value),
                    string.Create(CultureInfo.InvariantCulture, $"{Describe(kind, m, step)}: whole step ends at {whole.Voltage} but pieces at {split.Voltage}."));
            }
        }

        Assert.True(compared > ModelsPerKind, "too few intervals compared");
    }

    private static void CheckStep(StorageStep s, double energy, string where)
    {
        foreach (double v in new[] { s.Delivered.Value, s.Stored.Value, s.Lost.Value, s.Refused.Value, s.Unserved.Value })
        {
            Assert.True(v >= 0 && double.IsFinite(v), $"{where}: negative or non-finite flow in {s}.");
        }

        double tolerance = 1e-12 * Math.Abs(energy);
        if (energy > 0)
        {
            Assert.True(Math.Abs(s.Delivered.Value + s.Unserved.Value - energy) <= tolerance, $"{where}: delivered + unserved ≠ requested in {s}.");
            Assert.True(s.Stored.Value == 0 && s.Refused.Value == 0, $"{where}: a discharge stored or refused energy: {s}.");
        }
        else if (energy < 0)
        {
            Assert.True(s.Delivered.Value == 0 && s.Unserved.Value == 0, $"{where}: a charge delivered energy: {s}.");
            Assert.True(s.Refused.Value <= -energy + tolerance, $"{where}: refused more than offered: {s}.");
            Assert.True(s.Stored.Value <= -energy - s.Refused.Value + tolerance, $"{where}: stored more than accepted: {s}.");
        }
        else
        {
            Assert.True(s.Delivered.Value == 0 && s.Stored.Value == 0 && s.Refused.Value == 0 && s.Unserved.Value == 0, $"{where}: a rest moved energy: {s}.");
        }
    }

    /// <summary>Applying exactly TimeUntilExhausted exhausts the storage; 1 ns less does not.</summary>
    private static void CheckExhaustion(
        Func<IEnergyStorage> create,
        List<(Watts Power, SimDuration Duration)> history,
        IEnergyStorage original,
        Watts power,
        SimDuration left,
        string where)
    {
        IEnergyStorage justBefore = Replay(create, history);
        IEnergyStorage exactly = Replay(create, history);
        Assert.Equal(original.Stored, justBefore.Stored);

        if (left == SimDuration.Zero)
        {
            StorageStep none = exactly.Apply(power, SimDuration.FromNanoseconds(1));
            Assert.True(none.Delivered.Value == 0, $"{where}: exhausted, yet delivered {none.Delivered}.");
            return;
        }

        StorageStep before = justBefore.Apply(power, left - SimDuration.FromNanoseconds(1));
        Assert.True(before.Unserved.Value == 0, $"{where}: browned out before the predicted {left}: {before}.");
        Assert.True(justBefore.TimeUntilExhausted(power) >= SimDuration.FromNanoseconds(1), $"{where}: exhausted 1 ns before the predicted {left}.");

        StorageStep at = exactly.Apply(power, left);
        Assert.True(
            at.Unserved.Value > 0 || exactly.TimeUntilExhausted(power) == SimDuration.Zero,
            $"{where}: not exhausted at the predicted {left}: {at}, {exactly.TimeUntilExhausted(power)} left.");
    }

    private static IEnergyStorage Replay(Func<IEnergyStorage> create, List<(Watts Power, SimDuration Duration)> history)
    {
        IEnergyStorage s = create();
        foreach ((Watts p, SimDuration d) in history)
        {
            s.Apply(p, d);
        }

        return s;
    }

    internal static Func<IEnergyStorage> RandomModel(string kind, RandomStream rng)
    {
        double soc = rng.NextDouble() < 0.2 ? (rng.NextDouble() < 0.5 ? 0.0 : 1.0) : rng.NextDouble();
        double eta = rng.NextDouble() < 0.3 ? 1.0 : rng.Uniform(0.6, 1.0);
        double volts = rng.Uniform(1.2, 12);
        switch (kind)
        {
            case "kibam":
            {
                double ah = LogUniform(rng, 0.01, 10);
                double c = rng.NextDouble() < 0.15 ? 1.0 : rng.Uniform(0.05, 0.95);
                double k = LogUniform(rng, 0.01, 100);
                return () => new KibamBattery(ah, c, k, new Volts(volts), soc) { ChargeEfficiency = eta };
            }

            case "peukert":
            {
                double ah = LogUniform(rng, 0.01, 100);
                double hours = new[] { 1.0, 5.0, 10.0, 20.0 }[rng.NextInt32(4)];
                double exponent = rng.Uniform(1.0, 1.4);
                return () => new PeukertBattery(ah, hours, exponent, new Volts(volts), soc) { ChargeEfficiency = eta };
            }

            case "supercap":
            case "supercap-r":
            case "supercap-i":
            {
                double farads = LogUniform(rng, 0.01, 100);
                double vmax = rng.Uniform(2.5, 5.5);
                double vmin = rng.NextDouble() < 0.2 ? 0 : rng.Uniform(0, 0.6) * vmax;
                double v0 = rng.Uniform(0, 1) * vmax;
                double ohms = LogUniform(rng, 10, 1e6);
                double leak = LogUniform(rng, 1e-7, 1e-2);
                return kind switch
                {
                    "supercap-r" => () => new Supercapacitor(farads, new Volts(vmax), new Volts(vmin), new Volts(v0)) { LeakageResistanceOhms = ohms, ChargeEfficiency = eta },
                    "supercap-i" => () => new Supercapacitor(farads, new Volts(vmax), new Volts(vmin), new Volts(v0)) { LeakageCurrent = new Amperes(leak), ChargeEfficiency = eta },
                    _ => () => new Supercapacitor(farads, new Volts(vmax), new Volts(vmin), new Volts(v0)) { ChargeEfficiency = eta },
                };
            }

            case "liion":
            {
                double mah = LogUniform(rng, 50, 5000);
                IReadOnlyList<OcvPoint> curve = rng.NextDouble() < 0.5
                    ? LiIonBattery.GenericOcvCurve
                    : [new(0, new Volts(3.0)), new(0.3, new Volts(3.6)), new(1, new Volts(4.2))];
                double ohms = rng.NextDouble() < 0.15 ? 0 : rng.Uniform(0.01, 0.5);
                double cutoff = rng.Uniform(2.8, 3.6);
                return () => new LiIonBattery(mah, curve, ohms, new Volts(cutoff), soc) { ChargeEfficiency = eta };
            }

            default:
            {
                double mah = rng.Uniform(200, 240);
                double ohms = rng.NextDouble() < 0.3 ? 0 : rng.Uniform(5, 40);
                return () => new CoinCell(mah, ohms, soc);
            }
        }
    }

    internal static double LogUniform(RandomStream rng, double low, double high) => low * Math.Pow(high / low, rng.NextDouble());

    private static string Describe(string kind, int model, int step) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind} model {model} step {step}");
}
