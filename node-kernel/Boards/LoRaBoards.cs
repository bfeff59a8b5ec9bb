using System.Numerics;
using SensorNet.Energy;
using SensorNet.Energy.Accounting;
using SensorNet.NodeKernel.Chips;
using SensorNet.NodeKernel.Drivers;
using SensorNet.NodeKernel.Hardware;
using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Processes;
using SensorNet.RadioModels.LoRa;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Boards;

/// <summary>
/// Tock's LoRa boards, where the kernel has no LoRa stack: the radio is reached from userspace (RadioLib over
/// libtock-c) through the generic SPI controller driver as <c>LoRaPhySPI</c> 0x30003 and the GPIO driver as
/// <c>LoRaPhyGPIO</c> 0x30004 (reference §7.8). <c>Build</c> composes a <see cref="TockNode"/> with the console,
/// LEDs, sensors, <see cref="Sx1262Device"/>, <see cref="SpiControllerDriver"/> and <see cref="GpioDriver"/>.
/// </summary>
/// <remarks>
/// <b>Scope and limitations:</b> the BME280 of lora_things_plus (I2C on IOM0) is stood in for by the SI7021 model (same
/// driver numbers, a 20 ms conversion with the MCU free to sleep; its consumer is called <c>si7021</c>); no BLE, no
/// KV store, no external SPI (0x20001) or I2C master (0x20003) drivers; the STM32WL radio is modelled as an SX1262 with
/// the SX1262 currents. Interrupt lines are from the chips' <c>nvic.rs</c>.
/// </remarks>
public static class LoRaBoards
{
    /// <summary>
    /// SparkFun LoRa Thing Plus expLoRaBLE (tock/tock <c>boards/apollo3/lora_things_plus/src/main.rs</c>): Apollo3 Blue at
    /// 48 MHz (always deep sleep), round robin, <c>NUM_PROCS</c> = 4, <c>PanicFaultPolicy</c>, no process console,
    /// console on UART0 (IRQ 15), 1 LED, BME280 temperature/humidity on IOM0 (IRQ 6); "A Semtech SX1262 is connected as a
    /// SPI slave to IOM3" (IRQ 9) with GPIO map 0 = NSS (H6), 1 = BUSY (J8), 2 = DIO1 (J9), 3 = DIO3 (H9), 4 = RESET (J7)
    /// on the GPIO interrupt (IRQ 13; lines from <c>chips/apollo3/src/nvic.rs</c>). App RAM 256 KiB of the 384 KiB RAM
    /// (<c>layout.ld</c>; the split is U). SPI bus: see <see cref="SpiBusClockHz"/>. Currents: SX1262 profile (S/U),
    /// UART and LED U.
    /// </summary>
    public static LoRaBoardDefinition Apollo3LoRaThingsPlus { get; } = new(
        "apollo3-lora-things-plus",
        "apollo3",
        "round-robin",
        4,
        256 * 1024,
        new FaultPolicy(FaultPolicyKind.Panic),
        ProcessConsole: false,
        "UART0",
        UartIrq: 15,
        Amperes.FromMicroamperes(100),
        Amperes.FromMicroamperes(500),
        Leds: 1,
        Amperes.FromMilliamperes(1.0),
        Sensors: true,
        SensorIrq: 6,
        "IOM0",
        LoRaChipProfile.Sx1262,
        InitialTxPowerDbm: 14,
        SpiIrq: 9,
        "IOM3",
        GpioIrq: 13,
        [LoRaRadioPin.Nss, LoRaRadioPin.Busy, LoRaRadioPin.Dio1, LoRaRadioPin.Dio3, LoRaRadioPin.Reset],
        "tock/tock boards/apollo3/lora_things_plus/src/main.rs (P); IRQ lines chips/apollo3/src/nvic.rs (P); app RAM split, UART and LED currents U; sensors: SI7021 model standing in for the BME280",
        // SequentialProcessLoaderMachine with AppCheckerNullComponent unless the atecc508a feature is on (reference §10).
        new Kernel.BootOptions(SimDuration.FromMilliseconds(1), Kernel.ProcessLoading.Asynchronous));

