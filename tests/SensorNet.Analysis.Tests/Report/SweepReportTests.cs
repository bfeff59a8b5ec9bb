using System.Globalization;
using SensorNet.Analysis.Report;
using SensorNet.Analysis.Tests.Support;
using SensorNet.Scenarios.Sweeps;

namespace SensorNet.Analysis.Tests.Report;

/// <summary>A sweep's report: each key metric against each swept parameter.</summary>
public sealed class SweepReportTests : IDisposable
{
    private readonly TempDirectory _tmp = new();

    public void Dispose() => _tmp.Dispose();

    [Fact]
    public async Task SweepReport_PlotsEachMetricAgainstEachParameter()
    {
        string file = _tmp.Combine("s.yaml");
        await File.WriteAllTextAsync(file, string.Create(CultureInfo.InvariantCulture, $"name: der\nscenario: {RepoPaths.Root}/scenarios/examples/lorasim-exp1.yaml\nreplications: 2\ngrid:\n  nodes[0].count: [5, 20]\n  duration: [1 h, 2 h]\n"));
        string dir = _tmp.Combine("out");
        await SweepRunner.RunAsync(SweepDefinition.Load(file), dir, parallel: 2, resume: false);

        string html = File.ReadAllText(HtmlReport.Write(dir));

        Assert.Equal(["sweep-delivery_ratio-nodes[0].count", "sweep-delivery_ratio-duration", "sweep-energy_j-nodes[0].count", "sweep-energy_j-duration"], HtmlReportTests.ChartIds(html));
        Assert.Contains("8 of 8 runs complete", html, StringComparison.Ordinal);

        // One interval per value of the parameter, labelled with it.
        Assert.Contains("<title>20: mean ", html, StringComparison.Ordinal);
        string energyOnly = HtmlReport.Render(SweepResults.Load(dir), new ReportOptions(SweepMetric: "energy_j"));
        Assert.Equal(["sweep-energy_j-nodes[0].count", "sweep-energy_j-duration"], HtmlReportTests.ChartIds(energyOnly));
    }
}
