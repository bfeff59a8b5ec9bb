using SensorNet.NodeKernel.Processes;
using SensorNet.RadioModels.LoRa;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.NodeKernel.Boards;

/// <summary>
/// A Tock LoRa board as data, following its <c>main.rs</c>: chip, scheduler, process limit, app RAM, fault policy,
/// console, LEDs, the radio behind the LoRa SPI (0x30003) and GPIO (0x30004) drivers and the GPIO map.
/// <c>LoRaBoards.Build</c> composes the node from it. Defaults: <see cref="LoRaBoards.Apollo3LoRaThingsPlus"/>,
/// <see cref="LoRaBoards.LoraE5Mini"/>.
/// </summary>
/// <param name="Name">Board name.</param>
/// <param name="Chip">Built-in chip name or chip-file path.</param>
/// <param name="Scheduler">round-robin, cooperative, priority or mlfq.</param>
/// <param name="MaxProcesses">Process limit (<c>NUM_PROCS</c>).</param>
/// <param name="AppRamBytes">RAM for apps, in bytes.</param>
/// <param name="FaultPolicy">Fault policy.</param>
/// <param name="ProcessConsole">True if the board starts the process console (a permanently armed UART receive).</param>
/// <param name="UartClock">Peripheral clock of the console UART.</param>
/// <param name="UartIrq">Interrupt line of the console UART.</param>
/// <param name="UartReceiveCurrent">UART supply current with the receiver on.</param>
/// <param name="UartTransmitCurrent">UART supply current while transmitting.</param>
/// <param name="Leds">Number of LEDs.</param>
/// <param name="LedCurrent">Current of a lit LED.</param>
/// <param name="Sensors">True if the board has temperature and humidity drivers (0x60000, 0x60001).</param>
/// <param name="SensorIrq">Interrupt line of the sensors' I2C master.</param>
/// <param name="SensorClock">Peripheral clock of the sensors' I2C master.</param>
/// <param name="Radio">Currents and family of the radio.</param>
/// <param name="InitialTxPowerDbm">TX power before the app's SetTxParams, in dBm.</param>
/// <param name="SpiIrq">Interrupt line of the radio's SPI controller.</param>
/// <param name="SpiClock">Peripheral clock of the radio's SPI controller.</param>
/// <param name="GpioIrq">Interrupt line of the radio's GPIO interrupts.</param>
/// <param name="GpioMap">The LoRa GPIO driver's pins in index order (null = a hole, NODEVICE).</param>
/// <param name="Boot">Clock start-up and process loading at boot (null: immediate, synchronous).</param>
/// <param name="Source">Where the settings come from, with grades.</param>
public sealed record LoRaBoardDefinition(
    string Name,
    string Chip,
    string Scheduler,
    int MaxProcesses,
    long AppRamBytes,
    FaultPolicy FaultPolicy,
    bool ProcessConsole,
    string UartClock,
    int UartIrq,
    Amperes UartReceiveCurrent,
    Amperes UartTransmitCurrent,
    int Leds,
    Amperes LedCurrent,
    bool Sensors,
    int SensorIrq,
    string SensorClock,
    LoRaChipProfile Radio,
    int InitialTxPowerDbm,
    int SpiIrq,
    string SpiClock,
    int GpioIrq,
    IReadOnlyList<LoRaRadioPin?> GpioMap,
    string Source,
    Kernel.BootOptions? Boot = null);
