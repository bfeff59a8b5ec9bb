using SensorNet.RadioModels.Medium;

namespace SensorNet.Scenarios.Running;

/// <summary>
/// Counts, per sender, the transmissions any gateway received (delivery) and, when the scenario traces packets, keeps
/// every <see cref="PacketRecord"/> for <c>packets.parquet</c> in <paramref name="records"/> (null when it does not). Delivery needs only the last transmission counted per
/// sender: a radio sends one frame at a time and every outcome of a frame is settled by the time it ends, so a
/// sender's records never come back to an earlier frame once a later one has been recorded.
/// </summary>
internal sealed class PacketCollector(ISet<int> gateways, ITraceSink<PacketRecord>? records) : IPacketSink
{
    private readonly Dictionary<int, (long LastCounted, long Delivered)> _bySender = [];

    public void Record(in PacketRecord record)
    {
        records?.Add(record);

        if (gateways.Contains(record.Receiver) && record.Outcome is ReceptionOutcome.Received or ReceptionOutcome.Captured)
        {
            (long last, long delivered) = _bySender.TryGetValue(record.Sender, out var s) ? s : (-1, 0);
            if (record.TransmissionId < last)
            {
                throw new InvalidOperationException($"Packet record of transmission {record.TransmissionId} from node {record.Sender} arrived after its transmission {last} (a model bug).");
            }

            if (record.TransmissionId != last)
            {
                _bySender[record.Sender] = (record.TransmissionId, delivered + 1);
            }
        }
    }

    /// <summary>Transmissions delivered per sender.</summary>
    public Dictionary<int, long> DeliveredBySender() => _bySender.ToDictionary(p => p.Key, p => p.Value.Delivered);
}