    /// <summary>
    /// Seeed LoRa-E5 mini (tock/tock <c>boards/lora_e5_mini/src/main.rs</c>): STM32WLE5JC on the 4 MHz MSI (always shallow
    /// sleep), round robin, <c>NUM_PROCS</c> = 4, <c>PanicFaultPolicy</c>, process console started, console on USART1
    /// (IRQ 36), 1 LED, no sensors; the integrated SubGHz radio on SUBGHZ_SPI (IRQ 44) with the virtual GPIOs
    /// (<c>SubGhzRadioVirtualGpio</c>) 1 = BUSY and 2 = DIO1 (the radio interrupt, IRQ 50; lines from
    /// <c>chips/stm32wle5xx/src/nvic.rs</c>), pins 0, 3 and 4 absent. App RAM 32 KiB of 64 KiB (U).
    /// </summary>
    public static LoRaBoardDefinition LoraE5Mini { get; } = new(
        "lora-e5-mini",
        "stm32wle5",
        "round-robin",
        4,
        32 * 1024,
        new FaultPolicy(FaultPolicyKind.Panic),
        ProcessConsole: true,
        "USART1",
        UartIrq: 36,
        Amperes.FromMicroamperes(100),
        Amperes.FromMicroamperes(500),
        Leds: 1,
        Amperes.FromMilliamperes(1.0),
        Sensors: false,
        SensorIrq: 0,
        "I2C2",
        LoRaChipProfile.Sx1262,
        InitialTxPowerDbm: 14,
        SpiIrq: 44,
        "SUBGHZSPI",
        GpioIrq: 50,
        [null, LoRaRadioPin.Busy, LoRaRadioPin.Dio1],
        "tock/tock boards/lora_e5_mini/src/main.rs (P); IRQ lines chips/stm32wle5xx/src/nvic.rs (P); app RAM, UART and LED currents U; radio currents: SX1262 profile (S/U)",
        // Synchronous load_processes (main.rs:469).
        new Kernel.BootOptions(SimDuration.Zero, Kernel.ProcessLoading.Synchronous));

    /// <summary>The built-in LoRa boards.</summary>
    public static IReadOnlyList<LoRaBoardDefinition> BuiltIn { get; } = [Apollo3LoRaThingsPlus, LoraE5Mini];

    /// <summary>
    /// The SPI bus clock a requested rate gives on <paramref name="chip"/>, in Hz (≤ 0: refused). Tock's virtual SPI
    /// device asks for 100 000 Hz unless userspace sets a rate, and libtock-c's RadioLib HAL never does.
    /// <list type="bullet">
    /// <item><c>apollo3</c>: the IOM's <c>set_rate</c>/<c>get_rate</c> arithmetic (<c>chips/apollo3/src/iom.rs</c>); for
    /// 100 000 Hz it selects FSEL = 7 with the divider off, i.e. 48 MHz / 64 = <b>750 000 Hz</b> (D: derived from the
    /// code, not measured).</item>
    /// <item><c>stm32wle5</c>: <c>set_rate</c> ignores the request and sets the prescaler to /256
    /// (<c>chips/stm32wle5xx/src/spi.rs</c>), reporting 31 250 Hz for an 8 MHz PCLK; with the board's 4 MHz MSI the bus
    /// runs at <b>15 625 Hz</b> (D: inference from the clock tree, not measured).</item>
    /// <item>Any other chip: the requested rate.</item>
    /// </list>
    /// </summary>
    public static long SpiBusClockHz(string chip, uint requestedHz) => chip switch
    {
        "apollo3" => Apollo3IomSpiHz(requestedHz),
        "stm32wle5" => 15_625,
        _ => requestedHz,
    };

    /// <summary>Builds the board as its <c>main.rs</c> does, with the given storage; processes are loaded afterwards.</summary>
    /// <param name="simulation">The simulation.</param>
    /// <param name="id">Node id.</param>
    /// <param name="definition">The board.</param>
    /// <param name="storage">Energy storage.</param>
    /// <param name="temperature">Temperature in hundredths of °C as a function of time.</param>
    /// <param name="humidity">Relative humidity in hundredths of % as a function of time.</param>
    /// <param name="radioTiming">SX1262 BUSY timing; <see cref="Sx1262Timing.Default"/> if null.</param>
    public static LoRaBoard Build(Simulation simulation, int id, LoRaBoardDefinition definition, IEnergyStorage storage, Func<SimTime, int>? temperature = null, Func<SimTime, int>? humidity = null, Sx1262Timing? radioTiming = null) =>
        Build(simulation, id, definition, new NodeEnergy(simulation ?? throw new ArgumentNullException(nameof(simulation)), storage), temperature, humidity, radioTiming);

