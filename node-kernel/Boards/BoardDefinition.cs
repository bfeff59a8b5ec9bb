using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Processes;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Boards;

/// <summary>Which temperature/humidity hardware a board has.</summary>
public enum BoardSensor
{
    /// <summary>None.</summary>
    None,

    /// <summary>The nRF52's internal TEMP peripheral (temperature only).</summary>
    Nrf52Internal,

    /// <summary>An SI7021 on I2C (temperature and humidity).</summary>
    Si7021,
}

/// <summary>Which 802.15.4 radio a board has.</summary>
public enum BoardRadio
{
    /// <summary>None.</summary>
    None,

    /// <summary>The nRF52840's on-chip radio.</summary>
    Nrf52,

    /// <summary>An AT86RF233 on SPI.</summary>
    Rf233,
}

/// <summary>
/// A board as data: its chip, scheduler, process limit, app RAM, fault policy and what it starts at boot, following
/// the real board's <c>main.rs</c>. <c>Board.Build</c> composes the node from it.
/// </summary>
/// <param name="Name">Board name.</param>
/// <param name="Chip">Built-in chip name or chip-file path.</param>
/// <param name="Scheduler">round-robin, cooperative, priority or mlfq.</param>
/// <param name="MaxProcesses">Process limit (<c>NUM_PROCS</c>).</param>
/// <param name="AppRamBytes">RAM for apps.</param>
/// <param name="FaultPolicy">Fault policy.</param>
/// <param name="ProcessConsole">True if the board starts the process console (a permanently armed UART receive).</param>
/// <param name="UartClock">Peripheral clock of the console UART.</param>
/// <param name="UartReceiveCurrent">UART supply current with the receiver on.</param>
/// <param name="UartTransmitCurrent">UART supply current while transmitting.</param>
/// <param name="UartIrq">UART interrupt line.</param>
/// <param name="Leds">Number of LEDs.</param>
/// <param name="LedCurrent">Current of a lit LED.</param>
/// <param name="Buttons">Number of buttons.</param>
/// <param name="GpioIrq">GPIO interrupt line.</param>
/// <param name="Sensor">Temperature/humidity hardware.</param>
/// <param name="SensorIrq">Interrupt line of the sensor (TEMP, or the I2C master).</param>
/// <param name="Radio">The 802.15.4 radio.</param>
/// <param name="RadioOnAtBoot">True if the board starts the radio at boot (imix starts the RF233; its IRQ pin interrupt is then enabled).</param>
/// <param name="Source">Where the settings come from.</param>
/// <param name="Boot">Clock start-up and process loading at boot.</param>
/// <param name="BleAdvertising">True if the board has the BLE advertising driver (0x30000) on the nRF52's radio.</param>
/// <param name="AdcChannels">Channels of the dedicated ADC driver (0x5), or 0 for none.</param>
/// <param name="SolarInput">True if the board takes a solar panel (the scenario supplies the harvester).</param>
/// <param name="Mac">The 802.15.4 MAC: AwakeMac (as every in-tree board) or X-MAC low-power listening.</param>
/// <param name="DriverMode">The 802.15.4 userspace driver: the framer (<c>driver.rs</c>) or the raw PHY driver (<c>phy_driver.rs</c>).</param>
/// <param name="FuelGauge">True if a MAX17205 fuel gauge (driver 0x80001) watches the battery, as on Signpost.</param>
public sealed record BoardDefinition(
    string Name,
    string Chip,
    string Scheduler,
    int MaxProcesses,
    long AppRamBytes,
    FaultPolicy FaultPolicy,
    bool ProcessConsole,
    string UartClock,
    Amperes UartReceiveCurrent,
    Amperes UartTransmitCurrent,
    int UartIrq,
    int Leds,
    Amperes LedCurrent,
    int Buttons,
    int GpioIrq,
    BoardSensor Sensor,
    int SensorIrq,
    BoardRadio Radio,
    bool RadioOnAtBoot,
    string Source,
    BootOptions Boot,
    bool FuelGauge = false,
    bool BleAdvertising = false,
    BoardMac Mac = BoardMac.Awake,
    int AdcChannels = 0,
    bool SolarInput = false,
    Drivers.Ieee802154DriverMode DriverMode = Drivers.Ieee802154DriverMode.Framer)
{
    /// <summary>
    /// nrf52840dk-like (tock/tock <c>boards/nordic/nrf52840dk</c>): nRF52840 with the HFXO on, round robin, 8 processes,
    /// <c>PanicFaultPolicy</c>, process console started (<c>lib.rs:985</c>), 4 LEDs, 4 buttons, internal TEMP, the on-chip
    /// 802.15.4 radio (off until an app turns it on: an inference; the component does not start it). UART
    /// receive current 1.0 mA from Tock's measurement (1.2 mA with the process console vs ≈200 µA without,
    /// <c>doc/wg/core/notes/core-notes-2024-09-06.md</c>); LED 1 mA and UART transmit current U.
    /// </summary>
    public static BoardDefinition Nrf52840Dk { get; } = new(
        "nrf52840dk",
        "nrf52840",
        "round-robin",
        8,
        192 * 1024,
        new FaultPolicy(FaultPolicyKind.Panic),
        ProcessConsole: true,
        "UARTE0",
        Amperes.FromMilliamperes(1.0),
        Amperes.FromMilliamperes(1.5),
        UartIrq: 2,
        Leds: 4,
        Amperes.FromMilliamperes(1.0),
        Buttons: 4,
        GpioIrq: 6,
        BoardSensor.Nrf52Internal,
        SensorIrq: 12,
        BoardRadio.Nrf52,
        RadioOnAtBoot: false,
        "tock/tock boards/nordic/nrf52840dk; UART RX current from core-notes-2024-09-06 (published observation); LED and UART TX currents U; LFXO start-up 250 ms and load cost U",
        // NrfClockComponent busy-waits for the LFXO (typ. 0.25 s, U) and HFXO; load_processes is synchronous (main.rs:110).
        new BootOptions(SimDuration.FromMilliseconds(250), ProcessLoading.Synchronous),
        BleAdvertising: true, // lib.rs:675-685 builds the BLE component; 0x30000 is routed to it
        AdcChannels: 8);

    /// <summary>
    /// imix-like (tock/tock <c>boards/imix</c>): SAM4L at 48 MHz, round robin, 4 processes, 64 KiB app RAM, process
    /// console started (<c>main.rs:855</c>, USART2 clock held), the RF233 started at boot with its IRQ pin interrupt
    /// enabled (<c>main.rs:852-853</c>), SI7021 on I2C (TWIM0), 1 LED, 1 button. Currents U.
    /// </summary>
    public static BoardDefinition Imix { get; } = new(
        "imix",
        "sam4l",
        "round-robin",
        4,
        64 * 1024,
        new FaultPolicy(FaultPolicyKind.Panic),
        ProcessConsole: true,
        "PBA.USART2",
        Amperes.FromMicroamperes(100),
        Amperes.FromMicroamperes(500),
        UartIrq: 67,
        Leds: 1,
        Amperes.FromMilliamperes(1.0),
        Buttons: 1,
        GpioIrq: 25,
        BoardSensor.Si7021,
        SensorIrq: 63,
        BoardRadio.Rf233,
        RadioOnAtBoot: true,
        "tock/tock boards/imix/src/main.rs; currents, clock start-up and SHA-256 cost U placeholders",
        // SequentialProcessLoaderMachine with AppCheckerSha256 over software SHA-256 (main.rs:746-806): ≈60 cycles/byte (U).
        new BootOptions(SimDuration.FromMilliseconds(2), ProcessLoading.Asynchronous, CredentialCyclesPerByte: 60),
        AdcChannels: 6);

    /// <summary>
    /// Signpost-like (Adkins et al., IPSN 2018; lab11/signpost-software, out of tree per tock/tock
    /// <c>doc/OutOfTree.md</c>): a SAM4L controller as on hail (round robin, <c>ThresholdRestartThenPanicFaultPolicy(4)</c>,
    /// synchronous loading, 20 processes), a MAX17205 battery monitor, a solar input (the scenario supplies the panel),
    /// no process console, an RF233-class 802.15.4 radio off at boot. The panel specification is U (models.md §5.4).
    /// </summary>
    public static BoardDefinition Signpost { get; } = Imix with
    {
        Name = "signpost",
        MaxProcesses = 20,
        FaultPolicy = new FaultPolicy(FaultPolicyKind.ThresholdRestartThenPanic, 4),
        ProcessConsole = false,
        RadioOnAtBoot = false,
        FuelGauge = true,
        SolarInput = true,
        Mac = BoardMac.XMac, // xmac.rs was written for the RF233; low-power listening suits a solar node
        Boot = new BootOptions(SimDuration.FromMilliseconds(2), ProcessLoading.Synchronous),
        Source = "Signpost (IPSN 2018) controller as a hail-like SAM4L board with a MAX17205 and a solar input; hail: tock/tock boards/hail/src/main.rs:539 (fault policy), :592 (synchronous loading), NUM_PROCS 20; currents U",
    };

    /// <summary>The built-in boards.</summary>
    public static IReadOnlyList<BoardDefinition> BuiltIn { get; } = [Nrf52840Dk, Imix, Signpost];
}
