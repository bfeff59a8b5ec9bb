using SensorNet.RadioModels.LoRa;
using SensorNet.RadioModels.Medium;
using SensorNet.Scenarios.Loading;
using SensorNet.Scenarios.Running;
using SensorNet.Scenarios.Tests.Support;

namespace SensorNet.Scenarios.Tests.Running;

/// <summary>
/// The LoRaSim experiment-1 reproduction (<c>lorasim-exp1.yaml</c>) against the analytic pure-ALOHA expectation.
/// </summary>
/// <remarks>
/// Analytic DER: a packet of node i (airtime T) survives another node j on its carrier if j neither transmits when
/// it starts nor starts during it. j alternates an exponential wait (mean W) and a packet, so it is on the air a
/// fraction T/(W+T) of the time and, being in a memoryless wait otherwise, starts within T with probability
/// 1 − e^(−T/W): q = W/(W+T) · e^(−T/W). Each of the other N − 1 nodes shares i's carrier with probability 1/3, so
/// DER = E[q^K] with K ~ Binomial(N − 1, 1/3) = (2/3 + q/3)^(N−1). Nodes are independent and every node is in
/// range, so this holds at every N of the experiment; the tolerance is several standard errors of the estimate.
/// </remarks>
public class LoRaSimReproductionTests
{
    [Theory]
    [InlineData(100)]
    [InlineData(800)]
    public void Der_MatchesPureAlohaOnThreeCarriers(int nodes)
    {
        ScenarioConfig example = ScenarioLoader.LoadFile(RepoPaths.Example("lorasim-exp1.yaml"));
        ScenarioConfig config = example with { Groups = [example.Groups[0] with { Count = nodes }] };

        RunResult run = ScenarioRunner.Run(config);

        var group = (LoRaAlohaGroupConfig)config.Groups[0];
        double t = LoRaTimeOnAir.Compute(group.Radio.Modulation, group.PayloadBytes, group.Radio.Chip.Family).AirtimeSeconds;
        Assert.Equal(1.712128, t, 9); // (8 + 4.25 + 40) symbols × 32.768 ms, LoRaSim's airtime for SF12/CR4/8/20 B
        double w = group.MeanWait.TotalSeconds;
        double q = w / (w + t) * Math.Exp(-t / w);
        double expected = Math.Pow((2.0 / 3) + (q / 3), nodes - 1);

        long sent = run.Nodes.Sum(n => n.FramesSent);
        long delivered = run.Nodes.Sum(n => n.FramesDelivered);
        double der = (double)delivered / sent;
        // Standard error of a proportion, doubled for the pairwise correlation of collisions.
        double tolerance = 5 * 2 * Math.Sqrt(expected * (1 - expected) / sent);
        Assert.True(Math.Abs(der - expected) <= tolerance, $"N = {nodes}: DER {der:F4} from {sent} packets, expected {expected:F4} ± {tolerance:F4}");

        // Every loss is a collision (all nodes are within range), and collisions come in pairs or more.
        Assert.All(run.Packets, p => Assert.True(p.Outcome is ReceptionOutcome.Received or ReceptionOutcome.Interference, p.ToString()));
        Assert.Equal(sent - delivered, run.Packets.Count(p => p.Outcome == ReceptionOutcome.Interference));
    }

    [Fact]
    public void Energy_PerPacket_IsTxCurrentTimesVoltageTimesAirtime()
    {
        // LoRaSim's energy rule (models.md §1.3): 44 mA at 14 dBm, 3.0 V, 1.712128 s per packet = 0.22600 J.
        ScenarioConfig example = ScenarioLoader.LoadFile(RepoPaths.Example("lorasim-exp1.yaml"));
        RunResult run = ScenarioRunner.Run(example with { Groups = [example.Groups[0] with { Count = 5 }] });

        Assert.All(run.Nodes, n => Assert.Equal(n.FramesSent * 0.044 * 3.0 * 1.712128, n.RadioEnergyJ - SleepEnergy(n), 6));

        // The radio sleeps (0.2 µA at 3.0 V) whenever it is not transmitting or finishing a frame.
        static double SleepEnergy(NodeSummary n) => 0.2e-6 * 3.0 * ((7 * 86_400.0) - (n.AirtimeNs / 1e9));
    }
}
