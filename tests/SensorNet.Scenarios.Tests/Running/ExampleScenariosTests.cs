using SensorNet.Scenarios.Loading;
using SensorNet.Scenarios.Running;
using SensorNet.Scenarios.Tests.Support;
using SensorNet.SimEngine.Time;

namespace SensorNet.Scenarios.Tests.Running;

/// <summary>Every example scenario loads and runs (shortened to at most 10 simulated minutes to keep CI fast).</summary>
public class ExampleScenariosTests
{
    public static TheoryData<string> Examples =>
        [.. Directory.GetFiles(Path.Combine(RepoPaths.Root, "scenarios", "examples"), "*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_LoadsAndRuns_ShortenedVariant(string file)
    {
        ScenarioConfig full = ScenarioLoader.LoadFile(RepoPaths.Example(file));
        ScenarioConfig config = full with { Duration = SimDuration.Min(full.Duration, SimDuration.FromMinutes(10)) };

        RunResult run = ScenarioRunner.Run(config);

        Assert.Equal(config.NodeCount, run.Nodes.Count);
        Assert.True(run.Events > 0);
        Assert.All(run.Nodes, n => Assert.Equal(config.Duration.Nanoseconds, n.McuActiveNs + n.McuSleepNs + n.McuOffNs));
        int tockNodes = run.Nodes.Count(n => n.Kind == "tock");
        Assert.Equal(tockNodes, run.Kernels.Count);
        Assert.True(run.Processes.Count >= tockNodes);
    }

    public static TheoryData<string> ExampleFiles =>
        [.. Directory.GetFiles(Path.Combine(RepoPaths.Root, "scenarios", "examples"), "*.yaml", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(RepoPaths.Root, f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void Example_StartsWithACommentSayingWhatItShowsHowLongItTakesAndHowToRunIt(string file)
    {
        string[] header = [.. File.ReadLines(Path.Combine(RepoPaths.Root, file)).TakeWhile(l => l.StartsWith('#'))];
        string text = string.Join("\n", header);

        Assert.True(header.Length >= 2, $"{file}: no header comment");
        Assert.Matches(@"(?i)\b(takes|about) (about )?(a|\d+|half|a few) ", text);
        Assert.Contains("dotnet run --project scenarios/SensorNet.Cli", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TockLoRaExample_BlockingTransmitKeepsTheMcuActiveForTheTimeOnAir()
    {
        ScenarioConfig full = ScenarioLoader.LoadFile(RepoPaths.Example("tock-lora-blocking-vs-irq.yaml"));
        RunResult run = ScenarioRunner.Run(full with { Duration = SimDuration.FromMinutes(5) });

        NodeSummary blocking = run.Nodes.Single(n => n.Group == "radiolib-blocking");
        NodeSummary irq = run.Nodes.Single(n => n.Group == "radiolib-interrupt");
        Assert.Equal(blocking.FramesSent, irq.FramesSent);
        Assert.True(blocking.FramesSent >= 4);
        // Blocking: the CPU polls through every packet's time on air; interrupt-driven: it sleeps through it.
        Assert.True(blocking.McuActiveNs >= blocking.AirtimeNs, $"active {blocking.McuActiveNs}, airtime {blocking.AirtimeNs}");
        Assert.True(irq.McuActiveNs * 20 < irq.AirtimeNs, $"active {irq.McuActiveNs}, airtime {irq.AirtimeNs}");
        // The busy-poll costs thousands of yield-no-wait + GPIO-read passes per packet.
        static long Syscalls(NodeKernel.Kernel.ProcessReport p) => p.SyscallsYield + p.SyscallsCommand;
        long blockingCalls = Syscalls(run.Processes.Single(p => p.NodeId == blocking.NodeId));
        long irqCalls = Syscalls(run.Processes.Single(p => p.NodeId == irq.NodeId));
        Assert.True(blockingCalls > 10 * irqCalls, $"blocking {blockingCalls}, interrupt {irqCalls}");
    }
}
