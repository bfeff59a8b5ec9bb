namespace SensorNet.SimEngine.Events;

/// <summary>Restores the previous <see cref="Simulation.CurrentDomain"/> when disposed; see <see cref="Simulation.EnterDomain"/>.</summary>
public readonly struct DomainScope : IDisposable, IEquatable<DomainScope>
{
    private readonly Simulation? _simulation;
    private readonly EventDomain? _previous;

    internal DomainScope(Simulation simulation, EventDomain? previous)
    {
        _simulation = simulation;
        _previous = previous;
    }

    /// <summary>Makes the previous domain current again.</summary>
    public void Dispose() => _simulation?.RestoreDomain(_previous);

    /// <inheritdoc/>
    public bool Equals(DomainScope other) => ReferenceEquals(_simulation, other._simulation) && ReferenceEquals(_previous, other._previous);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is DomainScope other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_simulation, _previous);

    /// <summary>Equality.</summary>
    public static bool operator ==(DomainScope left, DomainScope right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(DomainScope left, DomainScope right) => !left.Equals(right);
}
