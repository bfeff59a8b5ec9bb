using System.Globalization;
using SensorNet.Energy.Storage;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy.Tests.Storage;

public class StorageLevelsTests
{
    public static TheoryData<string> Kinds => new() { "linear", "kibam", "peukert", "supercap", "supercap-r", "supercap-i", "liion", "coin" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void TimeUntil_IsTheFirstNanosecondAtWhichTheModelReachesTheLevel(string kind)
    {
        var rng = new RandomStream(0x1E7E_15UL ^ ((ulong)kind.Length << 16) ^ kind[^1]);
        int found = 0;
        for (int m = 0; m < 60; m++)
        {
            IEnergyStorage storage = kind == "linear"
                ? new LinearBattery(new Joules(1000), new Joules(1000 * rng.NextDouble()), new Volts(3.7)) { ChargeEfficiency = 0.5 + (0.5 * rng.NextDouble()) }
                : StoragePropertyTests.RandomModel(kind, rng)();
            double capacity = storage.Capacity.Value;
            double timeScale = StoragePropertyTests.LogUniform(rng, 10, 1e5);
            bool charge = kind != "coin" && rng.NextDouble() < 0.4; // a primary cell refuses charge
            var power = new Watts((charge ? -1 : 1) * capacity / timeScale * StoragePropertyTests.LogUniform(rng, 0.01, 3));
            var level = new Joules(capacity * rng.NextDouble());
            double before = storage.Stored.Value;

            SimDuration? t = charge ? StorageLevels.TimeUntilRisesTo(storage, power, level) : StorageLevels.TimeUntilFallsTo(storage, power, level);

            string where = string.Create(CultureInfo.InvariantCulture, $"{kind} model {m}: P {power}, level {level}, stored {storage.Stored}");
            Assert.Equal(before, storage.Stored.Value); // the search must not change the storage
            bool Reached(long n) => charge ? storage.StoredAfter(power, SimDuration.FromNanoseconds(n)).Value >= level.Value : storage.StoredAfter(power, SimDuration.FromNanoseconds(n)).Value <= level.Value;
            if (t is not { } d)
            {
                // Never: the model settles short of the level (full, cut off or balanced by leakage).
                Assert.False(Reached(1L << 60), where);
                continue;
            }

            Assert.True(Reached(d.Nanoseconds), where + ": not reached at the returned time");
            if (d.Nanoseconds > 0)
            {
                Assert.False(Reached(d.Nanoseconds - 1), where + ": already reached a nanosecond earlier");
                found++;
            }
        }

        Assert.True(found >= 15, $"only {found} crossings exercised");
    }

    [Fact]
    public void TimeUntil_LinearBattery_MatchesTheHandCalculation()
    {
        var battery = new LinearBattery(new Joules(100), new Joules(50), new Volts(3));

        // 50 J → 20 J at 0.3 W: 100 s. Charging at 2 W with 80 % efficiency from 50 J to 90 J: 40 J / 1.6 W = 25 s.
        Assert.Equal(SimDuration.FromSeconds(100), StorageLevels.TimeUntilFallsTo(battery, new Watts(0.3), new Joules(20)));
        var lossy = new LinearBattery(new Joules(100), new Joules(50), new Volts(3)) { ChargeEfficiency = 0.8 };
        Assert.Equal(SimDuration.FromSeconds(25), StorageLevels.TimeUntilRisesTo(lossy, new Watts(-2), new Joules(90)));
        Assert.Equal(SimDuration.Zero, StorageLevels.TimeUntilFallsTo(battery, new Watts(0.3), new Joules(60)));
        Assert.Null(StorageLevels.TimeUntilRisesTo(battery, new Watts(-2), new Joules(120))); // above capacity
        Assert.Null(StorageLevels.TimeUntilFallsTo(battery, Watts.Zero, new Joules(20))); // resting, no leakage
        Assert.Null(StorageLevels.TimeUntilFallsTo(battery, new Watts(-1), new Joules(20))); // charging
        Assert.Null(StorageLevels.TimeUntilRisesTo(battery, new Watts(1), new Joules(90))); // discharging
    }

    [Fact]
    public void TimeUntil_LeakingSupercapacitor_FallsToALevelWithNoLoad()
    {
        // 1 F, leakage through 1 kΩ: V(t) = V0·e^(−t/RC), so 2.0 V → 1.0 V takes RC·ln 2 = 693.147… s.
        var cap = new Supercapacitor(1.0, new Volts(2.5), new Volts(0.5), new Volts(2.0)) { LeakageResistanceOhms = 1000 };

        SimDuration? t = StorageLevels.TimeUntilFallsTo(cap, Watts.Zero, new Joules(0.5 * 1.0 * 1.0 * 1.0));

        Assert.NotNull(t);
        Assert.InRange(t.Value.TotalSeconds, 1000 * Math.Log(2) - 1e-6, 1000 * Math.Log(2) + 1e-6);
    }
}
