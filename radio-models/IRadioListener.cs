using SensorNet.SimEngine.Time;

namespace SensorNet.RadioModels;

/// <summary>Receives a radio's completion interrupts (the driver side of a radio chip).</summary>
public interface IRadioListener
{
    /// <summary>The frame started by the last transmit call left the antenna completely.</summary>
    void OnTransmitDone(SimTime now);
}
