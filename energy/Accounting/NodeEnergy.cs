using System.Globalization;
using System.Runtime.InteropServices;
using SensorNet.Energy.Consumers;
using SensorNet.Energy.Storage;
using SensorNet.Energy.Supply;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy.Accounting;

/// <summary>
/// The energy system of one node: a storage and the consumers it feeds. The total draw is piecewise constant
/// between state changes, so it is integrated exactly at each change; the moments the node loses and regains power
/// are computed analytically from the current net power and kept as reschedulable events (no polling).
/// </summary>
/// <remarks>
/// <para>Supply chain: storage → <see cref="IRegulator"/> → loads. Consumers draw at the regulated rail; the regulator
/// turns that into the power drawn from the storage (its loss enters the ledger as <see cref="ConverterLoss"/>). The
/// harvest is served to that input first and only the net flows through the storage, whose losses and refusals enter
/// the ledger. <b>Limit:</b> a regulator whose input depends on voltage (an LDO's constant input current) is evaluated
/// at the storage voltage when the load or harvest last changed and held until the next change, so on a storage whose
/// voltage sags (supercapacitor, Li-ion) its input is exact only to the voltage change within one constant-load interval;
/// the ledger still balances exactly.</para>
/// <para><b>Power management:</b> the node loses power when the storage can no longer deliver the draw, or, with
/// <see cref="BrownOutThresholds"/>, when its stored energy falls to the shutdown level (found by
/// <see cref="Storage.StorageLevels"/>). Every consumer is then switched off and ignores state changes,
/// <see cref="PowerLost"/> is raised (the owner ends the board's event domain), and with thresholds the node regains
/// power when the harvest has lifted the storage to the start level, raising <see cref="PowerRestored"/> (the owner
/// rebuilds and boots the board, whose consumers reattach by name). If power was lost because the storage stopped
/// delivering above the shutdown level (a KiBaM available well, a Li-ion cut-off under load), the restart waits until
/// the storage has gained the hysteresis again above where it died; and a storage that has reached that level but
/// cannot carry the load the node died under (more than it can ever deliver) keeps the node off until the harvest
/// changes, so the node cannot livelock at one instant.</para>
/// <para><b>Validation:</b> NodeEnergyTests, NodeEnergyBrownOutTests.</para>
/// </remarks>
public sealed class NodeEnergy : IEventHandler
{
    private const long DepletionTag = 0;
    private const long HarvestChangeTag = 1;
    private const long RestartTag = 2;

    private readonly Simulation _simulation;
    private readonly List<StateBasedConsumer> _consumers = [];
    private readonly SimTimer _depletion;
    // When the storage runs out at the present draw (null: not while the draw lasts). _depletion only ever moves
    // earlier: a later target leaves it where it is and, should it fire first, it moves on to the target then. Draw
    // changes many times per packet and the target is usually days away, so this saves moving an event through the
    // queue on almost every power-state change, with the same depletion instant.
    private SimTime? _depletionTarget;
    // When _depletion is due (null: not armed), kept here because it changes only through this class: reading it from
    // the timer looks the event up in the queue, a cache miss on almost every power change of a large network.
    private SimTime? _depletionDeadline;
    private readonly SimTimer _harvestChange;
    private readonly SimTimer _restart;
    private readonly List<IEnergyHarvester> _harvesters = [];
    private SimTime _lastUpdate;
    private Watts _draw;
    private Watts _input;
    private Joules _supplied;
    private Watts _harvest;
    private Joules _demanded;
    private Joules _delivered;
    private Joules _harvested;
    private Joules _stored;
    private Joules _lost;
    private Joules _refused;
    private Joules _unserved;
    private Joules _restartLevel;
    private Watts _drawAtLoss;
    private SimTime _offSince;
    private bool _awaitingInstallation;
    private long _downtimeNs;

