using System.Runtime.CompilerServices;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.Energy.Supply;

/// <summary>Argument checks shared by the regulator models.</summary>
internal static class RegulatorChecks
{
    /// <summary>Throws unless <see cref="IRegulator.InputPower"/>'s arguments are in range (load finite and ≥ 0, input finite and &gt; 0).</summary>
    public static void InputPowerArguments(Watts load, Volts input)
    {
        if (!(load.Value >= 0) || !double.IsFinite(load.Value))
        {
            throw new ArgumentOutOfRangeException(nameof(load), load, "Load power must be finite and ≥ 0 W.");
        }

        if (!(input.Value > 0) || !double.IsFinite(input.Value))
        {
            throw new ArgumentOutOfRangeException(nameof(input), input, "Input voltage must be finite and > 0 V.");
        }
    }

    /// <summary>Returns <paramref name="value"/> if it is finite and &gt; 0 V; throws otherwise.</summary>
    public static Volts Positive(Volts value, [CallerArgumentExpression(nameof(value))] string? paramName = null) =>
        value.Value > 0 && double.IsFinite(value.Value) ? value : throw new ArgumentOutOfRangeException(paramName, value, "Voltage must be finite and > 0 V.");

    /// <summary>Returns <paramref name="value"/> if it is finite and ≥ 0 V; throws otherwise.</summary>
    public static Volts NonNegative(Volts value, [CallerArgumentExpression(nameof(value))] string? paramName = null) =>
        value.Value >= 0 && double.IsFinite(value.Value) ? value : throw new ArgumentOutOfRangeException(paramName, value, "Voltage must be finite and ≥ 0 V.");

    /// <summary>Returns <paramref name="value"/> if it is finite and ≥ 0 A; throws otherwise.</summary>
    public static Amperes NonNegative(Amperes value, [CallerArgumentExpression(nameof(value))] string? paramName = null) =>
        value.Value >= 0 && double.IsFinite(value.Value) ? value : throw new ArgumentOutOfRangeException(paramName, value, "Current must be finite and ≥ 0 A.");

    /// <summary>Returns <paramref name="value"/> if it is an efficiency in (0, 1]; throws otherwise.</summary>
    public static double Efficiency(double value, [CallerArgumentExpression(nameof(value))] string? paramName = null) =>
        value > 0 && value <= 1 ? value : throw new ArgumentOutOfRangeException(paramName, value, "Efficiency must lie in (0, 1].");
}
