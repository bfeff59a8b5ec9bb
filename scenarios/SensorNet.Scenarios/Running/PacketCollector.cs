using SensorNet.RadioModels.Medium;

namespace SensorNet.Scenarios.Running;

/// <summary>
/// Counts, per sender, the transmissions any gateway received (delivery) and, when the scenario traces packets, keeps
/// every <see cref="PacketRecord"/> for <c>packets.parquet</c>. Delivery needs only the last transmission counted per
/// sender: a radio sends one frame at a time and every outcome of a frame is settled by the time it ends, so a
/// sender's records never come back to an earlier frame once a later one has been recorded.
/// </summary>
internal sealed class PacketCollector(ISet<int> gateways, bool keepRecords) : IPacketSink
{
    /// <summary>More rows than this stop the run with a clear error rather than exhausting memory.</summary>
    public const int MaxRows = 20_000_000;

    private readonly List<PacketRecord> _records = [];
    private readonly Dictionary<int, (long LastCounted, long Delivered)> _bySender = [];

    public IReadOnlyList<PacketRecord> Records => _records;

    public void Record(in PacketRecord record)
    {
        if (keepRecords)
        {
            if (_records.Count == MaxRows)
            {
                throw new InvalidOperationException($"The run produced more than {MaxRows:N0} packet records; shorten it, use fewer nodes or set outputs.packetTrace: false.");
            }

            _records.Add(record);
        }

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
