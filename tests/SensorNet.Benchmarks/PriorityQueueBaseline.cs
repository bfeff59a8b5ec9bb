using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;

namespace SensorNet.Benchmarks;

/// <summary>
/// Baseline for workload (a): the same draws on a bare <see cref="PriorityQueue{TElement, TPriority}"/> of
/// (entity, due time). Dequeue, advance the clock, draw, enqueue: the least work an event loop can do.
/// </summary>
internal sealed class PriorityQueueBaseline(WorkloadParameters parameters) : IWorkload
{
    private PriorityQueue<int, long> _queue = new();
    private RandomStream[] _streams = [];

    public void Setup()
    {
        _queue = new PriorityQueue<int, long>(parameters.Entities);
        _streams = new RandomStream[parameters.Entities];
        for (int i = 0; i < _streams.Length; i++)
        {
            _streams[i] = parameters.EntityStream(i);
        }

        for (int i = 0; i < _streams.Length; i++)
        {
            _queue.Enqueue(i, _streams[i].ExponentialDuration(WorkloadParameters.MeanDelay).Nanoseconds);
        }
    }

    public WorkloadOutcome Execute()
    {
        PriorityQueue<int, long> queue = _queue;
        RandomStream[] streams = _streams;
        SimDuration mean = WorkloadParameters.MeanDelay;
        long target = parameters.Events;
        long executed = 0;
        long now = 0;
        ulong checksum = 0;
        while (executed < target && queue.TryDequeue(out int entity, out long time))
        {
            now = time;
            executed++;
            if (executed <= WorkloadParameters.ChecksumWindow)
            {
                checksum += WorkloadParameters.ChecksumTerm(now, entity);
            }

            queue.Enqueue(entity, now + streams[entity].ExponentialDuration(mean).Nanoseconds);
        }

        return new WorkloadOutcome(executed, now, checksum);
    }
}
