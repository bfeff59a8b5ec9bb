namespace SensorNet.SimEngine.Random;

/// <summary>
/// Derives independent random streams for one run from (scenario seed, replication). Each stream is
/// keyed by (node, purpose, substream) through <see cref="StableHash"/>, never by creation order, so
/// adding a node or drawing more for one purpose leaves every other stream unchanged (the ns-3
/// <c>AssignStreams</c> pitfall avoided).
/// </summary>
/// <param name="scenarioSeed">The scenario's seed; required (there is no default seed).</param>
/// <param name="replication">Replication index, 0 for the first run of a scenario.</param>
public sealed class RngStreams(ulong scenarioSeed, int replication)
{
    /// <summary>Node id used for streams that belong to the network rather than to one node.</summary>
    public const long NetworkWide = -1;

    /// <summary>The scenario seed.</summary>
    public ulong ScenarioSeed { get; } = scenarioSeed;

    /// <summary>The replication index.</summary>
    public int Replication { get; } = replication;

    /// <summary>The seed of the stream for (node, purpose, substream).</summary>
    public ulong SeedFor(long nodeId, RngPurpose purpose, int substream = 0)
    {
        ulong h = StableHash.Mix(ScenarioSeed);
        h = StableHash.Combine(h, (ulong)Replication, 0);
        h = StableHash.Combine(h, (ulong)nodeId, 1);
        h = StableHash.Combine(h, (ulong)purpose, 2);
        return StableHash.Combine(h, (ulong)substream, 3);
    }

    /// <summary>A fresh stream for (node, purpose, substream); the same arguments always give the same sequence.</summary>
    /// <param name="nodeId">The node's id, or <see cref="NetworkWide"/>.</param>
    /// <param name="purpose">What the draws are for.</param>
    /// <param name="substream">Distinguishes several streams of one purpose on one node (for example per app).</param>
    public RandomStream For(long nodeId, RngPurpose purpose, int substream = 0) => new(SeedFor(nodeId, purpose, substream));
}
