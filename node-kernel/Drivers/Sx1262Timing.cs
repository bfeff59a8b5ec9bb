using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Drivers;

/// <summary>
/// How long an SX1262 holds BUSY high. Every value is a placeholder to be replaced from the SX1261/2 datasheet's
/// timing tables: <see cref="WakeUp"/> is the ~3.5 ms cold-start figure of Mbed OS <c>COMPONENT_SX126X/SleepMode.txt</c>
/// (S, models.md §4.2), reused for warm starts; the others are U.
/// </summary>
/// <param name="CommandBusy">BUSY high after an ordinary command (configuration, buffer and IRQ commands), U.</param>
/// <param name="WakeUp">BUSY high after NSS wakes the chip from sleep, S (cold start) / U (warm start).</param>
/// <param name="ResetBoot">BUSY high after NRESET is released, U.</param>
/// <param name="Calibration">BUSY high after Calibrate (0x89) or CalibrateImage (0x98), U.</param>
public sealed record Sx1262Timing(SimDuration CommandBusy, SimDuration WakeUp, SimDuration ResetBoot, SimDuration Calibration)
{
    /// <summary>5 µs per command, 3.5 ms to wake, 3.5 ms to boot after reset, 3.5 ms to calibrate.</summary>
    public static Sx1262Timing Default { get; } = new(
        SimDuration.FromMicroseconds(5),
        SimDuration.FromMicroseconds(3_500),
        SimDuration.FromMicroseconds(3_500),
        SimDuration.FromMicroseconds(3_500));

    /// <summary>
    /// PA ramp time of a SetTxParams ramp code: 0x00 10 µs, 0x01 20 µs, 0x02 40 µs, 0x03 80 µs, 0x04 200 µs, 0x05 800 µs,
    /// 0x06 1 700 µs, 0x07 3 400 µs (RadioLib <c>RADIOLIB_SX126X_PA_RAMP_*</c>, S; datasheet SetTxParams). BUSY stays high
    /// for it after SetTx ("wait for BUSY to go low (= PA ramp up done)", RadioLib <c>SX126x::startTransmit</c>).
    /// </summary>
    public static SimDuration RampTime(byte code) => SimDuration.FromMicroseconds(code switch
    {
        0x00 => 10,
        0x01 => 20,
        0x02 => 40,
        0x03 => 80,
        0x04 => 200,
        0x05 => 800,
        0x06 => 1_700,
        _ => 3_400,
    });
}
