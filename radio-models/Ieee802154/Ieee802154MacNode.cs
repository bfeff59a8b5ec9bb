using SensorNet.RadioModels.Medium;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;

namespace SensorNet.RadioModels.Ieee802154;

/// <summary>Settings of an <see cref="Ieee802154MacNode"/>.</summary>
/// <param name="CcaThreshold">Energy-detection threshold of the CCA (U: a typical −75 dBm; 802.15.4 allows up to 10 dB above sensitivity).</param>
/// <param name="MaxFrameRetries">Retransmissions after a missing ACK (macMaxFrameRetries, 3).</param>
/// <param name="QueueCapacity">Frames waiting behind the one being sent; more are dropped and counted.</param>
public sealed record Ieee802154MacOptions(Dbm CcaThreshold, int MaxFrameRetries = 3, int QueueCapacity = 8)
{
    /// <summary>The 802.15.4-2006 defaults with a −75 dBm ED threshold.</summary>
    public static Ieee802154MacOptions Default { get; } = new(new Dbm(-75));
}

/// <summary>
/// An always-on IEEE 802.15.4 node (Tock's AwakeMac; a border router or a mains-powered sender) on the shared medium:
/// unslotted CSMA-CA before every data frame (<see cref="UnslottedCsmaCa"/>, CCA by energy detection over the channel
/// at the end of the 8-symbol CCA), aTurnaroundTime before transmitting, acknowledgement requested for every data
/// frame and awaited for macAckWaitDuration (864 µs) after its end, up to macMaxFrameRetries retransmissions, each with
/// a fresh CSMA-CA; a receiver acknowledges a data frame addressed to it aTurnaroundTime after it ends, without
/// CSMA-CA (IEEE 802.15.4-2006 §7.5.1.4, §7.5.6.4; constants in <see cref="Ieee802154Phy"/>, models.md §2).
/// </summary>
/// <remarks>
/// <para>Frames carry (kind, source, destination, 8-bit sequence number) in <see cref="Transmission.Tag"/>. Duplicates
/// (a retransmission whose ACK was lost: the same sequence number as the source's last frame) are acknowledged again
/// and counted once.</para>
/// <para>Between a sender's successive frames it waits SIFS (MPDU ≤ 18 B) or LIFS after the previous exchange.</para>
/// <para><b>Limits:</b> the CCA samples the channel energy at the end of the CCA period rather than averaging over
/// it; no beacons, no GTS, no security.</para>
/// </remarks>
public sealed class Ieee802154MacNode : IEventHandler, IRadioPortListener
{
    /// <summary>PSDU of an acknowledgement frame (frame control 2, sequence 1, FCS 2).</summary>
    public const int AckPsduBytes = 5;

    private const long StepTag = 0;
    private const long SendAckTag = 1;
    private const long AckDoneTag = 2;
    private const long AckFlag = 1L << 62;
    private const long MacFrameFlag = 1L << 61;
    private const int MaxHops = 64; // a frame that wandered this far is in a routing loop: dropped // frames of this MAC, as opposed to other 802.15.4 stacks on the air

    private readonly Simulation _simulation;
    private readonly UnslottedCsmaCa _csma;
    private readonly SimTimer _step;
    private readonly SimTimer _sendAck;
    private readonly Queue<Frame> _queue = new();
    private readonly SimTimer _ackDone;
    private readonly Dictionary<int, int> _lastSequence = [];
    private Frame _current;
    private long _ownSequence;
    private Phase _phase;
    private int _attempt;
    private int _sequence;
    private long _pendingAck;

