using System.Globalization;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.Energy.Supply;

/// <summary>
/// A switching regulator (buck, boost or buck-boost): P_in = P_load / η(I_load) + V_in · I_q, with I_load = P_load / V_out
/// and η either a constant or a datasheet efficiency curve interpolated linearly in log10(I_load) between its points and
/// held flat outside them.
/// </summary>
/// <remarks>
/// <para>Sources: R. W. Erickson and D. Maksimović, "Fundamentals of Power Electronics", 3rd ed., Springer, 2020
/// (efficiency η = P_out / P_in; converter losses); datasheet efficiency curves, plotted against output current on a
/// logarithmic axis, and input quiescent currents, e.g. TI TPS62840 (buck, I_q 60 nA) and TI TPS63900 (buck-boost,
/// I_q 75 nA).</para>
/// <para><b>Scope and limitations:</b> η depends on the load current only, not on the input voltage (datasheets give one
/// curve per input voltage: pick the one nearest the storage's working voltage), and interpolating between datasheet
/// points read off a plot is only as good as that reading. Curves measured at the part's pins already include I_q, so at
/// light loads where V_in · I_q matters the quiescent draw is counted twice; take the curve's points at loads where it is
/// negligible, or set I_q to 0. I_q is a constant (no mode changes such as PFM/PWM transitions, no temperature
/// dependence). <see cref="MinimumInputVoltage"/> is the only input limit: a boost converter whose input rises above its
/// output, which real parts without a down mode cannot regulate, is not detected. No ripple, transients or start-up.
/// <b>Validation:</b> SwitchingRegulatorTests (constant efficiency, curve interpolation in log10 space and held flat at
/// both ends, quiescent draw at zero load, parameter checks).</para>
/// </remarks>
public sealed class SwitchingRegulator : IRegulator
{
    private readonly double[] _log10Currents;
    private readonly double[] _efficiencies;

    private SwitchingRegulator(
        Topology topology,
        Volts outputVoltage,
        Volts minimumInputVoltage,
        Amperes quiescentCurrent,
        double[] log10Currents,
        double[] efficiencies)
    {
        if (!Enum.IsDefined(topology))
        {
            throw new ArgumentOutOfRangeException(nameof(topology), topology, "Unknown topology.");
        }

        OutputVoltage = RegulatorChecks.Positive(outputVoltage);
        MinimumInputVoltage = RegulatorChecks.Positive(minimumInputVoltage);
        if (topology == Topology.Buck && minimumInputVoltage < outputVoltage)
        {
            throw new ArgumentOutOfRangeException(
                nameof(minimumInputVoltage),
                minimumInputVoltage,
                string.Create(CultureInfo.InvariantCulture, $"A buck converter cannot regulate above its input: the minimum input voltage must be ≥ the output voltage {outputVoltage}."));
        }

        Topology = topology;
        QuiescentCurrent = RegulatorChecks.NonNegative(quiescentCurrent);
        _log10Currents = log10Currents;
        _efficiencies = efficiencies;
    }

    /// <summary>The power stage.</summary>
    public Topology Topology { get; }

    /// <summary><c>buck</c>, <c>boost</c> or <c>buckBoost</c>.</summary>
    public string Kind => Topology switch
    {
        Topology.Buck => "buck",
        Topology.Boost => "boost",
        _ => "buckBoost",
    };

    /// <inheritdoc/>
    public Volts OutputVoltage { get; }

    /// <inheritdoc/>
    public Volts MinimumInputVoltage { get; }

    /// <summary>Quiescent current I_q drawn from the input at any load.</summary>
    public Amperes QuiescentCurrent { get; }

    /// <summary>True if <see cref="QuiescentCurrent"/> is not zero (the load part P_load / η does not depend on the input voltage).</summary>
    public bool InputDependsOnVoltage => QuiescentCurrent.Value > 0;

