using SensorNet.SimEngine.Time;

namespace SensorNet.RadioModels.LoRa;

/// <summary>The time on air of one LoRa frame and the quantities it was computed from.</summary>
/// <param name="AirtimeSeconds">Exact time on air, in s (not rounded).</param>
/// <param name="SymbolTimeSeconds">Symbol time, in s.</param>
/// <param name="PreambleSymbols">Preamble length on air, in symbols, including the 4.25 (or 6.25) sync symbols.</param>
/// <param name="PayloadSymbols">Header + payload symbols.</param>
/// <param name="LdroApplied">Whether LDRO (DE = 1) was used.</param>
public readonly record struct LoRaAirtime(double AirtimeSeconds, double SymbolTimeSeconds, double PreambleSymbols, int PayloadSymbols, bool LdroApplied)
{
    /// <summary>Time on air rounded to the nearest nanosecond, for scheduling.</summary>
    public SimDuration Duration => SimDuration.FromSecondsRounded(AirtimeSeconds);
}
