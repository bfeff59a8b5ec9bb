namespace SensorNet.Scenarios.Running;

/// <summary>One node's results over a run. Names carry units, as the result columns do.</summary>
/// <param name="NodeId">Node id.</param>
/// <param name="Group">Name of the node's group.</param>
/// <param name="Kind">What the node runs: <c>tock</c> (the kernel model) or <c>loraSenseAndSend</c> (the interim firmware).</param>
/// <param name="XM">x position, in m.</param>
/// <param name="YM">y position, in m.</param>
/// <param name="Mcu">MCU name.</param>
/// <param name="Radio">Radio chip name, or <c>none</c>.</param>
/// <param name="InitialJ">Stored energy at the start, in J.</param>
/// <param name="FinalJ">Stored energy at the end, in J.</param>
/// <param name="EnergyJ">Energy consumed by all components, in J.</param>
/// <param name="McuEnergyJ">Energy consumed by the MCU, in J.</param>
/// <param name="RadioEnergyJ">Energy consumed by the radio, in J.</param>
/// <param name="AveragePowerW">Mean power over the run, in W.</param>
/// <param name="McuActiveNs">Time the MCU ran, in ns.</param>
/// <param name="McuSleepNs">Time the MCU slept (all sleep depths), in ns.</param>
/// <param name="McuOffNs">Time the MCU was unpowered, in ns.</param>
/// <param name="Wakeups">MCU wake-ups from sleep.</param>
/// <param name="Readings">Sensor measurements taken.</param>
/// <param name="FramesSent">Radio frames sent completely.</param>
/// <param name="AirtimeNs">Total time on air, in ns.</param>
/// <param name="DepletedAtNs">When the storage ran empty, in ns since the start, or null.</param>
/// <param name="HarvestedJ">Energy harvested, in J.</param>
public sealed record NodeSummary(
    int NodeId,
    string Group,
    string Kind,
    double XM,
    double YM,
    string Mcu,
    string Radio,
    double InitialJ,
    double FinalJ,
    double EnergyJ,
    double McuEnergyJ,
    double RadioEnergyJ,
    double AveragePowerW,
    long McuActiveNs,
    long McuSleepNs,
    long McuOffNs,
    long Wakeups,
    long Readings,
    long FramesSent,
    long AirtimeNs,
    long? DepletedAtNs,
    double HarvestedJ = 0)
{
    /// <summary>Times the node lost power (brown-outs and exhaustion).</summary>
    public int Outages { get; init; }

    /// <summary>Times the node regained power and booted again.</summary>
    public int Restarts { get; init; }

    /// <summary>Time without power, in ns.</summary>
    public long DowntimeNs { get; init; }

    /// <summary>Frames a gateway received (any one of them), when the scenario has a network.</summary>
    public long FramesDelivered { get; init; }

    /// <summary>LoRaWAN: application messages generated.</summary>
    public long Messages { get; init; }

    /// <summary>LoRaWAN: confirmed messages whose ACK arrived.</summary>
    public long MessagesAcked { get; init; }

    /// <summary>LoRaWAN: transmissions beyond the first of each message.</summary>
    public long Retransmissions { get; init; }

    /// <summary>LoRaWAN: time transmissions waited for the duty cycle, in ns.</summary>
    public long DutyCycleWaitNs { get; init; }

    /// <summary>802.15.4 collection: frames this node forwarded toward a sink for others.</summary>
    public long FramesForwarded { get; init; }

    /// <summary>Energy the regulator turned into heat, in J.</summary>
    public double ConverterLossJ { get; init; }
}
