using SensorNet.RadioModels.LoRa.Reception;
using SensorNet.RadioModels.Medium;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Random;

namespace SensorNet.RadioModels.Ieee802154;

/// <summary>
/// The IEEE 802.15.4 2.4 GHz O-QPSK receiver on the shared medium: a SINR-based, random decision with interference from
/// every overlapping signal of any technology (other 802.15.4 channels, BLE, ...) weighted by its
/// <see cref="SpectralOverlap"/> with the wanted channel.
/// </summary>
/// <remarks>
/// <para><b>Source:</b> BER and PSR of <see cref="OqpskErrorModel"/> (802.15.4-2006 Annex E as in the ns-3 lr-wpan error
/// model, models.md §2, grade S); the −5 dB start-of-reception threshold <see cref="Ieee802154Phy.ReceptionThreshold"/>
/// (models.md §2); 250 kb/s. The piecewise-constant SINR over the frame (one chunk per interval between interferer
/// starts and ends, PSR the product over chunks) is the usual chunked-interference treatment of SINR-based simulators,
/// implemented here from that description only. Noise floor −174 dBm/Hz + 10·log10(2 MHz) + NF
/// (<see cref="LoRaDemodulationLimits.NoiseFloor"/>); the default noise figure of 6 dB is an assumption (U), not a
/// value from models.md, so with it the floor is −105.0 dBm.</para>
/// <para><b>Decision:</b> refused when the power is below the sensitivity or the SINR at the frame's first instant is
/// ≤ −5 dB (as <see cref="ReceptionOutcome.BelowSensitivity"/> if the SNR alone is ≤ −5 dB, else as
/// <see cref="ReceptionOutcome.Interference"/>). Otherwise the frame is received when u &lt; PSR, u uniform in [0, 1).
/// A lost frame is attributed to interference (the interferer with the highest in-band power is recorded) when
/// u &lt; PSR(noise only), i.e. the same draw would have passed without the interferers, and to noise
/// (<see cref="ReceptionOutcome.BelowSensitivity"/>, interferer −1) otherwise. A received frame that had in-band
/// interferers is <see cref="ReceptionOutcome.Captured"/>. Every call draws exactly one number from the stream, whatever
/// the branch, so a receiver's draws stay aligned when signals that do not reach its band are added.</para>
/// <para><b>Scope and limits:</b> flat spectra, no adjacent-channel leakage (see <see cref="SpectralOverlap"/>); bits
/// independent, interference treated as Gaussian noise; the whole PPDU (SHR and PHR included) counts as bits at
/// 250 kb/s, the bit index of a chunk boundary rounded down to whole 4 µs bits; no preamble capture or re-synchronisation
/// onto a stronger later frame. Give each receiver its own stream so results are reproducible. No allocation per call
/// once the scratch arrays have grown to the largest overlap seen.</para>
/// <para><b>Validation:</b> OqpskReceptionModelTests (hand-computed SINR with one interferer, thresholds, attribution) and
/// CrossTechnologyTests (802.15.4 link next to BLE advertisers).</para>
/// </remarks>
public sealed class OqpskReceptionModel : IReceptionModel
{
    private const long NanosecondsPerBit = 1_000_000_000 / Ieee802154Phy.BitRate;

    private readonly RandomStream _random;
    private readonly SinrTimeline _timeline = new();
    private (Decibels Sinr, int Bits)[] _bits = new (Decibels, int)[17];

    /// <summary>Creates the model with a 6 dB noise figure.</summary>
    /// <param name="random">This receiver's stream; one uniform number is drawn per decision.</param>
    public OqpskReceptionModel(RandomStream random)
        : this(random, DefaultNoiseFigure)
    {
    }

    /// <summary>Creates the model.</summary>
    /// <param name="random">This receiver's stream; one uniform number is drawn per decision.</param>
    /// <param name="noiseFigure">Receiver noise figure; finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">The noise figure is not finite.</exception>
    public OqpskReceptionModel(RandomStream random, Decibels noiseFigure)
    {
        _random = random ?? throw new ArgumentNullException(nameof(random));
        if (!double.IsFinite(noiseFigure.Value))
        {
            throw new ArgumentOutOfRangeException(nameof(noiseFigure), noiseFigure.Value, "Noise figure must be finite.");
        }

        NoiseFigure = noiseFigure;
        NoiseFloor = LoRaDemodulationLimits.NoiseFloor(Ieee802154Phy.ChannelWidth, noiseFigure);
    }

    /// <summary>Default receiver noise figure, 6 dB (assumption, U).</summary>
    public static Decibels DefaultNoiseFigure => new(6.0);

    /// <summary>Receiver noise figure.</summary>
    public Decibels NoiseFigure { get; }

    /// <summary>Noise floor in the 2 MHz channel: −174 dBm/Hz + 63.0 dB + NF.</summary>
    public Dbm NoiseFloor { get; }

    /// <inheritdoc/>
    public ReceptionVerdict Decide(in ArrivingSignal wanted, ReadOnlySpan<ArrivingSignal> overlapping, Dbm sensitivity)
    {
        double u = _random.NextDouble();
        if (wanted.Power < sensitivity)
        {
            return new ReceptionVerdict(ReceptionOutcome.BelowSensitivity);
        }

        _timeline.Build(wanted, overlapping, NoiseFloor);
        Decibels threshold = Ieee802154Phy.ReceptionThreshold;
        if (_timeline.Snr <= threshold)
        {
            return new ReceptionVerdict(ReceptionOutcome.BelowSensitivity);
        }

        if (_timeline.SinrAtStart <= threshold)
        {
            return new ReceptionVerdict(ReceptionOutcome.Interference, _timeline.StrongestInterfererId);
        }

        ReadOnlySpan<SinrChunk> chunks = _timeline.Chunks;
        if (_bits.Length < chunks.Length)
        {
            _bits = new (Decibels, int)[chunks.Length * 2];
        }

        long from = wanted.Transmission.Start.Nanoseconds;
        int total = 0;
        for (int i = 0; i < chunks.Length; i++)
        {
            int end = (int)((chunks[i].EndNs - from) / NanosecondsPerBit);
            _bits[i] = (chunks[i].Sinr, end - total);
            total = end;
        }

        double psr = OqpskErrorModel.PacketSuccessRate(_bits.AsSpan(0, chunks.Length));
        if (u < psr)
        {
            return new ReceptionVerdict(_timeline.Interferers > 0 ? ReceptionOutcome.Captured : ReceptionOutcome.Received);
        }

        bool noiseAloneWouldPass = _timeline.Interferers > 0 && u < OqpskErrorModel.PacketSuccessRate(_timeline.Snr, total);
        return noiseAloneWouldPass
            ? new ReceptionVerdict(ReceptionOutcome.Interference, _timeline.StrongestInterfererId)
            : new ReceptionVerdict(ReceptionOutcome.BelowSensitivity);
    }
}
