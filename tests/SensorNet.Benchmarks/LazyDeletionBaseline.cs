using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;

namespace SensorNet.Benchmarks;

/// <summary>
/// Baseline for workload (b): <see cref="PriorityQueue{TElement, TPriority}"/> cannot remove an arbitrary entry,
/// so a move enqueues a new entry with the entity's next generation and the old one is skipped when it surfaces.
/// Skipped entries are not events; the loop runs until as many real events as the engine's have executed.
/// </summary>
internal sealed class LazyDeletionBaseline(WorkloadParameters parameters) : IWorkload
{
    private PriorityQueue<(int Entity, int Generation), long> _queue = new();
    private RandomStream[] _streams = [];
    private int[] _generations = [];
    private RandomStream? _cancellations;

    public void Setup()
    {
        // Room for the stale entries too (about one per pending move), so the timed part does not grow the heap.
        _queue = new PriorityQueue<(int Entity, int Generation), long>(2 * parameters.Entities);
        _streams = new RandomStream[parameters.Entities];
        _generations = new int[parameters.Entities];
        _cancellations = parameters.CancellationStream();
        for (int i = 0; i < _streams.Length; i++)
        {
            _streams[i] = parameters.EntityStream(i);
        }

        for (int i = 0; i < _streams.Length; i++)
        {
            _queue.Enqueue((i, 0), _streams[i].ExponentialDuration(WorkloadParameters.MeanDelay).Nanoseconds);
        }
    }

    public WorkloadOutcome Execute()
    {
        PriorityQueue<(int Entity, int Generation), long> queue = _queue;
        RandomStream[] streams = _streams;
        int[] generations = _generations;
        RandomStream cancellations = _cancellations ?? throw new InvalidOperationException("Setup was not called.");
        SimDuration mean = WorkloadParameters.MeanDelay;
        long target = parameters.Events;
        long executed = 0;
        long stale = 0;
        long now = 0;
        ulong checksum = 0;
        while (executed < target && queue.TryDequeue(out (int Entity, int Generation) entry, out long time))
        {
            if (entry.Generation != generations[entry.Entity])
            {
                stale++;
                continue;
            }

            now = time;
            executed++;
            if (executed <= WorkloadParameters.ChecksumWindow)
            {
                checksum += WorkloadParameters.ChecksumTerm(now, entry.Entity);
            }

            queue.Enqueue(entry, now + streams[entry.Entity].ExponentialDuration(mean).Nanoseconds);
            if (executed % WorkloadParameters.CancellationPeriod == 0)
            {
                // Same draws in the same order as EngineWorkload.MoveAnotherTimer.
                int victim = parameters.PickVictim(cancellations, entry.Entity);
                long due = now + cancellations.ExponentialDuration(mean).Nanoseconds;
                queue.Enqueue((victim, ++generations[victim]), due);
            }
        }

        return new WorkloadOutcome(executed, now, checksum, stale);
    }
}
