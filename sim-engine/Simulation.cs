using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Processes;
using SensorNet.SimEngine.Time;

namespace SensorNet.SimEngine;

/// <summary>
/// A discrete-event simulation: a clock in integer nanoseconds and the queue of pending events.
/// One instance per run; it holds no static state, so independent runs can execute on different threads.
/// </summary>
/// <remarks>
/// <para>The engine is SensorNet's own: SimSharp, named by the design card, is not available from the
/// project's package source. Its ordering rule is kept: (time, priority, insertion sequence), and its
/// process style is offered through <see cref="Process(IEnumerable{Wait}, string)"/> and <see cref="Timeout"/>.</para>
/// <para>Run methods execute events strictly before their end time (SimPy's <c>run(until)</c> rule), then
/// leave the clock at the end time, so a run of duration D covers [0, D).</para>
/// </remarks>
public sealed class Simulation
{
    private readonly EventQueue _queue;
    private readonly StatePrefetch _prefetch;
    private SimTime _now;
    private long _eventsExecuted;
    private long _eventsDiscarded;
    private EventDomain? _currentDomain;
    private bool _stopRequested;
    private bool _running;
    private bool _canAdvance;
    private bool _hasEnd;
    private long _endNs;
    private long _eventsAdvanced;
    private long _stepsRunAhead;
    private bool _ahead;

    /// <summary>Creates an empty simulation at t = 0.</summary>
    /// <param name="initialCapacity">Pending events the queue holds before it first grows.</param>
    public Simulation(int initialCapacity = 1024)
    {
        _queue = new EventQueue(initialCapacity);
        _prefetch = new StatePrefetch(this);
    }

    /// <summary>The current simulated time.</summary>
    public SimTime Now => _now;

    /// <summary>Number of events executed so far.</summary>
    public long EventsExecuted => _eventsExecuted;

    /// <summary>Number of pending events.</summary>
    public int PendingEvents => _queue.Count;

    /// <summary>
    /// Steps that <see cref="TryAdvanceTo"/> let a handler run without an event of their own; not counted in
    /// <see cref="EventsExecuted"/>.
    /// </summary>
    public long EventsAdvanced => _eventsAdvanced;

    /// <summary>
    /// Of <see cref="EventsAdvanced"/>, the steps that ran ahead of another domain's earlier event (see
    /// <see cref="EventDomain.MayRunAhead"/>).
    /// </summary>
    public long StepsRunAhead => _stepsRunAhead;

    /// <summary>
    /// Lets domains with <see cref="EventDomain.MayRunAhead"/> run ahead of other domains' events (default true). Turn it
    /// off when something records the nodes' changes in one time-ordered stream, which run-ahead would reorder.
    /// </summary>
    public bool AllowRunAhead { get; set; } = true;

    /// <summary>
    /// True while the current handler has run ahead of an earlier event of another domain: its clock (<see cref="Now"/>)
    /// is then its own node's, and other domains have not reached it yet.
    /// </summary>
    public bool IsAhead => _ahead;

    /// <summary>Events skipped because their <see cref="EventDomain"/> had ended; not counted in <see cref="EventsExecuted"/>.</summary>
    public long EventsDiscarded => _eventsDiscarded;

    /// <summary>
    /// The domain new events join: that of the event being executed, or the one entered with <see cref="EnterDomain"/>;
    /// null outside both.
    /// </summary>
    public EventDomain? CurrentDomain => _currentDomain;

    /// <summary>
    /// The objects that state prefetch covers for <paramref name="domain"/> (<see cref="EventDomain.PrefetchStateOf"/>),
    /// found now: null if it names no roots or the walk went past its bounds (it leaked into shared state). Includes the
    /// domain's <see cref="EventDomain.MayRunAhead"/> delegate and its target, prefetched but not walked. For checking
    /// what a node's walk reaches; the event loop walks on its own.
    /// </summary>
    public IReadOnlyList<object>? FindNodeState(EventDomain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return StatePrefetch.FindState(_prefetch.Walker, domain);
    }