    /// <summary>Creates the node on a listening <paramref name="port"/> tuned to <paramref name="channel"/> (11–26).</summary>
    /// <param name="simulation">The simulation.</param>
    /// <param name="port">Its antenna, listening on the channel.</param>
    /// <param name="channel">802.15.4 channel, 11–26.</param>
    /// <param name="txPower">Transmit power.</param>
    /// <param name="rng">The node's stream for CSMA-CA backoffs.</param>
    /// <param name="options">MAC settings.</param>
    /// <param name="radio">The radio's energy consumer (states off, rx, tx of a <see cref="Chips.PacketRadioProfile"/>): on
    /// at once, in tx while a frame or ACK is on the air; null models no energy.</param>
    /// <param name="registry">End-to-end bookkeeping shared by a multi-hop network; null for single-hop use.</param>
    public Ieee802154MacNode(Simulation simulation, RadioPort port, int channel, Dbm txPower, RandomStream rng, Ieee802154MacOptions? options = null, Energy.Consumers.StateBasedConsumer? radio = null, CollectionRegistry? registry = null)
    {
        _radio = radio;
        _registry = registry;
        _radio?.SetState(Chips.PacketRadioProfile.ReceiveState);
        _simulation = simulation ?? throw new ArgumentNullException(nameof(simulation));
        Port = port ?? throw new ArgumentNullException(nameof(port));
        Options = options ?? Ieee802154MacOptions.Default;
        Channel = Ieee802154Phy.ChannelCenterFrequency(channel);
        TxPower = txPower;
        _csma = new UnslottedCsmaCa(rng ?? throw new ArgumentNullException(nameof(rng)));
        _step = new SimTimer(simulation, this, StepTag);
        _sendAck = new SimTimer(simulation, this, SendAckTag);
        _ackDone = new SimTimer(simulation, this, AckDoneTag);
        port.Listener = this;
    }

    private readonly Energy.Consumers.StateBasedConsumer? _radio;
    private readonly CollectionRegistry? _registry;

    /// <summary>Next hop toward a sink for frames this node forwards or originates; null for a sink.</summary>
    public int? Parent { get; set; }

    /// <summary>True for a sink: data frames addressed to it end their journey here.</summary>
    public bool IsSink { get; init; }

    /// <summary>Own messages generated (<see cref="SendToParent"/>).</summary>
    public long Generated { get; private set; }

    /// <summary>Frames accepted for forwarding toward a sink on behalf of other nodes.</summary>
    public long Forwarded { get; private set; }

    /// <summary>Own messages (<see cref="SendToParent"/>) whose first hop was acknowledged.</summary>
    public long OwnAcked { get; private set; }

    /// <summary>Data-frame transmissions beyond the first of each frame.</summary>
    public long Retransmissions { get; private set; }

    /// <summary>True once <see cref="Stop"/> was called (the node lost power).</summary>
    public bool IsStopped { get; private set; }

    /// <summary>Stops the node for good (its energy ran out): timers cancelled, queue dropped, receiver off.</summary>
    public void Stop()
    {
        IsStopped = true;
        _step.Cancel();
        _sendAck.Cancel();
        _ackDone.Cancel();
        _queue.Clear();
        _phase = Phase.Idle;
        Port.Listening = false;
    }

    /// <summary>Hands an own message of <paramref name="psduBytes"/> to the MAC, addressed to <see cref="Parent"/>.</summary>
    /// <returns>False if the node has no route (no parent).</returns>
    public bool SendToParent(int psduBytes)
    {
        if (IsStopped)
        {
            return false;
        }

        Generated++;
        _ownSequence++;
        if (Parent is not { } parent)
        {
            return false;
        }

        Enqueue(new Frame(parent, psduBytes, Port.NodeId, _ownSequence, 0));
        return true;
    }

    private readonly record struct Frame(int Destination, int PsduBytes, int Origin, long OriginSequence, int Hops);

    private enum Phase
    {
        Idle,
        Ifs,
        Backoff,
        Cca,
        Turnaround,
        Transmitting,
        AwaitAck,
    }

    /// <summary>The antenna.</summary>
    public RadioPort Port { get; }

    /// <summary>Settings.</summary>
    public Ieee802154MacOptions Options { get; }

    /// <summary>Channel centre frequency.</summary>
    public Hertz Channel { get; }

    /// <summary>Transmit power.</summary>
    public Dbm TxPower { get; }

    /// <summary>Frames handed to the MAC.</summary>
    public long Offered { get; private set; }

    /// <summary>Frames dropped because the queue was full.</summary>
    public long Dropped { get; private set; }

