using SensorNet.Energy;
using SensorNet.Energy.Accounting;
using SensorNet.Energy.Storage;
using SensorNet.NodeKernel.Drivers;
using SensorNet.NodeKernel.Tests.Support;
using SensorNet.RadioModels.LoRa;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Tests.Drivers.LoRa;

/// <summary>The SX1262 command model driven directly over its SPI interface (no kernel).</summary>
public class Sx1262DeviceTests
{
    // SF9 / BW125 / CR 4/5 / 20 B / explicit header / CRC on / preamble 8 / LDRO off (Tsym = 512 / 125 kHz = 4.096 ms):
    // payload symbols = 8 + ceil((8·20 − 4·9 + 28 + 16) / (4·9)) · 5 = 8 + ceil(168 / 36) · 5 = 33;
    // preamble 8 + 4.25 = 12.25; ToA = 45.25 · 4.096 ms = 185.344 ms.
    private const long ToANs = 185_344_000;

    [Fact]
    public void SetTx_HoldsBusyForTheRamp_TransmitsForTheExactTimeOnAir_ThenRaisesDio1()
    {
        (Simulation sim, Sx1262Device radio, TimedActions at) = Create();
        var dio1Edges = new List<(SimTime Time, bool Level)>();
        var busyFalls = new List<SimTime>();
        radio.Dio1.Changed += l => dio1Edges.Add((sim.Now, l.Level));
        radio.Busy.Changed += l =>
        {
            if (!l.Level)
            {
                busyFalls.Add(sim.Now);
            }
        };
        Configure(at, radio, payloadLength: 20, dio1Mask: 0x0001);
        at.AtMicroseconds(1_000, () => Send(radio, [0x83, 0, 0, 0]));      // SetTx, ramp 200 µs (SetTxParams code 0x04)
        at.AtMicroseconds(300_000, () => Send(radio, [0x02, 0xFF, 0xFF])); // ClearIrqStatus(all)

        sim.RunUntil(SimTime.FromStart(SimDuration.FromMilliseconds(400)));

        Assert.Equal(SimDuration.FromNanoseconds(ToANs), radio.LastTimeOnAir);
        Assert.Contains(SimTime.FromStart(SimDuration.FromMicroseconds(1_200)), busyFalls);
        Assert.Equal(
            [(SimTime.FromStart(SimDuration.FromNanoseconds(1_200_000 + ToANs)), true), (SimTime.FromStart(SimDuration.FromMicroseconds(300_000)), false)],
            dio1Edges);
        Assert.Equal(1, radio.FramesSent);
        Assert.Equal(Sx1262Mode.StandbyRc, radio.Mode);
        Assert.Equal(ToANs, radio.Consumer.Residency(radio.TransmitStateIndex).Nanoseconds);
    }

    [Fact]
    public void ModulationChange_BetweenFrames_TakesEffect_WhileUnchangedSettingsKeepTheLastFramesRecord()
    {
        // SF7 with the same settings: payload symbols = 8 + ceil((160 − 28 + 28 + 16) / 28) · 5 = 43, preamble 12.25,
        // ToA = 55.25 · 1.024 ms = 56.576 ms.
        (Simulation sim, Sx1262Device radio, TimedActions at) = Create();
        var records = new List<(LoRaModulation? Modulation, SimDuration TimeOnAir)>();
        Configure(at, radio, payloadLength: 20, dio1Mask: 0x0001);
        at.AtMicroseconds(1_000, () => Send(radio, [0x83, 0, 0, 0]));
        at.AtMicroseconds(300_000, () => records.Add((radio.LastModulation, radio.LastTimeOnAir)));
        at.AtMicroseconds(400_000, () => Send(radio, [0x83, 0, 0, 0]));
        at.AtMicroseconds(700_000, () => records.Add((radio.LastModulation, radio.LastTimeOnAir)));
        at.AtMicroseconds(800_000, () => Send(radio, [0x8B, 7, 0x04, 0x01, 0x00])); // SetModulationParams: SF7
        at.AtMicroseconds(900_000, () => Send(radio, [0x83, 0, 0, 0]));
        at.AtMicroseconds(1_100_000, () => records.Add((radio.LastModulation, radio.LastTimeOnAir)));

        sim.RunUntil(SimTime.FromStart(SimDuration.FromMilliseconds(1_200)));

        Assert.Equal(3, radio.FramesSent);
        Assert.Same(records[0].Modulation, records[1].Modulation);
        Assert.Equal(SimDuration.FromNanoseconds(ToANs), records[1].TimeOnAir);
        Assert.Equal(7, records[2].Modulation!.SpreadingFactor);
        Assert.Equal(9, records[0].Modulation!.SpreadingFactor);
        Assert.Equal(SimDuration.FromMicroseconds(56_576), records[2].TimeOnAir);
    }

