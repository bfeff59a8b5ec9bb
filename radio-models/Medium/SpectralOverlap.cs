using SensorNet.SimEngine.Quantities;

namespace SensorNet.RadioModels.Medium;

/// <summary>
/// The fraction of an interferer's power that falls into a receiver's channel, with both spectra modelled as flat over
/// their bandwidth: overlap width / interferer bandwidth, 0 if the bands are disjoint.
/// </summary>
/// <remarks>
/// <para><b>Source:</b> the rectangular-spectrum (band-overlap) approximation commonly used in cross-technology
/// coexistence analyses of IEEE 802.15.4, Bluetooth and Wi-Fi in the 2.4 GHz band: the interference power a receiver
/// sees is the interferer's received power scaled by the share of its occupied band that lies inside the receiver's
/// channel. It is stated here as a general modelling approach, not as the model of one specific paper; no code was
/// taken from any simulator.</para>
/// <para><b>Scope and limits:</b> real spectra are not flat (O-QPSK half-sine and GFSK spectra have main lobes and
/// side lobes), and adjacent-channel leakage and receiver selectivity outside the nominal band are ignored: two bands
/// that only touch, or are disjoint, give exactly 0. The receiver's filter is assumed ideal over its bandwidth.
/// Pure and allocation-free.</para>
/// <para><b>Validation:</b> SpectralOverlapTests (identical, partial, contained, touching and disjoint bands).</para>
/// </remarks>
public static class SpectralOverlap
{
    /// <summary>
    /// Fraction in [0, 1] of the power of an interferer centred at <paramref name="interfererCenter"/> with width
    /// <paramref name="interfererBandwidth"/> that falls into a receiver channel centred at
    /// <paramref name="receiverCenter"/> with width <paramref name="receiverBandwidth"/>.
    /// </summary>
    /// <param name="receiverCenter">Centre frequency of the receiver's channel.</param>
    /// <param name="receiverBandwidth">Width of the receiver's channel; finite and &gt; 0.</param>
    /// <param name="interfererCenter">Centre frequency of the interferer.</param>
    /// <param name="interfererBandwidth">Occupied bandwidth of the interferer; finite and &gt; 0.</param>
    /// <returns>Overlap width divided by the interferer's bandwidth; 0 when the bands are disjoint or only touch.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A bandwidth is not finite and positive, or a centre is not finite.</exception>
    public static double Fraction(Hertz receiverCenter, Hertz receiverBandwidth, Hertz interfererCenter, Hertz interfererBandwidth)
    {
        CheckBand(receiverCenter, receiverBandwidth, nameof(receiverBandwidth));
        CheckBand(interfererCenter, interfererBandwidth, nameof(interfererBandwidth));
        double low = Math.Max(receiverCenter.Value - (receiverBandwidth.Value / 2), interfererCenter.Value - (interfererBandwidth.Value / 2));
        double high = Math.Min(receiverCenter.Value + (receiverBandwidth.Value / 2), interfererCenter.Value + (interfererBandwidth.Value / 2));
        return high <= low ? 0.0 : Math.Min((high - low) / interfererBandwidth.Value, 1.0);
    }

    private static void CheckBand(Hertz center, Hertz bandwidth, string name)
    {
        if (!double.IsFinite(center.Value) || !double.IsFinite(bandwidth.Value) || bandwidth.Value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, bandwidth.Value, "Centre must be finite and bandwidth finite and > 0 Hz.");
        }
    }
}
