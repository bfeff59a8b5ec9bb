using SensorNet.RadioModels.Ble;
using SensorNet.RadioModels.Ieee802154;
using SensorNet.RadioModels.Medium;
using SensorNet.RadioModels.Propagation;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.RadioModels.Tests.Medium;

/// <summary>802.15.4 and BLE frames and receivers on a shared 2.4 GHz medium, for tests.</summary>
internal static class TwoPointFourGhz
{
    public static Transmission Send154(WirelessMedium m, RadioPort from, int channel, Dbm power, int psduBytes) =>
        m.Transmit(from, Ieee802154Phy.ChannelCenterFrequency(channel), Ieee802154Phy.ChannelWidth, 0, Ieee802154Phy.SymbolTime, Ieee802154Phy.ShrSymbols, power, Ieee802154Phy.FrameDuration(psduBytes), psduBytes);

    public static Transmission SendBle(WirelessMedium m, RadioPort from, int channel, Dbm power, int payloadBytes) =>
        m.Transmit(from, BleChannels.CenterFrequency(channel), BleChannels.ChannelWidth, 0, BleChannels.SymbolTime, 8, power, BleChannels.PduAirtime(payloadBytes), payloadBytes);

    public static ReceiverSettings Receiver154(int channel, IReceptionModel model) =>
        new([Ieee802154Phy.ChannelCenterFrequency(channel)], Ieee802154Phy.ChannelWidth, 0, 1, _ => new Dbm(-200), model, SymbolTime: Ieee802154Phy.SymbolTime);

    public static ReceiverSettings ReceiverBle(int channel, IReceptionModel model) =>
        new([BleChannels.CenterFrequency(channel)], BleChannels.ChannelWidth, 0, 1, _ => new Dbm(-200), model, SymbolTime: BleChannels.SymbolTime);
}

/// <summary>
/// A unit-disk medium (0 dB path loss: received power = transmit power) with a wanted sender (node 1) and an interferer
/// (node 2); the test attaches the receiver (node 100).
/// </summary>
internal sealed class UnitDiskBench
{
    public UnitDiskBench()
    {
        Medium = new WirelessMedium(Sim, new UnitDisk(new Meters(100)), new MediumOptions(new Dbm(0), new Dbm(-200)), 1, Sink);
        Wanted = Medium.Attach(1, new Position(new Meters(1), default));
        Interferer = Medium.Attach(2, new Position(new Meters(2), default));
    }

    public Simulation Sim { get; } = new();

    public RecordingSink Sink { get; } = new();

    public WirelessMedium Medium { get; }

    public RadioPort Wanted { get; }

    public RadioPort Interferer { get; }
}
