namespace SensorNet.SimEngine.Events;

/// <summary>
/// A group of events that lose their meaning together: the events of one node's powered-up hardware. When the node
/// loses power its domain is ended, and every event still pending in it is discarded when it comes due, so a dead
/// board's timers, DMA completions and kernel steps can never touch the node again.
/// </summary>
/// <remarks>
/// <para>An event belongs to the domain current when it was scheduled (<see cref="Simulation.CurrentDomain"/>): the
/// domain of the event being executed, or the one entered with <see cref="Simulation.EnterDomain"/> while a board is
/// built and booted. A <see cref="SimTimer"/> belongs to the domain current when it was created. Objects that outlive
/// power cycles (storage, harvesters, energy accounting) are created outside any domain.</para>
/// <para>Ending a domain costs O(1): its pending events stay in the queue and are skipped when due, which keeps the
/// hot path free of per-event bookkeeping. A domain cannot be revived; a reboot builds the board again in a new one.</para>
/// </remarks>
public sealed class EventDomain
{
    /// <summary>Creates a live domain.</summary>
    /// <param name="name">Shown in diagnostics, e.g. "node 3, boot 2".</param>
    public EventDomain(string name)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
    }

    /// <summary>Shown in diagnostics.</summary>
    public string Name { get; }

    /// <summary>False once <see cref="End"/> was called.</summary>
    public bool IsAlive { get; private set; } = true;

    /// <summary>True while an event scheduled in this domain is pending (not yet due, not cancelled).</summary>
    public bool HasPendingEvents => FirstPending != -1;

    /// <summary>Events of this domain that came due after it ended and were skipped.</summary>
    public long EventsDiscarded { get; internal set; }

    /// <summary>
    /// Set when the node's models reach no other domain's: then a step of this domain may run ahead of other domains'
    /// earlier events (<see cref="Simulation.TryAdvanceTo"/>) whenever it returns true. It must return false while
    /// anything outside the node can act on it; for a radio node, while its receiver listens on the shared medium.
    /// Null (the default): the domain's steps keep to the global order.
    /// </summary>
    public Func<bool>? MayRunAhead { get; set; }

    /// <summary>
    /// The objects of this domain's node state that the event loop prefetches (see <see cref="PrefetchStateOf"/>): null
    /// until found, empty if the walk went past its bounds (4,096 objects or 65,536 fields and elements: it then leaked
    /// into shared state).
    /// </summary>
    public IReadOnlyList<object>? PrefetchedState => State?.Objects;

    /// <summary>True if the walk of <see cref="PrefetchStateOf"/>'s roots went past its bounds and the domain was dropped.</summary>
    public bool StateTooLarge => State is { Objects.Length: 0 }; // a walk that succeeds holds at least its roots

    // The queue holding this domain's pending events, and the first of them there (a list through the queue's slots).
    internal EventQueue? Queue { get; set; }

    internal int FirstPending { get; set; } = -1;

    // State prefetch (StatePrefetch): the roots, the objects found, the index of this domain's last event, how often the
    // loop came back to it cold, and at which cold return it walks the roots again.
    internal object[]? StateRoots { get; private set; }

    internal StatePrefetch.Found? State { get; set; }

    internal long LastEvent { get; set; } = long.MinValue / 2;

    internal int ColdReturns { get; set; }

    internal int NextWalk { get; set; } = StatePrefetch.FirstWalk;

    /// <summary>
    /// Names the objects that hold this domain's node state (for a Tock node: the node and its energy account). Once the
    /// node has run, the event loop finds every object reachable from them (stopping at the simulation, at other domains
    /// and at <see cref="ISharedModel"/>s), adds the <see cref="MayRunAhead"/> delegate and its target as they are (not
    /// walked), and from then on prefetches them into the CPU cache whenever it comes back to this domain after many other
    /// events: at network scale a node's state is cold by its next turn. Timing only: nothing the simulation computes
    /// depends on it.
    /// </summary>
    public void PrefetchStateOf(params object[] roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        if (Array.IndexOf(roots, null) >= 0)
        {
            throw new ArgumentException("A state root is null.", nameof(roots));
        }

        StateRoots = [.. roots];
    }

    /// <summary>Ends the domain: its pending and future events are discarded. Idempotent.</summary>
    public void End() => IsAlive = false;

    /// <inheritdoc/>
    public override string ToString() => Name;
}