    /// <summary>Creates a regulator whose efficiency is the same at every load.</summary>
    /// <param name="topology">The power stage.</param>
    /// <param name="outputVoltage">Regulated output voltage; finite and &gt; 0.</param>
    /// <param name="minimumInputVoltage">Lowest input voltage in regulation; finite and &gt; 0, and ≥ the output voltage for a buck.</param>
    /// <param name="quiescentCurrent">Current drawn from the input at any load; finite and ≥ 0.</param>
    /// <param name="efficiency">Efficiency P_load / (P_in − V_in · I_q), in (0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static SwitchingRegulator WithConstantEfficiency(
        Topology topology,
        Volts outputVoltage,
        Volts minimumInputVoltage,
        Amperes quiescentCurrent,
        double efficiency) =>
        new(topology, outputVoltage, minimumInputVoltage, quiescentCurrent, [0.0], [RegulatorChecks.Efficiency(efficiency)]);

    /// <summary>
    /// Creates a regulator whose efficiency follows a datasheet curve: linear in log10(output current) between points,
    /// the first point's efficiency below the first current and the last point's above the last.
    /// </summary>
    /// <param name="topology">The power stage.</param>
    /// <param name="outputVoltage">Regulated output voltage; finite and &gt; 0.</param>
    /// <param name="minimumInputVoltage">Lowest input voltage in regulation; finite and &gt; 0, and ≥ the output voltage for a buck.</param>
    /// <param name="quiescentCurrent">Current drawn from the input at any load; finite and ≥ 0.</param>
    /// <param name="efficiencyCurve">At least one point; output currents finite, &gt; 0 and strictly increasing; efficiencies in (0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">A voltage or the current is outside its range.</exception>
    /// <exception cref="ArgumentException">The curve is empty or one of its points is invalid.</exception>
    public static SwitchingRegulator WithEfficiencyCurve(
        Topology topology,
        Volts outputVoltage,
        Volts minimumInputVoltage,
        Amperes quiescentCurrent,
        IEnumerable<EfficiencyPoint> efficiencyCurve)
    {
        ArgumentNullException.ThrowIfNull(efficiencyCurve);
        EfficiencyPoint[] points = [.. efficiencyCurve];
        if (points.Length == 0)
        {
            throw new ArgumentException("The efficiency curve has no points.", nameof(efficiencyCurve));
        }

        var log10Currents = new double[points.Length];
        var efficiencies = new double[points.Length];
        for (int i = 0; i < points.Length; i++)
        {
            (Amperes current, double efficiency) = points[i];
            log10Currents[i] = Math.Log10(current.Value);
            efficiencies[i] = efficiency;
            if (!(current.Value > 0) || !double.IsFinite(current.Value) || (i > 0 && !(log10Currents[i] > log10Currents[i - 1])))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Efficiency curve point {i} has output current {current}; currents must be finite, > 0 A and strictly increasing."),
                    nameof(efficiencyCurve));
            }

            if (!(efficiency > 0 && efficiency <= 1))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Efficiency curve point {i} has efficiency {efficiency}; efficiencies must lie in (0, 1]."),
                    nameof(efficiencyCurve));
            }
        }

        return new SwitchingRegulator(topology, outputVoltage, minimumInputVoltage, quiescentCurrent, log10Currents, efficiencies);
    }

    /// <summary>Efficiency η at an output current (excluding the quiescent draw).</summary>
    /// <param name="outputCurrent">Output (load) current; finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The current is outside its range.</exception>
    public double Efficiency(Amperes outputCurrent)
    {
        double x = Math.Log10(RegulatorChecks.NonNegative(outputCurrent).Value);
        int last = _log10Currents.Length - 1;
        if (x <= _log10Currents[0])
        {
            return _efficiencies[0];
        }

        if (x >= _log10Currents[last])
        {
            return _efficiencies[last];
        }

        int found = Array.BinarySearch(_log10Currents, x);
        if (found >= 0)
        {
            return _efficiencies[found];
        }

        int hi = ~found;
        int lo = hi - 1;
        double t = (x - _log10Currents[lo]) / (_log10Currents[hi] - _log10Currents[lo]);
        return _efficiencies[lo] + (t * (_efficiencies[hi] - _efficiencies[lo]));
    }

    /// <summary>P_load / η(P_load / V_out) + V_in · I_q.</summary>
    /// <inheritdoc/>
    public Watts InputPower(Watts load, Volts input)
    {
        RegulatorChecks.InputPowerArguments(load, input);
        return (load / Efficiency(load / OutputVoltage)) + (input * QuiescentCurrent);
    }
}
