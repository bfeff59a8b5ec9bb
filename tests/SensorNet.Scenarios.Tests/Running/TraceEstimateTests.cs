using SensorNet.Scenarios.Loading;
using SensorNet.Scenarios.Running;
using SensorNet.Scenarios.Tests.Support;
using SensorNet.SimEngine.Time;

namespace SensorNet.Scenarios.Tests.Running;

public class TraceEstimateTests
{
    [Fact]
    public void EnergySamples_AreCountedExactly_WithoutAPilot()
    {
        ScenarioConfig c = ScenarioLoader.LoadFile(RepoPaths.Example("signpost-solar.yaml")); // 2 nodes, 3 d, hourly

        TraceEstimate e = TraceEstimate.Of(c);

        Assert.Equal(((3 * 24) + 1) * 2, e.EnergySamples);
        Assert.Equal((0L, 0L), (e.PowerStateIntervals, e.Packets));
        RunResult run = ScenarioRunner.Run(c with { Duration = SimDuration.FromHours(5) });
        Assert.Equal(TraceEstimate.Of(c with { Duration = SimDuration.FromHours(5) }).EnergySamples, run.Energy.Count);
    }

    [Fact]
    public void Packets_ExtrapolatedFromThePilot_AreCloseToTheRun()
    {
        ScenarioConfig example = ScenarioLoader.LoadFile(RepoPaths.Example("lorasim-exp1.yaml"));
        ScenarioConfig c = example with { Duration = SimDuration.FromHours(4), Groups = [example.Groups[0] with { Count = 800 }] };

        TraceEstimate e = TraceEstimate.Of(c);
        RunResult run = ScenarioRunner.Run(c);

        // 800 nodes send about 48 packets a simulated minute; the 1.2-minute pilot sees ~58, so ±30 % is ~2.3σ.
        Assert.InRange(e.Packets, run.Packets.Count * 0.7, run.Packets.Count * 1.3);
    }
}
