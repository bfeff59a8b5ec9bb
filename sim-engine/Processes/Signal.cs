namespace SensorNet.SimEngine.Processes;

/// <summary>
/// A broadcast condition that processes wait on with <c>yield return Wait.On(signal)</c>. Triggering it
/// resumes every process waiting at that moment, each as a separate event at the current time in the order
/// they started waiting (SimPy event semantics). Processes that start waiting afterwards wait for the next trigger.
/// </summary>
public sealed class Signal
{
    private readonly Simulation _simulation;
    private readonly List<Process> _waiting = [];
    private readonly List<Process> _waking = [];

    /// <summary>Creates a signal in <paramref name="simulation"/>.</summary>
    public Signal(Simulation simulation)
    {
        _simulation = simulation ?? throw new ArgumentNullException(nameof(simulation));
    }

    /// <summary>Number of processes currently waiting.</summary>
    public int WaitingCount => _waiting.Count;

    /// <summary>Resumes every process currently waiting.</summary>
    /// <returns>How many were resumed.</returns>
    public int Trigger()
    {
        // Swap lists so that a woken process that waits again lands in the fresh list.
        _waking.Clear();
        _waking.AddRange(_waiting);
        _waiting.Clear();
        foreach (Process p in _waking)
        {
            p.ResumeAt(_simulation.Now);
        }

        return _waking.Count;
    }

    internal void Add(Process process) => _waiting.Add(process);

    internal void Remove(Process process) => _waiting.Remove(process);
}
