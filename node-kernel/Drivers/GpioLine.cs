using SensorNet.SimEngine;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Drivers;

/// <summary>
/// One digital wire between the MCU and a peripheral chip, e.g. the SX1262's BUSY, DIO1, NSS or NRESET pin. Whoever
/// drives it (the chip for BUSY and DIO1, the MCU's GPIO output for NSS and NRESET) calls <see cref="Set"/> or, for a
/// level that returns by itself after a known time (BUSY after a command), <see cref="SetUntil"/>; readers see
/// <see cref="Level"/> and are told of every change through <see cref="Changed"/> (edge detection for GPIO interrupts
/// happens there).
/// </summary>
/// <remarks>
/// <para><b>Timed levels cost no event unless someone listens.</b> After <see cref="SetUntil"/> the change back is
/// applied when <see cref="Level"/> or <see cref="Edges"/> is read at or after its time, and by an event of its own only
/// while <see cref="Changed"/> has a subscriber (a GPIO pin with its interrupt enabled, a test probe): a pin that
/// firmware only polls, as RadioLib polls BUSY, then needs no event per command, and what every reader sees is the same
/// as with the event.</para>
/// <para><b>Scope and limitations:</b> an ideal wire: no pull resistors, no contention between two drivers (the last
/// <see cref="Set"/> wins and cancels a pending timed change), no propagation delay. <b>Validation:</b>
/// GpioDriverTests, GpioLineTests.</para>
/// </remarks>
public sealed class GpioLine : IEventHandler
{
    private readonly Simulation? _simulation;
    private Action<GpioLine>? _changed;
    private bool _level;
    private long _edges;
    private bool _hasPendingChange;
    private SimTime _pendingAt;
    private EventHandle _pendingEvent;

    /// <summary>Creates a wire.</summary>
    /// <param name="name">Name of the wire, e.g. <c>sx1262.busy</c>.</param>
    /// <param name="initialLevel">Level at power-up.</param>
    /// <param name="simulation">The clock <see cref="SetUntil"/> needs; null for a wire that is only ever <see cref="Set"/>.</param>
    public GpioLine(string name, bool initialLevel = false, Simulation? simulation = null)
    {
        Name = name;
        _level = initialLevel;
        _simulation = simulation;
    }

    /// <summary>Raised after every level change with the line (its <see cref="Level"/> is the new level).</summary>
    /// <remarks>While it has a subscriber, a pending timed change is applied by an event at its time.</remarks>
    public event Action<GpioLine>? Changed
    {
        add
        {
            _changed += value;
            if (_hasPendingChange && _pendingEvent.IsNone)
            {
                _pendingEvent = _simulation!.Schedule(_pendingAt, this);
            }
        }

        remove
        {
            _changed -= value;
            if (_changed is null && !_pendingEvent.IsNone)
            {
                _simulation!.Cancel(_pendingEvent);
                _pendingEvent = default;
            }
        }
    }

    /// <summary>Name of the wire.</summary>
    public string Name { get; }

    /// <summary>Current level (true = high).</summary>
    public bool Level
    {
        get
        {
            ApplyDueChange();
            return _level;
        }
    }

    /// <summary>Level changes so far.</summary>
    public long Edges
    {
        get
        {
            ApplyDueChange();
            return _edges;
        }
    }

    /// <summary>When the pending timed change takes effect, or null if none is pending.</summary>
    public SimTime? PendingChangeAt
    {
        get
        {
            ApplyDueChange();
            return _hasPendingChange ? _pendingAt : null;
        }
    }

    /// <summary>
    /// Until when (exclusive) the level stands as it did when last read, unless something drives the line: the pending
    /// timed change's time, or <see cref="SimTime.MaxValue"/>. Changes nothing (a due change stays pending until read).
    /// </summary>
    public SimTime LevelHeldUntil => _hasPendingChange ? _pendingAt : SimTime.MaxValue;

    /// <summary>Drives the line to <paramref name="level"/>, cancelling any pending timed change; a change raises <see cref="Changed"/>.</summary>
    public void Set(bool level)
    {
        ApplyDueChange();
        CancelPendingChange();
        Change(level);
    }

    /// <summary>
    /// Drives the line to <paramref name="level"/> now and back to the opposite level at <paramref name="until"/>,
    /// replacing any pending timed change.
    /// </summary>
    /// <exception cref="InvalidOperationException">The line was created without a simulation.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="until"/> lies in the past.</exception>
    public void SetUntil(bool level, SimTime until)
    {
        Simulation simulation = _simulation ?? throw new InvalidOperationException($"{Name} has no clock for a timed level.");
        ArgumentOutOfRangeException.ThrowIfLessThan(until, simulation.Now);
        Set(level);
        _hasPendingChange = true;
        _pendingAt = until;
        if (_changed is not null)
        {
            _pendingEvent = simulation.Schedule(until, this);
        }
    }

    /// <inheritdoc/>
    void IEventHandler.OnEvent(SimTime now, long tag)
    {
        _pendingEvent = default;
        ApplyDueChange();
    }

    private void ApplyDueChange()
    {
        if (_hasPendingChange && _simulation!.Now >= _pendingAt)
        {
            CancelPendingChange();
            Change(!_level);
        }
    }

    private void CancelPendingChange()
    {
        _hasPendingChange = false;
        if (!_pendingEvent.IsNone)
        {
            _simulation!.Cancel(_pendingEvent);
            _pendingEvent = default;
        }
    }

    private void Change(bool level)
    {
        if (level == _level)
        {
            return;
        }

        _level = level;
        _edges++;
        _changed?.Invoke(this);
    }
}
