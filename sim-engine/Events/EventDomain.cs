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

    // The queue holding this domain's pending events, and the first of them there (a list through the queue's slots).
    internal EventQueue? Queue { get; set; }

    internal int FirstPending { get; set; } = -1;

    /// <summary>Ends the domain: its pending and future events are discarded. Idempotent.</summary>
    public void End() => IsAlive = false;

    /// <inheritdoc/>
    public override string ToString() => Name;
}
