namespace SensorNet.NodeKernel.Processes;

/// <summary>
/// A process's upcall task queue: a ring of <see cref="Slots"/> = 10 entries in which one slot always stays empty,
/// so it holds at most 9 tasks (tock/tock <c>kernel/src/process_standard.rs</c> <c>CALLBACK_LEN = 10</c>;
/// <c>kernel/src/collections/ring_buffer.rs</c>: full when head == (tail + 1) % len). FIFO; no coalescing.
/// </summary>
public sealed class TaskQueue
{
    /// <summary>Ring length (<c>CALLBACK_LEN</c>).</summary>
    public const int Slots = 10;

    /// <summary>Most tasks held at once.</summary>
    public const int Capacity = Slots - 1;

    private readonly ProcessTask[] _ring = new ProcessTask[Slots];
    private int _head;
    private int _tail;

    /// <summary>Tasks queued.</summary>
    public int Count => (_tail - _head + Slots) % Slots;

    /// <summary>Appends a task; false if the ring is full (the caller drops it).</summary>
    public bool TryEnqueue(in ProcessTask task)
    {
        if (_head == (_tail + 1) % Slots)
        {
            return false;
        }

        _ring[_tail] = task;
        _tail = (_tail + 1) % Slots;
        return true;
    }

    /// <summary>Removes the oldest task.</summary>
    public bool TryDequeue(out ProcessTask task)
    {
        if (_head == _tail)
        {
            task = default;
            return false;
        }

        task = _ring[_head];
        _ring[_head] = default;
        _head = (_head + 1) % Slots;
        return true;
    }

    /// <summary>Removes the first task for <paramref name="upcall"/>, keeping the others in order (Yield-WaitFor).</summary>
    public bool TryRemoveFirst(UpcallId upcall, out ProcessTask task)
    {
        for (int i = 0; i < Count; i++)
        {
            int index = (_head + i) % Slots;
            if (_ring[index].Upcall == upcall)
            {
                task = _ring[index];
                RemoveAt(i);
                return true;
            }
        }

        task = default;
        return false;
    }

    /// <summary>True if a task for <paramref name="upcall"/> is queued.</summary>
    public bool Contains(UpcallId upcall)
    {
        for (int i = 0; i < Count; i++)
        {
            if (_ring[(_head + i) % Slots].Upcall == upcall)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Removes every function call for <paramref name="upcall"/> (a successful re-subscribe does this).</summary>
    /// <returns>How many were removed.</returns>
    public int RemoveFunctionCalls(UpcallId upcall)
    {
        // Compacts in place, keeping the order of the tasks that stay (every subscribe runs this: no allocation).
        int count = Count;
        int kept = 0;
        for (int i = 0; i < count; i++)
        {
            ProcessTask t = _ring[(_head + i) % Slots];
            if (t.Kind != TaskKind.FunctionCall || t.Upcall != upcall)
            {
                _ring[(_head + kept++) % Slots] = t;
            }
        }

        for (int i = kept; i < count; i++)
        {
            _ring[(_head + i) % Slots] = default;
        }

        _tail = (_head + kept) % Slots;
        return count - kept;
    }

    /// <summary>Empties the queue (terminate).</summary>
    public void Clear()
    {
        Array.Clear(_ring);
        _head = 0;
        _tail = 0;
    }

    // Removes the i-th queued task, shifting the later ones forward; allocation-free (Yield-WaitFor runs it).
    private void RemoveAt(int i)
    {
        int count = Count;
        for (int k = i; k < count - 1; k++)
        {
            _ring[(_head + k) % Slots] = _ring[(_head + k + 1) % Slots];
        }

        _tail = (_tail - 1 + Slots) % Slots;
        _ring[_tail] = default;
    }
}
