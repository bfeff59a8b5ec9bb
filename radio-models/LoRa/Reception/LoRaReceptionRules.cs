using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.RadioModels.LoRa.Reception;

/// <summary>
/// Decides whether one LoRa packet is received at one receiver, given the other signals that overlap it there.
/// Pure and allocation-free; the medium schedules and collects the signals.
/// </summary>
/// <remarks>
/// <para>Order of checks: (1) sensitivity, P &lt; S is lost (as LoRaSim <c>transmit</c>); (2) optionally the SNR
/// over the noise floor against SX1276 Table 13 (<see cref="LoRaDemodulationLimits"/>, models.md §1.5);
/// (3) interference with the chosen <see cref="InterferenceMatrix"/> (models.md §1.4).</para>
/// <para>An overlapping signal counts as an interferer when it is not the wanted packet (same
/// <see cref="LoRaSignal.Id"/>), is on the same carrier (<see cref="CarrierMatch"/>), overlaps it in time
/// (max(0, min(end) − max(start)) &gt; 0) and ends after the boundary of the <see cref="PreambleTimingRule"/>
/// (LoRaSim: start + (Npreamble − 5)·Tsym, <c>timingCollision</c> in <c>loraDir.py</c>, adwaitnd/lorasim at
/// <c>845066f0b9a3c5ed6a8841dc785378bbadb94eee</c>; FLoRa: start + (Npreamble − 6)·Tsym, <c>LoRaReceiver</c>,
/// florasim/flora at <c>247611ebf5224571ea60743afba54c968353c59d</c>). An interferer ending exactly on the
/// boundary is harmless, as in both codes.</para>
/// <para>Per-interferer matrices (FLoRa, orthogonal): the packet survives an interferer if
/// P_sig − P_int ≥ threshold, computed as a dB difference as FLoRa does; the first failing interferer in input
/// order destroys it. Energy matrix (ns-3 lorawan <c>LoraInterferenceHelper::IsDestroyedByInterference</c>,
/// signetlabdei/lorawan at <c>82ea58a95c03ab158edfd81860ad614d1bf70ec6</c>): per interferer SF 7..12,
/// E_int = Σ P_int[W]·overlap[s], E_sig = P_sig[W]·duration[s], survives if 10·log10(E_sig/E_int) ≥ threshold;
/// this is done in linear energy, so ties on the threshold are decided by floating-point rounding exactly as in
/// ns-3 (its 8 dBm vector is destroyed at 5.999999999999997 dB). Interferers with an SF outside 7..12 are ignored
/// by the energy rule, as ns-3 only loops over 7..12.</para>
/// <para><b>Limits:</b> power is constant per signal; no cumulative (SINR) interference for the per-interferer
/// matrices; no gateway demodulator-path limit; the timing rule only spares the wanted packet from earlier
/// interferers. <b>Validation:</b> LoRaReceptionRulesTests (ns-3 interference vectors, FLoRa and capture
/// thresholds, timing boundaries, SF7 SNR boundary).</para>
/// </remarks>
public static class LoRaReceptionRules
{
    private const int EnergyFirstSf = 7;
    private const int EnergyLastSf = 12;

    /// <summary>Decides the reception, with the noise floor computed from the wanted bandwidth and <see cref="LoRaReceptionOptions.NoiseFigure"/>.</summary>
    /// <param name="wanted">The packet being received.</param>
    /// <param name="overlapping">Other signals at this receiver (may include <paramref name="wanted"/>, which is skipped by id).</param>
    /// <param name="sensitivity">Receiver sensitivity for the wanted SF and bandwidth.</param>
    /// <param name="options">Rules to apply.</param>
    public static LoRaReceptionResult Evaluate(in LoRaSignal wanted, ReadOnlySpan<LoRaSignal> overlapping, Dbm sensitivity, LoRaReceptionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Evaluate(wanted, overlapping, sensitivity, LoRaDemodulationLimits.NoiseFloor(wanted.Bandwidth, options.NoiseFigure), options);
    }

    /// <summary>Decides the reception against an explicit noise floor.</summary>
    /// <param name="wanted">The packet being received.</param>
    /// <param name="overlapping">Other signals at this receiver (may include <paramref name="wanted"/>, which is skipped by id).</param>
    /// <param name="sensitivity">Receiver sensitivity for the wanted SF and bandwidth.</param>
    /// <param name="noiseFloor">Noise power in the receiver bandwidth (used when <see cref="LoRaReceptionOptions.CheckSnr"/> is on).</param>
    /// <param name="options">Rules to apply.</param>
    /// <exception cref="ArgumentOutOfRangeException">An SF pair that counts is outside the matrix, or the SNR check is on for SF5.</exception>
    public static LoRaReceptionResult Evaluate(in LoRaSignal wanted, ReadOnlySpan<LoRaSignal> overlapping, Dbm sensitivity, Dbm noiseFloor, LoRaReceptionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        if (wanted.ReceivedPower < sensitivity)
        {
            return new LoRaReceptionResult(LoRaReceptionOutcome.BelowSensitivity, LoRaReceptionRule.Sensitivity, null, 0);
        }

        if (options.CheckSnr && wanted.ReceivedPower - noiseFloor < LoRaDemodulationLimits.RequiredSnr(wanted.SpreadingFactor))
        {
            return new LoRaReceptionResult(LoRaReceptionOutcome.BelowSensitivity, LoRaReceptionRule.RequiredSnr, null, 0);
        }

        SimTime boundary = ProtectedBoundary(wanted, options.PreambleTiming);
        return options.Matrix.Accumulation == InterferenceAccumulation.PerSpreadingFactorEnergy
            ? EvaluateEnergy(wanted, overlapping, boundary, options)
            : EvaluatePerInterferer(wanted, overlapping, boundary, options);
    }

