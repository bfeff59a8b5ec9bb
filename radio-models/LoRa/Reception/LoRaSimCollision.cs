using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.RadioModels.LoRa.Reception;

/// <summary>
/// LoRaSim's collision check at the gateway (Bor, Roedig, Voigt, Alonso, "Do LoRa Low-Power Wide-Area Networks
/// Scale?", MSWiM 2016), reproduced as the code behaves, for reproducing that paper.
/// </summary>
/// <remarks>
/// <para><b>Source:</b> <c>checkcollision</c>, <c>frequencyCollision</c>, <c>sfCollision</c>,
/// <c>timingCollision</c>, <c>powerCollision</c> and <c>transmit</c> in <c>loraDir.py</c> ("Revision 218,
/// 2016-10-17", © Voigt and Bor), adwaitnd/lorasim at <c>845066f0b9a3c5ed6a8841dc785378bbadb94eee</c>;
/// models.md §1.3. Re-implemented from the described behaviour, not translated.</para>
/// <para><b>Behaviour:</b> the check runs only when a packet arrives, against the packets then at the gateway
/// (started earlier, not yet ended, not lost below sensitivity: the caller keeps that list and drops packets below
/// sensitivity before calling, as <c>transmit</c> does). A pair interferes when the frequencies collide
/// (<see cref="FrequencyCollision"/>) and the SFs are equal (different SFs are perfectly orthogonal; bandwidths are
/// not compared). Simple mode (LoRaSim's default) marks both packets. Full mode: the arriving packet p1 escapes
/// (and so does the existing one) if the existing packet ends at or before p1.start + (8 − 5)·Tsym(p1), with the
/// preamble length fixed at 8 as in the code; otherwise if |RSSI1 − RSSI2| &lt; 6 dB both are lost, else the
/// weaker one.</para>
/// <para><b>Quirks</b>, each replicated by default and switchable in <see cref="LoRaSimCollisionOptions"/>:
/// the <c>p2.freq==500</c> comparison bug (models.md §1.3) - replicated because this mode exists to reproduce
/// the published numbers, and it changes nothing for LoRaSim's own channel plans (all packets on one frequency, or
/// 860/864/868 MHz), since Δf = 0 always falls within the narrowest tolerance; the Hz-for-kHz tolerance
/// units (same argument); and the full-mode reset of the arriving packet's own loss in <c>transmit</c>, which does
/// change full-mode results.</para>
/// <para><b>Not modelled:</b> <c>maxBSReceives</c> (counted, never drops packets in LoRaSim either).
/// <b>Validation:</b> LoRaSimCollisionTests.</para>
/// </remarks>
public static class LoRaSimCollision
{
    /// <summary>Preamble length hard-coded in LoRaSim's <c>timingCollision</c>.</summary>
    public const int LoRaSimPreambleSymbols = 8;

    /// <summary>Checks a packet that has just arrived against one packet already at the gateway.</summary>
    /// <param name="arriving">The packet that just arrived (LoRaSim's p1).</param>
    /// <param name="existing">A packet already being received (p2).</param>
    /// <param name="options">Mode and quirks.</param>
    /// <returns>The packets this pair marks as collided (before the full-mode arrival reset).</returns>
    public static LoRaSimCasualties CheckPair(in LoRaSignal arriving, in LoRaSignal existing, LoRaSimCollisionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (arriving.SpreadingFactor != existing.SpreadingFactor
            || !FrequencyCollision(arriving, existing, options.ReplicateBandwidthComparisonBug, options.ReplicateToleranceInHertz))
        {
            return LoRaSimCasualties.None;
        }

        if (!options.FullCollision)
        {
            return LoRaSimCasualties.Both;
        }

        // Timing: p1 loses only if p2 still runs past p1's first (8 - 5) symbols.
        SimTime criticalEnd = arriving.PreambleSymbolBoundary(LoRaSimPreambleSymbols - 5);
        if (!(criticalEnd < existing.End))
        {
            return LoRaSimCasualties.None;
        }

        Decibels difference = arriving.ReceivedPower - existing.ReceivedPower;
        if (Math.Abs(difference.Value) < options.PowerThreshold.Value)
        {
            return LoRaSimCasualties.Both;
        }

        return difference < options.PowerThreshold ? LoRaSimCasualties.Arriving : LoRaSimCasualties.Existing;
    }

