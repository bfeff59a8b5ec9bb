using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;

namespace SensorNet.Benchmarks;

/// <summary>
/// What engine and baseline must agree on: the streams, the mean delay and the cancellation rule. Both sides take
/// their draws from here, so they process the same event times and can be checked against each other.
/// </summary>
/// <param name="Events">Events to execute per run (stale baseline entries are not events).</param>
/// <param name="Entities">Number of entities, each with one pending timer.</param>
/// <param name="Seed">Scenario seed for <see cref="RngStreams"/>.</param>
internal sealed record WorkloadParameters(long Events, int Entities, ulong Seed)
{
    /// <summary>Events at the start of a run that enter the order-insensitive checksum.</summary>
    public const long ChecksumWindow = 100_000;

    /// <summary>Workload (b): every this-many-th event also moves another entity's timer (10 %).</summary>
    public const long CancellationPeriod = 10;

    /// <summary>Mean of the exponential delays: 1 s.</summary>
    public static SimDuration MeanDelay => SimDuration.FromSeconds(1);

    /// <summary>
    /// Per-entity streams make an entity's own draws independent of the order in which entities fire, so in
    /// workload (a) ties at equal nanoseconds cannot make engine and baseline diverge.
    /// </summary>
    public RandomStream EntityStream(int entity) => new RngStreams(Seed, 0).For(entity, RngPurpose.Test);

    /// <summary>Workload (b): draws the victim and its new delay.</summary>
    public RandomStream CancellationStream() => new RngStreams(Seed, 0).For(RngStreams.NetworkWide, RngPurpose.Test, substream: 1);

    /// <summary>
    /// One event's contribution to the checksum. Terms are added, so the sum depends on which (time, entity) events
    /// ran in the window but not on the order of events that share a nanosecond, which engine and
    /// PriorityQueue break differently.
    /// </summary>
    public static ulong ChecksumTerm(long time, int entity) => StableHash.Combine((ulong)time, (ulong)entity, 0);

    /// <summary>Picks another entity whose timer is moved (nearly uniform: the firing entity's successor gets 2/n).</summary>
    /// <remarks>
    /// The draw ignores the firing entity except on a direct hit, so when two events share a nanosecond, which
    /// engine and PriorityQueue may run in either order, the victim still agrees unless it is one of the two.
    /// </remarks>
    public int PickVictim(RandomStream stream, int firing)
    {
        int victim = stream.NextInt32(Entities);
        return victim != firing ? victim : (victim + 1) % Entities;
    }
}