    [Fact]
    public void TxEnergy_IsTxCurrentTimesSupplyTimesTimeOnAir()
    {
        // LoRaChipProfile.Sx1262: 14 dBm = 45 mA (U) at 3.3 V: E = 0.045 A · 3.3 V · 0.185344 s = 27.523584 mJ.
        (Simulation sim, Sx1262Device radio, TimedActions at) = Create();
        Configure(at, radio, payloadLength: 20, dio1Mask: 0x0001);
        at.AtMicroseconds(1_000, () => Send(radio, [0x83, 0, 0, 0]));

        sim.RunUntil(SimTime.FromStart(SimDuration.FromMilliseconds(400)));

        Assert.Equal(14, radio.TxPowerDbm);
        Assert.Equal(0.027523584, radio.Consumer.Energy(radio.TransmitStateIndex).Value, 1e-12);
    }

    [Fact]
    public void TxDone_NotMappedToDio1_SetsTheIrqStatusOnly_WhichGetIrqStatusReturns()
    {
        (Simulation sim, Sx1262Device radio, TimedActions at) = Create();
        Configure(at, radio, payloadLength: 20, dio1Mask: 0x0000);
        at.AtMicroseconds(1_000, () => Send(radio, [0x83, 0, 0, 0]));
        byte[] irq = [];
        at.AtMicroseconds(300_000, () => irq = Send(radio, [0x12, 0x00, 0x00, 0x00]));

        sim.RunUntil(SimTime.FromStart(SimDuration.FromMilliseconds(400)));

        Assert.Equal(0, radio.Dio1.Edges);
        Assert.Equal([0x00, 0x20, 0x00, 0x01], irq);
    }

    [Fact]
    public void Status_ReportsTheChipMode_AndRegistersReadBackWhatWasWritten()
    {
        (Simulation sim, Sx1262Device radio, TimedActions at) = Create();
        byte[] standby = [];
        byte[] transmitting = [];
        byte[] register = [];
        Configure(at, radio, payloadLength: 20, dio1Mask: 0x0001);
        at.AtMicroseconds(1_000, () => standby = Send(radio, [0xC0, 0x00]));
        at.AtMicroseconds(1_100, () => Send(radio, [0x0D, 0x08, 0x89, 0x5A]));
        at.AtMicroseconds(1_200, () => register = Send(radio, [0x1D, 0x08, 0x89, 0x00, 0x00]));
        at.AtMicroseconds(1_300, () => Send(radio, [0x83, 0, 0, 0]));
        at.AtMicroseconds(50_000, () => transmitting = Send(radio, [0xC0, 0x00]));

        sim.RunUntil(SimTime.FromStart(SimDuration.FromMilliseconds(100)));

        Assert.Equal([0x00, 0x20], standby);
        Assert.Equal([0x00, 0x20, 0x20, 0x20, 0x5A], register);
        Assert.Equal([0x00, 0x60], transmitting);
    }

    [Fact]
    public void SetSleep_HoldsBusy_ACommandWakesTheChipButIsLost_AndBusyFallsAfterTheWakeUpTime()
    {
        (Simulation sim, Sx1262Device radio, TimedActions at) = Create();
        at.AtMicroseconds(1_000, () => Send(radio, [0x84, 0x04]));              // SetSleep, warm start
        byte[] lost = [];
        at.AtMicroseconds(10_000, () => lost = Send(radio, [0x80, 0x00]));     // SetStandby while asleep
        var busyFalls = new List<SimTime>();
        radio.Busy.Changed += l =>
        {
            if (!l.Level)
            {
                busyFalls.Add(sim.Now);
            }
        };

        sim.RunUntil(SimTime.FromStart(SimDuration.FromMilliseconds(20)));

        Assert.Equal([0x00, 0x00], lost);
        Assert.Equal(1, radio.CommandsIgnored);
        Assert.Equal(1, radio.WakeUps);
        Assert.Equal([SimTime.FromStart(SimDuration.FromMicroseconds(13_500))], busyFalls);
        Assert.Equal(SimDuration.FromMicroseconds(9_000), radio.Consumer.Residency(Sx1262Device.SleepState));
        Assert.Equal(Sx1262Mode.StandbyRc, radio.Mode);
    }

