using SensorNet.SimEngine;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;

namespace SensorNet.RadioModels.LoRa;

/// <summary>
/// A pure-ALOHA LoRa end device as in LoRaSim (Bor et al., MSWiM 2016, <c>loraDir.py</c> <c>transmit</c>): wait an
/// exponentially distributed time, send one frame, wait for it to end, repeat. No MAC, no acknowledgements, no
/// duty-cycle limit; the radio sleeps between frames.
/// </summary>
/// <remarks>
/// The wait starts after the previous frame has ended (LoRaSim's <c>yield env.timeout(expovariate)</c> then
/// <c>yield env.timeout(rectime)</c>), so one device never overlaps itself and its frame rate is
/// 1 / (mean wait + time on air). Waits are rounded to whole nanoseconds.
/// </remarks>
public sealed class AlohaLoRaDevice : IEventHandler, IRadioListener
{
    private readonly Simulation _simulation;
    private readonly RandomStream _waits;
    private readonly SimTimer _next;

    /// <summary>Creates the device; call <see cref="Start"/> to begin.</summary>
    /// <param name="simulation">The simulation.</param>
    /// <param name="radio">Its radio (attached to the medium to be heard).</param>
    /// <param name="meanWait">Mean of the exponential wait before each frame.</param>
    /// <param name="payloadBytes">PHY payload of every frame.</param>
    /// <param name="waits">The device's own stream for the waits.</param>
    public AlohaLoRaDevice(Simulation simulation, LoRaRadio radio, SimDuration meanWait, int payloadBytes, RandomStream waits)
    {
        _simulation = simulation ?? throw new ArgumentNullException(nameof(simulation));
        Radio = radio ?? throw new ArgumentNullException(nameof(radio));
        _waits = waits ?? throw new ArgumentNullException(nameof(waits));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(meanWait.Nanoseconds, 0, nameof(meanWait));
        ArgumentOutOfRangeException.ThrowIfNegative(payloadBytes);
        MeanWait = meanWait;
        PayloadBytes = payloadBytes;
        _next = new SimTimer(simulation, this);
    }

    /// <summary>The radio.</summary>
    public LoRaRadio Radio { get; }

    /// <summary>Mean wait before each frame.</summary>
    public SimDuration MeanWait { get; }

    /// <summary>PHY payload of every frame.</summary>
    public int PayloadBytes { get; }

    /// <summary>Frames started.</summary>
    public long Sent { get; private set; }

    /// <summary>Schedules the first frame.</summary>
    public void Start() => _next.Set(_simulation.Now + _waits.ExponentialDuration(MeanWait));

    /// <inheritdoc/>
    void IEventHandler.OnEvent(SimTime now, long tag)
    {
        if (Radio.Transmit(PayloadBytes, this) > SimDuration.Zero)
        {
            Sent++;
        }
    }

    /// <inheritdoc/>
    void IRadioListener.OnTransmitDone(SimTime now)
    {
        Radio.Sleep();
        _next.Set(now + _waits.ExponentialDuration(MeanWait));
    }
}
