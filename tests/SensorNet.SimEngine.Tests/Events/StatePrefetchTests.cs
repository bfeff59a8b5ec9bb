using System.Runtime.Intrinsics.X86;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Time;

namespace SensorNet.SimEngine.Tests.Events;

/// <summary>
/// <see cref="StatePrefetch"/> and <see cref="StateWalker"/>: which objects a node's state walk reaches and where it
/// stops, and when the event loop walks and prefetches.
/// </summary>
public class StatePrefetchTests
{
    private readonly Simulation _sim = new();

    [Fact]
    public void Walk_ReachesFieldsStructsArraysAndClosures_RootsFirst()
    {
        var leaf = new Part();
        var inStruct = new Part();
        var inArray = new Part();
        var inStructArray = new Part();
        var captured = new Part();
        var root = new Part
        {
            Next = leaf,
            Pair = new Holder(inStruct, 3),
            Items = [inArray, null],
            Pairs = [new Holder(inStructArray, 1)],
            Callback = () => captured.Next = null,
        };

        List<object> found = Walk(root);

        Assert.Same(root, found[0]);
        Assert.Contains(leaf, found);
        Assert.Contains(inStruct, found);
        Assert.Contains(inArray, found);
        Assert.Contains(inStructArray, found);
        Assert.Contains(captured, found);
        Assert.Contains(root.Items, found);
        Assert.Contains(root.Callback, found);
        Assert.Equal(found.Count, found.Distinct(ReferenceEqualityComparer.Instance).Count());
    }

    [Fact]
    public void Walk_ReachesBaseClassFieldsNullableAndBoxedStructsAndGridsOfStructs_InFieldOrder()
    {
        var inGrid = new Part();
        var grid = new Holder[2, 2];
        grid[1, 0] = new Holder(inGrid, 0);
        Part inBase = new(), inNullable = new(), inBox = new();
        var root = new DerivedPart { Own = grid, Boxed = new Holder(inBox, 2), Maybe = new Holder(inNullable, 1), Next = inBase };

        List<object> found = Walk(root);

        // Breadth first, each object's fields from the most derived type's down to its base's.
        Assert.Equal([root, grid, root.Boxed, inNullable, inBase, inGrid, inBox], found);
    }

    [Fact]
    public void Walker_UsedAgainWithRootsOfAnotherAssembly_DecidesAgainWhatIsNodeState()
    {
        var walker = new StateWalker(_sim);
        var part = new Part { Other = new Uri("http://example.org/") };

        Assert.Equal([part], walker.Walk([part])!); // a Uri is another assembly's: not followed
        Assert.Contains(part.Other, walker.Walk([part, new Uri("http://example.org/a")])!); // a root's own assembly is followed
        Assert.Equal([part], walker.Walk([part])!);
    }

    [Fact]
    public void Walk_AppendsObjectsTakenAsTheyAre_OnceAndUnwalked_AfterThoseReached()
    {
        var reached = new Part();
        var behindTaken = new Part();
        var taken = new Shared { Next = behindTaken };
        var root = new Part { Next = reached };

        object[] found = new StateWalker(_sim).Walk([root], [null, reached, taken, taken])!;

        Assert.Equal([root, reached, taken], found); // not walked: nothing behind it
    }

    [Fact]
    public void Walk_StopsAtSharedModelsTheSimulationDomainsStringsAndOtherAssemblies()
    {
        var behindShared = new Part();
        var shared = new Shared { Next = behindShared };
        var other = new EventDomain("other node");
        var root = new Part { Next = new Part { Label = "node 1" }, Other = shared, Anything = _sim, More = other, Uri = new Uri("http://example.org/") };

        List<object> found = Walk(root);

        Assert.Equal(2, found.Count); // the root and its part, nothing behind the rest
        Assert.DoesNotContain(shared, found);
        Assert.DoesNotContain(behindShared, found);
    }

