using SensorNet.Energy.Accounting;
using SensorNet.Energy.Storage;
using SensorNet.RadioModels;
using SensorNet.RadioModels.Chips;
using SensorNet.RadioModels.Ieee802154;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.RadioModels.Tests.Chips;

public class PacketRadioTests
{
    public static TheoryData<string, double, double, double> Profiles => new()
    {
        // name, RX mA, TX mA, ramp µs (ramp spent at the receive current)
        { "nrf52840-802154", 6.53, 6.40, 40 },
        { "nrf52840-802154-ldo", 10.10, 10.80, 40 },
        { "at86rf233", 11.8, 13.8, 110 },
        { "cc2420", 18.8, 17.4, 192 },
    };

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Frame_CostsRampAtRxCurrentPlusAirtimeAtTxCurrent(string name, double rxMa, double txMa, double rampUs)
    {
        PacketRadioProfile profile = new[] { PacketRadioProfile.Nrf52840Ieee802154, PacketRadioProfile.Nrf52840Ieee802154Ldo, PacketRadioProfile.At86rf233, PacketRadioProfile.Cc2420 }.Single(p => p.Name == name);
        var sim = new Simulation();
        var energy = new NodeEnergy(sim, new UnlimitedSupply());
        var radio = new PacketRadio(sim, energy, profile);
        SimDuration frame = Ieee802154Phy.FrameDuration(60); // 66 B × 32 µs = 2.112 ms

        radio.Transmit(frame, new Done(), receiveAfter: false);
        sim.Run();

        double v = profile.Supply.Value;
        double expected = (rxMa * 1e-3 * v * rampUs * 1e-6) + (txMa * 1e-3 * v * 2.112e-3);
        Assert.Equal(expected, radio.Consumer.TotalEnergy().Value, 12);
        Assert.Equal(PacketRadioProfile.OffState, radio.Consumer.State);
    }

    private sealed class Done : IRadioListener
    {
        public void OnTransmitDone(SimTime now)
        {
        }
    }
}
