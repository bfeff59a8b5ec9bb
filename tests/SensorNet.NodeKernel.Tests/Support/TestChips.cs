using SensorNet.NodeKernel.Chips;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Tests.Support;

/// <summary>Chip models with round numbers, so expected times in tests are easy to compute by hand.</summary>
internal static class TestChips
{
    /// <summary>1 MHz CPU (1 cycle = 1 µs), WFI only, a 32 768 Hz 24-bit alarm with minimum dt 10 (nRF52-like).</summary>
    public static ChipModel Wfi1MHz(KernelCosts? costs = null) => new(
        "test-wfi",
        Hertz.FromMegahertz(1),
        new Volts(3.0),
        Amperes.FromMilliamperes(1),
        SleepPolicy.WfiOnly,
        new ChipSleepState("sleep", Amperes.FromMicroamperes(100), SimDuration.Zero),
        null,
        new AlarmHardware(32_768, 24, 10, 17),
        costs ?? KernelCosts.Default,
        [],
        "test");

    /// <summary>A SAM4L-like chip: shallow SLEEP and deep WAIT chosen by held clocks and GPIO interrupts.</summary>
    public static ChipModel Sam4lLike() => new(
        "test-sam4l",
        Hertz.FromMegahertz(48),
        new Volts(3.3),
        Amperes.FromMilliamperes(4),
        SleepPolicy.DeepWhenClocksAllow,
        new ChipSleepState("sleep", Amperes.FromMicroamperes(900), SimDuration.Zero),
        new ChipSleepState("deep_sleep", Amperes.FromMicroamperes(5), SimDuration.FromMicroseconds(20)),
        new AlarmHardware(16_000, 32, 8, 40),
        KernelCosts.Default,
        ["HSB.PDCA", "HSB.FLASHCALW", "HSB.FLASHCALW_PICOCACHE", "HSB.APBA_BRIDGE", "HSB.APBB_BRIDGE", "HSB.APBC_BRIDGE", "HSB.APBD_BRIDGE", "PBA.TWIS0", "PBA.TWIS1", "PBB.FLASHCALW", "PBB.HRAMC1", "PBB.PDCA"],
        "test");

    /// <summary>Costs of zero cycles everywhere, for schedules computed by hand.</summary>
    public static KernelCosts Free { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0);
}
