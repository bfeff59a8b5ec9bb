namespace SensorNet.NodeKernel.Apps;

/// <summary>How a LoRa app waits for the end of a transmission.</summary>
public enum LoRaTransmitMode
{
    /// <summary>RadioLib's blocking <c>transmit()</c>: the MCU busy-polls DIO1 (yield-no-wait + GPIO reads) for the whole time on air.</summary>
    Blocking,

    /// <summary><c>startTransmit()</c> with the DIO1 GPIO interrupt and a Yield-Wait: the MCU sleeps through the time on air.</summary>
    InterruptDriven,
}
