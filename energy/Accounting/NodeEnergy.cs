using System.Globalization;
using SensorNet.Energy.Consumers;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy.Accounting;

/// <summary>
/// The energy system of one node: a storage and the consumers it feeds. The total draw is piecewise constant
/// between state changes, so it is integrated exactly at each change; the moment the storage runs empty is
/// computed analytically from the current draw and kept as one reschedulable event (no polling).
/// </summary>
/// <remarks>
/// <b>Scope and limitations:</b> consumers draw directly from the storage (no regulator losses yet); harvest is served
/// to the load first and only the net flows through the storage, whose losses and refusals enter the ledger. When the
/// storage can no longer deliver the draw the node is powered off for good (no brown-out restart thresholds yet).
/// <b>Validation:</b> NodeEnergyTests.
/// </remarks>
public sealed class NodeEnergy : IEventHandler
{
    private const long DepletionTag = 0;
    private const long HarvestChangeTag = 1;

    private readonly Simulation _simulation;
    private readonly List<StateBasedConsumer> _consumers = [];
    private readonly SimTimer _depletion;
    private readonly SimTimer _harvestChange;
    private readonly List<IEnergyHarvester> _harvesters = [];
    private SimTime _lastUpdate;
    private Watts _draw;
    private Watts _harvest;
    private Joules _demanded;
    private Joules _delivered;
    private Joules _harvested;
    private Joules _stored;
    private Joules _lost;
    private Joules _refused;
    private Joules _unserved;

    /// <summary>Creates the energy system of a node.</summary>
    public NodeEnergy(Simulation simulation, IEnergyStorage storage)
    {
        _simulation = simulation ?? throw new ArgumentNullException(nameof(simulation));
        Storage = storage ?? throw new ArgumentNullException(nameof(storage));
        _depletion = new SimTimer(simulation, this, DepletionTag);
        _harvestChange = new SimTimer(simulation, this, HarvestChangeTag);
        _lastUpdate = simulation.Now;
    }

    /// <summary>Raised once, at the moment the storage runs empty, after every consumer was switched off.</summary>
    public event Action<SimTime>? Depleted;

    /// <summary>The storage.</summary>
    public IEnergyStorage Storage { get; }

    /// <summary>The consumers, in the order they were added.</summary>
    public IReadOnlyList<StateBasedConsumer> Consumers => _consumers;

    /// <summary>The current simulated time.</summary>
    public SimTime Now => _simulation.Now;

    /// <summary>Total power drawn now.</summary>
    public Watts Draw => _draw;

    /// <summary>True once the storage ran empty.</summary>
    public bool IsDepleted { get; private set; }

    /// <summary>When the storage ran empty, if it did.</summary>
    public SimTime? DepletedAt { get; private set; }

    /// <summary>Adds a consumer in state <paramref name="initialState"/>.</summary>
    public StateBasedConsumer AddConsumer(string name, PowerStateTable table, int initialState = 0)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (_consumers.Exists(c => string.Equals(c.Name, name, StringComparison.Ordinal)))
        {
            throw new ArgumentException($"The node already has a consumer called '{name}'.", nameof(name));
        }

