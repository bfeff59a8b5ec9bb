using SensorNet.Energy;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.NodeKernel.Chips;

/// <summary>
/// An MCU's clock and its supply currents when running and when sleeping, with the sources of the numbers
/// (grades as in models.md: P primary, S secondary, U unverified placeholder).
/// </summary>
/// <param name="Name">Chip name, e.g. <c>nrf52840</c>.</param>
/// <param name="Clock">CPU clock; converts cycle budgets to time.</param>
/// <param name="Supply">Supply voltage the currents refer to.</param>
/// <param name="Active">Current while the CPU runs.</param>
/// <param name="Sleep">Current while the CPU sleeps as the chip's sleep policy leaves it.</param>
/// <param name="Source">Sources and grades.</param>
public sealed record McuProfile(string Name, Hertz Clock, Volts Supply, Amperes Active, Amperes Sleep, string Source)
{
    /// <summary>State index of the running CPU in <see cref="PowerStates"/>.</summary>
    public const int ActiveState = 0;

    /// <summary>State index of the sleeping CPU.</summary>
    public const int SleepState = 1;

    /// <summary>
    /// nRF52840 at 64 MHz as Tock runs it: sleep is System-ON WFI with the HFXO kept running, which Tock's core
    /// team measured at about 200 µA for an idle board (tock/tock <c>doc/wg/core/notes/core-notes-2024-09-06.md</c>,
    /// published observation); active 3.3 mA (U: CoreMark-from-flash class figure, placeholder).
    /// </summary>
    public static McuProfile Nrf52840 { get; } = new(
        "nrf52840",
        Hertz.FromMegahertz(64),
        new Volts(3.0),
        Amperes.FromMilliamperes(3.3),
        Amperes.FromMicroamperes(200),
        "sleep ≈200 µA: Tock idle with HFXO on, tock/tock doc/wg/core/notes/core-notes-2024-09-06.md (published observation); active 3.3 mA: (U, placeholder)");

    /// <summary>
    /// Apollo3 Blue at 48 MHz, which Tock always puts in deep sleep (tock/tock <c>chips/apollo3</c>): active about
    /// 6 µA/MHz (≈ 0.29 mA) and deep sleep about 1 µA (U: marketing figures, placeholders).
    /// </summary>
    public static McuProfile Apollo3 { get; } = new(
        "apollo3",
        Hertz.FromMegahertz(48),
        new Volts(3.0),
        Amperes.FromMicroamperes(6 * 48),
        Amperes.FromMicroamperes(1),
        "active ≈6 µA/MHz, deep sleep ≈1 µA: Ambiq marketing figures (U, placeholders)");

    /// <summary>Names of the built-in chips.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = ["apollo3", "nrf52840"];

    /// <summary>Looks a built-in chip up by name (case-insensitive).</summary>
    public static McuProfile ByName(string name) => name.ToUpperInvariant() switch
    {
        "NRF52840" => Nrf52840,
        "APOLLO3" => Apollo3,
        _ => throw new KeyNotFoundException($"Unknown MCU '{name}'; known: {string.Join(", ", BuiltInNames)}."),
    };

    /// <summary>The power-state table (active, sleep) at the supply voltage.</summary>
    public PowerStateTable PowerStates() =>
        PowerStateTable.FromCurrents(Name, Supply, [("active", Active), ("sleep", Sleep)], Source);
}
