using SensorNet.Scenarios.Loading;
using SensorNet.Scenarios.Results;
using SensorNet.Scenarios.Running;
using SensorNet.Scenarios.Tests.Support;
using SensorNet.SimEngine.Time;

namespace SensorNet.Scenarios.Tests.Running;

public class DeterminismTests
{
    [Fact]
    public async Task Quickstart_RunTwice_WritesByteIdenticalFiles()
    {
        using var tmp = new TempDirectory();
        string path = RepoPaths.Example("quickstart.yaml");
        string text = await File.ReadAllTextAsync(path);

        foreach (string dir in new[] { "a", "b" })
        {
            ScenarioConfig config = ScenarioLoader.LoadFile(path);
            RunResult run = ScenarioRunner.Run(config);
            await ResultsWriter.WriteAsync(run, tmp.Combine(dir), "quickstart.yaml", text);
        }

        string[] files = [.. Directory.GetFiles(tmp.Combine("a")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        Assert.Equal(["energy.parquet", "kernel.parquet", "manifest.json", "nodes.parquet", "packets.parquet", "power_states.parquet", "processes.parquet", "residency.parquet"], files);
        foreach (string f in files)
        {
            Assert.Equal(await File.ReadAllBytesAsync(tmp.Combine(Path.Combine("a", f))), await File.ReadAllBytesAsync(tmp.Combine(Path.Combine("b", f))));
        }
    }

    [Fact]
    public async Task SharedMedium_RunTwice_WritesByteIdenticalPacketRecords()
    {
        using var tmp = new TempDirectory();
        string path = RepoPaths.Example("lorasim-exp1.yaml");
        string text = await File.ReadAllTextAsync(path);
        foreach (string dir in new[] { "a", "b" })
        {
            RunResult run = ScenarioRunner.Run(ScenarioLoader.LoadFile(path) with { Duration = SimDuration.FromDays(1) });
            Assert.True(run.Packets.Count > 5000);
            await ResultsWriter.WriteAsync(run, tmp.Combine(dir), "lorasim-exp1.yaml", text);
        }

        foreach (string f in new[] { "packets.parquet", "nodes.parquet" })
        {
            Assert.Equal(await File.ReadAllBytesAsync(tmp.Combine(Path.Combine("a", f))), await File.ReadAllBytesAsync(tmp.Combine(Path.Combine("b", f))));
        }
    }

    [Fact]
    public async Task SameResult_WrittenConcurrently_GivesByteIdenticalFiles()
    {
        // The table definitions are shared; concurrent writers must not disturb each other's schema.
        using var tmp = new TempDirectory();
        string path = RepoPaths.Example("quickstart.yaml");
        string text = await File.ReadAllTextAsync(path);
        RunResult run = ScenarioRunner.Run(ScenarioLoader.LoadFile(path) with { Duration = SimDuration.FromHours(1) });

        await Parallel.ForEachAsync(Enumerable.Range(0, 16), async (i, ct) => await ResultsWriter.WriteAsync(run, tmp.Combine($"w{i}"), "quickstart.yaml", text, ct));

        foreach (string f in Directory.GetFiles(tmp.Combine("w0")).Select(Path.GetFileName)!)
        {
            byte[] first = await File.ReadAllBytesAsync(tmp.Combine(Path.Combine("w0", f!)));
            for (int i = 1; i < 16; i++)
            {
                byte[] other = await File.ReadAllBytesAsync(tmp.Combine(Path.Combine($"w{i}", f!)));
                Assert.True(first.SequenceEqual(other), $"{f} of writer {i} differs");
            }
        }
    }

    [Fact]
    public void Quickstart_OtherReplication_GivesOtherDrawsButSameStructure()
    {
        ScenarioConfig config = ScenarioLoader.LoadFile(RepoPaths.Example("quickstart.yaml"));

        RunResult r0 = ScenarioRunner.Run(config, replication: 0);
        RunResult r1 = ScenarioRunner.Run(config, replication: 1);

        Assert.Equal(r0.Nodes.Count, r1.Nodes.Count);
        Assert.NotEqual(r0.Nodes.Select(n => n.EnergyJ), r1.Nodes.Select(n => n.EnergyJ));
    }

    [Fact]
    public void Quickstart_RunsOnParallelThreads_SameResultAsSequential()
    {
        ScenarioConfig config = ScenarioLoader.LoadFile(RepoPaths.Example("quickstart.yaml"));
        RunResult sequential = ScenarioRunner.Run(config, 3);

        RunResult[] parallel = new RunResult[4];
        Parallel.For(0, parallel.Length, i => parallel[i] = ScenarioRunner.Run(config, 3));

        foreach (RunResult p in parallel)
        {
            Assert.Equal(sequential.Nodes, p.Nodes);
            Assert.Equal(sequential.Residency, p.Residency);
        }
    }

    [Fact]
    public void Quickstart_ResidencySumsToDurationForEveryNodeAndComponent()
    {
        ScenarioConfig config = ScenarioLoader.LoadFile(RepoPaths.Example("quickstart.yaml"));

        RunResult run = ScenarioRunner.Run(config);

        foreach (IGrouping<(int, string), ResidencyRow> g in run.Residency.GroupBy(r => (r.NodeId, r.Component)))
        {
            Assert.Equal(config.Duration.Nanoseconds, g.Sum(r => r.TimeNs));
        }

        Assert.All(run.Nodes, n => Assert.Equal(config.Duration.Nanoseconds, n.McuActiveNs + n.McuSleepNs + n.McuOffNs));
        Assert.All(run.Nodes, n => Assert.InRange(n.FramesSent, 143, 144));
    }

    [Fact]
    public void Run_Cancelled_Throws()
    {
        ScenarioConfig config = ScenarioLoader.LoadFile(RepoPaths.Example("quickstart.yaml"));
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.Throws<OperationCanceledException>(() => ScenarioRunner.Run(config, 0, null, cts.Token));
    }
}