    /// <summary>Whether <paramref name="other"/> is on the same carrier as <paramref name="wanted"/> under <paramref name="rule"/>.</summary>
    /// <param name="wanted">The wanted signal.</param>
    /// <param name="other">The other signal.</param>
    /// <param name="rule">Carrier rule.</param>
    public static bool SameCarrier(in LoRaSignal wanted, in LoRaSignal other, CarrierMatch rule) => rule switch
    {
        CarrierMatch.Exact => wanted.Frequency == other.Frequency,
        _ => LoRaSimCollision.FrequencyCollision(wanted, other, replicateBandwidthBug: false, toleranceInHertz: false),
    };

    /// <summary>
    /// The instant up to which an earlier interferer may overlap the wanted packet without harm; the wanted
    /// packet's start when there is no timing rule.
    /// </summary>
    /// <param name="wanted">The wanted signal.</param>
    /// <param name="rule">Timing rule.</param>
    public static SimTime ProtectedBoundary(in LoRaSignal wanted, PreambleTimingRule rule) => rule switch
    {
        PreambleTimingRule.LoRaSim => wanted.PreambleSymbolBoundary(Math.Max(wanted.PreambleSymbols - 5, 0)),
        PreambleTimingRule.FLoRa => wanted.PreambleSymbolBoundary(Math.Max(wanted.PreambleSymbols - 6, 0)),
        _ => wanted.Start,
    };

    private static bool Counts(in LoRaSignal wanted, in LoRaSignal other, SimTime boundary, CarrierMatch carrier) =>
        other.Id != wanted.Id
        && other.End > boundary
        && wanted.OverlapWith(other) > SimDuration.Zero
        && SameCarrier(wanted, other, carrier);

    private static LoRaReceptionResult EvaluatePerInterferer(in LoRaSignal wanted, ReadOnlySpan<LoRaSignal> overlapping, SimTime boundary, LoRaReceptionOptions options)
    {
        InterferenceMatrix matrix = options.Matrix;
        Decibels capture = options.EffectiveCaptureThreshold;
        foreach (ref readonly LoRaSignal other in overlapping)
        {
            bool sameSf = other.SpreadingFactor == wanted.SpreadingFactor;
            if ((!sameSf && matrix.IsOrthogonal) || !Counts(wanted, other, boundary, options.Carrier))
            {
                continue;
            }

            Decibels threshold = sameSf ? capture : matrix.Threshold(wanted.SpreadingFactor, other.SpreadingFactor);
            if (wanted.ReceivedPower - other.ReceivedPower < threshold)
            {
                return Destroyed(wanted, other.Id, other.SpreadingFactor);
            }
        }

        return LoRaReceptionResult.Received;
    }

    private static LoRaReceptionResult EvaluateEnergy(in LoRaSignal wanted, ReadOnlySpan<LoRaSignal> overlapping, SimTime boundary, LoRaReceptionOptions options)
    {
        InterferenceMatrix matrix = options.Matrix;
        double signalEnergy = wanted.ReceivedPower.ToWatts().Value * wanted.Duration.TotalSeconds;
        for (int sf = EnergyFirstSf; sf <= EnergyLastSf; sf++)
        {
            double interference = 0.0;
            double largest = -1.0;
            int largestId = 0;
            foreach (ref readonly LoRaSignal other in overlapping)
            {
                if (other.SpreadingFactor != sf || !Counts(wanted, other, boundary, options.Carrier))
                {
                    continue;
                }

                double energy = other.ReceivedPower.ToWatts().Value * wanted.OverlapWith(other).TotalSeconds;
                interference += energy;
                if (energy > largest)
                {
                    largest = energy;
                    largestId = other.Id;
                }
            }

            if (largest < 0.0)
            {
                continue;
            }

            Decibels threshold = sf == wanted.SpreadingFactor ? options.EffectiveCaptureThreshold : matrix.Threshold(wanted.SpreadingFactor, sf);
            if (Decibels.FromLinear(signalEnergy / interference) < threshold)
            {
                return Destroyed(wanted, largestId, sf);
            }
        }

        return LoRaReceptionResult.Received;
    }

    private static LoRaReceptionResult Destroyed(in LoRaSignal wanted, int interfererId, int interfererSf) =>
        new(
            LoRaReceptionOutcome.Interference,
            interfererSf == wanted.SpreadingFactor ? LoRaReceptionRule.SameSpreadingFactorCapture : LoRaReceptionRule.InterSpreadingFactorRejection,
            interfererId,
            interfererSf);
}
