using SensorNet.RadioModels.LoRa.Reception;
using SensorNet.RadioModels.Medium;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;

namespace SensorNet.RadioModels.LoRa.LoRaWan;

/// <summary>Settings of a LoRaWAN class A device.</summary>
/// <param name="Channels">Uplink carriers; each attempt picks one at random.</param>
/// <param name="Period">A new message every period (the first at a random offset within it).</param>
/// <param name="PayloadBytes">PHY payload of an uplink (MAC header, frame header, application payload and MIC).</param>
/// <param name="Confirmed">Confirmed uplinks: wait for an ACK, retransmit without one.</param>
/// <param name="MaxTransmissions">Transmissions per confirmed message, the first included (LoRaWAN 1.0.x: at most 8).</param>
/// <param name="WindowSymbols">Preamble symbols a receive window stays open to detect a downlink.</param>
/// <param name="Adr">Adaptive data rate: the network server may move the device to a faster data rate, and the device
/// falls back to slower ones when it hears nothing for ADR_ACK_LIMIT + ADR_ACK_DELAY uplinks.</param>
public sealed record LoRaWanSettings(IReadOnlyList<Hertz> Channels, SimDuration Period, int PayloadBytes, bool Confirmed, int MaxTransmissions = 8, int WindowSymbols = 8, bool Adr = false);

/// <summary>
/// A LoRaWAN class A end device (LoRaWAN 1.0.x specification §3.3, EU868 parameters from <see cref="Eu868"/>): each
/// uplink is followed by two receive windows, RX1 one second after its end on the uplink's carrier and spreading
/// factor, RX2 two seconds after on 869.525 MHz at SF12. A window keeps the receiver on for
/// <see cref="LoRaWanSettings.WindowSymbols"/> symbols, and for the whole frame if a downlink's preamble was caught
/// in it. Confirmed uplinks without an ACK are sent again after ACK_TIMEOUT (uniform 1–3 s), up to
/// <see cref="LoRaWanSettings.MaxTransmissions"/>. Every transmission waits for its sub-band's duty cycle.
/// </summary>
/// <remarks>
/// <para>Frames carry their meaning in <see cref="Transmission.Tag"/>: an uplink's tag is 2·FCnt + confirmed bit; a
/// downlink's is (device id · 2³² + FCnt) (<see cref="NetworkServer"/>).</para>
/// <para>ADR (LoRaWAN 1.0.x §4.3.1.1, with <see cref="LoRaWanSettings.Adr"/>): a LinkADRReq in a downlink moves the
/// device to the data rate it carries; after ADR_ACK_LIMIT (64) uplinks without a downlink the device sets ADRACKReq,
/// which the server answers, and without any downlink for ADR_ACK_LIMIT + ADR_ACK_DELAY (32) uplinks it lowers its
/// data rate by one step, and again every ADR_ACK_DELAY uplinks (models.md §1.6). Transmit-power
/// steps are not applied (the radio's power table is fixed per node).</para>
/// <para>A node that loses power stops for good (no restart model for radio-only devices): its radio refuses to
/// transmit.</para>
/// <para><b>Not modelled:</b> join procedure (devices start activated, ABP), MAC commands other than LinkADRReq's
/// data rate, frame payload encryption, class B/C. Messages that come due while an exchange is in progress wait for it (one queued at most;
/// more are counted as dropped).</para>
/// </remarks>
public sealed class LoRaWanDevice : IEventHandler, IRadioListener, IRadioPortListener
{
    private const long NewMessageTag = 0;
    private const long AttemptTag = 1;
    private const long Rx1OpenTag = 2;
    private const long Rx2OpenTag = 3;
    private const long WindowCloseTag = 4;

    private readonly Simulation _simulation;
    private readonly RandomStream _rng;
    private readonly DutyCycle _dutyCycle = new();
    private readonly SimTimer _messages;
    private readonly SimTimer _step;
    private readonly SimTimer _windowClose;
    private readonly SimTimer _rx1;
    private readonly SimTimer _rx2;
    private LoRaModulation _uplinkModulation;
    private long _uplinksSinceDownlink;
    private bool _busy;
    private bool _queued;
    private bool _acked;
    private bool _inRx1;
    private bool _rx2Passed;
    private bool _waiting;
    private int _attempt;
    private long _fcnt = -1;
    private Hertz _uplinkChannel;
    private SimTime _waitFrom;

