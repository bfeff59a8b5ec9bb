using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
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
/// <para>Events of no domain (models shared by nodes or outliving their boots: energy accounting, samplers) have a heap
/// of their own, and each <see cref="EventDomain"/> links its pending events in a list, so that
/// <see cref="HasEventBefore(SimTime, int, EventDomain)"/> tells in a few steps whether anything that may touch one
/// node is due before a time: the lookahead of <see cref="Simulation.TryAdvanceTo"/>. Dequeue takes the lowest of the
/// two roots and the front slot, so the order is that of a single heap.</para>
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
    private const int NoSlot = -1;

    private Heap _local; // events of a domain
    private Heap _shared; // events of no domain
    private Entry[] _entries;
    private int[] _freeSlots;
    private int _freeCount;
    private int _usedSlots;
    private ulong _sequence;
    private HeapNode _front;
    private bool _hasFront;

    /// <summary>Creates an empty queue with room for <paramref name="initialCapacity"/> pending events before it grows.</summary>
    public EventQueue(int initialCapacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialCapacity, 1);
        _local.Nodes = new HeapNode[initialCapacity];
        _shared.Nodes = new HeapNode[Math.Min(initialCapacity, 64)];
        _entries = new Entry[initialCapacity];
        _freeSlots = new int[initialCapacity];
    }

    /// <summary>Number of pending events.</summary>
    public int Count => _local.Count + _shared.Count + (_hasFront ? 1 : 0);

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
    /// <exception cref="InvalidOperationException"><paramref name="domain"/> has events pending in another queue.</exception>
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
        if (domain is not null)
        {
            Link(slot, domain);
        }

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

        return new SimTime(NodeOf(handle.Slot).Time);
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
            RemoveAt(ref HeapOf(handle.Slot), index);
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

        ref Heap heap = ref HeapOf(handle.Slot);
        if (index > 0 && Less(node, heap.Nodes[(index - 1) >> 2]))
        {
            SiftUp(ref heap, index, node);
        }
        else
        {
            SiftDown(ref heap, index, node);
        }

        return true;
    }

    /// <summary>The time of the earliest pending event.</summary>
    /// <returns>False if the queue is empty.</returns>
    public bool TryPeekTime(out SimTime time)
    {
        if (!TryPeekRoot(out HeapNode root))
        {
            time = default;
            return false;
        }

        time = new SimTime(root.Time);
        return true;
    }

    /// <summary>
    /// True if a pending event would run before an event inserted now at (<paramref name="time"/>,
    /// <paramref name="priority"/>): one due earlier, or at the same time with a priority ≤ <paramref name="priority"/>
    /// (equal priorities run in insertion order, and the new event would be the last inserted).
    /// </summary>
    public bool HasEventBefore(SimTime time, int priority) =>
        (_hasFront && RunsBefore(_front, time.Nanoseconds, priority))
        || (_local.Count > 0 && RunsBefore(_local.Nodes[0], time.Nanoseconds, priority))
        || (_shared.Count > 0 && RunsBefore(_shared.Nodes[0], time.Nanoseconds, priority));

    /// <summary>
    /// Like <see cref="HasEventBefore(SimTime, int)"/>, but counting only the events of <paramref name="domain"/> and the
    /// events of no domain: the events that may touch a node whose models reach no other domain's.
    /// </summary>
    public bool HasEventBefore(SimTime time, int priority, EventDomain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        long t = time.Nanoseconds;
        if ((_shared.Count > 0 && RunsBefore(_shared.Nodes[0], t, priority))
            || (_hasFront && _entries[_front.Slot].Domain is null && RunsBefore(_front, t, priority)))
        {
            return true;
        }

        if (!ReferenceEquals(domain.Queue, this))
        {
            return false; // nothing of it pending here
        }

        for (int slot = domain.FirstPending; slot != NoSlot; slot = _entries[slot].NextInDomain)
        {
            if (RunsBefore(NodeOf(slot), t, priority))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Removes the earliest event and returns what is needed to dispatch it.</summary>
    /// <returns>False if the queue is empty.</returns>
    public bool TryDequeue(out SimTime time, out IEventHandler handler, out long tag) => TryDequeue(out time, out handler, out tag, out _);

    /// <summary>Removes the earliest event and returns its time, handler, tag and domain.</summary>
    /// <returns>False if the queue is empty.</returns>
    public bool TryDequeue(out SimTime time, out IEventHandler handler, out long tag, out EventDomain? domain)
    {
        HeapNode root;
        bool sharedFirst = _shared.Count > 0 && (_local.Count == 0 || Less(_shared.Nodes[0], _local.Nodes[0]));
        if (_hasFront && (sharedFirst ? Less(_front, _shared.Nodes[0]) : _local.Count == 0 || Less(_front, _local.Nodes[0])))
        {
            root = _front;
            _hasFront = false;
        }
        else if (sharedFirst)
        {
            root = PopRoot(ref _shared);
        }
        else if (_local.Count > 0)
        {
            root = PopRoot(ref _local);
        }
        else
        {
            time = default;
            handler = null!;
            tag = 0;
            domain = null;
            return false;
        }

        ref Entry e = ref _entries[root.Slot];
        handler = e.Handler!;
        tag = e.Tag;
        domain = e.Domain;
        time = new SimTime(root.Time);
        FreeSlot(root.Slot);
        return true;
    }

    /// <summary>
    /// Asks the CPU for the handler and domain objects of the earliest domain event still pending, without waiting for
    /// them: called by the event loop before it runs the event it just took, so that at network scale the next event's
    /// objects (often another node's, out of cache) arrive while this one runs. x86 only; elsewhere it does nothing.
    /// Timing only: it reads nothing that decides anything.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void PrefetchNextEvent()
    {
        if (Sse.IsSupported && _local.Count > 0)
        {
            ref Entry e = ref _entries[_local.Nodes[0].Slot];
            PrefetchObject(e.Domain);
            PrefetchObject(e.Handler);
        }
    }

    private static unsafe void PrefetchObject(object? o)
    {
        if (o is not null)
        {
            Sse.Prefetch0((void*)Unsafe.As<object, nint>(ref o));
        }
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

    private bool TryPeekRoot(out HeapNode root)
    {
        bool any = false;
        root = default;
        if (_hasFront)
        {
            (root, any) = (_front, true);
        }

        if (_local.Count > 0 && (!any || Less(_local.Nodes[0], root)))
        {
            (root, any) = (_local.Nodes[0], true);
        }

        if (_shared.Count > 0 && (!any || Less(_shared.Nodes[0], root)))
        {
            (root, any) = (_shared.Nodes[0], true);
        }

        return any;
    }

    private ref Heap HeapOf(int slot) => ref _entries[slot].Domain is null ? ref _shared : ref _local;

    private ref HeapNode NodeOf(int slot)
    {
        int index = _entries[slot].HeapIndex;
        return ref index == InFront ? ref _front : ref HeapOf(slot).Nodes[index];
    }

    // The front slot takes an event that runs before every pending one while it is free; an event that runs before
    // the front one takes its place, and the front one goes into its heap.
    private void Insert(HeapNode node)
    {
        if (_hasFront
            ? Less(node, _front)
            : (_local.Count == 0 || Less(node, _local.Nodes[0])) && (_shared.Count == 0 || Less(node, _shared.Nodes[0])))
        {
            if (_hasFront)
            {
                Push(ref HeapOf(_front.Slot), _front);
            }

            _front = node;
            _hasFront = true;
            _entries[node.Slot].HeapIndex = InFront;
            return;
        }

        Push(ref HeapOf(node.Slot), node);
    }

    private void Push(ref Heap heap, HeapNode node)
    {
        if (heap.Count == heap.Nodes.Length)
        {
            Array.Resize(ref heap.Nodes, heap.Nodes.Length * 2);
        }

        SiftUp(ref heap, heap.Count++, node);
    }

    private HeapNode PopRoot(ref Heap heap)
    {
        HeapNode root = heap.Nodes[0];
        int last = --heap.Count;
        if (last > 0)
        {
            SiftDown(ref heap, 0, heap.Nodes[last]);
        }

        return root;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Less(in HeapNode a, in HeapNode b) => a.Time < b.Time || (a.Time == b.Time && a.Order < b.Order);

    private void SiftUp(ref Heap h, int index, HeapNode node)
    {
        HeapNode[] heap = h.Nodes;
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

    private void SiftDown(ref Heap h, int index, HeapNode node)
    {
        HeapNode[] heap = h.Nodes;
        Entry[] entries = _entries;
        int count = h.Count;
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

    private void RemoveAt(ref Heap heap, int index)
    {
        int last = --heap.Count;
        if (index == last)
        {
            return;
        }

        HeapNode moved = heap.Nodes[last];
        if (index > 0 && Less(moved, heap.Nodes[(index - 1) >> 2]))
        {
            SiftUp(ref heap, index, moved);
        }
        else
        {
            SiftDown(ref heap, index, moved);
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

    // Each domain's pending events form a doubly linked list through their slots (head in the domain), so that the
    // lookahead check visits only the few events of one node.
    private void Link(int slot, EventDomain domain)
    {
        if (!ReferenceEquals(domain.Queue, this))
        {
            if (domain.Queue is not null && domain.FirstPending != NoSlot)
            {
                throw new InvalidOperationException($"Domain '{domain}' has events pending in another simulation.");
            }

            (domain.Queue, domain.FirstPending) = (this, NoSlot);
        }

        ref Entry e = ref _entries[slot];
        e.PreviousInDomain = NoSlot;
        e.NextInDomain = domain.FirstPending;
        if (domain.FirstPending != NoSlot)
        {
            _entries[domain.FirstPending].PreviousInDomain = slot;
        }

        domain.FirstPending = slot;
    }

    private void FreeSlot(int slot)
    {
        ref Entry e = ref _entries[slot];
        if (e.Domain is { } domain)
        {
            if (e.PreviousInDomain == NoSlot)
            {
                domain.FirstPending = e.NextInDomain;
            }
            else
            {
                _entries[e.PreviousInDomain].NextInDomain = e.NextInDomain;
            }

            if (e.NextInDomain != NoSlot)
            {
                _entries[e.NextInDomain].PreviousInDomain = e.PreviousInDomain;
            }
        }

        e.Handler = null;
        e.Domain = null;
        e.HeapIndex = -1;
        _freeSlots[_freeCount++] = slot;
    }

    private struct Heap
    {
        public HeapNode[] Nodes;
        public int Count;
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
        public int NextInDomain;
        public int PreviousInDomain;
    }
}
