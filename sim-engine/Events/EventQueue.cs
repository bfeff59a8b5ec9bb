using System.Runtime.CompilerServices;
using SensorNet.SimEngine.Time;

namespace SensorNet.SimEngine.Events;

/// <summary>
/// The pending-event set: a 4-ary min-heap ordered by (time, priority, insertion sequence), so the
/// order of events is a total order that does not depend on hashing, memory addresses or threads.
/// </summary>
/// <remarks>
/// <para>Each scheduled event occupies a slot that records its handler, tag and position in the heap,
/// which gives O(log n) cancellation and rescheduling (an indexed heap rather than lazy deletion, so
/// cancelled events never linger). Slots and heap nodes live in arrays that grow geometrically and are
/// reused through a free list: steady-state scheduling allocates nothing.</para>
/// <para>Ties: at equal time, lower <c>priority</c> runs first; at equal priority, the event scheduled
/// earlier runs first (SimSharp <c>EventQueueNode</c> ordering). Rescheduling counts as a new insertion.</para>
/// <para>Limits: priorities in [−32768, 32767]; at most 2^47 insertions per queue (1.4e14).</para>
/// <para>An event inserted ahead of every pending one waits in a front slot outside the heap, and the next dequeue takes
/// it without sifting: a node's short steps (an SPI transfer, a wake-up, a radio's BUSY time) are usually the next event
/// when they are scheduled, and then never touch the heap. Dequeue takes the lower of the front event and the heap's
/// root, so the order is the same as with the heap alone.</para>
/// </remarks>
public sealed class EventQueue
{
    private const int SequenceBits = 47;
    private const ulong MaxSequence = (1UL << SequenceBits) - 1;
    private const int PriorityBias = 32768;
    private const int InFront = -2; // Entry.HeapIndex of the event in the front slot (−1: not pending)

    private HeapNode[] _heap;
    private Entry[] _entries;
    private int[] _freeSlots;
    private int _count;
    private int _freeCount;
    private int _usedSlots;
    private ulong _sequence;
    private HeapNode _front;
    private bool _hasFront;

