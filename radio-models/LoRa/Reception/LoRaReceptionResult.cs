namespace SensorNet.RadioModels.LoRa.Reception;

/// <summary>Decision on one reception.</summary>
/// <param name="Outcome">Fate of the packet.</param>
/// <param name="Rule">The rule that decided it; <see cref="LoRaReceptionRule.None"/> when received.</param>
/// <param name="InterfererId">For <see cref="LoRaReceptionOutcome.Interference"/>: the destroying interferer (per-interferer
/// matrices: the first in input order that fails the threshold; energy matrices: the largest energy contributor of the
/// destroying SF, first in input order on ties). Otherwise null.</param>
/// <param name="InterfererSpreadingFactor">For <see cref="LoRaReceptionOutcome.Interference"/>: the destroying SF
/// (ns-3's return value); otherwise 0.</param>
public readonly record struct LoRaReceptionResult(LoRaReceptionOutcome Outcome, LoRaReceptionRule Rule, int? InterfererId, int InterfererSpreadingFactor)
{
    /// <summary>A successful reception.</summary>
    public static LoRaReceptionResult Received => new(LoRaReceptionOutcome.Received, LoRaReceptionRule.None, null, 0);

    /// <summary>Whether the packet was demodulated.</summary>
    public bool IsReceived => Outcome == LoRaReceptionOutcome.Received;
}
