using SensorNet.Energy.Accounting;
using SensorNet.Energy.Consumers;
using SensorNet.RadioModels.Medium;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Time;

namespace SensorNet.RadioModels.Chips;

/// <summary>
/// A packet radio chip as a state machine driving an energy consumer: off, receiving (listening) or transmitting.
/// A transmission ramps up (at the receive current), sends for its duration, then returns to receive or off, and
/// tells the driver through <see cref="IRadioListener"/>. This is the driver-to-radio interface of the node model.
/// </summary>
/// <remarks>
/// <b>Scope and limitations:</b> timing and energy only; frames do not yet reach a shared medium, so nothing is
/// received and clear-channel assessment always finds the channel idle. The medium connects here in the 802.15.4/BLE
/// radio issue.
/// </remarks>
public sealed class PacketRadio : IEventHandler
{
    private const long RampDoneTag = 0;
    private const long TransmitDoneTag = 1;

    private readonly Simulation _simulation;
    private readonly StateBasedConsumer _consumer;
    private IRadioListener? _listener;
    private SimDuration _frameTime;
    private bool _returnToReceive;

    /// <summary>Creates an off radio whose consumer <paramref name="name"/> is added to <paramref name="energy"/>.</summary>
    public PacketRadio(Simulation simulation, NodeEnergy energy, PacketRadioProfile profile, string name = "radio")
    {
        _simulation = simulation ?? throw new ArgumentNullException(nameof(simulation));
        ArgumentNullException.ThrowIfNull(energy);
        Profile = profile ?? throw new ArgumentNullException(nameof(profile));
        _consumer = energy.AddConsumer(name, profile.PowerStates(), PacketRadioProfile.OffState);
    }

    /// <summary>The node's antenna on the shared medium; null: frames cost energy and time but reach no one.</summary>
    public RadioPort? Port { get; set; }

    /// <summary>Carrier of the next frame on <see cref="Port"/> (a BLE driver sets it per advertising channel).</summary>
    public Hertz Channel { get; set; } = Ieee802154.Ieee802154Phy.ChannelCenterFrequency(26);

    /// <summary>Transmit power on the medium (the profile's currents are for 0 dBm).</summary>
    public Dbm TxPower { get; set; } = new(0);

    /// <summary>Tag of the next frame on the medium (a BLE driver gives every PDU of one advertising event the same); null: the frame count.</summary>
    public long? Tag { get; set; }

    /// <summary>Frames sent while the node's antenna was busy with its other radio's frame: they cost energy but were not on the air.</summary>
    public long FramesNotOnAir { get; private set; }

    /// <summary>The chip.</summary>
    public PacketRadioProfile Profile { get; }

    /// <summary>The radio's energy consumer.</summary>
    public StateBasedConsumer Consumer => _consumer;

    /// <summary>True while a transmission (including its ramp-up) is in progress.</summary>
    public bool IsBusy => _listener is not null;

    /// <summary>True if the receiver is on and idle.</summary>
    public bool IsReceiving => !IsBusy && _consumer.State == PacketRadioProfile.ReceiveState;

    /// <summary>Frames sent.</summary>
    public long FramesSent { get; private set; }

    /// <summary>Total time on air.</summary>
    public SimDuration Airtime { get; private set; }

    /// <summary>Turns the receiver on (listening).</summary>
    public void Receive()
    {
        if (!IsBusy)
        {
            _consumer.SetState(PacketRadioProfile.ReceiveState);
        }
    }

    /// <summary>Turns the radio off.</summary>
    public void Off()
    {
        if (!IsBusy)
        {
            _consumer.SetState(PacketRadioProfile.OffState);
        }
    }

    /// <summary>
    /// Sends a frame lasting <paramref name="frameTime"/> on air after <paramref name="extraBeforeTx"/> (for example a CCA)
    /// and the ramp-up; afterwards the radio listens if <paramref name="receiveAfter"/>, else switches off.
    /// </summary>
    public void Transmit(SimDuration frameTime, IRadioListener listener, bool receiveAfter, SimDuration extraBeforeTx = default)
    {
        if (IsBusy)
        {
            throw new InvalidOperationException("The radio is already transmitting.");
        }

        _listener = listener ?? throw new ArgumentNullException(nameof(listener));
        _frameTime = frameTime;
        _returnToReceive = receiveAfter;
        _consumer.SetState(PacketRadioProfile.ReceiveState);
        _simulation.ScheduleAfter(Profile.RampUp + extraBeforeTx, this, RampDoneTag);
    }

    /// <inheritdoc/>
    void IEventHandler.OnEvent(SimTime now, long tag)
    {
        if (_listener is null || _consumer.State == _consumer.OffState)
        {
            _listener = null;
            return; // The node lost power.
        }

        if (tag == RampDoneTag)
        {
            // On the shared medium the frame is heard and interferes; a frame still on the air from before a brown-out
            // keeps the antenna.
            if (Port is { } port)
            {
                if (port.IsTransmitting)
                {
                    FramesNotOnAir++; // the node's other radio holds the shared antenna
                }
                else
                {
                    port.Medium.Transmit(port, Channel, Profile.ChannelWidth, 0, Profile.SymbolTime, 8, TxPower, _frameTime, 0, Tag ?? FramesSent);
                }
            }

            _consumer.SetState(PacketRadioProfile.TransmitState);
            _simulation.ScheduleAfter(_frameTime, this, TransmitDoneTag);
            return;
        }

        FramesSent++;
        Airtime += _frameTime;
        _consumer.SetState(_returnToReceive ? PacketRadioProfile.ReceiveState : PacketRadioProfile.OffState);
        IRadioListener listener = _listener;
        _listener = null;
        listener.OnTransmitDone(now);
    }
}
