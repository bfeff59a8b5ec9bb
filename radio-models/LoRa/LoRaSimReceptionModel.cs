using SensorNet.RadioModels.LoRa.Reception;
using SensorNet.RadioModels.Medium;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.RadioModels.LoRa;

/// <summary>
/// LoRaSim's gateway (Bor et al., MSWiM 2016, <c>loraDir.py</c>): a packet is lost below sensitivity, and otherwise
/// when <see cref="LoRaSimCollision.CheckPair"/> marks it against any packet that overlapped it at the gateway, in the
/// role LoRaSim gives it (the later of the two is the arriving one). Packets below sensitivity never reach LoRaSim's
/// gateway list, so they do not interfere either.
/// </summary>
/// <remarks>
/// LoRaSim checks only when a packet arrives, against packets then at the gateway; evaluating every overlapping pair
/// at the end of the wanted frame in the same roles gives the same marks. Ties in start time count the other packet
/// as the later arrival. Full mode with the arrival-reset quirk: the wanted packet's mark as the arriving packet is
/// discarded, as LoRaSim's <c>transmit</c> overwrites it.
/// </remarks>
/// <param name="options">Simple or full collision mode and the quirks.</param>
/// <param name="sensitivity">Gateway sensitivity per spreading factor (LoRaSim's measured table), used to drop weak interferers.</param>
public sealed class LoRaSimReceptionModel(LoRaSimCollisionOptions options, Func<int, Dbm> sensitivity) : IReceptionModel
{
    private readonly Func<int, Dbm> _sensitivity = sensitivity ?? throw new ArgumentNullException(nameof(sensitivity));

    /// <summary>Mode and quirks.</summary>
    public LoRaSimCollisionOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <inheritdoc/>
    public ReceptionVerdict Decide(in ArrivingSignal wanted, ReadOnlySpan<ArrivingSignal> overlapping, Dbm sensitivity)
    {
        if (wanted.Power < sensitivity)
        {
            return new ReceptionVerdict(ReceptionOutcome.BelowSensitivity);
        }

        LoRaSignal w = LoRaReceptionModel.ToSignal(-1, wanted);
        foreach (ArrivingSignal s in overlapping)
        {
            Transmission t = s.Transmission;
            if (t.SpreadingFactor == 0 || s.Power < _sensitivity(t.SpreadingFactor))
            {
                continue;
            }

            LoRaSignal other = LoRaReceptionModel.ToSignal(0, s);
            bool wantedArrivedLater = t.Start < wanted.Transmission.Start;
            LoRaSimCasualties hit = wantedArrivedLater
                ? LoRaSimCollision.CheckPair(w, other, Options)
                : LoRaSimCollision.CheckPair(other, w, Options);
            LoRaSimCasualties wantedRole = wantedArrivedLater ? LoRaSimCasualties.Arriving : LoRaSimCasualties.Existing;
            bool resetOnArrival = wantedArrivedLater && Options.FullCollision && Options.ReplicateFullModeArrivalReset;
            if ((hit & wantedRole) != 0 && !resetOnArrival)
            {
                return new ReceptionVerdict(ReceptionOutcome.Interference, t.Id);
            }
        }

        return new ReceptionVerdict(ReceptionOutcome.Received);
    }
}
