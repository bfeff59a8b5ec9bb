using SensorNet.Energy;
using SensorNet.Energy.Accounting;
using SensorNet.Energy.Consumers;
using SensorNet.NodeKernel.Chips;
using SensorNet.NodeKernel.Firmware;
using SensorNet.RadioModels.LoRa;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel;

/// <summary>
/// One simulated sensor node: its energy system (storage and consumers), MCU, LoRa radio and firmware, wired so
/// that running out of energy powers everything off and stops the firmware.
/// </summary>
public sealed class SensorNode
{
    private readonly PeriodicSenseAndSendFirmware _firmware;

    /// <summary>Builds the node; call <see cref="Boot"/> to start it.</summary>
    /// <param name="simulation">The simulation the node lives in.</param>
    /// <param name="id">Node id; keys the node's random streams.</param>
    /// <param name="position">Position in the plane (x, y), in metres.</param>
    /// <param name="storage">Energy storage.</param>
    /// <param name="mcu">MCU profile.</param>
    /// <param name="radioChip">LoRa chip profile.</param>
    /// <param name="modulation">LoRa modulation.</param>
    /// <param name="txPower">Transmit power.</param>
    /// <param name="settings">Firmware settings.</param>
    /// <param name="streams">The run's random streams.</param>
    public SensorNode(
        Simulation simulation,
        int id,
        (Meters X, Meters Y) position,
        IEnergyStorage storage,
        McuProfile mcu,
        LoRaChipProfile radioChip,
        LoRaModulation modulation,
        Dbm txPower,
        SenseAndSendSettings settings,
        RngStreams streams)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentNullException.ThrowIfNull(mcu);
        ArgumentNullException.ThrowIfNull(streams);
        Id = id;
        Position = position;
        Mcu = mcu;
        Energy = new NodeEnergy(simulation, storage);
        Cpu = Energy.AddConsumer("mcu", mcu.PowerStates(), McuProfile.ActiveState);
        Radio = new LoRaRadio(simulation, Energy, radioChip, modulation, txPower);
        _firmware = new PeriodicSenseAndSendFirmware(simulation, mcu, Cpu, Radio, settings, streams.For(id, RngPurpose.Traffic));
        StartOffset = streams.For(id, RngPurpose.StartOffset).UniformDuration(settings.Period);
        Energy.PowerLost += _ => _firmware.Halt();
    }

    /// <summary>Node id.</summary>
    public int Id { get; }

    /// <summary>Position (x, y) in metres.</summary>
    public (Meters X, Meters Y) Position { get; }

    /// <summary>The MCU profile.</summary>
    public McuProfile Mcu { get; }

    /// <summary>Storage and consumers.</summary>
    public NodeEnergy Energy { get; }

    /// <summary>The MCU's energy consumer (states active and sleep).</summary>
    public StateBasedConsumer Cpu { get; }

    /// <summary>The LoRa radio.</summary>
    public LoRaRadio Radio { get; }

    /// <summary>Delay of the first reading after boot, drawn uniformly in [0, period) so nodes do not start in lock-step.</summary>
    public SimDuration StartOffset { get; }

    /// <summary>Wake-ups of the MCU from sleep.</summary>
    public long Wakeups => _firmware.Wakeups;

    /// <summary>Readings taken.</summary>
    public long Readings => _firmware.Readings;

    /// <summary>Boots the node at the current time: the MCU sleeps until the first reading.</summary>
    public void Boot(SimTime now) => _firmware.Start(now + StartOffset);
}