    /// <summary>Creates the energy system of a node.</summary>
    /// <param name="simulation">The simulation.</param>
    /// <param name="storage">The storage.</param>
    /// <param name="thresholds">Brown-out shutdown and restart levels; null: the node turns off only when the storage
    /// stops delivering, and never restarts.</param>
    /// <param name="regulator">The converter between storage and loads; null: the loads draw straight from the storage.</param>
    public NodeEnergy(Simulation simulation, IEnergyStorage storage, BrownOutThresholds? thresholds = null, IRegulator? regulator = null)
    {
        _simulation = simulation ?? throw new ArgumentNullException(nameof(simulation));
        Storage = storage ?? throw new ArgumentNullException(nameof(storage));
        Thresholds = thresholds;
        Regulator = regulator;
        if (thresholds is not null && !storage.IsUnlimited && thresholds.Start > storage.Capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(thresholds), thresholds.Start, $"The start level is above the storage's capacity ({storage.Capacity}): the node could never restart.");
        }

        // The accounting outlives every power cycle, so its timers belong to no board's event domain.
        using (simulation.EnterDomain(null))
        {
            _depletion = new SimTimer(simulation, this, DepletionTag);
            _harvestChange = new SimTimer(simulation, this, HarvestChangeTag);
            _restart = new SimTimer(simulation, this, RestartTag);
        }

