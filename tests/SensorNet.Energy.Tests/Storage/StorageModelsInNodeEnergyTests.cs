using SensorNet.Energy.Accounting;
using SensorNet.Energy.Consumers;
using SensorNet.Energy.Harvesting;
using SensorNet.Energy.Storage;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy.Tests.Storage;

public class StorageModelsInNodeEnergyTests
{
    private static readonly PowerStateTable Load = new("load", [new("idle", new Watts(1)), new("busy", new Watts(16))], "test");

    [Fact]
    public void Kibam_DepletionEventFiresAtTheClosedFormRoot()
    {
        // 16 W at 2 V = 8 A from 10 Ah, c = 0.4, k = 0.8 /h: q1 empties at 2039.829657862 s, rounded up to the nanosecond.
        var sim = new Simulation();
        var energy = new NodeEnergy(sim, new KibamBattery(10, 0.4, 0.8, new Volts(2.0)));
        energy.AddConsumer("c", Load, 1);

        sim.RunUntil(SimTime.FromStart(SimDuration.FromHours(2)));

        Assert.Equal(2_039_829_657_863L, energy.DepletedAt!.Value.Nanoseconds, 1.0);
        energy.VerifyLedger();
    }

    [Fact]
    public void LossyStorages_BalanceTheNodeLedger_WithLoadChangesAndHarvest()
    {
        IEnergyStorage[] storages =
        [
            new LiIonBattery(100, LiIonBattery.GenericOcvCurve, 0.2, new Volts(3.3), 0.5) { ChargeEfficiency = 0.95 },
            new Supercapacitor(50, new Volts(5), new Volts(2), new Volts(4)) { LeakageResistanceOhms = 2000, ChargeEfficiency = 0.9 },
            new PeukertBattery(0.1, 20, 1.2, new Volts(3.7), 0.6) { ChargeEfficiency = 0.9 },
            new CoinCell(internalResistanceOhms: 20),
        ];

        foreach (IEnergyStorage storage in storages)
        {
            var sim = new Simulation();
            var energy = new NodeEnergy(sim, storage);
            StateBasedConsumer c = energy.AddConsumer("c", new PowerStateTable("load", [new("idle", new Watts(0.01)), new("busy", new Watts(0.09))], "test"), 0);
            energy.AddHarvester(new ConstantHarvester(new Watts(0.03)));
            for (int i = 1; i <= 20; i++)
            {
                int state = i % 2;
                sim.Schedule(SimTime.FromStart(SimDuration.FromSeconds(97 * i)), new Do(() => c.SetState(state)));
            }

            sim.RunUntil(SimTime.FromStart(SimDuration.FromHours(1)));
            energy.VerifyLedger();
        }
    }

    private sealed class Do(Action body) : IEventHandler
    {
        public void OnEvent(SimTime now, long tag) => body();
    }
}