    [Fact]
    public void SupplyRunsOutMidFrame_TheFrameNeverCompletes_AndLaterCommandsAreIgnored()
    {
        // 10 mJ at ~148.5 mW of TX current runs out ~67 ms into the 185 ms frame.
        (Simulation sim, Sx1262Device radio, TimedActions at) = Create(new LinearBattery(new Joules(0.01), new Joules(0.01), new Volts(3.3)));
        Configure(at, radio, payloadLength: 20, dio1Mask: 0x0001);
        at.AtMicroseconds(1_000, () => Send(radio, [0x83, 0, 0, 0]));
        byte[] status = [];
        at.AtMicroseconds(300_000, () => status = Send(radio, [0xC0, 0x00]));

        sim.RunUntil(SimTime.FromStart(SimDuration.FromMilliseconds(400)));

        Assert.True(radio.Unpowered);
        Assert.Equal(0, radio.FramesSent);
        Assert.Equal(SimDuration.Zero, radio.Airtime);
        Assert.Equal(0, radio.Dio1.Edges);
        Assert.Equal([0x00, 0x00], status);
        Assert.Equal(1, radio.CommandsIgnored);
    }

    [Fact]
    public void Busy_AfterACommand_IsHighForCommandBusy_AndNeedsNoEventWhenOnlyPolled()
    {
        (Simulation sim, Sx1262Device radio, TimedActions at) = Create();
        SimTime sent = SimTime.FromStart(SimDuration.FromMicroseconds(1_000));
        SimTime falls = sent + radio.Timing.CommandBusy;
        var levels = new List<bool>();
        at.At(sent, () => Send(radio, [0x8A, 0x01]));
        at.At(falls - SimDuration.FromNanoseconds(1), () => levels.Add(radio.Busy.Level));
        at.At(falls, () => levels.Add(radio.Busy.Level));
        at.At(sent, () => Send(radio, [0x8A, 0x01])); // BUSY still high: this command is lost, BUSY is not extended

        sim.RunUntil(SimTime.FromStart(SimDuration.FromMilliseconds(2)));

        Assert.Equal([true, false], levels);
        Assert.Equal(1, radio.CommandsIgnored);
        Assert.Equal(4, sim.EventsExecuted); // the four test actions: the fall of BUSY took none
    }

    private static (Simulation, Sx1262Device, TimedActions) Create(IEnergyStorage? storage = null)
    {
        var sim = new Simulation();
        var energy = new NodeEnergy(sim, storage ?? new UnlimitedSupply());
        var radio = new Sx1262Device(sim, energy, LoRaChipProfile.Sx1262);
        return (sim, radio, new TimedActions(sim));
    }

    // RadioLib's LoRa setup for SF9 / BW125 / CR 4/5 / 14 dBm, 100 µs apart (BUSY is high for 5 µs after each).
    private static void Configure(TimedActions at, Sx1262Device radio, byte payloadLength, ushort dio1Mask)
    {
        byte[][] commands =
        [
            [0x8A, 0x01],
            [0x8B, 9, 0x04, 0x01, 0x00],
            [0x8C, 0x00, 0x08, 0x00, payloadLength, 0x01, 0x00],
            [0x8E, 14, 0x04],
            [0x08, 0x02, 0x01, (byte)(dio1Mask >> 8), (byte)dio1Mask, 0, 0, 0, 0],
        ];
        for (int i = 0; i < commands.Length; i++)
        {
            byte[] command = commands[i];
            at.AtMicroseconds(100 * (i + 1), () => Send(radio, command));
        }
    }

    private static byte[] Send(Sx1262Device radio, byte[] mosi)
    {
        byte[] miso = new byte[mosi.Length];
        radio.ChipSelected();
        radio.Transfer(mosi, miso);
        return miso;
    }
}
