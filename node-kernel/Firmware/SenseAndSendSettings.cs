using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Firmware;

/// <summary>Settings of <see cref="PeriodicSenseAndSendFirmware"/>.</summary>
/// <param name="Period">Nominal time between readings; &gt; 0.</param>
/// <param name="Jitter">Each wake-up is moved by a uniform draw in [−jitter, +jitter]; ≥ 0 and &lt; period / 2.</param>
/// <param name="PayloadBytes">Radio payload per reading, in bytes.</param>
/// <param name="SenseCycles">CPU cycles to take a reading and build the frame.</param>
/// <param name="InterruptCycles">CPU cycles to handle the transmit-done interrupt.</param>
public sealed record SenseAndSendSettings(SimDuration Period, SimDuration Jitter, int PayloadBytes, long SenseCycles, long InterruptCycles)
{
    /// <summary>Throws if the settings are inconsistent.</summary>
    public void Validate()
    {
        if (Period.Nanoseconds <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Period), Period, "The period must be > 0.");
        }

        if (Jitter.Nanoseconds < 0 || Jitter * 2 >= Period)
        {
            throw new ArgumentOutOfRangeException(nameof(Jitter), Jitter, "The jitter must be ≥ 0 and less than half the period.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(SenseCycles);
        ArgumentOutOfRangeException.ThrowIfNegative(InterruptCycles);
    }
}
