using SensorNet.NodeKernel.Drivers;

namespace SensorNet.NodeKernel.Boards;

/// <summary>A composed Tock LoRa board: the node, its console, LEDs, sensors, and the radio behind the LoRa SPI and GPIO drivers.</summary>
public sealed class LoRaBoard
{
    internal LoRaBoard(LoRaBoardDefinition definition, TockNode node)
    {
        Definition = definition;
        Node = node;
    }

    /// <summary>The definition it was built from.</summary>
    public LoRaBoardDefinition Definition { get; }

    /// <summary>The node.</summary>
    public TockNode Node { get; }

    /// <summary>The console UART.</summary>
    public Uart Uart { get; internal set; } = null!;

    /// <summary>The console driver (0x1).</summary>
    public ConsoleDriver Console { get; internal set; } = null!;

    /// <summary>The LED driver (0x2), if the board has LEDs.</summary>
    public LedDriver? Leds { get; internal set; }

    /// <summary>The temperature driver (0x60000), if any.</summary>
    public SensorDriver? Temperature { get; internal set; }

    /// <summary>The humidity driver (0x60001), if any.</summary>
    public SensorDriver? Humidity { get; internal set; }

    /// <summary>The radio.</summary>
    public Sx1262Device Radio { get; internal set; } = null!;

    /// <summary>The LoRa SPI driver (0x30003).</summary>
    public SpiControllerDriver Spi { get; internal set; } = null!;

    /// <summary>The LoRa GPIO driver (0x30004).</summary>
    public GpioDriver Gpio { get; internal set; } = null!;

    /// <summary>The NSS wire, if the GPIO map exposes it.</summary>
    public GpioLine? Nss { get; internal set; }

    /// <summary>The NRESET wire, if the GPIO map exposes it.</summary>
    public GpioLine? Reset { get; internal set; }

    /// <summary>True while the process console keeps the UART receiving.</summary>
    public bool ProcessConsoleRunning { get; internal set; }
}
