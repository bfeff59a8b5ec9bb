using SensorNet.Energy.Storage;
using SensorNet.NodeKernel.Chips;
using SensorNet.NodeKernel.Firmware;
using SensorNet.RadioModels.LoRa;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Tests;

public class SensorNodeTests
{
    private static readonly LoRaModulation Sf9 = new(9, Hertz.FromKilohertz(125), 1);

    private static SensorNode Build(Simulation sim, double batteryJ, SimDuration jitter, int id = 0, ulong seed = 7) =>
        new(
            sim,
            id,
            (new Meters(0), new Meters(0)),
            new LinearBattery(new Joules(batteryJ), new Joules(batteryJ), new Volts(3)),
            McuProfile.Nrf52840,
            LoRaChipProfile.Sx1276,
            Sf9,
            new Dbm(14),
            new SenseAndSendSettings(SimDuration.FromMinutes(10), jitter, 20, 20_000, 2_000),
            new RngStreams(seed, 0));

    [Fact]
    public void Run_OneDay_ResidencyIsExactAndActiveTimeFollowsCycleCounts()
    {
        var sim = new Simulation();
        SensorNode node = Build(sim, 2430, SimDuration.FromSeconds(30));
        node.Boot(sim.Now);
        SimDuration day = SimDuration.FromDays(1);

        sim.RunUntil(SimTime.FromStart(day));

        // 20 000 cycles at 64 MHz = 312.5 µs; 2 000 cycles = 31.25 µs; every reading runs both once.
        long perReading = 312_500 + 31_250;
        Assert.Equal(node.Readings * perReading, node.Cpu.Residency(McuProfile.ActiveState).Nanoseconds);
        Assert.Equal(day.Nanoseconds, node.Cpu.Residency(McuProfile.ActiveState).Nanoseconds + node.Cpu.Residency(McuProfile.SleepState).Nanoseconds);
        Assert.Equal(2 * node.Readings, node.Wakeups);
        Assert.Equal(node.Readings, node.Radio.FramesSent);
        Assert.InRange(node.Readings, 143, 144);
        node.Energy.VerifyLedger();
    }

    [Fact]
    public void Run_OneDay_EnergyMatchesHandCalculation()
    {
        var sim = new Simulation();
        SensorNode node = Build(sim, 2430, SimDuration.Zero);
        node.Boot(sim.Now);
        SimDuration day = SimDuration.FromDays(1);
        sim.RunUntil(SimTime.FromStart(day));
        node.Energy.Update();

        // Hand calculation from the profiles: MCU 3.3 mA active / 200 µA sleep at 3.0 V; SX1276 44 mA TX, 1.6 mA standby
        // (never entered for long: standby lasts the 31.25 µs interrupt), 0.2 µA sleep, at 3.0 V.
        double n = node.Readings;
        double airtime = LoRaTimeOnAir.Compute(Sf9, 20, LoRaChipFamily.Sx127x).Duration.TotalSeconds;
        double active = n * 343.75e-6;
        double mcu = (3.3e-3 * active + 200e-6 * (86400 - active)) * 3.0;
        double standby = n * 31.25e-6;
        double radio = (44e-3 * n * airtime + 1.6e-3 * standby + 0.2e-6 * (86400 - n * airtime - standby)) * 3.0;

        Assert.Equal(mcu, node.Cpu.TotalEnergy().Value, 9);
        Assert.Equal(radio, node.Radio.Consumer.TotalEnergy().Value, 9);
        Assert.Equal(mcu + radio, node.Energy.Demanded.Value, 9);
        Assert.Equal(2430 - (mcu + radio), node.Energy.Storage.Stored.Value, 9);
    }

    [Fact]
    public void Run_TinyBattery_NodeDiesAndStopsSending()
    {
        var sim = new Simulation();
        SensorNode node = Build(sim, 2.0, SimDuration.Zero);
        node.Boot(sim.Now);
        SimDuration day = SimDuration.FromDays(1);

        sim.RunUntil(SimTime.FromStart(day));

        Assert.False(node.Energy.IsPowered);
        SimTime died = node.Energy.DepletedAt!.Value;
        // 2 J at ≈ 0.6 mW of sleep draw lasts about an hour; allow for the readings in between.
        Assert.InRange(died.TotalSeconds, 2000, 3400);
        Assert.InRange(node.Readings, 1, 6);
        Assert.Equal(day - died.SinceStart, node.Cpu.Residency(node.Cpu.OffState));
        Assert.Equal(0, sim.PendingEvents);
        node.Energy.VerifyLedger();
    }

    [Fact]
    public void Jitter_SameSeedSameWakeups_DifferentSeedDifferent()
    {
        static (long Active, SimDuration Offset) RunOnce(ulong seed)
        {
            var sim = new Simulation();
            SensorNode node = Build(sim, 2430, SimDuration.FromSeconds(30), seed: seed);
            node.Boot(sim.Now);
            sim.RunUntil(SimTime.FromStart(SimDuration.FromHours(6)));
            return (node.Radio.Consumer.Residency(LoRaChipProfile.SleepState).Nanoseconds, node.StartOffset);
        }

        Assert.Equal(RunOnce(1), RunOnce(1));
        Assert.NotEqual(RunOnce(1).Offset, RunOnce(2).Offset);
    }

    [Fact]
    public void StartOffset_DependsOnNodeIdNotOnOtherNodes()
    {
        var simA = new Simulation();
        SensorNode alone = Build(simA, 2430, SimDuration.Zero, id: 3);
        var simB = new Simulation();
        _ = Build(simB, 2430, SimDuration.Zero, id: 1);
        SensorNode withNeighbour = Build(simB, 2430, SimDuration.Zero, id: 3);

        Assert.Equal(alone.StartOffset, withNeighbour.StartOffset);
    }
}
