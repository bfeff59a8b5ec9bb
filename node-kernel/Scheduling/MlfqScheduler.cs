using SensorNet.NodeKernel.Processes;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Scheduling;

/// <summary>
/// Multilevel feedback queue (tock/tock <c>capsules/system/src/scheduler/mlfq.rs</c>): three queues with 10, 20 and
/// 50 ms slices; a process that uses up its slice moves down one queue; every 5 s (checked only inside
/// <c>next()</c>, so the boost never wakes the chip) the head of each lower queue moves back to the top queue.
/// </summary>
/// <remarks>Quirks kept: the boost moves only the head of each lower queue, not the whole queue (<c>redeem_all_procs</c>);
/// a process whose used time equals its queue's slice gets <c>NonZeroU32::new(0)</c> = None, i.e. runs cooperatively.</remarks>
public sealed class MlfqScheduler : IScheduler
{
    /// <summary><c>PRIORITY_REFRESH_PERIOD_MS</c>.</summary>
    public const int PriorityRefreshPeriodMs = 5_000;

    /// <summary><c>NUM_QUEUES</c>.</summary>
    public const int QueueCount = 3;

    private readonly List<Node>[] _queues = [[], [], []];
    private SimTime _nextReset;
    private SimTime _lastResetCheck;
    private int _lastQueue;

    /// <inheritdoc/>
    public string Name => "mlfq";

    /// <summary>Timeslice of queue <paramref name="queue"/> in µs.</summary>
    public static uint TimesliceUs(int queue) => queue switch
    {
        0 => 10_000,
        1 => 20_000,
        2 => 50_000,
        _ => throw new ArgumentOutOfRangeException(nameof(queue)),
    };

    /// <summary>The queue a process is in (0 = highest priority), for tests and reports.</summary>
    public int QueueOf(TockProcess process)
    {
        for (int q = 0; q < QueueCount; q++)
        {
            if (_queues[q].Exists(n => n.Process == process))
            {
                return q;
            }
        }

        return -1;
    }

    /// <inheritdoc/>
    public void Initialize(IReadOnlyList<TockProcess> processes)
    {
        foreach (List<Node> q in _queues)
        {
            q.Clear();
        }

        _queues[0].AddRange(processes.Select(p => new Node(p)));
    }

    /// <inheritdoc/>
    public SchedulingDecision ChooseNext(SimTime now)
    {
        if (!(now >= _lastResetCheck && now < _nextReset))
        {
            _nextReset = now + SimDuration.FromMilliseconds(PriorityRefreshPeriodMs);
            for (int q = 1; q < QueueCount; q++)
            {
                if (_queues[q].Count > 0)
                {
                    Node head = _queues[q][0];
                    _queues[q].RemoveAt(0);
                    _queues[0].Add(head);
                }
            }
        }

        _lastResetCheck = now;
        for (int q = 0; q < QueueCount; q++)
        {
            int found = _queues[q].FindIndex(n => n.Process.IsReady);
            if (found < 0)
            {
                continue;
            }

            // Rotate the nodes before the ready one to the tail, so it is at the head.
            for (int i = 0; i < found; i++)
            {
                Node n = _queues[q][0];
                _queues[q].RemoveAt(0);
                _queues[q].Add(n);
            }

            Node node = _queues[q][0];
            _lastQueue = q;
            uint slice = TimesliceUs(q) - node.UsedUs;
            return new SchedulingDecision(node.Process, slice == 0 ? null : slice);
        }

        return SchedulingDecision.TrySleep;
    }

    /// <inheritdoc/>
    public void Result(StoppedReason reason, uint? executedUs)
    {
        List<Node> queue = _queues[_lastQueue];
        Node node = queue[0];
        queue.RemoveAt(0);
        if (reason == StoppedReason.TimesliceExpired)
        {
            node.UsedUs = 0;
            _queues[Math.Min(_lastQueue + 1, QueueCount - 1)].Add(node);
        }
        else
        {
            node.UsedUs += executedUs ?? 0;
            queue.Add(node);
        }
    }

    private sealed class Node(TockProcess process)
    {
        public TockProcess Process { get; } = process;

        public uint UsedUs { get; set; }
    }
}
