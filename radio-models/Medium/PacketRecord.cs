namespace SensorNet.RadioModels.Medium;

/// <summary>One transmission as seen by one receiver; names carry units.</summary>
/// <param name="TransmissionId">Transmission id, unique in the run.</param>
/// <param name="Sender">Sending node id.</param>
/// <param name="Receiver">Receiving node (or gateway) id.</param>
/// <param name="StartNs">Start of the transmission, in ns.</param>
/// <param name="EndNs">End of the transmission, in ns.</param>
/// <param name="SpreadingFactor">LoRa spreading factor; 0 for other modulations.</param>
/// <param name="FrequencyHz">Carrier frequency, in Hz.</param>
/// <param name="RxPowerDbm">Received power, in dBm.</param>
/// <param name="DistanceM">Sender–receiver distance, in m.</param>
/// <param name="Outcome">What became of it.</param>
/// <param name="InterfererId">The transmission that destroyed it (<see cref="ReceptionOutcome.Interference"/>), else −1.</param>
public readonly record struct PacketRecord(
    long TransmissionId,
    int Sender,
    int Receiver,
    long StartNs,
    long EndNs,
    int SpreadingFactor,
    double FrequencyHz,
    double RxPowerDbm,
    double DistanceM,
    ReceptionOutcome Outcome,
    long InterfererId);

/// <summary>Receives every <see cref="PacketRecord"/> of a medium; implementations must not keep the medium's objects.</summary>
public interface IPacketSink
{
    /// <summary>One transmission's outcome at one receiver.</summary>
    void Record(in PacketRecord record);
}
