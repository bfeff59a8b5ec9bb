namespace SensorNet.RadioModels.Ieee802154;

/// <summary>
/// The end-to-end bookkeeping of a multi-hop 802.15.4 network: which origin and origin sequence number each frame on
/// the air carries (the simulator's stand-in for the network-layer header), and what the sinks received per origin.
/// </summary>
/// <remarks>
/// A node sends one frame at a time and keeps its 8-bit MAC sequence number until the frame is acknowledged or given
/// up, so (sender, sequence) names the frame on the air unambiguously while a receiver can still be hearing it.
/// </remarks>
public sealed class CollectionRegistry
{
    private readonly Dictionary<(int Sender, int Sequence), (int Origin, long OriginSequence, int Hops)> _onAir = [];
    private readonly HashSet<(int Origin, long OriginSequence)> _delivered = [];

    /// <summary>Distinct messages the sinks received, per origin.</summary>
    public Dictionary<int, long> DeliveredByOrigin { get; } = [];

    /// <summary>Hops each delivered message took, summed per origin (divide by the deliveries for the mean).</summary>
    public Dictionary<int, long> HopsByOrigin { get; } = [];

    internal void OnAir(int sender, int sequence, int origin, long originSequence, int hops) => _onAir[(sender, sequence)] = (origin, originSequence, hops);

    internal (int Origin, long OriginSequence, int Hops) Carried(int sender, int sequence) => _onAir[(sender, sequence)];

    internal void AtSink(int origin, long originSequence, int hops)
    {
        if (_delivered.Add((origin, originSequence)))
        {
            DeliveredByOrigin[origin] = DeliveredByOrigin.GetValueOrDefault(origin) + 1;
            HopsByOrigin[origin] = HopsByOrigin.GetValueOrDefault(origin) + hops;
        }
    }
}