        BeforePowerChange();
        var consumer = new StateBasedConsumer(this, name, table, initialState);
        _consumers.Add(consumer);
        AfterPowerChange();
        return consumer;
    }

    /// <summary>Receives every power-state interval of this node's consumers; null (the default) records none.</summary>
    public IPowerStateSink? PowerStateSink { get; set; }

    /// <summary>Reports every consumer's open interval up to now to <see cref="PowerStateSink"/>; call once, at the end of a run.</summary>
    public void FlushPowerStates()
    {
        foreach (StateBasedConsumer c in _consumers)
        {
            c.FlushOpenInterval();
        }
    }

    /// <summary>Integrates the draw up to now. Call before reading the ledger at the end of a run.</summary>
    public void Update() => Integrate(_simulation.Now);

    /// <summary>Adds a harvester; its power feeds the storage bus from now on.</summary>
    public void AddHarvester(IEnergyHarvester harvester)
    {
        ArgumentNullException.ThrowIfNull(harvester);
        BeforePowerChange();
        _harvesters.Add(harvester);
        RecomputeHarvest();
        AfterPowerChange();
    }

    /// <summary>The harvesters, in the order they were added.</summary>
    public IReadOnlyList<IEnergyHarvester> Harvesters => _harvesters;

    /// <summary>Power harvested now.</summary>
    public Watts Harvest => _harvest;

    /// <summary>Energy harvested so far (∫ harvest dt).</summary>
    public Joules Harvested => _harvested;

    /// <summary>Harvested energy that went into the storage.</summary>
    public Joules StoredFromHarvest => _stored;

    /// <summary>Energy lost inside the storage (charge inefficiency, leakage, internal resistance).</summary>
    public Joules Lost => _lost;

    /// <summary>Harvested energy refused because the storage was full.</summary>
    public Joules Refused => _refused;

    /// <summary>Energy the consumers asked for that the storage could not deliver.</summary>
    public Joules Unserved => _unserved;

    /// <summary>Energy the consumers asked for so far (∫ draw dt).</summary>
    public Joules Demanded => _demanded;

    /// <summary>Energy the storage delivered so far; less than <see cref="Demanded"/> only by the last instant before depletion.</summary>
    public Joules Delivered => _delivered;

    /// <summary>
    /// Checks conservation up to now, each to a relative error of 1e-9: initial + harvested = consumed (demanded −
    /// unserved) + lost + refused + final stored; and the per-state energies of the consumers add up to the energy
    /// demanded. Skipped for unlimited supplies.
    /// </summary>
    /// <exception cref="InvalidOperationException">Energy is not conserved (a model bug).</exception>
    public void VerifyLedger()
    {
        Update();
        Joules stored = Storage.Stored;
        if (!Storage.IsUnlimited)
        {
            CheckClose("initial + harvested", Storage.Initial + _harvested, "consumed + lost + refused + stored", _demanded - _unserved + _lost + _refused + stored);
        }

        Joules perState = Joules.Zero;
        foreach (StateBasedConsumer c in _consumers)
        {
            perState += c.TotalEnergy();
        }

        CheckClose("Σ consumer state energies", perState, "∫ draw dt", _demanded);
    }

    /// <inheritdoc/>
    void IEventHandler.OnEvent(SimTime now, long tag)
    {
        if (tag == HarvestChangeTag)
        {
            BeforePowerChange();
            RecomputeHarvest();
            AfterPowerChange();
            return;
        }

        Integrate(now);
        IsDepleted = true;
        DepletedAt = now;
        foreach (StateBasedConsumer c in _consumers)
        {
            c.PowerOff();
        }

        _draw = Watts.Zero;
        Depleted?.Invoke(now);
    }

    internal void BeforePowerChange() => Integrate(_simulation.Now);

    internal void AfterPowerChange()
    {
        // Recomputed from the consumers rather than updated by deltas, so rounding never accumulates.
        Watts draw = Watts.Zero;
        foreach (StateBasedConsumer c in _consumers)
        {
            draw += c.Power;
        }

        _draw = draw;
        ScheduleDepletion();
    }

    // Harvest depends only on time, so it is re-read when a harvester is added or announces a change, not per state change.
    private void RecomputeHarvest()
    {
        Watts harvest = Watts.Zero;
        SimTime? nextChange = null;
        SimTime now = _simulation.Now;
        foreach (IEnergyHarvester h in _harvesters)
        {
            harvest += h.PowerAt(now);
            if (h.NextChange(now) is { } t && (nextChange is null || t < nextChange))
            {
                nextChange = t;
            }
        }

        _harvest = harvest;
        if (nextChange is { } change)
        {
            _harvestChange.Set(change);
        }
    }

    private void Integrate(SimTime now)
    {
        SimDuration elapsed = now - _lastUpdate;
        // Rests are applied too: KiBaM wells equalise and supercapacitors leak with no load.
        if (elapsed.Nanoseconds > 0 && (_draw.Value > 0 || _harvest.Value > 0 || !Storage.IsUnlimited))
        {
            // The load is served from the harvest first; only the net flows through the storage.
            StorageStep step = Storage.Apply(_draw - _harvest, elapsed);
            _demanded += _draw * elapsed;
            _harvested += _harvest * elapsed;
            _delivered += step.Delivered;
            _stored += step.Stored;
            _lost += step.Lost;
            _refused += step.Refused;
            _unserved += step.Unserved;
        }

        _lastUpdate = now;
    }

    private void ScheduleDepletion()
    {
        if (Storage.IsUnlimited || IsDepleted)
        {
            return;
        }

        // The storage decides: a leaking supercapacitor can run out even with no net draw.
        Watts net = _draw - _harvest;
        // The storage predicts analytically when it stops delivering this draw; rounded up so it is truly exhausted then.
        SimTime now = _simulation.Now;
        if (Storage.TimeUntilExhausted(net) is not { } left || left.Nanoseconds >= long.MaxValue - now.Nanoseconds)
        {
            _depletion.Cancel();
            return;
        }

        _depletion.Set(now + left);
    }

    private static void CheckClose(string leftName, Joules left, string rightName, Joules right)
    {
        double scale = Math.Max(Math.Abs(left.Value), Math.Abs(right.Value));
        if (Math.Abs(left.Value - right.Value) > 1e-9 * scale + 1e-15)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"Energy ledger violated: {leftName} = {left} but {rightName} = {right}."));
        }
    }
}
