namespace SensorNet.NodeKernel.Drivers;

/// <summary>The radio side of the 802.15.4 driver: power and frame transmission (tock/tock <c>kernel/src/hil/radio.rs</c>).</summary>
public interface IIeee802154Radio
{
    /// <summary>True when the radio is on (AwakeMac keeps the receiver on while it is).</summary>
    bool IsOn { get; }

    /// <summary>True while a transmission is in progress.</summary>
    bool IsBusy { get; }

    /// <summary>Turns the radio on; it then listens continuously.</summary>
    /// <returns>CPU cycles the driver spends.</returns>
    long PowerOn();

    /// <summary>Turns the radio off.</summary>
    /// <returns>CPU cycles the driver spends.</returns>
    long PowerOff();

    /// <summary>Sends a frame of <paramref name="psduBytes"/> bytes; <paramref name="done"/> runs in a bottom half with (acked).</summary>
    /// <returns>CPU cycles the driver spends starting it.</returns>
    long Transmit(int psduBytes, bool ackRequested, Action<bool> done);
}