    /// <summary>Creates the device; call <see cref="Start"/> to begin.</summary>
    public LoRaWanDevice(Simulation simulation, LoRaRadio radio, RadioPort port, LoRaWanSettings settings, RandomStream rng)
    {
        _simulation = simulation ?? throw new ArgumentNullException(nameof(simulation));
        Radio = radio ?? throw new ArgumentNullException(nameof(radio));
        Port = port ?? throw new ArgumentNullException(nameof(port));
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _rng = rng ?? throw new ArgumentNullException(nameof(rng));
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxTransmissions, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(settings.MaxTransmissions, 8);
        _uplinkModulation = radio.Modulation;
        _messages = new SimTimer(simulation, this, NewMessageTag);
        _step = new SimTimer(simulation, this, AttemptTag);
        _windowClose = new SimTimer(simulation, this, WindowCloseTag);
        // A window opens before a downlink due at the same instant starts, as a real device opens it a little early.
        _rx1 = new SimTimer(simulation, this, Rx1OpenTag, priority: -1);
        _rx2 = new SimTimer(simulation, this, Rx2OpenTag, priority: -1);
    }

    /// <summary>The radio.</summary>
    public LoRaRadio Radio { get; }

    /// <summary>The antenna on the medium.</summary>
    public RadioPort Port { get; }

    /// <summary>Settings.</summary>
    public LoRaWanSettings Settings { get; }

    /// <summary>Messages generated.</summary>
    public long Messages { get; private set; }

    /// <summary>Messages dropped because two were already waiting.</summary>
    public long MessagesDropped { get; private set; }

    /// <summary>Confirmed messages whose ACK arrived.</summary>
    public long MessagesAcked { get; private set; }

    /// <summary>Transmissions beyond the first of each message.</summary>
    public long Retransmissions { get; private set; }

    /// <summary>Time transmissions waited for the duty cycle.</summary>
    public SimDuration DutyCycleWait { get; private set; }

    /// <summary>Downlinks received in RX1 / RX2.</summary>
    public (long Rx1, long Rx2) DownlinksReceived { get; private set; }

    /// <summary>Schedules the first message at a uniformly random offset within one period.</summary>
    public void Start() => _messages.Set(_simulation.Now + _rng.UniformDuration(Settings.Period));

    /// <inheritdoc/>
    void IEventHandler.OnEvent(SimTime now, long tag)
    {
        switch (tag)
        {
            case NewMessageTag:
                Messages++;
                _messages.Set(now + Settings.Period);
                if (!_busy)
                {
                    Begin(now);
                }
                else if (!_queued)
                {
                    _queued = true;
                }
                else
                {
                    MessagesDropped++;
                }

                break;
            case AttemptTag:
                Attempt(now);
                break;
            case Rx1OpenTag:
                OpenWindow(now, _uplinkChannel, _uplinkModulation.SpreadingFactor, rx1: true);
                break;
            case Rx2OpenTag:
                OpenWindow(now, Eu868.Rx2Frequency, Eu868.Rx2SpreadingFactor, rx1: false);
                break;
            default:
                if (Port.Locks == 0)
                {
                    CloseWindow(now);
                }

                break; // a downlink is being received: the window closes when it ends
        }
    }

    /// <inheritdoc/>
    void IRadioListener.OnTransmitDone(SimTime now)
    {
        Radio.Sleep();
        _rx2Passed = false;
        _rx1.Set(now + Eu868.Rx1Delay);
        _rx2.Set(now + Eu868.Rx2Delay);
    }

    /// <inheritdoc/>
    void IRadioPortListener.OnReceived(RadioPort receiver, Transmission transmission, Dbm power, ReceptionVerdict verdict, SimTime now)
    {
        bool forMe = verdict.Outcome is ReceptionOutcome.Received or ReceptionOutcome.Captured
            && NetworkServer.IsDownlinkFor(transmission.Tag, Port.NodeId, _fcnt);
        if (forMe)
        {
            _acked = true;
            _uplinksSinceDownlink = 0;
            if (Settings.Adr && NetworkServer.DataRateIn(transmission.Tag) is { } dr)
            {
                SetSpreadingFactor(Eu868.SpreadingFactorOf(dr));
            }

            DownlinksReceived = _inRx1 ? (DownlinksReceived.Rx1 + 1, DownlinksReceived.Rx2) : (DownlinksReceived.Rx1, DownlinksReceived.Rx2 + 1);
        }

        if (!_windowClose.IsArmed)
        {
            CloseWindow(now); // the window had timed out while the frame was still arriving
        }
        else if (forMe)
        {
            _windowClose.Cancel();
            CloseWindow(now);
        }
    }

