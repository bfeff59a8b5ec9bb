using SensorNet.RadioModels.Propagation;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.RadioModels.Medium;

/// <summary>What a port's receiver listens for.</summary>
/// <param name="Channels">Carrier frequencies it demodulates.</param>
/// <param name="Bandwidth">Channel bandwidth.</param>
/// <param name="SpreadingFactor">LoRa SF it demodulates; 0 for any (a gateway's multi-SF demodulators).</param>
/// <param name="Demodulators">Frames it can receive at once: 1 for a node, 8 for an SX1301 gateway.</param>
/// <param name="Sensitivity">Sensitivity for a frame of the given spreading factor (0 for non-LoRa).</param>
/// <param name="Model">Decides whether a locked frame survives.</param>
public sealed record ReceiverSettings(IReadOnlyList<Hertz> Channels, Hertz Bandwidth, int SpreadingFactor, int Demodulators, Func<int, Dbm> Sensitivity, IReceptionModel Model);

/// <summary>Told about frames a port received.</summary>
public interface IRadioPortListener
{
    /// <summary>A frame this port locked onto ended with <paramref name="verdict"/> (delivered only if received or captured).</summary>
    void OnReceived(Transmission transmission, ReceptionVerdict verdict, SimTime now);
}

/// <summary>
/// A node's (or gateway's) antenna on the <see cref="WirelessMedium"/>: its position, whether and what its receiver is
/// listening for, and the signals currently arriving at it. Half-duplex: transmitting aborts every reception in progress.
/// </summary>
public sealed class RadioPort
{
    internal RadioPort(WirelessMedium medium, int nodeId, Position position, ReceiverSettings? receiver, IRadioPortListener? listener)
    {
        Medium = medium;
        NodeId = nodeId;
        Position = position;
        Receiver = receiver;
        Listener = listener;
        Listening = receiver is not null;
    }

    /// <summary>The medium.</summary>
    public WirelessMedium Medium { get; }

    /// <summary>Node or gateway id.</summary>
    public int NodeId { get; }

    /// <summary>Antenna position.</summary>
    public Position Position { get; }

    /// <summary>What the receiver listens for; null for a transmit-only port.</summary>
    public ReceiverSettings? Receiver { get; }

    /// <summary>Told about frames received here.</summary>
    public IRadioPortListener? Listener { get; }

    /// <summary>True while the receiver is on (a LoRaWAN class A device only in its receive windows).</summary>
    public bool Listening { get; set; }

    /// <summary>True while this port transmits.</summary>
    public bool IsTransmitting { get; internal set; }

    /// <summary>Frames being received now.</summary>
    public int Locks { get; internal set; }

    // Signals arriving here above the interference floor; kept while a locked frame may still need them.
    internal List<Arrival> Signals { get; } = [];

    internal struct Arrival
    {
        public Transmission Tx;
        public Dbm Power;
        public bool Locked;
        public bool Aborted;
        public bool Ended;
    }
}
