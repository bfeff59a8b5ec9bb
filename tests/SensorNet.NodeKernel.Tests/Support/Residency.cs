using SensorNet.NodeKernel.Chips;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Tests.Support;

/// <summary>Time helpers and the residency invariant for conformance tests.</summary>
internal static class Residency
{
    /// <summary>Active plus every sleep state's residency is exactly the simulated time.</summary>
    public static void AssertAccountsForAllTime(KernelHarness h)
    {
        SimDuration total = h.Cpu.Residency(ChipModel.ActiveState) + h.Cpu.Residency(ChipModel.ShallowState)
            + (h.Chip.Deep is null ? SimDuration.Zero : h.Cpu.Residency(ChipModel.DeepState));
        Assert.Equal(h.Simulation.Now.SinceStart, total);
    }

    public static SimTime AtUs(long microseconds) => SimTime.FromStart(SimDuration.FromMicroseconds(microseconds));

    public static SimTime AtNs(long nanoseconds) => new(nanoseconds);

    public static SimDuration Us(long microseconds) => SimDuration.FromMicroseconds(microseconds);

    public static SimDuration Ms(long milliseconds) => SimDuration.FromMilliseconds(milliseconds);
}
