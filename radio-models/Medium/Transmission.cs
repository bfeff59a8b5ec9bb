using SensorNet.SimEngine;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.RadioModels.Medium;

/// <summary>
/// One frame on the air: who sent it, on which carrier and bandwidth, with what power and modulation, from when to
/// when. Owned and recycled by <see cref="WirelessMedium"/>: read it only during the callbacks that pass it.
/// </summary>
public sealed class Transmission : IEventHandler
{
    private readonly WirelessMedium _medium;

    internal Transmission(WirelessMedium medium, Simulation simulation)
    {
        _medium = medium;
        // The air outlives any node's power cycle: the end of a frame belongs to no board's event domain.
        using (simulation.EnterDomain(null))
        {
            EndTimer = new SimTimer(simulation, this);
        }
    }

    /// <summary>Unique id in the run (in order of start).</summary>
    public long Id { get; internal set; }

    /// <summary>The sending port.</summary>
    public RadioPort Sender { get; internal set; } = null!;

    /// <summary>Carrier frequency.</summary>
    public Hertz Frequency { get; internal set; }

    /// <summary>Occupied bandwidth.</summary>
    public Hertz Bandwidth { get; internal set; }

    /// <summary>LoRa spreading factor; 0 for other modulations.</summary>
    public int SpreadingFactor { get; internal set; }

    /// <summary>Symbol duration (LoRa: 2^SF / BW), for preamble timing rules.</summary>
    public SimDuration SymbolTime { get; internal set; }

    /// <summary>Preamble length in symbols.</summary>
    public int PreambleSymbols { get; internal set; }

    /// <summary>Conducted transmit power.</summary>
    public Dbm TxPower { get; internal set; }

    /// <summary>First instant on the air.</summary>
    public SimTime Start { get; internal set; }

    /// <summary>End of the frame.</summary>
    public SimTime End { get; internal set; }

    /// <summary>PHY payload length.</summary>
    public int PayloadBytes { get; internal set; }

    /// <summary>LoRa IQ polarity: inverted for LoRaWAN downlinks, so uplink receivers do not demodulate them and vice versa.</summary>
    public bool InvertedIq { get; internal set; }

    /// <summary>Opaque data of the sender (a frame counter, a message kind).</summary>
    public long Tag { get; internal set; }

    internal SimTimer EndTimer { get; }

    // Receivers that hold this transmission among their signals; it is recycled once none does.
    internal List<RadioPort> Reached { get; } = [];

    internal int Holders { get; set; }

    internal bool Ended { get; set; }

    /// <inheritdoc/>
    void IEventHandler.OnEvent(SimTime now, long tag) => _medium.EndTransmission(this);
}