        _lastUpdate = simulation.Now;
    }

    /// <summary>Raised when the node loses power, after every consumer was switched off.</summary>
    public event Action<SimTime>? PowerLost;

    /// <summary>Raised when the node regains power (only with <see cref="Thresholds"/>); the owner boots the board again.</summary>
    public event Action<SimTime>? PowerRestored;

    /// <summary>The regulator between storage and loads, if any.</summary>
    public IRegulator? Regulator { get; }

    /// <summary>Power drawn from the storage now: the loads' draw through the regulator.</summary>
    public Watts Input => _input;

    /// <summary>Energy the regulator turned into heat so far (∫ (input − draw) dt).</summary>
    public Joules ConverterLoss => _supplied - _demanded;

    /// <summary>Brown-out shutdown and restart levels, if any.</summary>
    public BrownOutThresholds? Thresholds { get; }

    /// <summary>The storage.</summary>
    public IEnergyStorage Storage { get; }

    /// <summary>The consumers, in the order they were added.</summary>
    public IReadOnlyList<StateBasedConsumer> Consumers => _consumers;

    /// <summary>The current simulated time.</summary>
    public SimTime Now => _simulation.Now;

    /// <summary>Total power drawn now.</summary>
    public Watts Draw => _draw;

    /// <summary>True while the node has power.</summary>
    public bool IsPowered { get; private set; } = true;

    /// <summary>When the node first lost power, if it did.</summary>
    public SimTime? DepletedAt { get; private set; }

    /// <summary>How many times the node lost power.</summary>
    public int Outages { get; private set; }

    /// <summary>How many times the node regained power after an outage.</summary>
    public int Restarts { get; private set; }

    /// <summary>Time without power up to now.</summary>
    public SimDuration Downtime => SimDuration.FromNanoseconds(_downtimeNs + (IsPowered ? 0 : (_simulation.Now - _offSince).Nanoseconds));

    /// <summary>
    /// Adds a consumer in state <paramref name="initialState"/>. After a restart, a board built again adds its
    /// components under the same names: such a consumer is reattached (same power states required) and keeps its
    /// residency and energy totals across power cycles.
    /// </summary>
    public StateBasedConsumer AddConsumer(string name, PowerStateTable table, int initialState = 0)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (_consumers.Find(c => string.Equals(c.Name, name, StringComparison.Ordinal)) is { } existing)
        {
            if (existing.IsAttached || !existing.Table.HasSameStates(table))
            {
                throw new ArgumentException($"The node already has a consumer called '{name}'.", nameof(name));
            }

            BeforePowerChange();
            existing.Reattach(initialState);
            AfterPowerChange();
            return existing;
        }

        BeforePowerChange();
        var consumer = new StateBasedConsumer(this, name, table, initialState);
        _consumers.Add(consumer);
        AfterPowerChange();
        return consumer;
    }

    /// <summary>
    /// Reattaches every consumer in the state it was added in, in the order they were added, as
    /// <see cref="AddConsumer"/> would for a board built again. For a board built while the node awaited installation
    /// (<see cref="PowerOnAt"/>) that boots at switch-on without being rebuilt: its components have not run, so they
    /// are still in the states they were added in. Call it while powered, from <see cref="PowerRestored"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The node has no power, or a consumer is already attached.</exception>
    public void ReattachConsumers()
    {
        if (!IsPowered || _consumers.Exists(c => c.IsAttached))
        {
            throw new InvalidOperationException("ReattachConsumers is for a powered node whose consumers were all switched off.");
        }

        foreach (StateBasedConsumer c in _consumers)
        {
            // One change per consumer, as AddConsumer makes them, so the ledger steps through the same sums.
            BeforePowerChange();
            c.Reattach(c.InitialState);
            AfterPowerChange();
        }
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
            CheckClose("initial + harvested", Storage.Initial + _harvested, "consumed + converter loss + lost + refused + stored", _supplied - _unserved + _lost + _refused + stored);
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
        switch (tag)
        {
            case HarvestChangeTag:
                BeforePowerChange();
                RecomputeHarvest();
                AfterPowerChange();
                break;
            case RestartTag:
                RegainPower(now);
                break;
            default:
                _depletionDeadline = null; // it fired
                if (_depletionTarget == now)
                {
                    LosePower(now);
                }
                else if (_depletionTarget is { } later)
                {
                    SetDepletion(later); // the draw fell since the timer was set: the storage lasts longer
                }

                break;
        }
    }

    /// <summary>
    /// Keeps the node unpowered until <paramref name="at"/>, its installation (a deployment where nodes are switched on
    /// one after another): every consumer is off and draws nothing until then, a harvester still charges the storage,
    /// and at that instant power comes on and <see cref="PowerRestored"/> is raised as after a brown-out, but neither an
    /// outage, a restart nor downtime is counted. Call it once, at the start of the run, after the consumers are added.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called twice, or after the node lost power.</exception>
    public void PowerOnAt(SimTime at)
    {
        if (_awaitingInstallation || !IsPowered || Outages > 0)
        {
            throw new InvalidOperationException("PowerOnAt is for a node's first power-on, once, before any outage.");
        }

        SimTime now = _simulation.Now;
        ArgumentOutOfRangeException.ThrowIfLessThan(at, now);
        Integrate(now);
        IsPowered = false;
        _awaitingInstallation = true;
        foreach (StateBasedConsumer c in _consumers)
        {
            c.PowerOff();
        }

        _draw = Watts.Zero;
        _input = Watts.Zero;
        CancelDepletion();
        _restart.Set(at);
    }

    private void LosePower(SimTime now)
    {
        Integrate(now);
        IsPowered = false;
        DepletedAt ??= now;
        Outages++;
        _offSince = now;
        foreach (StateBasedConsumer c in _consumers)
        {
            c.PowerOff();
        }

        _drawAtLoss = _input;
        _draw = Watts.Zero;
        _input = Watts.Zero;
        CancelDepletion();
        if (Thresholds is { } t)
        {
            // Died above the shutdown level: the storage itself stopped delivering, so ask for a real recovery.
            Joules stored = Storage.Stored;
            _restartLevel = stored > t.Shutdown ? Min(stored + (t.Start - t.Shutdown), Storage.Capacity) : t.Start;
        }

        PowerLost?.Invoke(now);
        ScheduleRestart();
    }

    private void RegainPower(SimTime now)
    {
        Integrate(now);
        IsPowered = true;
        if (_awaitingInstallation)
        {
            _awaitingInstallation = false;
        }
        else
        {
            Restarts++;
            _downtimeNs += (now - _offSince).Nanoseconds;
        }

        PowerRestored?.Invoke(now);
        AfterPowerChange();
    }

    private void ScheduleRestart()
    {
        if (IsPowered || Thresholds is null || _awaitingInstallation)
        {
            return;
        }

        // With the load off, only the harvest (and the storage's own leakage) moves the stored energy.
        SimDuration? left = StorageLevels.TimeUntilRisesTo(Storage, Watts.Zero - _harvest, _restartLevel);
        if (left == SimDuration.Zero && Storage.TimeUntilExhausted(_drawAtLoss - _harvest) == SimDuration.Zero)
        {
            // Full enough but unable to carry the load it died under (more than the storage can ever deliver):
            // restarting now would brown out at the same instant forever. Wait for the harvest to change.
            left = null;
        }

        if (left is { } l && l.Nanoseconds < long.MaxValue - _simulation.Now.Nanoseconds)
        {
            _restart.Set(_simulation.Now + l);
        }
        else
        {
            _restart.Cancel();
        }
    }

    // The regulator's input at the storage's present voltage; held until the next power or harvest change.
    private Watts InputFor(Watts draw)
    {
        if (Regulator is null || (draw.Value == 0 && !Regulator.InputDependsOnVoltage))
        {
            return draw;
        }

        Volts v = Storage.Voltage;
        return v.Value > 0 ? Regulator.InputPower(draw, v) : draw;
    }

    private static Joules Min(Joules a, Joules b) => a <= b ? a : b;

    internal void BeforePowerChange() => Integrate(_simulation.Now);

    internal void AfterPowerChange()
    {
        // Recomputed from the consumers rather than updated by deltas, so rounding never accumulates.
        Watts draw = Watts.Zero;
        foreach (StateBasedConsumer c in CollectionsMarshal.AsSpan(_consumers))
        {
            draw += c.Power;
        }

        _draw = draw;
        _input = IsPowered ? InputFor(draw) : Watts.Zero; // off, the supervisor disconnects the regulator too
        if (IsPowered)
        {
            ScheduleDepletion();
        }
        else
        {
            ScheduleRestart();
        }
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
        if (elapsed.Nanoseconds > 0 && (_input.Value > 0 || _harvest.Value > 0 || !Storage.IsUnlimited))
        {
            // The load is served from the harvest first; only the net flows through the storage.
            StorageStep step = Storage.Apply(_input - _harvest, elapsed);
            _demanded += _draw * elapsed;
            _supplied += _input * elapsed;
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
        if (Storage.IsUnlimited)
        {
            return;
        }

        // The storage decides: a leaking supercapacitor can run out even with no net draw.
        Watts net = _input - _harvest;
        // The storage predicts analytically when it stops delivering this draw; rounded up so it is truly exhausted then.
        SimTime now = _simulation.Now;
        SimDuration? left = Storage.TimeUntilExhausted(net);
        if (Thresholds is { } t && StorageLevels.TimeUntilFallsTo(Storage, net, t.Shutdown) is { } toShutdown && (left is null || toShutdown < left))
        {
            left = toShutdown;
        }

        if (left is not { } l || l.Nanoseconds >= long.MaxValue - now.Nanoseconds)
        {
            _depletionTarget = null; // a timer still armed fires for nothing
            return;
        }

        SimTime target = now + l;
        _depletionTarget = target;
        if (_depletionDeadline is not { } deadline || target < deadline)
        {
            SetDepletion(target);
        }
    }

    private void SetDepletion(SimTime time)
    {
        _depletion.Set(time);
        _depletionDeadline = time;
    }

    private void CancelDepletion()
    {
        _depletion.Cancel();
        _depletionDeadline = null;
        _depletionTarget = null;
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
