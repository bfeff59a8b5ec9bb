using SensorNet.RadioModels.Ble;
using SensorNet.RadioModels.Medium;
using SensorNet.RadioModels.Tests.Medium;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;
using static SensorNet.RadioModels.Tests.Medium.TwoPointFourGhz;

namespace SensorNet.RadioModels.Tests.Ble;

public class BleReceptionModelTests
{
    private readonly UnitDiskBench _bench = new();

    public BleReceptionModelTests() => _bench.Medium.Attach(100, default, ReceiverBle(39, new BleReceptionModel()));

    [Theory]
    [InlineData(-79.0, ReceptionOutcome.Captured)] // SINR ≈ 9 dB ≥ 8 dB
    [InlineData(-77.0, ReceptionOutcome.Interference)] // SINR ≈ 7 dB
    public void Ieee802154FrameOnTheSameCarrier_IsJudgedByTheCaptureThreshold(double interfererDbm, ReceptionOutcome outcome)
    {
        SendBle(_bench.Medium, _bench.Wanted, 39, new Dbm(-70), 37);
        _bench.Sim.RunUntil(SimTime.FromStart(SimDuration.FromMicroseconds(100)));
        Transmission zigbee = Send154(_bench.Medium, _bench.Interferer, 26, new Dbm(interfererDbm), 20);
        long id = zigbee.Id;
        _bench.Sim.Run();

        Assert.Equal(outcome, _bench.Sink.Of(1).Outcome);
        Assert.Equal(outcome == ReceptionOutcome.Interference ? id : -1, _bench.Sink.Of(1).InterfererId);
        Assert.DoesNotContain(_bench.Sink.Records, r => r.Sender == 2); // a 16 µs-symbol frame does not lock a BLE receiver
    }

    [Fact]
    public void SnrUnderTheThreshold_IsBelowSensitivity_AboveItReceived()
    {
        // Noise −105.0 dBm: −98 dBm is 7 dB above it, −96 dBm 9 dB.
        SendBle(_bench.Medium, _bench.Wanted, 39, new Dbm(-98), 10);
        _bench.Sim.Run();
        SendBle(_bench.Medium, _bench.Interferer, 39, new Dbm(-96), 10);
        _bench.Sim.Run();

        Assert.Equal(ReceptionOutcome.BelowSensitivity, _bench.Sink.Of(1).Outcome);
        Assert.Equal(ReceptionOutcome.Received, _bench.Sink.Of(2).Outcome);
    }
}
