using SensorNet.RadioModels.Ieee802154;
using SensorNet.RadioModels.Medium;
using SensorNet.RadioModels.Propagation;
using SensorNet.RadioModels.Tests.Medium;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;
using static SensorNet.RadioModels.Tests.Medium.TwoPointFourGhz;

namespace SensorNet.RadioModels.Tests.Ieee802154;

public class OqpskReceptionModelTests
{
    // Unit disk: 0 dB path loss, so received power = transmit power.
    private readonly UnitDiskBench _bench = new();

    [Fact]
    public void NoiseFloor_IsKtbPlusNoiseFigure() =>
        Assert.Equal(-174 + 63.0103 + 6, new OqpskReceptionModel(new RandomStream(1)).NoiseFloor.Value, 4);

    [Fact]
    public void BleInterfererOverPartOfTheFrame_HalfInBand_GivesTheHandComputedPsr_DrawForDraw()
    {
        // Wanted: 802.15.4 channel 15 (2425 MHz), 5-byte PSDU = 352 µs = 88 bits, at −88 dBm.
        // Interferer: BLE channel 38 (2426 MHz), −83 dBm, half of it inside [2424, 2426] MHz → −86.0103 dBm in band,
        // from 100 µs (bit 25) to past the frame's end. Noise −104.9897 dBm (2 MHz, NF 6 dB).
        // SINR = −88 − 10·log10(0.5·10^−8.3 + 10^−10.49897) = −88 + 85.9557 = −2.0443 dB; SNR = 16.9897 dB.
        double inBandMw = (0.5 * Math.Pow(10, -8.3)) + Math.Pow(10, -10.49897);
        var sinr = new Decibels(-88 - (10 * Math.Log10(inBandMw)));
        Assert.Equal(-2.0443, sinr.Value, 4);
        double psr = OqpskErrorModel.PacketSuccessRate(new Decibels(16.9897), 25) * OqpskErrorModel.PacketSuccessRate(sinr, 63);
        Assert.InRange(psr, 0.6, 0.75); // intermediate, so both outcomes occur

        _bench.Medium.Attach(100, default, Receiver154(15, new OqpskReceptionModel(new RandomStream(7))));
        var twin = new RandomStream(7);
        const int Trials = 300;
        var expected = new ReceptionOutcome[Trials];
        for (int i = 0; i < Trials; i++)
        {
            SimTime t = SimTime.FromStart(SimDuration.FromMilliseconds(i));
            _bench.Sim.RunUntil(t);
            Send154(_bench.Medium, _bench.Wanted, 15, new Dbm(-88), 5);
            _bench.Sim.RunUntil(t + SimDuration.FromMicroseconds(100));
            SendBle(_bench.Medium, _bench.Interferer, 38, new Dbm(-83), 37);
            expected[i] = twin.NextDouble() < psr ? ReceptionOutcome.Captured : ReceptionOutcome.Interference;
        }

        _bench.Sim.Run();
        PacketRecord[] got = [.. _bench.Sink.Records.Where(r => r.Sender == 1).OrderBy(r => r.TransmissionId)];
        Assert.Equal(expected, got.Select(r => r.Outcome));
        Assert.All(got.Where(r => r.Outcome == ReceptionOutcome.Interference), r => Assert.Equal(r.TransmissionId + 1, r.InterfererId));
        Assert.Contains(ReceptionOutcome.Interference, expected);
        Assert.Contains(ReceptionOutcome.Captured, expected);
    }

    [Fact]
    public void InterfererTenDbAboveAtTheStart_IsRefused_AsInterference_AndBleOnTheSameCarrierIsNotLockedOnto()
    {
        // BLE channel 39 and 802.15.4 channel 26 are both 2480 MHz and 2 MHz wide.
        _bench.Medium.Attach(100, default, Receiver154(26, new OqpskReceptionModel(new RandomStream(1))));
        Transmission ble = SendBle(_bench.Medium, _bench.Interferer, 39, new Dbm(-70), 37);
        _bench.Sim.RunUntil(SimTime.FromStart(SimDuration.FromMicroseconds(50)));
        Send154(_bench.Medium, _bench.Wanted, 26, new Dbm(-80), 5);
        long bleId = ble.Id;
        _bench.Sim.Run();

        Assert.DoesNotContain(_bench.Sink.Records, r => r.Sender == 2);
        Assert.Equal(new ReceptionVerdict(ReceptionOutcome.Interference, bleId), new ReceptionVerdict(_bench.Sink.Of(1).Outcome, _bench.Sink.Of(1).InterfererId));
    }

    [Fact]
    public void WithoutInterference_StrongFrameIsReceived_FrameUnderTheNoiseIsBelowSensitivity()
    {
        _bench.Medium.Attach(100, default, Receiver154(20, new OqpskReceptionModel(new RandomStream(1))));
        Send154(_bench.Medium, _bench.Wanted, 20, new Dbm(-80), 20);
        _bench.Sim.Run();
        Send154(_bench.Medium, _bench.Interferer, 20, new Dbm(-110.5), 20); // SNR −5.5 dB ≤ −5 dB
        _bench.Sim.Run();

        Assert.Equal(ReceptionOutcome.Received, _bench.Sink.Of(1).Outcome);
        Assert.Equal(new ReceptionVerdict(ReceptionOutcome.BelowSensitivity), new ReceptionVerdict(_bench.Sink.Of(2).Outcome, _bench.Sink.Of(2).InterfererId));
    }

    [Fact]
    public void CoChannelFrameFarBelow_IsCaptured()
    {
        RadioPort third = _bench.Medium.Attach(3, new Position(new Meters(3), default));
        _bench.Medium.Attach(100, default, Receiver154(20, new OqpskReceptionModel(new RandomStream(1))));
        Send154(_bench.Medium, _bench.Wanted, 20, new Dbm(-60), 20);
        _bench.Sim.RunUntil(SimTime.FromStart(SimDuration.FromMicroseconds(100)));
        Send154(_bench.Medium, _bench.Interferer, 20, new Dbm(-85), 20); // 25 dB under: BER ≈ 0
        Send154(_bench.Medium, third, 25, new Dbm(-40), 20); // another channel: no overlap at all
        _bench.Sim.Run();

        Assert.Equal(ReceptionOutcome.Captured, _bench.Sink.Of(1).Outcome);
        Assert.Equal(ReceptionOutcome.ReceiverBusy, _bench.Sink.Of(2).Outcome);
        Assert.DoesNotContain(_bench.Sink.Records, r => r.Sender == 3);
    }
}