    /// <summary>Creates an empty queue with room for <paramref name="initialCapacity"/> pending events before it grows.</summary>
    public EventQueue(int initialCapacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialCapacity, 1);
        _heap = new HeapNode[initialCapacity];
        _entries = new Entry[initialCapacity];
        _freeSlots = new int[initialCapacity];
    }

    /// <summary>Number of pending events.</summary>
    public int Count => _count + (_hasFront ? 1 : 0);

    /// <summary>Number of events ever inserted (schedules plus reschedules).</summary>
    public long Insertions => (long)_sequence;

    /// <summary>Lowest allowed priority value (runs first among simultaneous events).</summary>
    public const int MinPriority = -PriorityBias;

    /// <summary>Highest allowed priority value (runs last among simultaneous events).</summary>
    public const int MaxPriority = PriorityBias - 1;

    /// <summary>Inserts an event.</summary>
    /// <param name="time">When the event is due.</param>
    /// <param name="handler">Who receives it.</param>
    /// <param name="tag">Passed back to the handler.</param>
    /// <param name="priority">Tie-breaker among simultaneous events; lower runs first. Range [−32768, 32767].</param>
    /// <param name="domain">The domain the event belongs to (<see cref="EventDomain"/>); null for none.</param>
    /// <returns>A handle for cancelling or moving the event.</returns>
    public EventHandle Enqueue(SimTime time, IEventHandler handler, long tag = 0, int priority = 0, EventDomain? domain = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ulong order = MakeOrder(priority);
        int slot = AllocateSlot();
        ref Entry e = ref _entries[slot];
        e.Handler = handler;
        e.Tag = tag;
        e.Priority = priority;
        e.Domain = domain;
        Insert(new HeapNode { Time = time.Nanoseconds, Order = order, Slot = slot });
        return new EventHandle(slot, e.Generation);
    }

    /// <summary>True if the handle names an event that is still pending.</summary>
    public bool IsPending(EventHandle handle) =>
        !handle.IsNone && (uint)handle.Slot < (uint)_usedSlots && _entries[handle.Slot].Generation == handle.Generation
        && _entries[handle.Slot].HeapIndex != -1;

    /// <summary>The due time of a pending event.</summary>
    /// <exception cref="InvalidOperationException">The handle is stale.</exception>
    public SimTime TimeOf(EventHandle handle)
    {
        if (!IsPending(handle))
        {
            throw new InvalidOperationException("The event is no longer pending.");
        }

        int index = _entries[handle.Slot].HeapIndex;
        return new SimTime(index == InFront ? _front.Time : _heap[index].Time);
    }

    /// <summary>Removes a pending event in O(log n).</summary>
    /// <returns>False if the event already fired or was cancelled.</returns>
    public bool Cancel(EventHandle handle)
    {
        if (!IsPending(handle))
        {
            return false;
        }

        int index = _entries[handle.Slot].HeapIndex;
        if (index == InFront)
        {
            _hasFront = false;
        }
        else
        {
            RemoveAt(index);
        }

        FreeSlot(handle.Slot);
        return true;
    }

    /// <summary>
    /// Moves a pending event to a new time in O(log n), keeping its handle, handler, tag and priority. It is
    /// ordered after events already scheduled for the same time and priority, as if it had just been inserted.
    /// </summary>
    /// <returns>False if the event already fired or was cancelled (nothing is scheduled then).</returns>
    public bool Reschedule(EventHandle handle, SimTime time)
    {
        if (!IsPending(handle))
        {
            return false;
        }

        int index = _entries[handle.Slot].HeapIndex;
        var node = new HeapNode { Time = time.Nanoseconds, Order = MakeOrder(_entries[handle.Slot].Priority), Slot = handle.Slot };
        if (index == InFront)
        {
            _hasFront = false;
            Insert(node);
            return true;
        }

        if (index > 0 && Less(node, _heap[(index - 1) >> 2]))
        {
            SiftUp(index, node);
        }
        else
        {
            SiftDown(index, node);
        }

        return true;
    }

    /// <summary>The time of the earliest pending event.</summary>
    /// <returns>False if the queue is empty.</returns>
    public bool TryPeekTime(out SimTime time)
    {
        if (_hasFront)
        {
            time = new SimTime(_count > 0 && Less(_heap[0], _front) ? _heap[0].Time : _front.Time);
            return true;
        }

        if (_count == 0)
        {
            time = default;
            return false;
        }

        time = new SimTime(_heap[0].Time);
        return true;
    }

    /// <summary>
    /// True if a pending event would run before an event inserted now at (<paramref name="time"/>,
    /// <paramref name="priority"/>): one due earlier, or at the same time with a priority ≤ <paramref name="priority"/>
    /// (equal priorities run in insertion order, and the new event would be the last inserted).
    /// </summary>
    public bool HasEventBefore(SimTime time, int priority) =>
        (_hasFront && RunsBefore(_front, time.Nanoseconds, priority)) || (_count > 0 && RunsBefore(_heap[0], time.Nanoseconds, priority));

    /// <summary>Removes the earliest event and returns what is needed to dispatch it.</summary>
    /// <returns>False if the queue is empty.</returns>
    public bool TryDequeue(out SimTime time, out IEventHandler handler, out long tag) => TryDequeue(out time, out handler, out tag, out _);

    /// <summary>Removes the earliest event and returns its time, handler, tag and domain.</summary>
    /// <returns>False if the queue is empty.</returns>
    public bool TryDequeue(out SimTime time, out IEventHandler handler, out long tag, out EventDomain? domain)
    {
        HeapNode root;
        if (_hasFront && (_count == 0 || Less(_front, _heap[0])))
        {
            root = _front;
            _hasFront = false;
        }
        else if (_count == 0)
        {
            time = default;
            handler = null!;
            tag = 0;
            domain = null;
            return false;
        }
        else
        {
            root = _heap[0];
            int last = --_count;
            if (last > 0)
            {
                SiftDown(0, _heap[last]);
            }
        }

        ref Entry e = ref _entries[root.Slot];
        handler = e.Handler!;
        tag = e.Tag;
        domain = e.Domain;
        time = new SimTime(root.Time);
        FreeSlot(root.Slot);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong MakeOrder(int priority)
    {
        if ((uint)(priority + PriorityBias) > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(priority), priority, "Event priority must lie in [-32768, 32767].");
        }

        if (_sequence > MaxSequence)
        {
            throw new InvalidOperationException("The event queue ran out of insertion sequence numbers (2^47 insertions).");
        }

        return ((ulong)(priority + PriorityBias) << SequenceBits) | _sequence++;
    }

    // True if the node would run before an event inserted now at (time, priority): it is due earlier, or at the same
    // time with a priority that is not higher (equal priorities run in insertion order).
    private static bool RunsBefore(in HeapNode node, long time, int priority) =>
        node.Time < time || (node.Time == time && (int)(node.Order >> SequenceBits) - PriorityBias <= priority);

    // The front slot takes an event that runs before every pending one while it is free; an event that runs before
    // the front one takes its place, and the front one goes into the heap.
    private void Insert(HeapNode node)
    {
        if (_hasFront ? Less(node, _front) : _count == 0 || Less(node, _heap[0]))
        {
            if (_hasFront)
            {
                PushHeap(_front);
            }

            _front = node;
            _hasFront = true;
            _entries[node.Slot].HeapIndex = InFront;
            return;
        }

        PushHeap(node);
    }

    private void PushHeap(HeapNode node)
    {
        if (_count == _heap.Length)
        {
            Array.Resize(ref _heap, _heap.Length * 2);
        }

        SiftUp(_count++, node);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Less(in HeapNode a, in HeapNode b) => a.Time < b.Time || (a.Time == b.Time && a.Order < b.Order);

    private void SiftUp(int index, HeapNode node)
    {
        HeapNode[] heap = _heap;
        Entry[] entries = _entries;
        while (index > 0)
        {
            int parent = (index - 1) >> 2;
            HeapNode p = heap[parent];
            if (!Less(node, p))
            {
                break;
            }

            heap[index] = p;
            entries[p.Slot].HeapIndex = index;
            index = parent;
        }

        heap[index] = node;
        entries[node.Slot].HeapIndex = index;
    }

    private void SiftDown(int index, HeapNode node)
    {
        HeapNode[] heap = _heap;
        Entry[] entries = _entries;
        int count = _count;
        while (true)
        {
            int first = (index << 2) + 1;
            if (first >= count)
            {
                break;
            }

            int best = first;
            int end = Math.Min(first + 4, count);
            for (int c = first + 1; c < end; c++)
            {
                if (Less(heap[c], heap[best]))
                {
                    best = c;
                }
            }

            HeapNode child = heap[best];
            if (!Less(child, node))
            {
                break;
            }

            heap[index] = child;
            entries[child.Slot].HeapIndex = index;
            index = best;
        }

        heap[index] = node;
        entries[node.Slot].HeapIndex = index;
    }

    private void RemoveAt(int index)
    {
        int last = --_count;
        if (index == last)
        {
            return;
        }

        HeapNode moved = _heap[last];
        if (index > 0 && Less(moved, _heap[(index - 1) >> 2]))
        {
            SiftUp(index, moved);
        }
        else
        {
            SiftDown(index, moved);
        }
    }

    private int AllocateSlot()
    {
        int slot;
        if (_freeCount > 0)
        {
            slot = _freeSlots[--_freeCount];
        }
        else
        {
            if (_usedSlots == _entries.Length)
            {
                Array.Resize(ref _entries, _entries.Length * 2);
                Array.Resize(ref _freeSlots, _entries.Length);
            }

            slot = _usedSlots++;
        }

        ref Entry e = ref _entries[slot];
        // Generation 0 is reserved for EventHandle.None; skip it on wrap-around.
        e.Generation = e.Generation == int.MaxValue ? 1 : e.Generation + 1;
        return slot;
    }

    private void FreeSlot(int slot)
    {
        ref Entry e = ref _entries[slot];
        e.Handler = null;
        e.Domain = null;
        e.HeapIndex = -1;
        _freeSlots[_freeCount++] = slot;
    }

    private struct HeapNode
    {
        public long Time;
        public ulong Order;
        public int Slot;
    }

    private struct Entry
    {
        public IEventHandler? Handler;
        public EventDomain? Domain;
        public long Tag;
        public int HeapIndex;
        public int Generation;
        public int Priority;
    }
}
