using System.Globalization;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.RadioModels.LoRa;

/// <summary>LoRa modulation and framing parameters of one transmission.</summary>
/// <remarks>Validated on construction: SF 5–12, bandwidth &gt; 0, coding rate 1–4 (4/5–4/8), preamble 6–65535 symbols.</remarks>
public sealed record LoRaModulation
{
    /// <summary>Creates and validates a parameter set.</summary>
    /// <param name="spreadingFactor">Spreading factor SF, 5–12.</param>
    /// <param name="bandwidth">Signal bandwidth, e.g. 125 kHz.</param>
    /// <param name="codingRate">Coding-rate index CR 1–4, meaning 4/5–4/8.</param>
    /// <param name="preambleSymbols">Programmed preamble length, in symbols (8 for LoRaWAN).</param>
    /// <param name="explicitHeader">Explicit (true) or implicit header mode.</param>
    /// <param name="crc">Payload CRC on.</param>
    /// <param name="ldro">Low-data-rate optimisation rule.</param>
    public LoRaModulation(int spreadingFactor, Hertz bandwidth, int codingRate, int preambleSymbols = 8, bool explicitHeader = true, bool crc = true, LdroMode ldro = LdroMode.Auto)
    {
        if (spreadingFactor is < 5 or > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(spreadingFactor), spreadingFactor, "LoRa spreading factor must be 5–12.");
        }

        if (!(bandwidth.Value > 0) || !double.IsFinite(bandwidth.Value))
        {
            throw new ArgumentOutOfRangeException(nameof(bandwidth), bandwidth, "LoRa bandwidth must be > 0 Hz.");
        }

        if (codingRate is < 1 or > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(codingRate), codingRate, "LoRa coding rate index must be 1–4 (4/5–4/8).");
        }

        if (preambleSymbols is < 6 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(preambleSymbols), preambleSymbols, "LoRa preamble must be 6–65535 symbols.");
        }

        SpreadingFactor = spreadingFactor;
        Bandwidth = bandwidth;
        CodingRate = codingRate;
        PreambleSymbols = preambleSymbols;
        ExplicitHeader = explicitHeader;
        Crc = crc;
        Ldro = ldro;
    }

    /// <summary>Spreading factor SF (5–12).</summary>
    public int SpreadingFactor { get; }

    /// <summary>Signal bandwidth.</summary>
    public Hertz Bandwidth { get; }

    /// <summary>Coding-rate index CR (1–4 for 4/5–4/8).</summary>
    public int CodingRate { get; }

    /// <summary>Programmed preamble length, in symbols.</summary>
    public int PreambleSymbols { get; }

    /// <summary>Explicit header mode.</summary>
    public bool ExplicitHeader { get; }

    /// <summary>Payload CRC on.</summary>
    public bool Crc { get; }

    /// <summary>LDRO rule.</summary>
    public LdroMode Ldro { get; }

    /// <summary>Symbol time Tsym = 2^SF / BW, in seconds.</summary>
    public double SymbolTimeSeconds => (1 << SpreadingFactor) / Bandwidth.Value;

    /// <summary>Whether LDRO (DE = 1) applies under <see cref="Ldro"/>.</summary>
    public bool LdroApplied => Ldro switch
    {
        LdroMode.On => true,
        LdroMode.Off => false,
        _ => SymbolTimeSeconds > 0.016,
    };

    /// <summary>The coding rate as written, e.g. <c>4/5</c>.</summary>
    public string CodingRateText => string.Create(CultureInfo.InvariantCulture, $"4/{CodingRate + 4}");
}
