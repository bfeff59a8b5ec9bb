using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Tests.Support;
using SensorNet.SimEngine.Time;

namespace SensorNet.SimEngine.Tests.Events;

public class EventQueueTests
{
    private readonly EventRecorder _handler = new();

    [Fact]
    public void TryDequeue_DifferentTimes_ReturnsInTimeOrderRegardlessOfInsertionOrder()
    {
        var queue = new EventQueue();
        long[] times = [50, 10, 40, 20, 30, 0, 60];
        foreach (long t in times)
        {
            queue.Enqueue(new SimTime(t), _handler, tag: t);
        }

        List<long> tags = DrainTags(queue);

        Assert.Equal([0L, 10, 20, 30, 40, 50, 60], tags);
    }

    [Fact]
    public void TryDequeue_EqualTime_LowerPriorityFirst()
    {
        var queue = new EventQueue();
        queue.Enqueue(new SimTime(5), _handler, tag: 1, priority: 3);
        queue.Enqueue(new SimTime(5), _handler, tag: 2, priority: -7);
        queue.Enqueue(new SimTime(5), _handler, tag: 3, priority: 0);
        queue.Enqueue(new SimTime(5), _handler, tag: 4, priority: EventQueue.MaxPriority);
        queue.Enqueue(new SimTime(5), _handler, tag: 5, priority: EventQueue.MinPriority);

        Assert.Equal([5L, 2, 3, 1, 4], DrainTags(queue));
    }

    [Fact]
    public void TryDequeue_EarlierTimeBeatsLowerPriority()
    {
        var queue = new EventQueue();
        queue.Enqueue(new SimTime(6), _handler, tag: 1, priority: EventQueue.MinPriority);
        queue.Enqueue(new SimTime(5), _handler, tag: 2, priority: EventQueue.MaxPriority);

        Assert.Equal([2L, 1], DrainTags(queue));
    }