    /// <summary>
    /// LoRaSim's <c>checkcollision</c> plus the assignment in <c>transmit</c>: checks the arriving packet against
    /// every packet at the gateway, marks the existing casualties and returns the arriving packet's flag.
    /// </summary>
    /// <param name="arriving">The packet that just arrived.</param>
    /// <param name="atGateway">Packets already at the gateway; entries with the arriving packet's id are skipped (LoRaSim skips the same node).</param>
    /// <param name="existingCollided">Collided flags of <paramref name="atGateway"/>, same indices; set to true for casualties, never cleared.</param>
    /// <param name="options">Mode and quirks.</param>
    /// <returns>Whether the arriving packet is marked collided.</returns>
    /// <exception cref="ArgumentException"><paramref name="existingCollided"/> is shorter than <paramref name="atGateway"/>.</exception>
    public static bool CheckArrival(in LoRaSignal arriving, ReadOnlySpan<LoRaSignal> atGateway, Span<bool> existingCollided, LoRaSimCollisionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (existingCollided.Length < atGateway.Length)
        {
            throw new ArgumentException("Need one collided flag per packet at the gateway.", nameof(existingCollided));
        }

        bool arrivingLost = false;
        for (int i = 0; i < atGateway.Length; i++)
        {
            if (atGateway[i].Id == arriving.Id)
            {
                continue;
            }

            LoRaSimCasualties c = CheckPair(arriving, atGateway[i], options);
            if ((c & LoRaSimCasualties.Existing) != 0)
            {
                existingCollided[i] = true;
            }

            arrivingLost |= (c & LoRaSimCasualties.Arriving) != 0;
        }

        return options.FullCollision && options.ReplicateFullModeArrivalReset ? false : arrivingLost;
    }

    /// <summary>
    /// LoRaSim's <c>frequencyCollision</c>: |f1 − f2| ≤ 120 kHz if a packet is 500 kHz wide, ≤ 60 kHz if one is
    /// 250 kHz wide, else ≤ 30 kHz.
    /// </summary>
    /// <param name="arriving">The arriving packet (p1).</param>
    /// <param name="existing">The existing packet (p2).</param>
    /// <param name="replicateBandwidthBug">Test p2's frequency (in Hz) against 500 and 250 instead of its bandwidth, as the code does.</param>
    /// <param name="toleranceInHertz">Use 120/60/30 Hz, as the code effectively does, instead of kHz.</param>
    public static bool FrequencyCollision(in LoRaSignal arriving, in LoRaSignal existing, bool replicateBandwidthBug, bool toleranceInHertz)
    {
        double unit = toleranceInHertz ? 1.0 : 1e3;
        double delta = Math.Abs(arriving.Frequency.Value - existing.Frequency.Value);
        bool wide500 = IsKilohertz(arriving.Bandwidth, 500) || (replicateBandwidthBug ? existing.Frequency.Value == 500 : IsKilohertz(existing.Bandwidth, 500));
        bool wide250 = IsKilohertz(arriving.Bandwidth, 250) || (replicateBandwidthBug ? existing.Frequency.Value == 250 : IsKilohertz(existing.Bandwidth, 250));
        return (delta <= 120 * unit && wide500) || (delta <= 60 * unit && wide250) || delta <= 30 * unit;
    }

    private static bool IsKilohertz(Hertz bandwidth, double kilohertz) => bandwidth.Value == kilohertz * 1e3;
}
