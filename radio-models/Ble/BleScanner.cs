using SensorNet.Energy.Consumers;
using SensorNet.RadioModels.Chips;
using SensorNet.RadioModels.Medium;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.RadioModels.Ble;

/// <summary>
/// A passive BLE scanner or gateway (Bluetooth Core v5.x Vol 6 Part B §4.4.3): every scanInterval it listens for
/// scanWindow on one primary advertising channel, taking 37, 38 and 39 in turn, and counts the advertising events it
/// heard per advertiser (each event at most once).
/// </summary>
/// <remarks>
/// The receiver is on (rx current) during the window and off between windows; a PDU must start inside the window to be
/// locked. Sensitivity −95 dBm (nRF52840 1M, U). Received PDUs are decided by the port's reception model
/// (<see cref="BleReceptionModel"/>), with interference from every signal on the 2.4 GHz medium.
/// </remarks>
public sealed class BleScanner : IEventHandler, IRadioPortListener
{
    private static readonly int[] AdvertisingChannels = [37, 38, 39];

    private readonly Simulation _simulation;
    private readonly StateBasedConsumer? _radio;
    private readonly SimTimer _step;
    private readonly AdvertisingEventCounter _heard = new();
    private readonly AdvertisingEventCounter? _heardByAny;
    private int _channel;

    /// <summary>Creates the scanner on a sleeping port; call <see cref="Start"/>.</summary>
    /// <param name="simulation">The simulation.</param>
    /// <param name="port">The antenna, attached sleeping.</param>
    /// <param name="scanInterval">Time between window starts.</param>
    /// <param name="scanWindow">Time listening per interval.</param>
    /// <param name="radio">The radio's power states, if its energy is accounted.</param>
    /// <param name="heardByAny">A counter shared with other scanners, for events heard by any of them.</param>
    public BleScanner(Simulation simulation, RadioPort port, SimDuration scanInterval, SimDuration scanWindow, StateBasedConsumer? radio = null, AdvertisingEventCounter? heardByAny = null)
    {
        _simulation = simulation ?? throw new ArgumentNullException(nameof(simulation));
        Port = port ?? throw new ArgumentNullException(nameof(port));
        if (scanWindow.Nanoseconds <= 0 || scanWindow > scanInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(scanWindow), scanWindow, "The scan window must be positive and no longer than the scan interval.");
        }

        ScanInterval = scanInterval;
        ScanWindow = scanWindow;
        _radio = radio;
        _heardByAny = heardByAny;
        _step = new SimTimer(simulation, this);
        port.Listener = this;
    }

    /// <summary>The antenna.</summary>
    public RadioPort Port { get; }

    /// <summary>Scan interval.</summary>
    public SimDuration ScanInterval { get; }

    /// <summary>Scan window.</summary>
    public SimDuration ScanWindow { get; }

    /// <summary>Distinct advertising events heard, per advertiser (node id).</summary>
    public Dictionary<int, long> EventsHeard { get; } = [];

    /// <summary>PDUs received intact.</summary>
    public long PdusReceived { get; private set; }

    /// <summary>Stops scanning for good (the node's energy ran out).</summary>
    public void Stop()
    {
        _step.Cancel();
        _closeAfterPdu = false;
        Port.Listening = false;
        Port.Listener = null;
    }

    /// <summary>Starts scanning now.</summary>
    public void Start() => Open(_simulation.Now);

    /// <inheritdoc/>
    void IEventHandler.OnEvent(SimTime now, long tag)
    {
        if (Port.Listening)
        {
            if (Port.Locks > 0)
            {
                _closeAfterPdu = true; // the window ends when the PDU being received does
                return;
            }

            Close();
            return;
        }

        Open(now);
    }

    private bool _closeAfterPdu;

    private void Close()
    {
        _closeAfterPdu = false;
        Port.Listening = false;
        _radio?.SetState(PacketRadioProfile.OffState);
        _step.Set(_windowStart + ScanInterval > _simulation.Now ? _windowStart + ScanInterval : _simulation.Now);
    }

    /// <inheritdoc/>
    void IRadioPortListener.OnReceived(RadioPort receiver, Transmission transmission, Dbm power, ReceptionVerdict verdict, SimTime now)
    {
        if (_closeAfterPdu)
        {
            Close();
        }

        if (verdict.Outcome is not (ReceptionOutcome.Received or ReceptionOutcome.Captured))
        {
            return;
        }

        PdusReceived++;
        int advertiser = transmission.Sender.NodeId;
        if (_heard.Add(advertiser, transmission.Tag))
        {
            EventsHeard[advertiser] = EventsHeard.GetValueOrDefault(advertiser) + 1;
        }

        _heardByAny?.Add(advertiser, transmission.Tag);
    }

    private SimTime _windowStart;
    private readonly ReceiverSettings[] _tuned = new ReceiverSettings[AdvertisingChannels.Length];
    private ReceiverSettings? _lastTuned;

    // The port's receiver settings tuned to advertising channel `index`, made once per channel rather than per window;
    // derived again only when someone other than this scanner has set the port's receiver.
    private ReceiverSettings Tuned(int index)
    {
        ReceiverSettings current = Port.Receiver!;
        if (!ReferenceEquals(current, _lastTuned))
        {
            for (int i = 0; i < _tuned.Length; i++)
            {
                _tuned[i] = current with { Channels = [BleChannels.CenterFrequency(AdvertisingChannels[i])] };
            }
        }

        return _lastTuned = _tuned[index];
    }

    private void Open(SimTime now)
    {
        _windowStart = now;
        Port.Receiver = Tuned(_channel);
        _channel = (_channel + 1) % AdvertisingChannels.Length;
        Port.Listening = true;
        _radio?.SetState(PacketRadioProfile.ReceiveState);
        _step.Set(now + ScanWindow);
    }
}