    /// <summary>Data-frame transmissions, retransmissions included.</summary>
    public long Transmissions { get; private set; }

    /// <summary>Frames acknowledged.</summary>
    public long Acked { get; private set; }

    /// <summary>Frames given up after the last retry without an ACK.</summary>
    public long NoAck { get; private set; }

    /// <summary>Frames given up because every CCA of an attempt found the channel busy.</summary>
    public long ChannelAccessFailures { get; private set; }

    /// <summary>Distinct data frames received for this node.</summary>
    public long Delivered { get; private set; }

    /// <summary>ACK frames sent.</summary>
    public long AcksSent { get; private set; }

    /// <summary>Time on the air, data frames and ACKs.</summary>
    public SimDuration Airtime { get; private set; }

    /// <summary>Queues a data frame of <paramref name="psduBytes"/> (MAC header, payload and FCS) for <paramref name="destination"/>.</summary>
    public void Send(int destination, int psduBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(psduBytes, Ieee802154Phy.MinMpduOverhead);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(psduBytes, Ieee802154Phy.MaxPhyPacketSize);
        _ownSequence++;
        Enqueue(new Frame(destination, psduBytes, Port.NodeId, _ownSequence, 0));
    }

    private bool Enqueue(Frame frame)
    {
        if (IsStopped)
        {
            return false;
        }

        Offered++;
        if (_phase == Phase.Idle)
        {
            Begin(frame);
            return true;
        }

        if (_queue.Count < Options.QueueCapacity)
        {
            _queue.Enqueue(frame);
            return true;
        }

        Dropped++;
        return false;
    }

    /// <inheritdoc/>
    void IEventHandler.OnEvent(SimTime now, long tag)
    {
        if (IsStopped)
        {
            return;
        }

        if (tag == SendAckTag)
        {
            // An ACK goes out aTurnaroundTime after the frame, without CSMA-CA, unless this radio is itself sending.
            if (!Port.IsTransmitting)
            {
                AcksSent++;
                SimDuration ackTime = Ieee802154Phy.FrameDuration(AckPsduBytes);
                Port.Medium.Transmit(Port, Channel, Ieee802154Phy.ChannelWidth, 0, Ieee802154Phy.SymbolTime, Ieee802154Phy.PreambleSymbols, TxPower, ackTime, AckPsduBytes, _pendingAck);
                _radio?.SetState(Chips.PacketRadioProfile.TransmitState);
                _ackDone.Set(now + ackTime);
                Airtime += ackTime;
            }

            return;
        }

        if (tag == AckDoneTag)
        {
            _radio?.SetState(Chips.PacketRadioProfile.ReceiveState);
            return;
        }

        switch (_phase)
        {
            case Phase.Backoff:
                _phase = Phase.Cca;
                _step.Set(now + Ieee802154Phy.CcaDuration);
                break;
            case Phase.Cca:
                bool busy = Port.IsTransmitting || Port.Medium.ChannelPower(Port, Channel, Ieee802154Phy.ChannelWidth) >= Options.CcaThreshold;
                Apply(busy ? _csma.ChannelBusy() : _csma.ChannelIdle(), now);
                break;
            case Phase.Turnaround:
                if (Port.IsTransmitting)
                {
                    Apply(_csma.Start(), now); // our own ACK took the radio: contend again
                    break;
                }

                Retransmissions += _attempt > 0 ? 1 : 0;
                _attempt++;
                Transmissions++;
                SimDuration airtime = Ieee802154Phy.FrameDuration(_current.PsduBytes);
                Port.Medium.Transmit(Port, Channel, Ieee802154Phy.ChannelWidth, 0, Ieee802154Phy.SymbolTime, Ieee802154Phy.PreambleSymbols, TxPower, airtime, _current.PsduBytes, FrameTag(ack: false, Port.NodeId, _current.Destination, _sequence));
                _registry?.OnAir(Port.NodeId, _sequence & 0xFF, _current.Origin, _current.OriginSequence, _current.Hops);
                Airtime += airtime;
                _radio?.SetState(Chips.PacketRadioProfile.TransmitState);
                _phase = Phase.Transmitting;
                _step.Set(now + airtime);
                break;
            case Phase.Transmitting:
                _radio?.SetState(Chips.PacketRadioProfile.ReceiveState);
                _phase = Phase.AwaitAck;
                _step.Set(now + Ieee802154Phy.MacAckWaitDuration);
                break;
            case Phase.Ifs:
                Begin(_queue.Dequeue());
                break;
            case Phase.AwaitAck:
                if (_attempt <= Options.MaxFrameRetries)
                {
                    Apply(_csma.Start(), now);
                }
                else
                {
                    NoAck++;
                    Next();
                }

                break;
            default:
                break;
        }
    }

