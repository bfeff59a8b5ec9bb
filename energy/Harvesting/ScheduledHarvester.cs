using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy.Harvesting;

/// <summary>A harvester following a schedule of (time, power) steps: power holds from each time to the next (0 before the first).</summary>
public sealed class ScheduledHarvester : IEnergyHarvester
{
    private readonly (SimTime At, Watts Power)[] _steps;

    /// <summary>Creates the harvester; step times must increase strictly and powers be ≥ 0.</summary>
    public ScheduledHarvester(IEnumerable<(SimTime At, Watts Power)> steps, string name = "scheduled")
    {
        ArgumentNullException.ThrowIfNull(steps);
        _steps = [.. steps];
        for (int i = 0; i < _steps.Length; i++)
        {
            if (_steps[i].Power.Value < 0 || (i > 0 && _steps[i].At <= _steps[i - 1].At))
            {
                throw new ArgumentException($"Step {i}: times must increase strictly and powers be ≥ 0 W.", nameof(steps));
            }
        }

        Name = name;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public Watts PowerAt(SimTime time)
    {
        int i = Index(time);
        return i < 0 ? Watts.Zero : _steps[i].Power;
    }

    /// <inheritdoc/>
    public SimTime? NextChange(SimTime time)
    {
        int next = Index(time) + 1;
        return next < _steps.Length ? _steps[next].At : null;
    }

    // Index of the last step at or before time, or −1.
    private int Index(SimTime time)
    {
        int lo = 0;
        int hi = _steps.Length - 1;
        int found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) / 2;
            if (_steps[mid].At <= time)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }
}