    /// <summary>
    /// Builds the board on an existing energy system: the first time, or again after a power loss (see
    /// <see cref="Board.Build(Simulation, int, BoardDefinition, NodeEnergy, Func{SimTime, int}?, Func{SimTime, int}?, ChipModel?)"/>).
    /// </summary>
    /// <param name="simulation">The simulation.</param>
    /// <param name="id">Node id.</param>
    /// <param name="definition">The board.</param>
    /// <param name="energy">Storage, harvesters and consumers.</param>
    /// <param name="temperature">Temperature in hundredths of °C as a function of time.</param>
    /// <param name="humidity">Relative humidity in hundredths of % as a function of time.</param>
    /// <param name="radioTiming">SX1262 BUSY timing; <see cref="Sx1262Timing.Default"/> if null.</param>
    /// <param name="chip">The board's chip, resolved beforehand (<see cref="ChipFile.Resolve"/>) so that a network of
    /// nodes reads the chip file once; null reads it now.</param>
    /// <param name="kernelOptions">The kernel's behaviour switches (its memory comes from
    /// <paramref name="definition"/>); null for the defaults.</param>
    public static LoRaBoard Build(Simulation simulation, int id, LoRaBoardDefinition definition, NodeEnergy energy, Func<SimTime, int>? temperature = null, Func<SimTime, int>? humidity = null, Sx1262Timing? radioTiming = null, ChipModel? chip = null, KernelOptions? kernelOptions = null)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentNullException.ThrowIfNull(energy);
        ArgumentNullException.ThrowIfNull(definition);
        chip ??= ChipFile.Resolve(definition.Chip);
        KernelOptions options = (kernelOptions ?? new KernelOptions()) with { MaxProcesses = definition.MaxProcesses, AppRamBytes = definition.AppRamBytes };
        var node = new TockNode(simulation, id, chip, energy, Board.CreateScheduler(definition.Scheduler), definition.FaultPolicy, options);
        var board = new LoRaBoard(definition, node);
        TockKernel k = node.Kernel;
        board.Uart = new Uart(k, node.Energy, definition.UartIrq, 115_200, definition.UartClock, definition.UartReceiveCurrent, definition.UartTransmitCurrent, definition.Source);
        board.Console = new ConsoleDriver(k, board.Uart);
        if (definition.Leds > 0)
        {
            board.Leds = new LedDriver(k, node.Energy, definition.Leds, definition.LedCurrent, chip.Supply);
        }

        if (definition.Sensors)
        {
            var sensor = new Si7021(k, node.Energy, temperature ?? (_ => 2250), humidity ?? (_ => 4500), definition.SensorIrq, definition.SensorClock);
            board.Temperature = new SensorDriver(k, SensorDriver.Temperature, sensor.TemperatureBackend);
            board.Humidity = new SensorDriver(k, SensorDriver.Humidity, sensor.HumidityBackend);
        }

        // NSS idles high (deselected) and NRESET high (running).
        board.Nss = definition.GpioMap.Contains(LoRaRadioPin.Nss) ? new GpioLine("radio.nss", initialLevel: true) : null;
        board.Reset = definition.GpioMap.Contains(LoRaRadioPin.Reset) ? new GpioLine("radio.nreset", initialLevel: true) : null;
        board.Radio = new Sx1262Device(simulation, node.Energy, definition.Radio, radioTiming, board.Nss, board.Reset, definition.InitialTxPowerDbm);
        GpioLine?[] lines = [.. definition.GpioMap.Select(pin => pin switch
        {
            LoRaRadioPin.Nss => board.Nss,
            LoRaRadioPin.Busy => board.Radio.Busy,
            LoRaRadioPin.Dio1 => board.Radio.Dio1,
            LoRaRadioPin.Dio3 => board.Radio.Dio3,
            LoRaRadioPin.Reset => board.Reset,
            _ => null,
        })];
        board.Spi = new SpiControllerDriver(k, board.Radio, definition.SpiIrq, rate => SpiBusClockHz(chip.Name, rate), SpiControllerDriver.LoRaPhySpiNumber, definition.SpiClock);
        board.Gpio = new GpioDriver(k, lines, definition.GpioIrq, GpioDriver.LoRaPhyGpioNumber);
        if (definition.ProcessConsole)
        {
            board.Uart.StartReceive();
            board.ProcessConsoleRunning = true;
        }

        return board;
    }

    // chips/apollo3/src/iom.rs: set_rate chooses FSEL (HFRC / 2^(FSEL−1)), DIV3 and TOTPER; get_rate reports the result.
    private static long Apollo3IomSpiHz(uint rate)
    {
        const long hfrc = 48_000_000;
        if (rate == 0 || rate > hfrc)
        {
            return 0;
        }

        long div = hfrc / rate;
        int n = Math.Max(BitOperations.TrailingZeroCount(div), 6);
        bool div3 = rate < hfrc / 16_384 || (rate >= hfrc / 3 && rate <= (hfrc / 2) - 1);
        long denominator = (1L << n) * (div3 ? 3 : 1);
        long totalPeriod = (div / denominator) + (div % denominator != 0 ? 1 : 0);
        int v1 = totalPeriod > 0 ? BitOperations.Log2((ulong)totalPeriod) : 0;
        int fsel = v1 > 7 ? v1 + n - 6 : n + 1;
        if (fsel > 7)
        {
            return 0;
        }

        bool dividerOn = rate >= hfrc / 4 || (1L << (fsel - 1)) == div;
        long final = (1L << (fsel - 1)) * (div3 ? 3 : 1) * (1 + (dividerOn ? totalPeriod : 0));
        return hfrc % final > final / 2 ? (hfrc / final) + 1 : hfrc / final;
    }
}
