using SensorNet.Energy;
using SensorNet.Energy.Accounting;
using SensorNet.NodeKernel.Chips;
using SensorNet.NodeKernel.Drivers;
using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Scheduling;
using SensorNet.RadioModels.Chips;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Boards;

/// <summary>A composed board: the Tock node and the drivers its definition asks for.</summary>
public sealed class Board
{
    private Board(BoardDefinition definition, TockNode node)
    {
        Definition = definition;
        Node = node;
    }

    /// <summary>The definition it was built from.</summary>
    public BoardDefinition Definition { get; }

    /// <summary>The node.</summary>
    public TockNode Node { get; }

    /// <summary>The console UART.</summary>
    public Uart Uart { get; private set; } = null!;

    /// <summary>The console driver (0x1).</summary>
    public ConsoleDriver Console { get; private set; } = null!;

    /// <summary>The LED driver (0x2), if the board has LEDs.</summary>
    public LedDriver? Leds { get; private set; }

    /// <summary>The button driver (0x3), if the board has buttons.</summary>
    public ButtonDriver? Buttons { get; private set; }

    /// <summary>The temperature driver (0x60000), if any.</summary>
    public SensorDriver? Temperature { get; private set; }

    /// <summary>The humidity driver (0x60001), if any.</summary>
    public SensorDriver? Humidity { get; private set; }

    /// <summary>The 802.15.4 driver (0x30001), if the board has a radio.</summary>
    public Ieee802154Driver? Ieee802154 { get; private set; }

    /// <summary>The 802.15.4 radio driver, if any.</summary>
    public IIeee802154Radio? Radio { get; private set; }

    /// <summary>The 802.15.4 radio chip, if any.</summary>
    public PacketRadio? RadioChip { get; private set; }

    /// <summary>The BLE advertising driver (0x30000), if the board has one.</summary>
    public BleAdvertisingDriver? Ble { get; private set; }

    /// <summary>The radio in BLE mode, if the board advertises (a separate consumer; Tock never enables both modes at once).</summary>
    public PacketRadio? BleRadio { get; private set; }

    /// <summary>The ADC driver (0x5), if the board has one.</summary>
    public AdcDriver? Adc { get; private set; }

    /// <summary>The fuel-gauge driver (0x80001), if the board has one.</summary>
    public Max17205Driver? FuelGauge { get; private set; }

    /// <summary>True while the process console keeps the UART receiving.</summary>
    public bool ProcessConsoleRunning { get; private set; }

    /// <summary>Builds the board as its <c>main.rs</c> does, with the given storage; processes are loaded afterwards.</summary>
    /// <param name="simulation">The simulation.</param>
    /// <param name="id">Node id.</param>
    /// <param name="definition">The board.</param>
    /// <param name="storage">Energy storage.</param>
    /// <param name="temperature">Temperature in hundredths of °C as a function of time.</param>
    /// <param name="humidity">Relative humidity in hundredths of % as a function of time.</param>
    /// <param name="harvester">The solar input's harvester, for boards with one.</param>
    public static Board Build(Simulation simulation, int id, BoardDefinition definition, IEnergyStorage storage, Func<SimTime, int>? temperature = null, Func<SimTime, int>? humidity = null, IEnergyHarvester? harvester = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (harvester is not null && !definition.SolarInput)
        {
            throw new ArgumentException($"Board {definition.Name} has no solar input.", nameof(harvester));
        }

        var energy = new NodeEnergy(simulation, storage);
        if (harvester is not null)
        {
            energy.AddHarvester(harvester);
        }

        return Build(simulation, id, definition, energy, temperature, humidity);
    }