    [Fact]
    public void TryDequeue_EqualTimeAndPriority_FirstInFirstOut()
    {
        var queue = new EventQueue();
        for (long tag = 0; tag < 100; tag++)
        {
            queue.Enqueue(new SimTime(42), _handler, tag: tag, priority: 1);
        }

        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), DrainTags(queue));
    }

    [Fact]
    public void Reschedule_ToSameTimeAndPriority_OrdersAfterEventsAlreadyThere()
    {
        var queue = new EventQueue();
        EventHandle first = queue.Enqueue(new SimTime(10), _handler, tag: 1);
        queue.Enqueue(new SimTime(10), _handler, tag: 2);
        queue.Enqueue(new SimTime(10), _handler, tag: 3);

        Assert.True(queue.Reschedule(first, new SimTime(10)));

        Assert.Equal([2L, 3, 1], DrainTags(queue));
    }

    [Fact]
    public void Reschedule_FromOtherTime_OrdersAfterEventsAlreadyAtTarget()
    {
        var queue = new EventQueue();
        EventHandle moved = queue.Enqueue(new SimTime(1), _handler, tag: 1);
        queue.Enqueue(new SimTime(20), _handler, tag: 2);
        queue.Enqueue(new SimTime(20), _handler, tag: 3);
        queue.Enqueue(new SimTime(20), _handler, tag: 4, priority: 1);

        Assert.True(queue.Reschedule(moved, new SimTime(20)));

        Assert.Equal([2L, 3, 1, 4], DrainTags(queue));
    }

    [Fact]
    public void Reschedule_KeepsPriority()
    {
        var queue = new EventQueue();
        EventHandle urgent = queue.Enqueue(new SimTime(1), _handler, tag: 1, priority: -5);
        queue.Enqueue(new SimTime(30), _handler, tag: 2);

        Assert.True(queue.Reschedule(urgent, new SimTime(30)));

        Assert.Equal([1L, 2], DrainTags(queue));
    }

    [Fact]
    public void Reschedule_Later_MovesEventBehindOthers()
    {
        var queue = new EventQueue();
        EventHandle h = queue.Enqueue(new SimTime(1), _handler, tag: 1);
        queue.Enqueue(new SimTime(2), _handler, tag: 2);
        queue.Enqueue(new SimTime(3), _handler, tag: 3);

        Assert.True(queue.Reschedule(h, new SimTime(100)));

        Assert.Equal(new SimTime(100), queue.TimeOf(h));
        Assert.Equal(3, queue.Count);
        Assert.Equal([2L, 3, 1], DrainTags(queue));
    }

    [Fact]
    public void Reschedule_Earlier_MovesEventAheadOfOthers()
    {
        var queue = new EventQueue();
        queue.Enqueue(new SimTime(10), _handler, tag: 1);
        queue.Enqueue(new SimTime(20), _handler, tag: 2);
        EventHandle h = queue.Enqueue(new SimTime(30), _handler, tag: 3);

        Assert.True(queue.Reschedule(h, new SimTime(5)));

        Assert.True(queue.TryPeekTime(out SimTime head));
        Assert.Equal(new SimTime(5), head);
        Assert.Equal([3L, 1, 2], DrainTags(queue));
    }

    [Fact]
    public void Cancel_Pending_ReturnsTrueOnceThenFalse()
    {
        var queue = new EventQueue();
        EventHandle h = queue.Enqueue(new SimTime(10), _handler, tag: 1);

        Assert.True(queue.Cancel(h));
        Assert.False(queue.Cancel(h));
        Assert.False(queue.IsPending(h));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void Cancel_CancelledEvents_NeverDequeued()
    {
        var queue = new EventQueue();
        var handles = new List<EventHandle>();
        for (long tag = 0; tag < 10; tag++)
        {
            handles.Add(queue.Enqueue(new SimTime(100 - tag), _handler, tag: tag));
        }

        for (int i = 0; i < 10; i += 3)
        {
            Assert.True(queue.Cancel(handles[i]));
        }

        Assert.Equal([8L, 7, 5, 4, 2, 1], DrainTags(queue));
    }

    [Fact]
    public void Cancel_AfterDequeue_ReturnsFalse()
    {
        var queue = new EventQueue();
        EventHandle h = queue.Enqueue(new SimTime(10), _handler, tag: 1);
        Assert.True(queue.TryDequeue(out _, out _, out _));

        Assert.False(queue.Cancel(h));
        Assert.False(queue.Reschedule(h, new SimTime(20)));
        Assert.False(queue.IsPending(h));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void StaleHandle_AfterSlotReuse_CannotCancelOrMoveNewEvent()
    {
        var queue = new EventQueue();
        EventHandle old = queue.Enqueue(new SimTime(10), _handler, tag: 1);
        Assert.True(queue.Cancel(old));
        EventHandle reused = queue.Enqueue(new SimTime(50), _handler, tag: 2);

        // The point of the test: the new event really occupies the old slot, with a newer generation.
        Assert.Equal(old.Slot, reused.Slot);
        Assert.NotEqual(old.Generation, reused.Generation);

        Assert.False(queue.IsPending(old));
        Assert.False(queue.Cancel(old));
        Assert.False(queue.Reschedule(old, new SimTime(5)));
        Assert.Throws<InvalidOperationException>(() => queue.TimeOf(old));

        Assert.True(queue.IsPending(reused));
        Assert.Equal(new SimTime(50), queue.TimeOf(reused));
        Assert.True(queue.TryDequeue(out SimTime time, out _, out long tag));
        Assert.Equal(new SimTime(50), time);
        Assert.Equal(2, tag);
    }

    [Fact]
    public void StaleHandle_AfterFiringAndSlotReuse_CannotCancelNewEvent()
    {
        var queue = new EventQueue();
        EventHandle fired = queue.Enqueue(new SimTime(1), _handler, tag: 1);
        Assert.True(queue.TryDequeue(out _, out _, out _));
        EventHandle reused = queue.Enqueue(new SimTime(2), _handler, tag: 2);
        Assert.Equal(fired.Slot, reused.Slot);

        Assert.False(queue.Cancel(fired));

        Assert.True(queue.IsPending(reused));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void IsPending_And_TimeOf_TrackPendingEvent()
    {
        var queue = new EventQueue();
        EventHandle h = queue.Enqueue(new SimTime(77), _handler);

        Assert.True(queue.IsPending(h));
        Assert.Equal(new SimTime(77), queue.TimeOf(h));

        Assert.True(queue.Reschedule(h, new SimTime(33)));
        Assert.Equal(new SimTime(33), queue.TimeOf(h));
    }

    [Fact]
    public void TimeOf_StaleHandle_ThrowsInvalidOperationException()
    {
        var queue = new EventQueue();
        EventHandle h = queue.Enqueue(new SimTime(77), _handler);
        queue.Cancel(h);

        Assert.Throws<InvalidOperationException>(() => queue.TimeOf(h));
    }

    [Fact]
    public void None_IsNoneAndNeverPending()
    {
        var queue = new EventQueue();
        // Make slot 0 hold a pending event so that None (slot 0, generation 0) would collide if generations were not checked.
        EventHandle real = queue.Enqueue(new SimTime(10), _handler, tag: 1);
        Assert.Equal(0, real.Slot);

        Assert.True(EventHandle.None.IsNone);
        Assert.True(default(EventHandle).IsNone);
        Assert.False(real.IsNone);
        Assert.False(queue.IsPending(EventHandle.None));
        Assert.False(queue.Cancel(EventHandle.None));
        Assert.False(queue.Reschedule(EventHandle.None, new SimTime(1)));
        Assert.Throws<InvalidOperationException>(() => queue.TimeOf(EventHandle.None));

        Assert.True(queue.IsPending(real));
        Assert.Equal(new SimTime(10), queue.TimeOf(real));
    }

    [Fact]
    public void HandleWithForeignSlot_IsNotPending()
    {
        var queue = new EventQueue();
        queue.Enqueue(new SimTime(10), _handler);

        Assert.False(queue.IsPending(new EventHandle(5, 1)));
        Assert.False(queue.IsPending(new EventHandle(-1, 1)));
        Assert.False(queue.Cancel(new EventHandle(5, 1)));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void TryDequeue_ReturnsHandlerTagAndTime()
    {
        var queue = new EventQueue();
        var other = new EventRecorder();
        queue.Enqueue(new SimTime(9), other, tag: 123);

        Assert.True(queue.TryDequeue(out SimTime time, out IEventHandler handler, out long tag));

        Assert.Equal(new SimTime(9), time);
        Assert.Same(other, handler);
        Assert.Equal(123, tag);
    }

    [Fact]
    public void TryDequeue_And_TryPeekTime_EmptyQueue_ReturnFalse()
    {
        var queue = new EventQueue();

        Assert.False(queue.TryPeekTime(out _));
        Assert.False(queue.TryDequeue(out _, out _, out _));

        queue.Enqueue(new SimTime(3), _handler);
        Assert.True(queue.TryDequeue(out _, out _, out _));
        Assert.False(queue.TryPeekTime(out _));
        Assert.False(queue.TryDequeue(out _, out _, out _));
    }

    [Fact]
    public void Count_And_Insertions_CountPendingEventsAndAllInsertions()
    {
        var queue = new EventQueue();
        EventHandle a = queue.Enqueue(new SimTime(1), _handler);
        EventHandle b = queue.Enqueue(new SimTime(2), _handler);
        queue.Enqueue(new SimTime(3), _handler);

        queue.Reschedule(a, new SimTime(4));
        queue.Cancel(b);

        Assert.Equal(2, queue.Count);
        Assert.Equal(4, queue.Insertions);
    }

    [Fact]
    public void Enqueue_BeyondInitialCapacity_GrowsAndKeepsOrder()
    {
        var queue = new EventQueue(initialCapacity: 1);
        for (long i = 0; i < 1_000; i++)
        {
            queue.Enqueue(new SimTime((i * 7_919) % 1_000), _handler, tag: (i * 7_919) % 1_000);
        }

        Assert.Equal(1_000, queue.Count);
        Assert.Equal(Enumerable.Range(0, 1_000).Select(i => (long)i), DrainTags(queue));
    }

    [Theory]
    [InlineData(EventQueue.MinPriority - 1)]
    [InlineData(EventQueue.MaxPriority + 1)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void Enqueue_PriorityOutOfRange_ThrowsArgumentOutOfRangeException(int priority)
    {
        var queue = new EventQueue();

        Assert.Throws<ArgumentOutOfRangeException>(() => queue.Enqueue(new SimTime(1), _handler, priority: priority));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void Enqueue_NullHandler_ThrowsArgumentNullException()
    {
        var queue = new EventQueue();

        Assert.Throws<ArgumentNullException>(() => queue.Enqueue(new SimTime(1), null!));
    }

    [Fact]
    public void Constructor_CapacityBelowOne_ThrowsArgumentOutOfRangeException()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EventQueue(0));
    }

    /// <summary>
    /// Property test: a few thousand events with random times and priorities (many ties), interleaved with random
    /// cancellations, reschedules, dequeues, new insertions and operations on stale handles. Every dequeue must
    /// return the minimum of a plain list model under (time, priority, insertion sequence), and the final drain
    /// must equal the model sorted by that key. With few events pending, most insertions go through the front slot.
    /// Events belong to one of two domains or to none (the two heaps), and after every operation the lookahead query
    /// <see cref="EventQueue.HasEventBefore(SimTime, int, EventDomain)"/> must agree with the model.
    /// </summary>
    [Theory]
    [InlineData(3_000, 0x5EED_0001UL)]
    [InlineData(3, 0x5EED_0002UL)]
    public void RandomizedOperations_DispatchOrderMatchesSortedListModel(int initial, ulong seed)
    {
        var rng = new RandomStream(seed);
        var queue = new EventQueue(initialCapacity: 8);
        var model = new List<ModelEvent>();
        var staleHandles = new List<EventHandle>();
        long sequence = 0;
        long nextId = 0;
        int[] priorities = [EventQueue.MinPriority, -1, 0, 0, 1, 2, EventQueue.MaxPriority];
        EventDomain?[] domains = [null, new EventDomain("a"), new EventDomain("b")];

        void Insert()
        {
            long time = rng.NextInt32(400);
            int priority = priorities[rng.NextInt32(priorities.Length)];
            EventDomain? domain = domains[rng.NextInt32(domains.Length)];
            long id = nextId++;
            EventHandle h = queue.Enqueue(new SimTime(time), _handler, tag: id, priority: priority, domain: domain);
            model.Add(new ModelEvent(id, time, priority, sequence++, h, domain));
        }

        for (int i = 0; i < initial; i++)
        {
            Insert();
        }

        int dequeues = 0;
        for (int op = 0; op < 4_000; op++)
        {
            int choice = rng.NextInt32(10);
            if (choice < 2 && model.Count > 0)
            {
                int index = rng.NextInt32(model.Count);
                ModelEvent e = model[index];
                Assert.True(queue.Cancel(e.Handle));
                Assert.False(queue.Cancel(e.Handle));
                model.RemoveAt(index);
                staleHandles.Add(e.Handle);
            }
            else if (choice < 5 && model.Count > 0)
            {
                int index = rng.NextInt32(model.Count);
                ModelEvent e = model[index];
                long time = rng.NextInt32(400);
                Assert.True(queue.Reschedule(e.Handle, new SimTime(time)));
                model[index] = e with { Time = time, Sequence = sequence++ };
            }
            else if (choice < 7 && model.Count > 0)
            {
                ModelEvent expected = model[0];
                int expectedIndex = 0;
                for (int i = 1; i < model.Count; i++)
                {
                    if (model[i].Key.CompareTo(expected.Key) < 0)
                    {
                        expected = model[i];
                        expectedIndex = i;
                    }
                }

                Assert.True(queue.TryDequeue(out SimTime time, out IEventHandler handler, out long tag, out EventDomain? domain));
                Assert.Equal(expected.Id, tag);
                Assert.Same(expected.Domain, domain);
                Assert.Equal(expected.Time, time.Nanoseconds);
                Assert.Same(_handler, handler);
                model.RemoveAt(expectedIndex);
                staleHandles.Add(expected.Handle);
                dequeues++;
            }
            else if (choice < 9)
            {
                Insert();
            }
            else if (staleHandles.Count > 0)
            {
                EventHandle stale = staleHandles[rng.NextInt32(staleHandles.Count)];
                Assert.False(queue.IsPending(stale));
                Assert.False(queue.Cancel(stale));
                Assert.False(queue.Reschedule(stale, new SimTime(rng.NextInt32(400))));
            }

            Assert.Equal(model.Count, queue.Count);
            if (model.Count > 0)
            {
                ModelEvent first = model.MinBy(m => m.Key)!;
                Assert.True(queue.TryPeekTime(out SimTime head));
                Assert.Equal(first.Time, head.Nanoseconds);
                Assert.Equal(first.Time, queue.TimeOf(first.Handle).Nanoseconds);
                Assert.True(queue.HasEventBefore(new SimTime(first.Time), first.Priority));
                Assert.False(queue.HasEventBefore(new SimTime(first.Time), first.Priority - 1));
            }

            long at = rng.NextInt32(420);
            int before = priorities[rng.NextInt32(priorities.Length)];
            foreach (EventDomain? d in domains[1..])
            {
                bool expected = model.Any(m => (m.Domain is null || m.Domain == d) && (m.Time < at || (m.Time == at && m.Priority <= before)));
                Assert.Equal(expected, queue.HasEventBefore(new SimTime(at), before, d!));
            }
        }

        Assert.Equal(sequence, queue.Insertions);
        Assert.True(dequeues > 100, "the mixed phase should have dequeued a fair number of events");
        Assert.True(initial < 1_000 || model.Count > 1_000, "enough events should remain for the final drain");

        List<long> reference = model
            .OrderBy(e => e.Time)
            .ThenBy(e => e.Priority)
            .ThenBy(e => e.Sequence)
            .Select(e => e.Id)
            .ToList();
        Assert.Equal(reference, DrainTags(queue));
    }

    [Fact]
    public void PrefetchNextEvent_BetweenDequeues_ChangesNothing_AndIsSafeOnAnEmptyQueue()
    {
        var with = new EventQueue(initialCapacity: 2);
        var without = new EventQueue(initialCapacity: 2);
        var rng = new RngStreams(3, 0).For(1, RngPurpose.Placement);
        foreach (EventQueue queue in new[] { with, without })
        {
            queue.PrefetchNextEvent();
        }

        EventDomain[] withNodes = [.. Enumerable.Range(0, 7).Select(n => new EventDomain($"node {n}"))];
        EventDomain[] withoutNodes = [.. Enumerable.Range(0, 7).Select(n => new EventDomain($"node {n}"))];
        for (int i = 0; i < 200; i++)
        {
            long t = (long)rng.Uniform(0, 50);
            bool shared = i % 3 == 0; // events of no domain too
            with.Enqueue(new SimTime(t), _handler, tag: i, domain: shared ? null : withNodes[i % 7]);
            without.Enqueue(new SimTime(t), _handler, tag: i, domain: shared ? null : withoutNodes[i % 7]);
        }

        var order = new List<long>();
        while (with.TryDequeue(out _, out _, out long tag, out _))
        {
            order.Add(tag);
            with.PrefetchNextEvent();
        }

        with.PrefetchNextEvent();
        Assert.Equal(DrainTags(without), order);
        Assert.Equal(0, with.Count);
    }

    [Fact]
    public void HasEventBefore_ForADomain_CountsItsOwnEventsAndThoseOfNoDomain_NotOtherDomains()
    {
        var queue = new EventQueue();
        var a = new EventDomain("a");
        var b = new EventDomain("b");
        queue.Enqueue(new SimTime(10), _handler, domain: b);
        EventHandle own = queue.Enqueue(new SimTime(20), _handler, domain: a);
        EventHandle shared = queue.Enqueue(new SimTime(30), _handler);

        Assert.True(queue.HasEventBefore(new SimTime(15), 0)); // b's event at 10
        Assert.False(queue.HasEventBefore(new SimTime(15), 0, a)); // only b's is before 15
        Assert.True(queue.HasEventBefore(new SimTime(25), 0, a)); // its own at 20
        Assert.True(queue.HasEventBefore(new SimTime(20), 0, a)); // same time and priority: the pending one runs first
        Assert.False(queue.HasEventBefore(new SimTime(20), -1, a)); // a lower priority runs before it
        Assert.True(queue.Cancel(own));
        Assert.False(queue.HasEventBefore(new SimTime(25), 0, a));
        Assert.True(queue.HasEventBefore(new SimTime(35), 0, a)); // the event of no domain at 30
        Assert.True(queue.Reschedule(shared, new SimTime(50)));
        Assert.False(queue.HasEventBefore(new SimTime(35), 0, a));
        Assert.False(queue.HasEventBefore(new SimTime(35), 0, new EventDomain("never scheduled")));
    }

    [Fact]
    public void HasEventBefore_ForADomain_FollowsItsEarliestEventThroughDequeueCancelAndMoves()
    {
        // Each change below adds, removes or moves the domain's earliest pending event; the check must follow it.
        var queue = new EventQueue();
        var a = new EventDomain("a");
        EventHandle at20 = queue.Enqueue(new SimTime(20), _handler, domain: a);
        EventHandle at30 = queue.Enqueue(new SimTime(30), _handler, domain: a);

        Assert.True(queue.HasEventBefore(new SimTime(25), 0, a));
        queue.Enqueue(new SimTime(10), _handler, domain: a); // now the earliest
        Assert.True(queue.HasEventBefore(new SimTime(15), 0, a));
        Assert.True(queue.TryDequeue(out SimTime first, out _, out _, out _));
        Assert.Equal(10, first.Nanoseconds);
        Assert.False(queue.HasEventBefore(new SimTime(15), 0, a));
        Assert.True(queue.Cancel(at20));
        Assert.False(queue.HasEventBefore(new SimTime(25), 0, a));
        Assert.True(queue.HasEventBefore(new SimTime(35), 0, a));
        Assert.True(queue.Reschedule(at30, new SimTime(40))); // the earliest moved later
        Assert.False(queue.HasEventBefore(new SimTime(35), 0, a));
        EventHandle at50 = queue.Enqueue(new SimTime(50), _handler, domain: a);
        Assert.True(queue.Reschedule(at50, new SimTime(5))); // another moved before it
        Assert.True(queue.HasEventBefore(new SimTime(6), 0, a));
        Assert.True(queue.Cancel(at50));
        Assert.True(queue.Cancel(at30));
        Assert.False(queue.HasEventBefore(new SimTime(1000), 0, a));
    }

    [Fact]
    public void Enqueue_DomainWithEventsPendingInAnotherQueue_ThrowsInvalidOperationException()
    {
        var domain = new EventDomain("node 0");
        var first = new EventQueue();
        var second = new EventQueue();
        first.Enqueue(new SimTime(1), _handler, domain: domain);

        Assert.Throws<InvalidOperationException>(() => second.Enqueue(new SimTime(1), _handler, domain: domain));

        Assert.True(first.TryDequeue(out _, out _, out _));
        second.Enqueue(new SimTime(2), _handler, domain: domain); // nothing pending in the first any more
        Assert.True(second.HasEventBefore(new SimTime(3), 0, domain));
    }

    private static List<long> DrainTags(EventQueue queue)
    {
        var tags = new List<long>();
        long previous = long.MinValue;
        while (queue.TryDequeue(out SimTime time, out _, out long tag))
        {
            Assert.True(time.Nanoseconds >= previous, "times must not decrease while draining");
            previous = time.Nanoseconds;
            tags.Add(tag);
        }

        return tags;
    }

    private sealed record ModelEvent(long Id, long Time, int Priority, long Sequence, EventHandle Handle, EventDomain? Domain = null)
    {
        public (long Time, int Priority, long Sequence) Key => (Time, Priority, Sequence);
    }
}
