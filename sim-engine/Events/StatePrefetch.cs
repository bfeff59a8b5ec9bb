using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace SensorNet.SimEngine.Events;

/// <summary>
/// Prefetches a node's state into the CPU cache when the event loop comes back to its domain after many other
/// events (<see cref="EventDomain.PrefetchStateOf"/>).
/// </summary>
/// <remarks>
/// <para>Why: at 10,000 nodes and more, a node's state (a LoRa node's is about 270 objects, 23 KB) has left the cache by
/// the time its next uplink comes, and the kernel model reaches it along chains of pointers (kernel → process → frame →
/// routine), so its cache misses come one after another. Asking for every cache line of every object (up to
/// <see cref="MaxBytesPerObject"/> each, sized once per walk by <see cref="StateWalker.BytesOf"/>) at once lets
/// the memory system serve them side by side (measured: tests/SensorNet.Benchmarks/PERFORMANCE-LOG.md, "State
/// prefetch").</para>
/// <para>When: a domain is cold when at least <see cref="Simulation.StatePrefetchAfterEvents"/> other events (default
/// <see cref="ColdAfterEvents"/>) ran since its last one (its first event counts as one). Its objects are found (<see cref="StateWalker"/>) at its third cold return,
/// once the node has run and made the objects it makes on first use, and found again at the 48th, 768th, … (×16), so
/// state made later is covered at a cost that stays small. A walk that leaks into shared state (or fails) drops the
/// domain, and after <see cref="MaxFailedWalks"/> such walks the run walks no more domains.</para>
/// <para>Limits: x86 only (<c>PREFETCHT0</c>); elsewhere nothing is walked or prefetched. A prefetch never faults, so an
/// address made stale by the garbage collector moving the object costs nothing but the useless fetch. Timing only:
/// results are the same with it and without it.</para>
/// </remarks>
internal sealed class StatePrefetch(Simulation simulation)
{
    /// <summary>
    /// The default of <see cref="Simulation.StatePrefetchAfterEvents"/>: other events after which a domain's state is
    /// taken to have left the cache (about 320 LoRa uplinks of other nodes, several MB of their state).
    /// </summary>
    public const int ColdAfterEvents = 16_384;

    /// <summary>The cold return at which a domain's objects are first found.</summary>
    internal const int FirstWalk = 3;

    /// <summary>Walks that leaked into shared state (or failed) after which the run walks no more domains.</summary>
    internal const int MaxFailedWalks = 8;

    /// <summary>
    /// Most bytes prefetched per object: larger arrays (an SX1262's opcode counters, 2 KB) are prefetched from their start
    /// only. A process's RAM page (512 bytes of data after a 16-byte header) loses its last line when it starts a line.
    /// On 10,000 LoRa nodes × 6 h, 256 measured no better than the two lines per object prefetched before, four lines
    /// for every object about as well as this, eight no better than two.
    /// </summary>
    internal const int MaxBytesPerObject = 512;

    private const int WalkGrowth = 16;

    private EventDomain? _last;
    private int _failedWalks;

    /// <summary>The walker of this simulation (which keeps what it learnt of each type).</summary>
    public StateWalker Walker { get; } = new(simulation);

    /// <summary>Prefetches are issued on this machine.</summary>
    public static bool IsSupported => Sse.IsSupported;

    /// <summary>The loop is about to run event number <paramref name="eventIndex"/>, of <paramref name="domain"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Enter(EventDomain domain, long eventIndex)
    {
        if (!ReferenceEquals(domain, _last))
        {
            Switch(domain, eventIndex);
        }

        domain.LastEvent = eventIndex;
    }

    private void Switch(EventDomain domain, long eventIndex)
    {
        _last = domain;
        int threshold = simulation.StatePrefetchAfterEvents;
        if (domain.StateRoots is null || threshold <= 0 || eventIndex - domain.LastEvent - 1 < threshold || !IsSupported)
        {
            return;
        }

        if (++domain.ColdReturns == domain.NextWalk && _failedWalks < MaxFailedWalks)
        {
            if (TryWalk(domain) is { } found)
            {
                domain.State = found;
                domain.NextWalk = domain.NextWalk <= int.MaxValue / WalkGrowth ? domain.NextWalk * WalkGrowth : int.MaxValue;
            }
            else
            {
                // Leaked into shared state: never again for this domain, and after a few such domains no walks at all,
                // so that a scenario whose nodes all leak pays for a few bounded walks only.
                domain.State = Found.None;
                domain.NextWalk = int.MaxValue;
                _failedWalks++;
            }
        }

        if (domain.State is { } state)
        {
            Prefetch(state);
        }
    }

    /// <summary>A domain's objects and how many bytes of each to prefetch (index for index).</summary>
    internal sealed class Found
    {
        /// <summary>What a walk that leaked or failed leaves: nothing to prefetch.</summary>
        public static readonly Found None = new([], []);

        public Found(object[] objects, ushort[] bytes)
        {
            // Prefetch reads both without bounds checks.
            ArgumentOutOfRangeException.ThrowIfNotEqual(bytes.Length, objects.Length, nameof(bytes));
            Objects = objects;
            Bytes = bytes;
        }

        public object[] Objects { get; }

        public ushort[] Bytes { get; }
    }

    // The objects and the bytes of each to prefetch. A walk that fails for any reason (a type reflection cannot read or
    // size) counts as leaked: prefetching must never stop a run.
    private Found? TryWalk(EventDomain domain)
    {
        try
        {
            if (FindState(Walker, domain) is not { } state)
            {
                return null;
            }

            var bytes = new ushort[state.Length];
            for (int i = 0; i < state.Length; i++)
            {
                bytes[i] = checked((ushort)Walker.BytesOf(state[i], MaxBytesPerObject));
            }

            return new Found(state, bytes);
        }
        catch (Exception e) when (e is NotSupportedException or TypeLoadException or IOException or MemberAccessException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// What state prefetch covers for <paramref name="domain"/>: the objects walked from its roots and, after them, its
    /// <see cref="EventDomain.MayRunAhead"/> delegate and that delegate's target (a node's radio port, which it reads on
    /// most kernel steps at network scale), taken as they are, not walked, since the target may lead into shared state
    /// (a port to the medium and the frames it hears). Null if it names no roots or the walk leaked.
    /// </summary>
    internal static object[]? FindState(StateWalker walker, EventDomain domain)
    {
        if (domain.StateRoots is not { } roots)
        {
            return null;
        }

        Func<bool>? check = domain.MayRunAhead;
        return walker.Walk(roots, [check, check?.Target]);
    }

    // Every cache line the object spans from its method-table pointer, up to MaxBytesPerObject.
    private static unsafe void Prefetch(Found state)
    {
        ref object first = ref MemoryMarshal.GetArrayDataReference(state.Objects);
        ref ushort size = ref MemoryMarshal.GetArrayDataReference(state.Bytes);
        for (int i = 0; i < state.Objects.Length; i++)
        {
            nint at = Unsafe.As<object, nint>(ref Unsafe.Add(ref first, i));
            byte* line = (byte*)(at & ~(nint)(LineBytes - 1));
            for (int n = LinesSpanned(at, Unsafe.Add(ref size, i)); n > 0; n--, line += LineBytes)
            {
                Sse.Prefetch0(line);
            }
        }
    }

    private const int LineBytes = 64;

    /// <summary>The cache lines that hold <paramref name="bytes"/> bytes from <paramref name="address"/>.</summary>
    internal static int LinesSpanned(nint address, int bytes) =>
        bytes <= 0 ? 0 : (int)(((address & (LineBytes - 1)) + bytes - 1) / LineBytes) + 1;
}
