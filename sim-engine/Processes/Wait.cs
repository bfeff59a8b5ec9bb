using SensorNet.SimEngine.Time;

namespace SensorNet.SimEngine.Processes;

/// <summary>
/// What a process waits for at a <c>yield return</c>: a delay (SimPy <c>env.timeout</c>) or a
/// <see cref="Signal"/>. A value type, so yielding allocates nothing.
/// </summary>
public readonly struct Wait : IEquatable<Wait>
{
    private Wait(SimDuration delay, Signal? signal)
    {
        Delay = delay;
        Signal = signal;
    }

    /// <summary>The delay, for a timeout.</summary>
    public SimDuration Delay { get; }

    /// <summary>The signal waited on, or null for a timeout.</summary>
    public Signal? Signal { get; }

    /// <summary>Waits for <paramref name="delay"/> (≥ 0).</summary>
    public static Wait For(SimDuration delay)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(delay.Nanoseconds, nameof(delay));
        return new Wait(delay, null);
    }

    /// <summary>Waits until <paramref name="signal"/> is next triggered.</summary>
    public static Wait On(Signal signal) => new(SimDuration.Zero, signal ?? throw new ArgumentNullException(nameof(signal)));

    /// <inheritdoc/>
    public bool Equals(Wait other) => Delay == other.Delay && ReferenceEquals(Signal, other.Signal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Wait other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Delay, Signal);

    /// <summary>Equality.</summary>
    public static bool operator ==(Wait left, Wait right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Wait left, Wait right) => !left.Equals(right);
}