    /// <summary>
    /// State prefetch (<see cref="EventDomain.PrefetchStateOf"/>) treats a domain as cold, and prefetches its state, when
    /// at least this many other events ran since its last one (default 16,384); 0 turns it off, and with it the loop's
    /// prefetch of the next event's handler and domain (<see cref="EventQueue.PrefetchNextEvent"/>). Timing only.
    /// </summary>
    public int StatePrefetchAfterEvents
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            field = value;
        }
    } = StatePrefetch.ColdAfterEvents;

    /// <summary>
    /// Makes <paramref name="domain"/> current until the returned scope is disposed, so that the events and
    /// <see cref="SimTimer"/>s created meanwhile belong to it (build and boot a node inside its domain). Pass null to
    /// create objects that belong to no domain, such as a node's energy accounting.
    /// </summary>
    public DomainScope EnterDomain(EventDomain? domain)
    {
        var scope = new DomainScope(this, _currentDomain);
        _currentDomain = domain;
        return scope;
    }

    /// <summary>Schedules an event at an absolute time, which must not lie in the past.</summary>
    /// <param name="time">When the event is due; ≥ <see cref="Now"/>.</param>
    /// <param name="handler">Who receives it.</param>
    /// <param name="tag">Passed back to the handler.</param>
    /// <param name="priority">Tie-breaker among simultaneous events; lower runs first.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is before <see cref="Now"/>.</exception>
    public EventHandle Schedule(SimTime time, IEventHandler handler, long tag = 0, int priority = 0)
    {
        GuardNotPast(time);
        return _queue.Enqueue(time, handler, tag, priority, _currentDomain);
    }

    /// <summary>Schedules an event <paramref name="delay"/> after <see cref="Now"/>.</summary>
    public EventHandle ScheduleAfter(SimDuration delay, IEventHandler handler, long tag = 0, int priority = 0) =>
        Schedule(_now + delay, handler, tag, priority);

    /// <summary>Cancels a pending event.</summary>
    /// <returns>False if it already fired or was cancelled.</returns>
    public bool Cancel(EventHandle handle) => _queue.Cancel(handle);

    /// <summary>Moves a pending event to a new time (not in the past).</summary>
    /// <returns>False if it already fired or was cancelled; nothing is scheduled then.</returns>
    public bool Reschedule(EventHandle handle, SimTime time)
    {
        GuardNotPast(time);
        return _queue.Reschedule(handle, time);
    }

    /// <summary>True if the event is still pending.</summary>
    public bool IsPending(EventHandle handle) => _queue.IsPending(handle);

    /// <summary>The due time of a pending event.</summary>
    public SimTime TimeOf(EventHandle handle) => _queue.TimeOf(handle);

    /// <summary>
    /// From inside an event handler, moves the clock to <paramref name="time"/> if an event scheduled now for
    /// <paramref name="time"/> with <paramref name="priority"/> in the current domain would be the next event to run:
    /// no pending event is due earlier, none is due at the same time with a priority ≤ <paramref name="priority"/> (those
    /// would run first), the run does not end before it, no stop was requested, and the current domain is alive. The
    /// handler then does at once what that event would have done, so a chain of steps that nothing else can interleave
    /// with takes one event instead of one per step, with the same results.
    /// </summary>
    /// <remarks>
    /// <para>Lookahead: when the current domain's <see cref="EventDomain.MayRunAhead"/> returns true (and
    /// <see cref="AllowRunAhead"/> is on), only its own events and the events of no domain count, so a node's kernel
    /// steps run on past other nodes' events, which cannot touch it: the conservative lookahead of parallel
    /// discrete-event simulation (Chandy and Misra 1979), used here to save events on one core. The clock then stands
    /// ahead of those events until the handler returns (<see cref="IsAhead"/>); shared models refuse changes made from
    /// there (<see cref="ThrowIfAhead"/>), since other nodes would see them out of order.</para>
    /// <para>
    /// Only the handler of the event being executed may advance, and only for work that it would otherwise schedule for
    /// itself: a component called from another component's handler must not, since that handler resumes afterwards. Not
    /// available under <see cref="RunWhile"/>, whose condition is checked before every event.</para>
    /// </remarks>
    /// <param name="time">The due time of the step; ≥ <see cref="Now"/>.</param>
    /// <param name="priority">The priority the step's event would have.</param>
    /// <returns>True if the clock now stands at <paramref name="time"/>; false if an event must be scheduled instead.</returns>
    public bool TryAdvanceTo(SimTime time, int priority = 0)
    {
        if (!MayStepTo(time))
        {
            return false;
        }

        if (_queue.HasEventBefore(time, priority))
        {
            if (!MayRunAheadTo(time, priority))
            {
                return false;
            }

            _ahead = true;
            _stepsRunAhead++;
        }

        _now = time;
        _eventsAdvanced++;
        return true;
    }

    /// <summary>
    /// Whether <see cref="TryAdvanceTo"/> would move the clock to <paramref name="time"/> now; nothing changes.
    /// </summary>
    /// <param name="time">The due time of the step; ≥ <see cref="Now"/>.</param>
    /// <param name="priority">The priority the step's event would have.</param>
    public bool CanAdvanceTo(SimTime time, int priority = 0)
    {
        return MayStepTo(time) && (!_queue.HasEventBefore(time, priority) || MayRunAheadTo(time, priority));
    }

    // What TryAdvanceTo and CanAdvanceTo ask before any event: an advance is possible at all (inside a handler, not
    // stopped, before the run's end, the domain alive).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool MayStepTo(SimTime time)
    {
        GuardNotPast(time);
        return _canAdvance && !_stopRequested && !(_hasEnd && time.Nanoseconds >= _endNs) && _currentDomain is not { IsAlive: false };
    }

    // Past another domain's earlier event: only with run-ahead on, for a domain that may run ahead now, and with none of
    // its own events (or of no domain) before the step.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool MayRunAheadTo(SimTime time, int priority) =>
        AllowRunAhead && _currentDomain is { MayRunAhead: { } mayRunAhead } domain
        && !_queue.HasEventBefore(time, priority, domain) && mayRunAhead();

    /// <summary>
    /// <see cref="TryAdvanceTo"/> for <paramref name="repeats"/> repetitions of one run of steps, all or nothing: when
    /// every step would advance, the clock, <see cref="EventsAdvanced"/>, <see cref="StepsRunAhead"/> and
    /// <see cref="IsAhead"/> end as that many calls, one per step in order, leave them; otherwise nothing changes.
    /// For a kernel that repeats a polling loop's pass without simulating each of its steps.
    /// </summary>
    /// <remarks>
    /// The calls' conditions only tighten as time goes on (an event due before a step is due before every later one),
    /// and <see cref="EventDomain.MayRunAhead"/> answers from its node's state, which steps that nothing interleaves with
    /// leave as it is; so the last step decides for all, and the steps that ran ahead are those from the first one an
    /// event of another domain precedes, found by bisection.
    /// </remarks>
    /// <param name="stepEndsNs">Where each step of one repetition ends, in ns from the repetition's start, ascending and
    /// positive; the last is the repetition's length, and the first repetition starts <see cref="Now"/>.</param>
    /// <param name="repeats">Repetitions; at least 1.</param>
    /// <param name="priority">The priority each step's event would have.</param>
    /// <returns>True if the clock now stands at the end of the last repetition.</returns>
    public bool TryAdvanceRepeating(ReadOnlySpan<long> stepEndsNs, long repeats, int priority = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        if (stepEndsNs.IsEmpty || stepEndsNs[0] <= 0)
        {
            throw new ArgumentException("A repetition needs at least one step, each ending after the one before.", nameof(stepEndsNs));
        }

        for (int i = 1; i < stepEndsNs.Length; i++)
        {
            if (stepEndsNs[i] <= stepEndsNs[i - 1])
            {
                throw new ArgumentException("Step ends must ascend.", nameof(stepEndsNs));
            }
        }

        long start = _now.Nanoseconds;
        long period = stepEndsNs[^1];
        long steps = checked(repeats * stepEndsNs.Length);
        SimTime last = new(checked(start + (repeats * period)));
        if (!CanAdvanceTo(last, priority))
        {
            return false;
        }

        // First step with another domain's event before it: every step from there on ran ahead.
        long lo = 0, hi = steps;
        while (lo < hi)
        {
            long mid = lo + ((hi - lo) / 2);
            long at = start + (Math.DivRem(mid, stepEndsNs.Length, out long i) * period) + stepEndsNs[(int)i];
            if (_queue.HasEventBefore(new SimTime(at), priority))
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        _now = last;
        _eventsAdvanced += steps;
        _stepsRunAhead += steps - lo;
        _ahead |= lo < steps;
        return true;
    }

    /// <summary>
    /// Throws if the current handler runs ahead of other domains (<see cref="IsAhead"/>). Shared models (the wireless
    /// medium) call it before a change that other nodes can observe: made from there, it would reach them out of order.
    /// </summary>
    /// <param name="change">What was attempted, for the message.</param>
    public void ThrowIfAhead(string change)
    {
        if (_ahead)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"{change} at {_now} from domain '{_currentDomain}', which had run ahead of other nodes' events: a node whose models reach other nodes must not set EventDomain.MayRunAhead while they can."));
        }
    }

    internal EventHandle ScheduleIn(EventDomain? domain, SimTime time, IEventHandler handler, long tag, int priority)
    {
        GuardNotPast(time);
        return _queue.Enqueue(time, handler, tag, priority, domain);
    }

    internal void RestoreDomain(EventDomain? domain) => _currentDomain = domain;

    /// <summary>
    /// Asks the running loop to return after the current event. The simulation can be resumed with another run call.
    /// </summary>
    public void Stop() => _stopRequested = true;

    /// <summary>Runs until no event is left or <see cref="Stop"/> is called.</summary>
    public StopReason Run() => Loop(SimTime.MaxValue, null, advanceClockToEnd: false);

    /// <summary>
    /// Runs every event due strictly before <paramref name="end"/>, then sets the clock to <paramref name="end"/>
    /// (unless stopped earlier). Events at <paramref name="end"/> or later stay pending.
    /// </summary>
    public StopReason RunUntil(SimTime end)
    {
        GuardNotPast(end);
        return Loop(end, null, advanceClockToEnd: true);
    }

    /// <summary>Runs for <paramref name="duration"/> from <see cref="Now"/>; see <see cref="RunUntil(SimTime)"/>.</summary>
    public StopReason RunFor(SimDuration duration) => RunUntil(_now + duration);

    /// <summary>
    /// Runs while <paramref name="condition"/> holds, checking it first and then before each event, and never past
    /// <paramref name="end"/>. Returns <see cref="StopReason.ConditionMet"/> as soon as it is false (the clock stays at
    /// the last event). The condition must be cheap: it is evaluated once per event.
    /// </summary>
    public StopReason RunWhile(Func<bool> condition, SimTime end)
    {
        ArgumentNullException.ThrowIfNull(condition);
        GuardNotPast(end);
        return Loop(end, condition, advanceClockToEnd: true);
    }

    /// <summary>
    /// Starts a process: an iterator that yields <see cref="Wait"/> values (SimSharp/SimPy style). Its first
    /// step runs as an event at the current time with priority 0: after the events already scheduled for now with
    /// priority ≤ 0, before those with a positive priority.
    /// </summary>
    /// <param name="body">The process body, e.g. a method with <c>yield return sim.Timeout(...)</c>.</param>
    /// <param name="name">A name for diagnostics.</param>
    public Process Process(IEnumerable<Wait> body, string name = "process")
    {
        ArgumentNullException.ThrowIfNull(body);
        var process = new Process(this, body.GetEnumerator(), name);
        process.Start();
        return process;
    }

    /// <summary>A wait for <paramref name="delay"/>, to be yielded from a process body (SimSharp's <c>env.Timeout</c>).</summary>
