using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.RadioModels.LoRa.LoRaWan;

/// <summary>
/// EU868 regional constants of LoRaWAN class A (LoRaMac-node <c>RegionEU868.h</c>, <c>RegionCommon.h</c>; models.md
/// §1.6, grade P): receive-window delays, the RX2 channel, the default uplink channels, data rates, and the duty-cycle
/// sub-bands of ETSI EN 300 220 as the reference stack groups them.
/// </summary>
/// <remarks>
/// Sub-bands and limits (LoRaMac-node's EU868 bands): 863–865 MHz 0.1 %, 865–868 MHz 1 %, 868.0–868.6 MHz 1 %,
/// 868.7–869.2 MHz 0.1 %, 869.4–869.65 MHz 10 %, 869.7–870 MHz 1 %. After a frame of airtime T in a sub-band with duty
/// cycle d, that sub-band stays closed for T·(1/d − 1), LoRaMac-node's "time-off" rule. The band edges are grade U
/// here (not re-checked against the ETSI text).
/// </remarks>
public static class Eu868
{
    /// <summary>RX1 opens this long after the end of the uplink.</summary>
    public static SimDuration Rx1Delay { get; } = SimDuration.FromSeconds(1);

    /// <summary>RX2 opens this long after the end of the uplink.</summary>
    public static SimDuration Rx2Delay { get; } = SimDuration.FromSeconds(2);

    /// <summary>RX2 carrier.</summary>
    public static Hertz Rx2Frequency { get; } = Hertz.FromKilohertz(869_525);

    /// <summary>RX2 spreading factor (DR0).</summary>
    public const int Rx2SpreadingFactor = 12;

    /// <summary>The three default uplink channels.</summary>
    public static IReadOnlyList<Hertz> DefaultChannels { get; } = [Hertz.FromKilohertz(868_100), Hertz.FromKilohertz(868_300), Hertz.FromKilohertz(868_500)];

    /// <summary>Spreading factor of data rate DR0–DR5 (BW125): SF12 − DR.</summary>
    public static int SpreadingFactorOf(int dataRate) =>
        dataRate is >= 0 and <= 5 ? 12 - dataRate : throw new ArgumentOutOfRangeException(nameof(dataRate), dataRate, "EU868 BW125 data rates are DR0–DR5.");

    private static readonly (double LowHz, double HighHz, double DutyCycle)[] Bands =
    [
        (863.0e6, 865.0e6, 0.001),
        (865.0e6, 868.0e6, 0.01),
        (868.0e6, 868.6e6, 0.01),
        (868.7e6, 869.2e6, 0.001),
        (869.4e6, 869.65e6, 0.1),
        (869.7e6, 870.0e6, 0.01),
    ];

    /// <summary>Number of duty-cycle sub-bands.</summary>
    public static int SubBandCount => Bands.Length;

    /// <summary>The sub-band of a carrier and its duty-cycle limit.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The carrier lies outside every EU868 sub-band.</exception>
    public static (int Index, double DutyCycle) SubBand(Hertz frequency)
    {
        for (int i = 0; i < Bands.Length; i++)
        {
            if (frequency.Value >= Bands[i].LowHz && frequency.Value <= Bands[i].HighHz)
            {
                return (i, Bands[i].DutyCycle);
            }
        }

        throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "The carrier lies outside the EU868 sub-bands (863–870 MHz, with gaps).");
    }
}