    /// <inheritdoc/>
    void IRadioPortListener.OnReceived(RadioPort receiver, Transmission transmission, Dbm power, ReceptionVerdict verdict, SimTime now)
    {
        if (IsStopped || verdict.Outcome is not (ReceptionOutcome.Received or ReceptionOutcome.Captured))
        {
            return;
        }

        long tag = transmission.Tag;
        if ((tag & MacFrameFlag) == 0)
        {
            return; // another stack's frame (a Tock board's driver): not addressed in this MAC's format
        }

        int destination = (int)((tag >> 32) & 0xFF_FFFF);
        int source = (int)((tag >> 8) & 0xFF_FFFF);
        int sequence = (int)(tag & 0xFF);
        if (destination != Port.NodeId)
        {
            return;
        }

        if ((tag & AckFlag) != 0)
        {
            if (_phase == Phase.AwaitAck && sequence == (_sequence & 0xFF))
            {
                _step.Cancel();
                Acked++;
                OwnAcked += _current.Origin == Port.NodeId ? 1 : 0;
                Next();
            }

            return;
        }

        // A retransmission whose ACK was lost repeats the source's last sequence number (8 bits, wrapping).
        if (!_lastSequence.TryGetValue(source, out int last) || last != sequence)
        {
            _lastSequence[source] = sequence;
            Delivered++;
            if (_registry is not null)
            {
                // The frame's journey: ends at a sink, else goes on toward this node's parent.
                (int origin, long originSequence, int hopsBefore) = _registry.Carried(source, sequence);
                int hops = hopsBefore + 1;
                if (IsSink)
                {
                    _registry.AtSink(origin, originSequence, hops);
                }
                else if (Parent is { } parent && hops < MaxHops && Enqueue(new Frame(parent, transmission.PayloadBytes, origin, originSequence, hops)))
                {
                    Forwarded++;
                }
            }
        }

        _pendingAck = FrameTag(ack: true, Port.NodeId, source, sequence);
        _sendAck.Set(now + Ieee802154Phy.TurnaroundTime);
    }

    private void Begin(Frame frame)
    {
        _current = frame;
        _sequence++;
        _attempt = 0;
        Apply(_csma.Start(), _simulation.Now);
    }

    private void Apply(CsmaCaOutcome outcome, SimTime now)
    {
        switch (outcome.Action)
        {
            case CsmaCaAction.Backoff:
                _phase = Phase.Backoff;
                _step.Set(now + outcome.Delay);
                break;
            case CsmaCaAction.Transmit:
                _phase = Phase.Turnaround;
                _step.Set(now + Ieee802154Phy.TurnaroundTime);
                break;
            default:
                ChannelAccessFailures++;
                Next();
                break;
        }
    }

    // After an exchange the next frame waits the interframe spacing of the last one: SIFS after an MPDU of at most
    // aMaxSIFSFrameSize (18 B), LIFS after a longer one.
    private void Next()
    {
        if (_queue.Count == 0)
        {
            _phase = Phase.Idle;
            return;
        }

        _phase = Phase.Ifs;
        _step.Set(_simulation.Now + Ieee802154Phy.InterframeSpacing(_current.PsduBytes));
    }

    private static long FrameTag(bool ack, int source, int destination, int sequence) =>
        MacFrameFlag | (ack ? AckFlag : 0) | ((long)(destination & 0xFF_FFFF) << 32) | ((long)(source & 0xFF_FFFF) << 8) | (long)(sequence & 0xFF);
}
