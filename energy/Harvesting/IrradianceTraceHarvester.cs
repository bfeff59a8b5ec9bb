using SensorNet.Energy.Solar;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy.Harvesting;

/// <summary>One record of a measured or prepared irradiance trace.</summary>
/// <param name="At">Simulated time from which the record holds (until the next record).</param>
/// <param name="PoaIrradianceWm2">Irradiance in the panel's plane, in W/m² (≥ 0).</param>
/// <param name="AirTemperatureC">Air temperature, in °C.</param>
public readonly record struct IrradianceSample(SimTime At, double PoaIrradianceWm2, double AirTemperatureC);

/// <summary>
/// A solar panel driven by an irradiance trace (pyranometer log, satellite or TMY data already transposed to the
/// panel's plane): each record's plane-of-array irradiance and air temperature hold until the next record, and the
/// panel's PVWatts output with its cell-temperature model and MPPT efficiency (<see cref="PvPanel"/>) is harvested.
/// </summary>
/// <remarks>
/// <b>Scope and limitations:</b> zero-order hold between records, so the harvest is exactly integrable with one event
/// per record (a record's value is treated as the mean over its interval); no decomposition of GHI into beam and
/// diffuse, so a horizontal-only trace fits a horizontal panel only; the last record holds for ever (the scenario
/// loader requires the trace to cover the run). Wind speed is a constant.
/// <b>Validation:</b> IrradianceTraceHarvesterTests (power per record = <see cref="PvPanel.OutputPower"/>; harvested
/// energy = Σ P·Δt in a node).
/// </remarks>
public sealed class IrradianceTraceHarvester : IEnergyHarvester
{
    // The panel's output per record, evaluated once, so the event path only looks a step up.
    private readonly ScheduledHarvester _steps;

    /// <summary>Creates the harvester.</summary>
    /// <param name="samples">Records, the first at time 0, times strictly increasing, irradiance finite and ≥ 0.</param>
    /// <param name="panel">The panel.</param>
    /// <param name="windSpeedMs">Wind speed for the cell-temperature model, in m/s.</param>
    public IrradianceTraceHarvester(IReadOnlyList<IrradianceSample> samples, PvPanel panel, double windSpeedMs = 1)
    {
        ArgumentNullException.ThrowIfNull(samples);
        Panel = panel ?? throw new ArgumentNullException(nameof(panel));
        if (samples.Count == 0 || samples[0].At != SimTime.Zero)
        {
            throw new ArgumentException("An irradiance trace needs a first record at time 0.", nameof(samples));
        }

        var steps = new (SimTime At, Watts Power)[samples.Count];
        for (int i = 0; i < samples.Count; i++)
        {
            IrradianceSample s = samples[i];
            if (!(s.PoaIrradianceWm2 >= 0) || !double.IsFinite(s.PoaIrradianceWm2))
            {
                throw new ArgumentException($"Irradiance record {i} has irradiance {s.PoaIrradianceWm2}; expected a finite value ≥ 0 W/m².", nameof(samples));
            }

            steps[i] = (s.At, panel.OutputPower(s.PoaIrradianceWm2, s.AirTemperatureC, windSpeedMs));
        }

        _steps = new ScheduledHarvester(steps, Name); // checks that times increase strictly
        Count = steps.Length;
    }

    /// <inheritdoc/>
    public string Name => "solar-trace";

    /// <summary>The panel.</summary>
    public PvPanel Panel { get; }

    /// <summary>Number of records.</summary>
    public int Count { get; }

    /// <inheritdoc/>
    public Watts PowerAt(SimTime time) => _steps.PowerAt(time);

    /// <inheritdoc/>
    public SimTime? NextChange(SimTime time) => _steps.NextChange(time);
}
