using SensorNet.SimEngine.Quantities;

namespace SensorNet.RadioModels.Medium;

/// <summary>One transmission as it arrives at one receiver.</summary>
/// <param name="Transmission">The transmission.</param>
/// <param name="Power">Its received power there.</param>
public readonly record struct ArrivingSignal(Transmission Transmission, Dbm Power);

/// <summary>The decision for one locked reception.</summary>
/// <param name="Outcome">Received, captured, below sensitivity or destroyed by interference.</param>
/// <param name="InterfererId">The destroying transmission's id, else −1.</param>
public readonly record struct ReceptionVerdict(ReceptionOutcome Outcome, long InterfererId = -1);

/// <summary>
/// A technology's rule for whether a locked reception survives the signals that overlapped it at the receiver
/// (for LoRa: sensitivity, SNR, capture and the inter-SF matrix).
/// </summary>
public interface IReceptionModel
{
    /// <summary>Decides <paramref name="wanted"/> given every other signal that overlapped it in time at this receiver.</summary>
    /// <param name="wanted">The frame the receiver locked onto.</param>
    /// <param name="overlapping">All other signals above the medium's interference floor that overlapped it in time, on any frequency.</param>
    /// <param name="sensitivity">The receiver's sensitivity for the wanted frame's modulation.</param>
    ReceptionVerdict Decide(in ArrivingSignal wanted, ReadOnlySpan<ArrivingSignal> overlapping, Dbm sensitivity);
}