#pragma warning disable CA1822 // An instance method on purpose: SimSharp/SimPy users write sim.Timeout(...).
    public Wait Timeout(SimDuration delay) => Wait.For(delay);
#pragma warning restore CA1822

    private StopReason Loop(SimTime end, Func<bool>? condition, bool advanceClockToEnd)
    {
        if (_running)
        {
            throw new InvalidOperationException("The simulation is already running (a run method was called from inside an event).");
        }

        _running = true;
        _stopRequested = false;
        EventDomain? outside = _currentDomain;
        try
        {
            long endNs = end.Nanoseconds;
            (_hasEnd, _endNs) = (advanceClockToEnd, endNs);
            while (true)
            {
                if (condition is not null && !condition())
                {
                    return StopReason.ConditionMet;
                }

                if (!_queue.TryPeekTime(out SimTime next))
                {
                    if (advanceClockToEnd)
                    {
                        _now = end;
                        return StopReason.TimeReached;
                    }

                    return StopReason.QueueEmpty;
                }

                // Run() has no end time, so an event at SimTime.MaxValue must still run.
                if (advanceClockToEnd && next.Nanoseconds >= endNs)
                {
                    _now = end;
                    return StopReason.TimeReached;
                }

                _queue.TryDequeue(out SimTime time, out IEventHandler handler, out long tag, out EventDomain? domain);
                if (domain is { IsAlive: false })
                {
                    domain.EventsDiscarded++;
                    _eventsDiscarded++;
                    continue;
                }

                if (domain is not null)
                {
                    _prefetch.Enter(domain, _eventsExecuted);
                }

                if (StatePrefetchAfterEvents > 0)
                {
                    _queue.PrefetchNextEvent();
                }

                _now = time;
                _eventsExecuted++;
                _currentDomain = domain;
                _canAdvance = condition is null;
                handler.OnEvent(time, tag);
                _canAdvance = false;
                _ahead = false;
                _currentDomain = outside;
                if (_stopRequested)
                {
                    return StopReason.Stopped;
                }
            }
        }
        finally
        {
            _running = false;
            _canAdvance = false;
            _ahead = false;
            _currentDomain = outside;
        }
    }

    // Runs on every schedule and kernel step: the throw lives apart so that this check inlines.
    private void GuardNotPast(SimTime time)
    {
        if (time < _now)
        {
            ThrowPast(time);
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowPast(SimTime time) => throw new ArgumentOutOfRangeException(
        nameof(time),
        string.Create(CultureInfo.InvariantCulture, $"Cannot schedule at {time}: the clock already stands at {_now}."));
}