    [Fact]
    public void Walk_GivesUpOnMoreObjectsThanANodeHas()
    {
        var root = new Part();
        Part tail = root;
        for (int i = 0; i < StateWalker.MaxObjects; i++)
        {
            tail.Next = new Part();
            tail = tail.Next;
        }

        var domain = new EventDomain("node 0");
        domain.PrefetchStateOf(root);

        Assert.Null(_sim.FindNodeState(domain));
        Assert.NotNull(new StateWalker(_sim).Walk([root.Next!.Next!])); // one fewer link is within bounds
    }

    [Fact]
    public void Walk_GivesUpOnMoreArrayElementsThanANodeHas()
    {
        var root = new Part { Pairs = new Holder[StateWalker.MaxVisits + 1] };

        Assert.Null(new StateWalker(_sim).Walk([root]));
        Assert.NotNull(new StateWalker(_sim).Walk([new Part { Pairs = new Holder[1000] }]));
    }

    [Fact]
    public void FindNodeState_IsNullForADomainWithoutRoots()
    {
        Assert.Null(_sim.FindNodeState(new EventDomain("node 0")));
    }

    [Fact]
    public void BytesOf_CountsFromTheMethodTablePointer_FieldsOfBaseTypesArraysOfStructs_UpToTheCap()
    {
        var walker = new StateWalker(_sim);

        Assert.Equal(32, walker.BytesOf(new Sized(), 4096)); // method table, reference, long, int: 28, rounded up to 8
        Assert.Equal(32, walker.BytesOf(new DerivedSized(), 4096)); // and the derived class's short: 30
        Assert.Equal(40, walker.BytesOf(new DerivedLong(), 4096)); // and a derived long: 36 (its real end is at 40)
        Assert.Equal(16 + (10 * 8), walker.BytesOf(new long[10], 4096)); // method table and length, then elements
        Assert.Equal(16 + (3 * 16), walker.BytesOf(new Holder[3], 4096)); // a reference and an int, padded to 16
        Assert.Equal(16 + (3 * 24), walker.BytesOf(new Holder?[3], 4096)); // and the flag, padded to 24
        Assert.Equal(16 + (5 * 8), walker.BytesOf(new Part[5], 4096));
        Assert.Equal(16 + 32 + (4 * 8), walker.BytesOf(new long[2, 2], 4096)); // two lengths and two lower bounds more
        Assert.Equal(8 + 16, walker.BytesOf(new Holder(null, 1), 4096)); // a boxed struct: method table and the struct
        Assert.Equal(16 + 8, walker.BytesOf(new byte[5], 4096));
        Assert.Equal(512, walker.BytesOf(new byte[4096], 512));
        Assert.Equal(16, walker.BytesOf(Array.Empty<long>(), 4096));
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(0, 8, 1)]
    [InlineData(0, 64, 1)]
    [InlineData(0, 65, 2)]
    [InlineData(56, 8, 1)]
    [InlineData(56, 16, 2)] // a 16-byte object starting 8 bytes before a line ends
    [InlineData(8, 512, 9)] // 512 bytes not starting a line
    [InlineData(0, 512, 8)]
    [InlineData(4096 + 63, 2, 2)]
    public void LinesSpanned_CountsEveryLineTheBytesTouch(int address, int bytes, int lines) =>
        Assert.Equal(lines, StatePrefetch.LinesSpanned(address, bytes));

    [Fact]
    public void Loop_WalksADomainAtItsThirdColdReturn_NotWhenItComesBackWarm()
    {
        var node = new EventDomain("node 0");
        var state = new Part { Next = new Part() };
        node.PrefetchStateOf(state);
        var busy = new EventDomain("node 1");

        Tick(node, 0); // its first event: a cold return
        Tick(busy, 1, StatePrefetch.ColdAfterEvents - 1);
        Tick(node, 2); // warm: one event fewer than the threshold ran since
        Tick(busy, 3, StatePrefetch.ColdAfterEvents);
        Tick(node, 4); // the second cold return: exactly the threshold
        _sim.RunUntil(At(5_000_000));
        Assert.Equal(Sse.IsSupported ? 2 : 0, node.ColdReturns);
        Assert.Null(node.PrefetchedState);

        Tick(busy, 5, StatePrefetch.ColdAfterEvents);
        Tick(node, 6); // the third
        _sim.Run();
        Assert.Equal(Sse.IsSupported ? 3 : 0, node.ColdReturns);

        if (Sse.IsSupported)
        {
            Assert.Equal([state, state.Next], node.PrefetchedState!);
            var walker = new StateWalker(_sim);
            Assert.Equal([.. node.PrefetchedState!.Select(o => (ushort)walker.BytesOf(o, StatePrefetch.MaxBytesPerObject))], node.State!.Bytes);
        }
        else
        {
            Assert.Null(node.PrefetchedState); // nothing to prefetch with: nothing walked
        }

        Assert.Null(busy.PrefetchedState); // it names no roots
    }

