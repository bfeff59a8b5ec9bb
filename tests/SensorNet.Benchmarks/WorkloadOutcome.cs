namespace SensorNet.Benchmarks;

/// <summary>What a run computed, compared between engine and baseline to prove they did the same work.</summary>
/// <param name="Events">Events executed.</param>
/// <param name="FinalTimeNs">Simulated time of the last executed event.</param>
/// <param name="Checksum">Sum of <see cref="WorkloadParameters.ChecksumTerm"/> over the first events.</param>
/// <param name="StaleEntries">Baseline with lazy deletion: superseded entries popped and skipped (not events).</param>
internal readonly record struct WorkloadOutcome(long Events, long FinalTimeNs, ulong Checksum, long StaleEntries = 0)
{
    /// <summary>True if both runs executed the same events (stale-entry counts are bookkeeping and may differ).</summary>
    public bool SameEventsAs(WorkloadOutcome other) =>
        Events == other.Events && FinalTimeNs == other.FinalTimeNs && Checksum == other.Checksum;
}
