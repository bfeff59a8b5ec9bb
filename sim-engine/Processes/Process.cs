using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Time;

namespace SensorNet.SimEngine.Processes;

/// <summary>
/// A process: an iterator body driven by the event loop, as in SimSharp/SimPy. Each <c>yield return</c>
/// suspends it until the <see cref="Wait"/> completes. Stepping allocates nothing beyond the iterator itself.
/// </summary>
public sealed class Process : IEventHandler
{
    private readonly Simulation _simulation;
    private readonly IEnumerator<Wait> _body;
    private Signal? _waitingOn;
    private EventHandle _pending;
    private bool _stepping;
    private readonly EventDomain? _domain;

    internal Process(Simulation simulation, IEnumerator<Wait> body, string name)
    {
        _simulation = simulation;
        _body = body;
        Name = name;
        _domain = simulation.CurrentDomain;
    }

    /// <summary>The name given at start, for diagnostics.</summary>
    public string Name { get; }

    /// <summary>False once the body has returned or the process was killed.</summary>
    public bool IsAlive { get; private set; } = true;

    /// <summary>Ends the process at once: its pending wait is cancelled and its body is disposed.</summary>
    public void Kill()
    {
        if (!IsAlive)
        {
            return;
        }

        _simulation.Cancel(_pending);
        _waitingOn?.Remove(this);
        _waitingOn = null;
        IsAlive = false;
        if (!_stepping)
        {
            _body.Dispose(); // Killed from inside its own body: OnEvent disposes it once the step returns.
        }
    }

    /// <inheritdoc/>
    void IEventHandler.OnEvent(SimTime now, long tag)
    {
        if (!IsAlive)
        {
            return;
        }

        _waitingOn = null;
        bool more;
        _stepping = true;
        try
        {
            more = _body.MoveNext();
        }
        finally
        {
            _stepping = false;
        }

        if (!more || !IsAlive)
        {
            // Finished, or the body killed its own process: its last wait must not be registered.
            Finish();
            return;
        }

        Wait w = _body.Current;
        if (w.Signal is { } signal)
        {
            _waitingOn = signal;
            signal.Add(this);
        }
        else
        {
            _pending = _simulation.ScheduleIn(_domain, now + w.Delay, this, 0, 0);
        }
    }

    internal void Start() => _pending = _simulation.ScheduleIn(_domain, _simulation.Now, this, 0, 0);

    // Resumed from whoever triggers the signal, but still in the domain the process was created in.
    internal void ResumeAt(SimTime now) => _pending = _simulation.ScheduleIn(_domain, now, this, 0, 0);

    private void Finish()
    {
        IsAlive = false;
        _body.Dispose();
    }
}