    [Fact]
    public void Loop_DropsADomainWhoseWalkLeaks_AndWalksNoMoreAfterSeveralSuch()
    {
        var huge = new Part { Pairs = new Holder[StateWalker.MaxVisits + 1] };
        EventDomain[] leaking = [.. Enumerable.Range(0, StatePrefetch.MaxFailedWalks + 1).Select(i => new EventDomain($"node {i}"))];
        foreach (EventDomain d in leaking)
        {
            d.PrefetchStateOf(huge);
        }

        var fine = new EventDomain("fine");
        fine.PrefetchStateOf(new Part());
        var busy = new EventDomain("busy");
        long ms = 0;
        for (int round = 0; round < StatePrefetch.FirstWalk; round++)
        {
            foreach (EventDomain d in leaking.Prepend(fine))
            {
                Tick(d, ms++);
                Tick(busy, ms++, StatePrefetch.ColdAfterEvents);
            }
        }

        _sim.Run();

        bool x86 = Sse.IsSupported;
        Assert.Equal(x86, fine.PrefetchedState is not null); // walked first, before any leaked
        Assert.All(leaking.Take(StatePrefetch.MaxFailedWalks), d => Assert.Equal(x86, d.StateTooLarge));
        Assert.Equal([], x86 ? leaking[0].PrefetchedState! : []);
        Assert.False(leaking[^1].StateTooLarge); // walked no more once eight had leaked
        Assert.Null(leaking[^1].PrefetchedState);
    }

    private List<object> Walk(object root) => [.. new StateWalker(_sim).Walk([root])!];

    private static SimTime At(long ns) => SimTime.FromStart(SimDuration.FromNanoseconds(ns));

    // Schedules count events of the domain, one after another from ms milliseconds on.
    private void Tick(EventDomain domain, long ms, int count = 1)
    {
        using (_sim.EnterDomain(domain))
        {
            _sim.Schedule(At(ms * 1_000_000), new Repeat(_sim, count - 1));
        }
    }

    private sealed class Repeat(Simulation simulation, int left) : IEventHandler
    {
        private int _left = left;

        public void OnEvent(SimTime now, long tag)
        {
            if (_left-- > 0)
            {
                simulation.Schedule(now + SimDuration.FromNanoseconds(1), this);
            }
        }
    }

    private readonly record struct Holder(Part? Part, int Count);

#pragma warning disable CS0169, CA1823 // fields only sized, never read
    private class Sized
    {
        private readonly long _a;
        private readonly int _b;
        private readonly object? _c;
    }

    private sealed class DerivedSized : Sized
    {
        private readonly short _d;
    }

    private sealed class DerivedLong : Sized
    {
        private readonly long _e;
    }
#pragma warning restore CS0169, CA1823

    private sealed class Part
    {
        public Part? Next { get; set; }

        public Holder Pair { get; set; }

        public Part?[]? Items { get; set; }

        public Holder[]? Pairs { get; set; }

        public Action? Callback { get; set; }

        public string? Label { get; set; }

        public object? Other { get; set; }

        public object? Anything { get; set; }

        public object? More { get; set; }

        public Uri? Uri { get; set; }
    }

    private class PartBase
    {
        public Part? Next { get; set; }
    }

    private sealed class DerivedPart : PartBase
    {
        public Holder[,]? Own { get; set; }

        public object? Boxed { get; set; }

        public Holder? Maybe { get; set; }
    }

    private sealed class Shared : ISharedModel
    {
        public Part? Next { get; set; }
    }
}
