using SensorNet.RadioModels.Medium;

namespace SensorNet.Scenarios.Running;

/// <summary>
/// Keeps every <see cref="PacketRecord"/> of a run for <c>packets.parquet</c> and counts, per transmission, whether any
/// gateway received it (delivery).
/// </summary>
internal sealed class PacketCollector(ISet<int> gateways) : IPacketSink
{
    /// <summary>More rows than this stop the run with a clear error rather than exhausting memory.</summary>
    public const int MaxRows = 20_000_000;

    private readonly List<PacketRecord> _records = [];
    private readonly HashSet<long> _delivered = [];

    public IReadOnlyList<PacketRecord> Records => _records;

    public void Record(in PacketRecord record)
    {
        if (_records.Count == MaxRows)
        {
            throw new InvalidOperationException($"The run produced more than {MaxRows:N0} packet records; shorten it or use fewer nodes.");
        }

        _records.Add(record);
        if (gateways.Contains(record.Receiver) && record.Outcome is ReceptionOutcome.Received or ReceptionOutcome.Captured)
        {
            _delivered.Add(record.TransmissionId);
        }
    }

    /// <summary>Transmissions delivered per sender.</summary>
    public Dictionary<int, long> DeliveredBySender()
    {
        var bySender = new Dictionary<int, long>();
        var counted = new HashSet<long>();
        foreach (PacketRecord r in _records)
        {
            if (_delivered.Contains(r.TransmissionId) && counted.Add(r.TransmissionId))
            {
                bySender[r.Sender] = bySender.GetValueOrDefault(r.Sender) + 1;
            }
        }

        return bySender;
    }
}
