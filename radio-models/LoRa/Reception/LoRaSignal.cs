using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.RadioModels.LoRa.Reception;

/// <summary>
/// One LoRa transmission as seen at one receiver: its time on air at that receiver, carrier, modulation and
/// received power. The input of the reception rules.
/// </summary>
/// <remarks>
/// <para>The preamble timing rules need the start of the frame, the symbol time 2^SF/BW and the programmed
/// preamble length: LoRaSim's rule protects the first Npreamble − 5 symbols, FLoRa's needs the last 6 preamble
/// symbols (models.md §1.3, §1.4). Both are offsets of whole symbols from <see cref="Start"/>, given by
/// <see cref="PreambleSymbolBoundary"/>.</para>
/// <para><b>Scope:</b> the power is constant over the frame; the end is the end of reception (start + time on
/// air, plus propagation delay if the caller models it).</para>
/// </remarks>
public readonly record struct LoRaSignal
{
    /// <summary>Creates and validates a signal.</summary>
    /// <param name="id">Identifier of the transmission, reported when it destroys another one.</param>
    /// <param name="start">Instant the first preamble symbol arrives.</param>
    /// <param name="end">Instant the frame ends; not earlier than <paramref name="start"/>.</param>
    /// <param name="frequency">Carrier (centre) frequency.</param>
    /// <param name="bandwidth">Signal bandwidth, e.g. 125 kHz.</param>
    /// <param name="spreadingFactor">Spreading factor, 5–12.</param>
    /// <param name="receivedPower">Received power at this receiver.</param>
    /// <param name="preambleSymbols">Programmed preamble length, in symbols (8 for LoRaWAN), 6–65535.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range.</exception>
    public LoRaSignal(int id, SimTime start, SimTime end, Hertz frequency, Hertz bandwidth, int spreadingFactor, Dbm receivedPower, int preambleSymbols = 8)
    {
        if (end < start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, "A signal cannot end before it starts.");
        }

        if (!(bandwidth.Value > 0) || !double.IsFinite(bandwidth.Value))
        {
            throw new ArgumentOutOfRangeException(nameof(bandwidth), bandwidth, "LoRa bandwidth must be > 0 Hz.");
        }

        if (spreadingFactor is < 5 or > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(spreadingFactor), spreadingFactor, "LoRa spreading factor must be 5–12.");
        }

        if (preambleSymbols is < 6 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(preambleSymbols), preambleSymbols, "LoRa preamble must be 6–65535 symbols.");
        }

        Id = id;
        Start = start;
        End = end;
        Frequency = frequency;
        Bandwidth = bandwidth;
        SpreadingFactor = spreadingFactor;
        ReceivedPower = receivedPower;
        PreambleSymbols = preambleSymbols;
    }

    /// <summary>Creates a signal from a modulation and its time on air (see <see cref="LoRaTimeOnAir"/>).</summary>
    /// <param name="id">Identifier of the transmission.</param>
    /// <param name="start">Instant the first preamble symbol arrives.</param>
    /// <param name="airtime">Time on air of the frame.</param>
    /// <param name="frequency">Carrier frequency.</param>
    /// <param name="modulation">Modulation (SF, bandwidth, preamble length).</param>
    /// <param name="receivedPower">Received power at this receiver.</param>
    public static LoRaSignal Create(int id, SimTime start, SimDuration airtime, Hertz frequency, LoRaModulation modulation, Dbm receivedPower)
    {
        ArgumentNullException.ThrowIfNull(modulation);
        return new LoRaSignal(id, start, start + airtime, frequency, modulation.Bandwidth, modulation.SpreadingFactor, receivedPower, modulation.PreambleSymbols);
    }

    /// <summary>Identifier of the transmission.</summary>
    public int Id { get; }

    /// <summary>Instant the first preamble symbol arrives.</summary>
    public SimTime Start { get; }

    /// <summary>Instant the frame ends.</summary>
    public SimTime End { get; }

    /// <summary>Carrier (centre) frequency.</summary>
    public Hertz Frequency { get; }

    /// <summary>Signal bandwidth.</summary>
    public Hertz Bandwidth { get; }

    /// <summary>Spreading factor (5–12).</summary>
    public int SpreadingFactor { get; }

    /// <summary>Received power at this receiver.</summary>
    public Dbm ReceivedPower { get; }

    /// <summary>Programmed preamble length, in symbols.</summary>
    public int PreambleSymbols { get; }

    /// <summary>Duration of the frame at this receiver.</summary>
    public SimDuration Duration => End - Start;

    /// <summary>Symbol time Tsym = 2^SF / BW, in seconds.</summary>
    public double SymbolTimeSeconds => (1 << SpreadingFactor) / Bandwidth.Value;

    /// <summary>
    /// The instant <paramref name="symbols"/> whole symbols after <see cref="Start"/>, rounded to the nearest
    /// nanosecond (exact for 125, 250 and 500 kHz, where Tsym is a whole number of nanoseconds).
    /// </summary>
    /// <param name="symbols">Number of symbols from the start; may be 0.</param>
    public SimTime PreambleSymbolBoundary(int symbols)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(symbols);
        double ns = symbols * (double)(1L << SpreadingFactor) * SimDuration.NanosecondsPerSecond / Bandwidth.Value;
        return Start + SimDuration.FromNanoseconds((long)Math.Round(ns, MidpointRounding.AwayFromZero));
    }

    /// <summary>Time both signals are on air: max(0, min(end) − max(start)) (ns-3 <c>GetOverlapTime</c>, models.md §1.4).</summary>
    /// <param name="other">The other signal.</param>
    public SimDuration OverlapWith(in LoRaSignal other)
    {
        SimTime from = SimTime.Max(Start, other.Start);
        SimTime to = SimTime.Min(End, other.End);
        return to > from ? to - from : SimDuration.Zero;
    }
}
