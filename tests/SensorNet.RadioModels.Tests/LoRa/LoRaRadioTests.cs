using SensorNet.Energy.Accounting;
using SensorNet.Energy.Storage;
using SensorNet.RadioModels.LoRa;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.RadioModels.Tests.LoRa;

public class LoRaRadioTests
{
    [Fact]
    public void Transmit_EnergyIsTxCurrentTimesVoltageTimesTimeOnAir()
    {
        // Hand calculation (LoRaSim's energy rule, models.md §1.3): SX1276 at 14 dBm draws 44 mA at 3.0 V;
        // SF7/BW125/CR4/5/PL 20 → ceil((160 − 28 + 28 + 16)/28) = 7 blocks → 8 + 35 = 43 symbols;
        // (8 + 4.25 + 43) × 1.024 ms = 56.576 ms; E = 0.044 A × 3.0 V × 0.056576 s = 7.468032 mJ.
        var sim = new Simulation();
        var energy = new NodeEnergy(sim, new UnlimitedSupply());
        var radio = new LoRaRadio(sim, energy, LoRaChipProfile.Sx1276, new LoRaModulation(7, Hertz.FromKilohertz(125), 1), new Dbm(14));
        var listener = new Listener();

        SimDuration airtime = radio.Transmit(20, listener);
        sim.Run();

        Assert.Equal(56_576_000, airtime.Nanoseconds);
        Assert.Equal(SimTime.FromStart(airtime), listener.DoneAt);
        int tx = LoRaChipProfile.TransmitState;
        Assert.Equal(airtime, radio.Consumer.Residency(tx));
        Assert.Equal(7.468032e-3, radio.Consumer.Energy(tx).Value, 12);
        Assert.Equal(1, radio.FramesSent);
        Assert.Equal(LoRaChipProfile.StandbyState, radio.Consumer.State);
    }

    [Fact]
    public void Transmit_WhileTransmitting_Throws()
    {
        var sim = new Simulation();
        var radio = new LoRaRadio(sim, new NodeEnergy(sim, new UnlimitedSupply()), LoRaChipProfile.Sx1262, new LoRaModulation(9, Hertz.FromKilohertz(125), 1), new Dbm(14));
        radio.Transmit(10, new Listener());

        Assert.Throws<InvalidOperationException>(() => radio.Transmit(10, new Listener()));
    }

    [Fact]
    public void Sx1276TxTable_MatchesLoRaSimAtKeyPowers()
    {
        // LoRaSim loraDir.py TX table (models.md §1.3): 14 dBm 44 mA, 17 dBm 90 mA, 20 dBm 125 mA.
        Assert.Equal(44e-3, LoRaChipProfile.Sx1276.TxCurrent(new Dbm(14)).Value, 12);
        Assert.Equal(90e-3, LoRaChipProfile.Sx1276.TxCurrent(new Dbm(17)).Value, 12);
        Assert.Equal(125e-3, LoRaChipProfile.Sx1276.TxCurrent(new Dbm(20)).Value, 12);
    }

    [Theory]
    [InlineData(21.0)]
    [InlineData(14.5)]
    public void TxCurrent_PowerNotInTable_Throws(double dbm)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LoRaChipProfile.Sx1276.TxCurrent(new Dbm(dbm)));
    }

    private sealed class Listener : IRadioListener
    {
        public SimTime? DoneAt { get; private set; }

        public void OnTransmitDone(SimTime now) => DoneAt = now;
    }
}
