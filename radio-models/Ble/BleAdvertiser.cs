using SensorNet.Energy.Consumers;
using SensorNet.RadioModels.Chips;
using SensorNet.RadioModels.Medium;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;

namespace SensorNet.RadioModels.Ble;

/// <summary>
/// A BLE legacy advertiser on the 1M PHY (Bluetooth Core v5.x Vol 6 Part B §4.4.2.2; models.md §3): advertising events
/// every advInterval + advDelay (advDelay uniform 0–10 ms per event), each sending one advertising PDU on channels 37,
/// 38 and 39 in turn.
/// </summary>
/// <remarks>
/// The gap between the PDUs of one event is implementation-specific (≤ 10 ms); here each PDU starts T_IFS (150 µs)
/// after the previous one ends (U). The radio consumer is in tx from the first PDU's start to the last PDU's end, the
/// re-tuning gaps included, and off between events (ramp-up and the controller's own current ignored). The frame's <see cref="Transmission.Tag"/> is the event number.
/// </remarks>
public sealed class BleAdvertiser : IEventHandler
{
    private static readonly int[] AdvertisingChannels = [37, 38, 39];

    private readonly Simulation _simulation;
    private readonly RandomStream _delay;
    private readonly StateBasedConsumer? _radio;
    private readonly SimTimer _step;
    private int _pdu;
    private SimTime _eventStart;

    /// <summary>Creates the advertiser; call <see cref="Start"/>.</summary>
    /// <param name="simulation">The simulation.</param>
    /// <param name="port">Its antenna (transmit-only is enough).</param>
    /// <param name="advInterval">Advertising interval: a multiple of 0.625 ms from 20 ms to 10.24 s.</param>
    /// <param name="payloadBytes">Advertising PDU payload (AdvA 6 B + AdvData ≤ 31 B).</param>
    /// <param name="txPower">Transmit power.</param>
    /// <param name="delay">The advertiser's stream for advDelay.</param>
    /// <param name="radio">Energy consumer with the off, rx, tx states of a <see cref="PacketRadioProfile"/>; null for none.</param>
    public BleAdvertiser(Simulation simulation, RadioPort port, SimDuration advInterval, int payloadBytes, Dbm txPower, RandomStream delay, StateBasedConsumer? radio = null)
    {
        _simulation = simulation ?? throw new ArgumentNullException(nameof(simulation));
        Port = port ?? throw new ArgumentNullException(nameof(port));
        _delay = delay ?? throw new ArgumentNullException(nameof(delay));
        if (advInterval < SimDuration.FromMilliseconds(20) || advInterval > SimDuration.FromMilliseconds(10_240) || advInterval.Nanoseconds % 625_000 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(advInterval), advInterval, "advInterval must be a multiple of 0.625 ms from 20 ms to 10.24 s.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(payloadBytes, 6);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payloadBytes, 37);
        AdvInterval = advInterval;
        PayloadBytes = payloadBytes;
        TxPower = txPower;
        _radio = radio;
        _step = new SimTimer(simulation, this);
    }

    /// <summary>The antenna.</summary>
    public RadioPort Port { get; }

    /// <summary>Advertising interval.</summary>
    public SimDuration AdvInterval { get; }

    /// <summary>PDU payload.</summary>
    public int PayloadBytes { get; }

    /// <summary>Transmit power.</summary>
    public Dbm TxPower { get; }

    /// <summary>Advertising events started.</summary>
    public long Events { get; private set; }

    /// <summary>PDUs sent.</summary>
    public long Pdus { get; private set; }

    /// <summary>Time on the air.</summary>
    public SimDuration Airtime { get; private set; }

    /// <summary>Stops advertising for good (the node's energy ran out).</summary>
    public void Stop() => _step.Cancel();

    /// <summary>Starts advertising at a random phase within one interval.</summary>
    public void Start() => _step.Set(_simulation.Now + _delay.UniformDuration(AdvInterval));

    /// <inheritdoc/>
    void IEventHandler.OnEvent(SimTime now, long tag)
    {
        if (_pdu == AdvertisingChannels.Length)
        {
            // The last PDU of the event has ended: radio off until the next event, advInterval + advDelay after this one began.
            _radio?.SetState(PacketRadioProfile.OffState);
            _pdu = 0;
            _step.Set(_eventStart + AdvInterval + _delay.UniformDuration(SimDuration.FromMilliseconds(10)));
            return;
        }

        if (_pdu == 0)
        {
            Events++;
            _eventStart = now;
        }

        SimDuration airtime = BleChannels.PduAirtime(PayloadBytes);
        Port.Medium.Transmit(Port, BleChannels.CenterFrequency(AdvertisingChannels[_pdu]), BleChannels.ChannelWidth, 0, BleChannels.SymbolTime, 8, TxPower, airtime, PayloadBytes, Events);
        _radio?.SetState(PacketRadioProfile.TransmitState);
        Pdus++;
        Airtime += airtime;
        _pdu++;
        _step.Set(now + airtime + (_pdu < AdvertisingChannels.Length ? BleChannels.InterFrameSpace : SimDuration.Zero));
    }
}