    private void Begin(SimTime now)
    {
        _busy = true;
        _fcnt++;
        _attempt = 0;
        _acked = false;
        Attempt(now);
    }

    private void Attempt(SimTime now)
    {
        if (!_waiting)
        {
            _uplinkChannel = Settings.Channels[_rng.NextInt32(Settings.Channels.Count)];
            _waitFrom = now;
        }

        SimTime start = _dutyCycle.EarliestStart(_uplinkChannel, now);
        if (start > now)
        {
            _waiting = true;
            _step.Set(start);
            return;
        }

        _waiting = false;
        DutyCycleWait += now - _waitFrom;
        _attempt++;
        if (_attempt > 1)
        {
            Retransmissions++;
        }

        if (Settings.Adr && ++_uplinksSinceDownlink > 64 + 32 && (_uplinksSinceDownlink - 64) % 32 == 1 && _uplinkModulation.SpreadingFactor < 12)
        {
            SetSpreadingFactor(_uplinkModulation.SpreadingFactor + 1); // ADR back-off: nothing heard for too long
        }

        Radio.Modulation = _uplinkModulation;
        Radio.AttachTo(Port, _uplinkChannel);
        // ADRACKReq once ADR_ACK_LIMIT uplinks went unanswered: the server must answer it with a downlink.
        bool adrAckReq = Settings.Adr && _uplinksSinceDownlink >= 64;
        SimDuration airtime = Radio.Transmit(Settings.PayloadBytes, this, NetworkServer.UplinkTag(_fcnt, Settings.Confirmed, Settings.Adr, adrAckReq));
        if (airtime == SimDuration.Zero)
        {
            return; // the node has lost power: nothing goes on the air and the device stays silent
        }

        _dutyCycle.Record(_uplinkChannel, now, airtime);
    }

    /// <summary>Uplink spreading factor now (changes with ADR).</summary>
    public int SpreadingFactor => _uplinkModulation.SpreadingFactor;

    /// <summary>Data-rate changes applied (ADR commands and back-off steps).</summary>
    public long DataRateChanges { get; private set; }

    private void SetSpreadingFactor(int sf)
    {
        if (sf != _uplinkModulation.SpreadingFactor)
        {
            _uplinkModulation = new LoRaModulation(sf, _uplinkModulation.Bandwidth, _uplinkModulation.CodingRate, _uplinkModulation.PreambleSymbols, ldro: _uplinkModulation.Ldro);
            DataRateChanges++;
        }
    }

    private void OpenWindow(SimTime now, Hertz channel, int spreadingFactor, bool rx1)
    {
        if (Port.Listening)
        {
            _rx2Passed = true; // RX1 is still receiving a long frame when RX2 would open: RX2 is lost
            return;
        }

        _inRx1 = rx1;
        var modulation = new LoRaModulation(spreadingFactor, _uplinkModulation.Bandwidth, _uplinkModulation.CodingRate);
        // Downlinks use inverted IQ, so the window does not lock onto other devices' uplinks (LoRaWAN 1.0.x §3.3).
        Port.Receiver = Port.Receiver! with { Channels = [channel], SpreadingFactor = spreadingFactor, InvertedIq = true };
        Radio.Receive();
        Port.Listening = true;
        _windowClose.Set(now + SimDuration.FromSecondsRounded(Settings.WindowSymbols * modulation.SymbolTimeSeconds));
    }

    private void CloseWindow(SimTime now)
    {
        Port.Listening = false;
        Radio.Sleep();
        if (_inRx1 && !_acked && !_rx2Passed)
        {
            return; // RX2 is still to come
        }

        Finish(now);
    }

    private void Finish(SimTime now)
    {
        _rx2.Cancel();
        if (Settings.Confirmed && !_acked && _attempt < Settings.MaxTransmissions)
        {
            // ACK_TIMEOUT: 2 ± 1 s, uniform (LoRaWAN 1.0.x §18).
            _step.Set(now + SimDuration.FromSeconds(1) + _rng.UniformDuration(SimDuration.FromSeconds(2)));
            return;
        }

        if (Settings.Confirmed && _acked)
        {
            MessagesAcked++;
        }

        _busy = false;
        if (_queued)
        {
            _queued = false;
            Begin(now);
        }
    }
}
