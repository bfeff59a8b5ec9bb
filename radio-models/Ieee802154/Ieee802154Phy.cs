using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.RadioModels.Ieee802154;

/// <summary>
/// Constants and timing of the IEEE 802.15.4 2.4 GHz O-QPSK PHY (250 kb/s) and the MAC timing that depends on it.
/// </summary>
/// <remarks>
/// <para><b>Source:</b> IEEE Std 802.15.4-2006/2011 (PHY constants, channel page 0 channels 11–26, SIFS/LIFS,
/// macAckWaitDuration), as collected in models.md §2 and cross-checked against the values encoded in ns-3
/// <c>lr-wpan-constants.h</c>, <c>lr-wpan-phy.cc</c> and <c>LrWpanMac::GetMacAckWaitDuration</c> (facts only, no code taken).
/// The −5 dB reception threshold is the one ns-3 applies when a reception starts (802.15.4-2006 Annex E, Figure E.2).</para>
/// <para><b>Scope:</b> the 2.4 GHz O-QPSK PHY only (no 868/915 MHz BPSK, no SUN/UWB PHYs); times are exact whole
/// nanoseconds. <see cref="MacAckWaitDuration"/> is the 2.4 GHz value with phySHRDuration = 10 symbols.
/// <b>Validation:</b> Ieee802154PhyTests (frame durations from (PSDU + 6)·32 µs, SIFS/LIFS boundary at 18 B, 864 µs).</para>
/// </remarks>
public static class Ieee802154Phy
{
    /// <summary>Data rate, bits per second.</summary>
    public const int BitRate = 250_000;

    /// <summary>Data bits carried by one O-QPSK symbol (one 32-chip sequence).</summary>
    public const int BitsPerSymbol = 4;

    /// <summary>phySymbolsPerOctet: symbols per byte.</summary>
    public const int SymbolsPerOctet = 2;

    /// <summary>Symbol time, µs (62.5 ksymbol/s).</summary>
    public const int SymbolTimeMicroseconds = 16;

    /// <summary>Preamble length, symbols (4 zero bytes).</summary>
    public const int PreambleSymbols = 8;

    /// <summary>Start-of-frame delimiter length, symbols (1 byte).</summary>
    public const int SfdSymbols = 2;

    /// <summary>PHY header (frame length byte), symbols.</summary>
    public const int PhrSymbols = 2;

    /// <summary>Synchronisation header (preamble + SFD), symbols: phySHRDuration.</summary>
    public const int ShrSymbols = PreambleSymbols + SfdSymbols;

    /// <summary>Bytes before the PSDU on air: SHR (5 B) + PHR (1 B).</summary>
    public const int PpduHeaderBytes = (ShrSymbols + PhrSymbols) / SymbolsPerOctet;

    /// <summary>aMaxPHYPacketSize: the largest PSDU, bytes.</summary>
    public const int MaxPhyPacketSize = 127;

    /// <summary>aTurnaroundTime: RX↔TX turnaround, symbols.</summary>
    public const int TurnaroundSymbols = 12;

    /// <summary>aUnitBackoffPeriod: the CSMA-CA backoff unit, symbols.</summary>
    public const int UnitBackoffPeriodSymbols = 20;

    /// <summary>CCA detection time, symbols.</summary>
    public const int CcaSymbols = 8;

    /// <summary>aMinMPDUOverhead, bytes.</summary>
    public const int MinMpduOverhead = 9;

    /// <summary>aMaxSIFSFrameSize: the largest MPDU followed by a short interframe spacing, bytes.</summary>
    public const int MaxSifsFrameSize = 18;

    /// <summary>macSIFSPeriod, symbols.</summary>
    public const int SifsSymbols = 12;

    /// <summary>macLIFSPeriod, symbols.</summary>
    public const int LifsSymbols = 40;

    /// <summary>
    /// macAckWaitDuration, symbols: aUnitBackoffPeriod + aTurnaroundTime + phySHRDuration + ⌈6·phySymbolsPerOctet⌉
    /// = 20 + 12 + 10 + 12.
    /// </summary>
    public const int MacAckWaitSymbols = UnitBackoffPeriodSymbols + TurnaroundSymbols + ShrSymbols + (6 * SymbolsPerOctet);

    /// <summary>The lowest 2.4 GHz channel number (channel page 0).</summary>
    public const int FirstChannel = 11;