    /// <summary>
    /// Builds the board on an existing energy system: the first time, or again after a power loss, when the board's
    /// components reattach to the consumers they had (RAM and peripheral state are lost; energy totals are not).
    /// Build and boot it inside its own <see cref="SimEngine.Events.EventDomain"/>.
    /// </summary>
    /// <param name="simulation">The simulation.</param>
    /// <param name="id">Node id.</param>
    /// <param name="definition">The board.</param>
    /// <param name="energy">Storage, harvesters and consumers; harvesters are the caller's to add, once.</param>
    /// <param name="temperature">Temperature in hundredths of °C as a function of time.</param>
    /// <param name="humidity">Relative humidity in hundredths of % as a function of time.</param>
    /// <param name="chip">The board's chip, resolved beforehand (<see cref="ChipFile.Resolve"/>) so that a network of
    /// nodes reads the chip file once; null reads it now.</param>
    public static Board Build(Simulation simulation, int id, BoardDefinition definition, NodeEnergy energy, Func<SimTime, int>? temperature = null, Func<SimTime, int>? humidity = null, ChipModel? chip = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (energy is null ? throw new ArgumentNullException(nameof(energy)) : energy.Harvesters.Count > 0 && !definition.SolarInput)
        {
            throw new ArgumentException($"Board {definition.Name} has no solar input.", nameof(energy));
        }

        chip ??= ChipFile.Resolve(definition.Chip);
        var options = new KernelOptions { MaxProcesses = definition.MaxProcesses, AppRamBytes = definition.AppRamBytes };
        var node = new TockNode(simulation, id, chip, energy, CreateScheduler(definition.Scheduler), definition.FaultPolicy, options);
        var board = new Board(definition, node);
        TockKernel k = node.Kernel;
        temperature ??= _ => 2250;
        humidity ??= _ => 4500;
        board.Uart = new Uart(k, node.Energy, definition.UartIrq, 115_200, definition.UartClock, definition.UartReceiveCurrent, definition.UartTransmitCurrent, definition.Source);
        board.Console = new ConsoleDriver(k, board.Uart);
        if (definition.Leds > 0)
        {
            board.Leds = new LedDriver(k, node.Energy, definition.Leds, definition.LedCurrent, chip.Supply);
        }

        if (definition.Buttons > 0)
        {
            board.Buttons = new ButtonDriver(k, definition.Buttons, definition.GpioIrq);
        }

        switch (definition.Sensor)
        {
            case BoardSensor.Nrf52Internal:
                board.Temperature = new SensorDriver(k, SensorDriver.Temperature, new Nrf52Temperature(k, node.Energy, temperature, definition.SensorIrq));
                break;
            case BoardSensor.Si7021:
                var si = new Si7021(k, node.Energy, temperature, humidity, definition.SensorIrq);
                board.Temperature = new SensorDriver(k, SensorDriver.Temperature, si.TemperatureBackend);
                board.Humidity = new SensorDriver(k, SensorDriver.Humidity, si.HumidityBackend);
                break;
            default:
                break;
        }

        switch (definition.Radio)
        {
            case BoardRadio.Nrf52:
                board.RadioChip = new PacketRadio(simulation, node.Energy, PacketRadioProfile.Nrf52840Ieee802154);
                board.Radio = definition.Mac == BoardMac.XMac ? new XMacRadio(k, board.RadioChip, irq: 1) : new Nrf52Ieee802154Radio(k, board.RadioChip);
                break;
            case BoardRadio.Rf233:
                board.RadioChip = new PacketRadio(simulation, node.Energy, PacketRadioProfile.At86rf233);
                // X-MAC drives the radio chip directly here: the RF233's SPI register accesses are not modelled in X-MAC mode.
                board.Radio = definition.Mac == BoardMac.XMac ? new XMacRadio(k, board.RadioChip, irq: 26) : new Rf233Radio(k, board.RadioChip, spiIrq: 22, pinIrq: 26);
                break;
            default:
                break;
        }

        if (board.Radio is not null)
        {
            board.Ieee802154 = new Ieee802154Driver(k, board.Radio, definition.DriverMode);
        }

        if (definition.BleAdvertising)
        {
            board.BleRadio = new PacketRadio(simulation, node.Energy, PacketRadioProfile.Nrf52840Ble, "ble");
            board.Ble = new BleAdvertisingDriver(k, board.BleRadio, BleAdvertisingDriver.Nrf5xRadioIrq);
        }

        if (definition.AdcChannels > 0)
        {
            // A mid-scale reading on every channel unless the scenario says otherwise.
            board.Adc = new AdcDriver(k, definition.AdcChannels, irq: 65, (_, _) => 2048, chip.Policy == SleepPolicy.DeepWhenClocksAllow ? "PBA.ADCIFE" : "SAADC");
        }

        if (definition.FuelGauge)
        {
            board.FuelGauge = new Max17205Driver(k, node.Energy, irq: 64);
        }

        if (definition.ProcessConsole)
        {
            board.StartProcessConsole();
        }

        if (definition.RadioOnAtBoot)
        {
            board.StartRadio();
        }

        return board;
    }

    /// <summary>Boots the node as the board does: clock start-up, process loading, then the kernel loop.</summary>
    public void Boot() => Node.Boot(Definition.Boot);

    /// <summary>The scheduler named <paramref name="name"/>.</summary>
    public static IScheduler CreateScheduler(string name) => name switch
    {
        "round-robin" => new RoundRobinScheduler(),
        "cooperative" => new CooperativeScheduler(),
        "priority" => new PriorityScheduler(),
        "mlfq" => new MlfqScheduler(),
        _ => throw new KeyNotFoundException($"Unknown scheduler '{name}'; known: round-robin, cooperative, priority, mlfq."),
    };

    /// <summary>Starts the process console: its UART receive stays armed (<c>pconsole.start()</c>).</summary>
    public void StartProcessConsole()
    {
        if (!ProcessConsoleRunning)
        {
            Uart.StartReceive();
            ProcessConsoleRunning = true;
        }
    }

    /// <summary>Stops the process console's receive.</summary>
    public void StopProcessConsole()
    {
        if (ProcessConsoleRunning)
        {
            Uart.StopReceive();
            ProcessConsoleRunning = false;
        }
    }

    /// <summary>Starts the 802.15.4 radio (the board's boot code or an app's radio-on command does this).</summary>
    public void StartRadio() => Radio?.PowerOn();

    /// <summary>
    /// Puts the 802.15.4 radio to sleep; the RF233 driver then disables its IRQ pin interrupt, "Lets MCU sleep"
    /// (tock/tock <c>capsules/extra/src/rf233.rs</c>).
    /// </summary>
    public void StopRadio() => Radio?.PowerOff();
}
