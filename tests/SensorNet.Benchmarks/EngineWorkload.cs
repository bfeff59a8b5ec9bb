using SensorNet.SimEngine;
using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;

namespace SensorNet.Benchmarks;

/// <summary>The workload on the SensorNet engine: <see cref="TimerEntity"/> objects driven by <see cref="Simulation"/>.</summary>
internal sealed class EngineWorkload : IWorkload
{
    private readonly WorkloadParameters _parameters;
    private Simulation? _simulation;
    private TimerEntity[] _entities = [];
    private RandomStream? _cancellations;
    private ulong _checksum;

    /// <param name="parameters">Shared workload definition.</param>
    /// <param name="withCancellation">False for workload (a), true for (b).</param>
    public EngineWorkload(WorkloadParameters parameters, bool withCancellation)
    {
        _parameters = parameters;
        WithCancellation = withCancellation;
    }

    public bool WithCancellation { get; }

    public long TargetEvents => _parameters.Events;

    public void Setup()
    {
        // Sized for one pending event per entity, so the queue never grows during the timed part.
        _simulation = new Simulation(_parameters.Entities);
        _cancellations = _parameters.CancellationStream();
        _entities = new TimerEntity[_parameters.Entities];
        for (int i = 0; i < _entities.Length; i++)
        {
            _entities[i] = new TimerEntity(this, _simulation, _parameters.EntityStream(i), i);
        }

        foreach (TimerEntity entity in _entities)
        {
            entity.Start();
        }
    }

    public WorkloadOutcome Execute()
    {
        Simulation simulation = _simulation ?? throw new InvalidOperationException("Setup was not called.");
        StopReason reason = simulation.Run();
        if (reason != StopReason.Stopped)
        {
            throw new InvalidOperationException($"The engine run ended with {reason} instead of being stopped.");
        }

        return new WorkloadOutcome(simulation.EventsExecuted, simulation.Now.Nanoseconds, _checksum);
    }

    public void AddToChecksum(SimTime now, int entity) => _checksum += WorkloadParameters.ChecksumTerm(now.Nanoseconds, entity);

    /// <summary>Workload (b): moves a random other entity's pending timer to now + a fresh exponential delay.</summary>
    public void MoveAnotherTimer(int firing, SimTime now)
    {
        RandomStream stream = _cancellations!;
        int victim = _parameters.PickVictim(stream, firing);
        _entities[victim].MoveTo(now + stream.ExponentialDuration(WorkloadParameters.MeanDelay));
    }
}
