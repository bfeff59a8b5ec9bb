using SensorNet.RadioModels.LoRa.Reception;
using SensorNet.RadioModels.Medium;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.RadioModels.Ble;

/// <summary>
/// A BLE 1M GFSK receiver on the shared medium: a deterministic SINR threshold over the whole frame, with interference
/// from every overlapping signal of any technology weighted by its <see cref="SpectralOverlap"/>.
/// </summary>
/// <remarks>
/// <para><b>Source:</b> models.md has no BER model for BLE GFSK, so this is a threshold (capture) model: the frame is
/// received when its SNR and its lowest SINR over the frame (piecewise constant between interferer starts and ends) are
/// both at least <see cref="CaptureThreshold"/>. The default of 8 dB is an assumed co-channel rejection of the order
/// that BLE transceiver datasheets quote; it is not taken from models.md or from a verified datasheet (U). Noise floor
/// −174 dBm/Hz + 10·log10(2 MHz) + NF with an assumed NF of 6 dB (U): −105.0 dBm, so the SNR condition alone acts as
/// a sensitivity of about −97 dBm.</para>
/// <para><b>Scope and limits:</b> no BER curve (a frame is all or nothing at the threshold), no preamble/access-address
/// synchronisation model, no adjacent-channel selectivity beyond the flat <see cref="SpectralOverlap"/>, no frequency
/// hopping logic (the caller chooses channels). Deterministic: no random draws. No allocation per call once the scratch
/// arrays have grown.</para>
/// <para><b>Outcomes:</b> below sensitivity or SNR below the threshold → <see cref="ReceptionOutcome.BelowSensitivity"/>;
/// lowest SINR below the threshold → <see cref="ReceptionOutcome.Interference"/> with the interferer of highest in-band
/// power; otherwise <see cref="ReceptionOutcome.Captured"/> if there were in-band interferers, else
/// <see cref="ReceptionOutcome.Received"/>.</para>
/// <para><b>Validation:</b> BleReceptionModelTests.</para>
/// </remarks>
public sealed class BleReceptionModel : IReceptionModel
{
    private readonly SinrTimeline _timeline = new();

    /// <summary>Creates the model with an 8 dB threshold and a 6 dB noise figure (both U).</summary>
    public BleReceptionModel()
        : this(DefaultCaptureThreshold, new Decibels(6.0))
    {
    }

    /// <summary>Creates the model.</summary>
    /// <param name="captureThreshold">SINR needed throughout the frame; finite.</param>
    /// <param name="noiseFigure">Receiver noise figure; finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is not finite.</exception>
    public BleReceptionModel(Decibels captureThreshold, Decibels noiseFigure)
    {
        if (!double.IsFinite(captureThreshold.Value) || !double.IsFinite(noiseFigure.Value))
        {
            throw new ArgumentOutOfRangeException(nameof(captureThreshold), "Threshold and noise figure must be finite.");
        }

        CaptureThreshold = captureThreshold;
        NoiseFloor = LoRaDemodulationLimits.NoiseFloor(BleChannels.ChannelWidth, noiseFigure);
    }

    /// <summary>Default SINR threshold, 8 dB (assumed co-channel rejection, U).</summary>
    public static Decibels DefaultCaptureThreshold => new(8.0);

    /// <summary>SINR needed throughout the frame.</summary>
    public Decibels CaptureThreshold { get; }

    /// <summary>Noise floor in the 2 MHz channel.</summary>
    public Dbm NoiseFloor { get; }

    /// <inheritdoc/>
    public ReceptionVerdict Decide(in ArrivingSignal wanted, ReadOnlySpan<ArrivingSignal> overlapping, Dbm sensitivity)
    {
        if (wanted.Power < sensitivity)
        {
            return new ReceptionVerdict(ReceptionOutcome.BelowSensitivity);
        }

        _timeline.Build(wanted, overlapping, NoiseFloor);
        if (_timeline.Snr < CaptureThreshold)
        {
            return new ReceptionVerdict(ReceptionOutcome.BelowSensitivity);
        }

        foreach (SinrChunk chunk in _timeline.Chunks)
        {
            if (chunk.Sinr < CaptureThreshold)
            {
                return new ReceptionVerdict(ReceptionOutcome.Interference, _timeline.StrongestInterfererId);
            }
        }

        return new ReceptionVerdict(_timeline.Interferers > 0 ? ReceptionOutcome.Captured : ReceptionOutcome.Received);
    }
}
