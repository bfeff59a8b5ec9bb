using System.Globalization;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.Energy;

/// <summary>
/// The power states of one kind of component (an MCU, a radio, a sensor) with the source of their numbers.
/// Immutable and shared by every component of that kind.
/// </summary>
public sealed class PowerStateTable
{
    private readonly PowerState[] _states;

    /// <summary>Creates a table; state names must be unique and powers finite and non-negative.</summary>
    /// <param name="kind">What the table describes, e.g. <c>sx1262</c>.</param>
    /// <param name="states">The states; index order is the state number used by consumers.</param>
    /// <param name="source">Where the numbers come from (datasheet, paper, tock/tock path) and their grade.</param>
    public PowerStateTable(string kind, IEnumerable<PowerState> states, string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(states);
        Kind = kind;
        Source = source ?? string.Empty;
        _states = [.. states];
        if (_states.Length == 0)
        {
            throw new ArgumentException($"Power state table '{kind}' has no states.", nameof(states));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (PowerState s in _states)
        {
            if (!seen.Add(s.Name))
            {
                throw new ArgumentException($"Power state table '{kind}' names state '{s.Name}' twice.", nameof(states));
            }

            if (!double.IsFinite(s.Power.Value) || s.Power.Value < 0)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Power state '{kind}.{s.Name}' has power {s.Power}; expected a finite value ≥ 0 W."),
                    nameof(states));
            }
        }
    }

    /// <summary>What the table describes.</summary>
    public string Kind { get; }

    /// <summary>Where the numbers come from.</summary>
    public string Source { get; }

    /// <summary>Number of states.</summary>
    public int Count => _states.Length;

    /// <summary>The state with index <paramref name="index"/>.</summary>
    public PowerState this[int index] => _states[index];

    /// <summary>The index of the state called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such state.</exception>
    public int IndexOf(string name)
    {
        for (int i = 0; i < _states.Length; i++)
        {
            if (string.Equals(_states[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new KeyNotFoundException($"Power state table '{Kind}' has no state '{name}'.");
    }

    /// <summary>True if <paramref name="other"/> has the same kind and the same states (names and powers) in the same order.</summary>
    public bool HasSameStates(PowerStateTable other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return string.Equals(Kind, other.Kind, StringComparison.Ordinal) && _states.AsSpan().SequenceEqual(other._states);
    }

    /// <summary>Builds a table from currents drawn at one supply voltage (P = I · V per state).</summary>
    public static PowerStateTable FromCurrents(string kind, Volts supply, IEnumerable<(string Name, Amperes Current)> states, string source) =>
        new(kind, states.Select(s => new PowerState(s.Name, s.Current * supply)), source);
}
