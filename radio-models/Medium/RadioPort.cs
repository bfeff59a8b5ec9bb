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
/// <param name="InvertedIq">Demodulates inverted-IQ frames (LoRaWAN downlinks) instead of normal ones.</param>
/// <param name="SymbolTime">
/// The symbol time of the modulation it demodulates (16 µs for 802.15.4 O-QPSK, 1 µs for BLE 1M), so that it does not
/// lock onto another technology's frame on the same carrier and bandwidth (BLE channel 39 and 802.15.4 channel 26 are
/// both 2480 MHz, 2 MHz wide); such frames still reach it as interference. Null accepts any symbol time (LoRa receivers,
/// whose symbol time follows the spreading factor).
/// </param>
public sealed record ReceiverSettings(IReadOnlyList<Hertz> Channels, Hertz Bandwidth, int SpreadingFactor, int Demodulators, Func<int, Dbm> Sensitivity, IReceptionModel Model, bool InvertedIq = false, SimDuration? SymbolTime = null);

/// <summary>Told about frames a port received.</summary>
public interface IRadioPortListener
{
    /// <summary>
    /// A frame this port locked onto has ended with <paramref name="verdict"/>: delivered if received or captured,
    /// otherwise lost (the receiver is free again either way).
    /// </summary>
    void OnReceived(RadioPort receiver, Transmission transmission, Dbm power, ReceptionVerdict verdict, SimTime now);
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
        _listening = receiver is not null;
    }

    /// <summary>The medium.</summary>
    public WirelessMedium Medium { get; }

    /// <summary>Node or gateway id.</summary>
    public int NodeId { get; }

    /// <summary>Antenna position.</summary>
    public Position Position { get; }

    /// <summary>What the receiver listens for; null for a transmit-only port. Retune between frames (a LoRaWAN device's
    /// RX1 and RX2 windows listen on different carriers and spreading factors).</summary>
    public ReceiverSettings? Receiver { get; set; }

    /// <summary>Told about frames received here.</summary>
    public IRadioPortListener? Listener { get; set; }

    /// <summary>
    /// True while the receiver is on (a LoRaWAN class A device only in its receive windows). Only listening ports are in
    /// the medium's spatial index, so sleeping receivers cost nothing per transmission; a receiver that turns on hears
    /// only frames that start while it is on (as a real receiver, which must catch the preamble) and is not charged the
    /// interference of frames already on the air.
    /// </summary>
    public bool Listening
    {
        get => _listening;
        set
        {
            if (value == _listening)
            {
                return;
            }

            if (value && Receiver is null)
            {
                throw new InvalidOperationException($"Node {NodeId}'s port has no receiver settings.");
            }

            _listening = value;
            Medium.ListeningChanged(this);
        }
    }

    private bool _listening;

    /// <summary>
    /// True while the receiver is off (not <see cref="Listening"/>): then nothing on the medium can act on the node, so a
    /// node's steps may run ahead of other nodes' events (the node's <c>EventDomain.MayRunAhead</c>, bound to this port).
    /// </summary>
    public bool ReceiverOff() => !_listening;

    /// <summary>True while this port transmits.</summary>
    public bool IsTransmitting { get; internal set; }

    /// <summary>Frames being received now.</summary>
    public int Locks { get; internal set; }

    // Signals arriving here above the interference floor, in the order they started; kept while a locked frame may still
    // need them.
    internal List<Arrival> Signals { get; } = [];

    // No ended signal in Signals ended before this (MaxValue: none has ended): lets WirelessMedium.Prune stop early.
    internal SimTime EarliestEndedEnd { get; set; } = SimTime.MaxValue;

    internal struct Arrival
    {
        public Transmission Tx;
        public Dbm Power;
        public bool Locked;
        public bool Ended;
    }
}
