using SensorNet.Energy.Solar;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy.Harvesting;

/// <summary>One record of a measured or prepared irradiance trace.</summary>
/// <param name="At">Simulated time from which the record holds (until the next record).</param>
/// <param name="IrradianceWm2">Irradiance, in W/m² (≥ 0): in the panel's plane (POA) or, for a trace read with
/// <see cref="IrradianceTraceHarvester.FromGlobalHorizontal"/>, on the horizontal (GHI).</param>
/// <param name="AirTemperatureC">Air temperature, in °C.</param>
public readonly record struct IrradianceSample(SimTime At, double IrradianceWm2, double AirTemperatureC);

/// <summary>
/// A solar panel driven by an irradiance trace (pyranometer log, satellite or TMY data): each record's plane-of-array
/// irradiance and air temperature hold until the next record, and the panel's PVWatts output with its cell-temperature
/// model and MPPT efficiency (<see cref="PvPanel"/>) is harvested. A global horizontal trace is first brought into the
/// panel's plane (<see cref="FromGlobalHorizontal"/>): NREL SPA position, Erbs decomposition, isotropic transposition.
/// </summary>
/// <remarks>
/// <b>Scope and limitations:</b> zero-order hold between records, so the harvest is exactly integrable with one event
/// per record (a record's value is treated as the mean over its interval); for a GHI trace the Sun's position is taken
/// at each record's own instant (the start of its hold), not averaged over the interval, so hourly records labelled at
/// the start of their hour see the Sun half an hour early (label records at interval midpoints to avoid it), and the
/// decomposition carries Erbs's uncertainty (<see cref="Erbs"/>); the last record holds for ever (the scenario loader
/// requires the trace to cover the run). Wind speed is a constant.
/// <b>Validation:</b> IrradianceTraceHarvesterTests (power per record = <see cref="PvPanel.OutputPower"/>; harvested
/// energy = Σ P·Δt in a node; a GHI record's power = the panel's output for the Erbs-isotropic POA at its instant).
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
        Panel = panel ?? throw new ArgumentNullException(nameof(panel));
        Validate(samples);
        var steps = new (SimTime At, Watts Power)[samples.Count];
        for (int i = 0; i < samples.Count; i++)
        {
            IrradianceSample s = samples[i];
            steps[i] = (s.At, panel.OutputPower(s.IrradianceWm2, s.AirTemperatureC, windSpeedMs));
        }

        _steps = new ScheduledHarvester(steps, Name); // checks that times increase strictly
        Count = steps.Length;
    }

    /// <summary>Creates the harvester from a global horizontal irradiance trace.</summary>
    /// <param name="ghiSamples">Records of GHI, the first at time 0, times strictly increasing, irradiance finite and ≥ 0.</param>
    /// <param name="panel">The panel.</param>
    /// <param name="site">Where the panel stands, for the Sun's position.</param>
    /// <param name="start">The calendar instant of simulated time 0.</param>
    /// <param name="orientation">Tilt and azimuth of the panel.</param>
    /// <param name="windSpeedMs">Wind speed for the cell-temperature model, in m/s.</param>
    /// <param name="deltaTSeconds">ΔT for the SPA, in s.</param>
    public static IrradianceTraceHarvester FromGlobalHorizontal(IReadOnlyList<IrradianceSample> ghiSamples, PvPanel panel, SolarSite site, DateTimeOffset start, PanelOrientation orientation, double windSpeedMs = 1, double deltaTSeconds = 69)
    {
        ArgumentNullException.ThrowIfNull(site);
        Validate(ghiSamples);
        var poa = new IrradianceSample[ghiSamples.Count];
        for (int i = 0; i < poa.Length; i++)
        {
            IrradianceSample s = ghiSamples[i];
            DateTimeOffset instant = start.AddTicks(s.At.Nanoseconds / 100);
            SolarPositionResult sun = SolarPosition.Compute(instant, site, deltaTSeconds);
            poa[i] = s with { IrradianceWm2 = PlaneOfArray.IsotropicFromGhi(orientation, sun, s.IrradianceWm2, instant).GlobalWm2 };
        }

        return new IrradianceTraceHarvester(poa, panel, windSpeedMs);
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

    private static void Validate(IReadOnlyList<IrradianceSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0 || samples[0].At != SimTime.Zero)
        {
            throw new ArgumentException("An irradiance trace needs a first record at time 0.", nameof(samples));
        }

        for (int i = 0; i < samples.Count; i++)
        {
            double irradiance = samples[i].IrradianceWm2;
            if (!(irradiance >= 0) || !double.IsFinite(irradiance))
            {
                throw new ArgumentException($"Irradiance record {i} has irradiance {irradiance}; expected a finite value ≥ 0 W/m².", nameof(samples));
            }
        }
    }
}