    /// <summary>The highest 2.4 GHz channel number (channel page 0).</summary>
    public const int LastChannel = 26;

    /// <summary>Symbol time, 16 µs.</summary>
    public static SimDuration SymbolTime => SimDuration.FromMicroseconds(SymbolTimeMicroseconds);

    /// <summary>Synchronisation header on air, 160 µs.</summary>
    public static SimDuration ShrDuration => Symbols(ShrSymbols);

    /// <summary>PHY header on air, 32 µs.</summary>
    public static SimDuration PhrDuration => Symbols(PhrSymbols);

    /// <summary>aTurnaroundTime, 192 µs.</summary>
    public static SimDuration TurnaroundTime => Symbols(TurnaroundSymbols);

    /// <summary>aUnitBackoffPeriod, 320 µs.</summary>
    public static SimDuration UnitBackoffPeriod => Symbols(UnitBackoffPeriodSymbols);

    /// <summary>CCA detection time, 128 µs.</summary>
    public static SimDuration CcaDuration => Symbols(CcaSymbols);

    /// <summary>Short interframe spacing, 192 µs.</summary>
    public static SimDuration Sifs => Symbols(SifsSymbols);

    /// <summary>Long interframe spacing, 640 µs.</summary>
    public static SimDuration Lifs => Symbols(LifsSymbols);

    /// <summary>macAckWaitDuration, 54 symbols = 864 µs.</summary>
    public static SimDuration MacAckWaitDuration => Symbols(MacAckWaitSymbols);

    /// <summary>Channel width, 2 MHz.</summary>
    public static Hertz ChannelWidth => Hertz.FromMegahertz(2);

    /// <summary>
    /// SINR at or below which the PHY does not start a reception: −5 dB. A frame is receivable when SINR &gt; −5 dB.
    /// </summary>
    public static Decibels ReceptionThreshold => new(-5.0);

    /// <summary>Centre frequency of 2.4 GHz channel <paramref name="channel"/>: 2405 + 5·(k − 11) MHz.</summary>
    /// <param name="channel">Channel number, 11–26.</param>
    /// <exception cref="ArgumentOutOfRangeException">The channel is outside 11–26.</exception>
    public static Hertz ChannelCenterFrequency(int channel)
    {
        if (channel is < FirstChannel or > LastChannel)
        {
            throw new ArgumentOutOfRangeException(nameof(channel), channel, "2.4 GHz O-QPSK channels are 11–26.");
        }

        return Hertz.FromMegahertz(2405 + (5 * (channel - FirstChannel)));
    }

    /// <summary>Time on air of a PPDU carrying <paramref name="psduBytes"/> bytes: (PSDU + 6)·32 µs.</summary>
    /// <param name="psduBytes">PSDU (MPDU) length, bytes, 0–127.</param>
    /// <exception cref="ArgumentOutOfRangeException">The length is outside 0–127.</exception>
    public static SimDuration FrameDuration(int psduBytes)
    {
        CheckLength(psduBytes, nameof(psduBytes));
        return Symbols((psduBytes + PpduHeaderBytes) * SymbolsPerOctet);
    }

    /// <summary>
    /// Interframe spacing after a frame of <paramref name="mpduBytes"/> bytes: SIFS (12 symbols) when the MPDU is at most
    /// aMaxSIFSFrameSize (18 B), otherwise LIFS (40 symbols).
    /// </summary>
    /// <param name="mpduBytes">MPDU length, bytes, 0–127.</param>
    /// <exception cref="ArgumentOutOfRangeException">The length is outside 0–127.</exception>
    public static SimDuration InterframeSpacing(int mpduBytes)
    {
        CheckLength(mpduBytes, nameof(mpduBytes));
        return mpduBytes <= MaxSifsFrameSize ? Sifs : Lifs;
    }

    /// <summary>Duration of <paramref name="symbols"/> O-QPSK symbols.</summary>
    /// <param name="symbols">Number of symbols, ≥ 0.</param>
    public static SimDuration Symbols(int symbols)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(symbols);
        return SimDuration.FromMicroseconds((long)symbols * SymbolTimeMicroseconds);
    }

    private static void CheckLength(int bytes, string name)
    {
        if (bytes is < 0 or > MaxPhyPacketSize)
        {
            throw new ArgumentOutOfRangeException(name, bytes, "An 802.15.4 PSDU is 0–127 bytes.");
        }
    }
}
