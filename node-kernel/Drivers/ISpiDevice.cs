namespace SensorNet.NodeKernel.Drivers;

/// <summary>
/// A chip on an SPI bus as the controller sees it (the device side of tock/tock <c>kernel/src/hil/spi.rs</c>
/// <c>SpiMasterDevice</c>): the controller asserts chip select, clocks bytes out and in, and releases chip select.
/// </summary>
public interface ISpiDevice
{
    /// <summary>Chip select was asserted (NSS falling edge) at the start of a transfer.</summary>
    void ChipSelected();

    /// <summary>
    /// Chip select is released (NSS rising edge) at the end of a transfer of <paramref name="mosi"/>.Length bytes: the
    /// device takes the bytes it received and fills <paramref name="miso"/> (same length) with the bytes it sent back.
    /// Command-driven chips such as the SX126x execute the command now.
    /// </summary>
    void Transfer(ReadOnlySpan<byte> mosi, Span<byte> miso);
}
