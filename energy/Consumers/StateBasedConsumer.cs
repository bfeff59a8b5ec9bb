using SensorNet.Energy.Accounting;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy.Consumers;

/// <summary>
/// A component that draws a constant power in each of its hardware states (INET <c>StateBasedEpEnergyConsumer</c>,
/// ns-3 state-based device energy models). Residency is counted in integer nanoseconds per state and energy
/// is computed from it exactly: E_state = P_state · t_state, with no sampling.
/// </summary>
/// <remarks>
/// Besides the states of its table, every consumer has an implicit <c>off</c> state (0 W) that it enters when
/// its node loses power, so residency always sums to the simulated time.
/// </remarks>
public sealed class StateBasedConsumer
{
    private readonly NodeEnergy _node;
    private readonly long[] _residencyNs;
    private readonly long[] _entries;
    private int _state;
    private SimTime _since;
    // The draw of _state, kept with it: the node sums its consumers' draws on every power change, and one field is
    // cheaper to read there than the table's array entry.
    private Watts _power;

    internal StateBasedConsumer(NodeEnergy node, string name, PowerStateTable table, int initialState)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initialState);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(initialState, table.Count);
        _node = node;
        Name = name;
        Table = table;
        _residencyNs = new long[table.Count + 1];
        _entries = new long[table.Count + 1];
        InitialState = initialState;
        _state = initialState;
        _power = table[initialState].Power;
        _since = node.Now;
        _entries[initialState] = 1;
    }

    /// <summary>Instance name within the node, e.g. <c>mcu</c> or <c>radio</c>.</summary>
    public string Name { get; }

    /// <summary>The component's power states.</summary>
    public PowerStateTable Table { get; }

    /// <summary>Index of the implicit <c>off</c> state (one past the table's states).</summary>
    public int OffState => Table.Count;

    /// <summary>Current state index (<see cref="OffState"/> when the node is unpowered).</summary>
    public int State => _state;

    /// <summary>Power drawn now.</summary>
    public Watts Power => _power;

    /// <summary>Number of state changes so far.</summary>
    public long Transitions { get; private set; }

    /// <summary>Name of state <paramref name="state"/>, including <c>off</c>.</summary>
    public string StateName(int state) => state == OffState ? "off" : Table[state].Name;

    /// <summary>Moves to <paramref name="state"/> at the current simulated time. Ignored while the node is unpowered.</summary>
    public void SetState(int state)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(state);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(state, Table.Count);
        if (state == _state || !_node.IsPowered || !IsAttached)
        {
            return;
        }

        // Integrate the node's draw up to now before the power changes.
        _node.BeforePowerChange();
        Enter(state);
        _node.AfterPowerChange();
    }

    /// <summary>Time spent in <paramref name="state"/> up to now, including the open interval.</summary>
    public SimDuration Residency(int state)
    {
        long ns = _residencyNs[state];
        if (state == _state)
        {
            ns += (_node.Now - _since).Nanoseconds;
        }

        return SimDuration.FromNanoseconds(ns);
    }

    /// <summary>How many times <paramref name="state"/> was entered (the initial state counts once).</summary>
    public long Entries(int state) => _entries[state];

    /// <summary>Energy used in <paramref name="state"/> up to now: P_state · t_state.</summary>
    public Joules Energy(int state) => state == OffState ? Joules.Zero : Table[state].Power * Residency(state);

    /// <summary>Energy used in all states up to now.</summary>
    public Joules TotalEnergy()
    {
        Joules sum = Joules.Zero;
        for (int s = 0; s < Table.Count; s++)
        {
            sum += Energy(s);
        }

        return sum;
    }

    /// <summary>The state the component was added in.</summary>
    internal int InitialState { get; }

    /// <summary>False from a power loss until the rebuilt board adds this component again.</summary>
    public bool IsAttached { get; private set; } = true;

    internal void PowerOff()
    {
        IsAttached = false;
        if (_state != OffState)
        {
            Enter(OffState);
        }
    }

    internal void Reattach(int initialState)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initialState);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(initialState, Table.Count);
        IsAttached = true;
        Enter(initialState);
    }

    /// <summary>Reports the interval in the current state up to now to the node's sink, without leaving the state.</summary>
    internal void FlushOpenInterval()
    {
        SimTime now = _node.Now;
        if (_node.PowerStateSink is { } sink && now > _since)
        {
            sink.Interval(this, _state, _since, now);
        }
    }

    private void Enter(int state)
    {
        SimTime now = _node.Now;
        if (_node.PowerStateSink is { } sink && now > _since)
        {
            sink.Interval(this, _state, _since, now);
        }

        _residencyNs[_state] += (now - _since).Nanoseconds;
        _state = state;
        _power = state == OffState ? Watts.Zero : Table[state].Power;
        _since = now;
        _entries[state]++;
        Transitions++;
    }
}
