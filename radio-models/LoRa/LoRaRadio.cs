using SensorNet.Energy.Accounting;
using SensorNet.Energy.Consumers;
using SensorNet.RadioModels.Medium;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.RadioModels.LoRa;

/// <summary>
/// A LoRa transceiver as a state machine (sleep, standby, receive, transmit) whose states drive an energy
/// consumer, so the energy of a packet is the transmit power × its exact time on air.
/// </summary>
/// <remarks>
/// <b>Scope and limitations:</b> transmission only; the frame does not yet enter a shared medium (propagation,
/// reception and collisions arrive with the radio-medium issue), and state-transition latencies are zero.
/// <b>Validation:</b> LoRaRadioTests (energy per packet against a hand calculation).
/// </remarks>
public sealed class LoRaRadio : IEventHandler
{
    private readonly Simulation _simulation;
    private readonly StateBasedConsumer _consumer;
    private IRadioListener? _listener;

    /// <summary>Creates a sleeping radio whose consumer is added to <paramref name="energy"/>.</summary>
    public LoRaRadio(Simulation simulation, NodeEnergy energy, LoRaChipProfile chip, LoRaModulation modulation, Dbm txPower)
    {
        _simulation = simulation ?? throw new ArgumentNullException(nameof(simulation));
        ArgumentNullException.ThrowIfNull(energy);
        Chip = chip ?? throw new ArgumentNullException(nameof(chip));
        Modulation = modulation ?? throw new ArgumentNullException(nameof(modulation));
        TxPower = txPower;
        _consumer = energy.AddConsumer("radio", chip.PowerStates(txPower), LoRaChipProfile.SleepState);
    }

    /// <summary>The antenna on the shared medium; null: frames cost energy and time but reach no one.</summary>
    public RadioPort? Port { get; private set; }

    /// <summary>Carrier frequency of the frames put on <see cref="Port"/>.</summary>
    public Hertz Frequency { get; private set; }

    /// <summary>Puts this radio's frames on the shared medium through <paramref name="port"/> at <paramref name="frequency"/>.</summary>
    public void AttachTo(RadioPort port, Hertz frequency)
    {
        Port = port ?? throw new ArgumentNullException(nameof(port));
        Frequency = frequency;
    }

    /// <summary>The chip.</summary>
    public LoRaChipProfile Chip { get; }

    /// <summary>Modulation of the next frame (a LoRaWAN device changes it with its data rate).</summary>
    public LoRaModulation Modulation { get; set; }

    /// <summary>Transmit power.</summary>
    public Dbm TxPower { get; }

    /// <summary>The radio's energy consumer.</summary>
    public StateBasedConsumer Consumer => _consumer;

    /// <summary>True while a frame is on air.</summary>
    public bool IsTransmitting => _consumer.State == LoRaChipProfile.TransmitState;

    /// <summary>Frames sent completely.</summary>
    public long FramesSent { get; private set; }

    /// <summary>Total time on air of the frames sent.</summary>
    public SimDuration Airtime { get; private set; }

    /// <summary>Starts sending a frame of <paramref name="payloadBytes"/> PHY payload bytes; <paramref name="listener"/> hears when it ends.</summary>
    /// <returns>The frame's time on air; zero if the node has lost power (nothing is sent).</returns>
    /// <exception cref="InvalidOperationException">A frame is already on air (the radio is half-duplex and single-frame).</exception>
    public SimDuration Transmit(int payloadBytes, IRadioListener listener, long? tag = null)
    {
        if (IsTransmitting)
        {
            throw new InvalidOperationException("The radio is already transmitting.");
        }

        if (!_consumer.IsAttached)
        {
            return SimDuration.Zero; // the node has lost power: no frame, no done interrupt
        }

        SimDuration airtime = LoRaTimeOnAir.Compute(Modulation, payloadBytes, Chip.Family).Duration;
        if (Port is { } port)
        {
            port.Medium.Transmit(
                port,
                Frequency,
                Modulation.Bandwidth,
                Modulation.SpreadingFactor,
                SimDuration.FromSecondsRounded(Modulation.SymbolTimeSeconds),
                Modulation.PreambleSymbols,
                TxPower,
                airtime,
                payloadBytes,
                tag ?? FramesSent);
        }

        _listener = listener;
        _consumer.SetState(LoRaChipProfile.TransmitState);
        _simulation.ScheduleAfter(airtime, this);
        Airtime += airtime;
        return airtime;
    }

    /// <summary>Turns the receiver on (ignored while transmitting).</summary>
    public void Receive()
    {
        if (!IsTransmitting)
        {
            _consumer.SetState(LoRaChipProfile.ReceiveState);
        }
    }

    /// <summary>Puts the radio to sleep (ignored while transmitting; the driver sleeps it after the done interrupt).</summary>
    public void Sleep()
    {
        if (!IsTransmitting)
        {
            _consumer.SetState(LoRaChipProfile.SleepState);
        }
    }

    /// <inheritdoc/>
    void IEventHandler.OnEvent(SimTime now, long tag)
    {
        if (_consumer.State != LoRaChipProfile.TransmitState)
        {
            return; // The node lost power mid-frame; the frame never completed.
        }

        FramesSent++;
        _consumer.SetState(LoRaChipProfile.StandbyState);
        _listener?.OnTransmitDone(now);
    }
}
