using System.Globalization;

namespace SensorNet.NodeKernel.Processes;

/// <summary>Names one upcall: a driver number and one of its subscribe numbers (tock/tock <c>kernel/src/upcall.rs</c> <c>UpcallId</c>).</summary>
/// <param name="Driver">Driver number, e.g. 0x0 for the alarm.</param>
/// <param name="SubscribeNumber">Subscribe number within the driver.</param>
public readonly record struct UpcallId(uint Driver, uint SubscribeNumber)
{
    /// <summary>Formats as <c>0x0:0</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"0x{Driver:X}:{SubscribeNumber}");
}
