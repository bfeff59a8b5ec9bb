using SensorNet.RadioModels.Medium;

namespace SensorNet.RadioModels.Tests.Medium;

/// <summary>Keeps every record of a medium, for assertions.</summary>
internal sealed class RecordingSink : IPacketSink
{
    public List<PacketRecord> Records { get; } = [];

    public void Record(in PacketRecord record) => Records.Add(record);

    public PacketRecord Of(int sender) => Records.Single(r => r.Sender == sender);
}
