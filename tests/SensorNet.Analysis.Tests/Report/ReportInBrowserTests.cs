using SensorNet.Analysis.Report;
using SensorNet.Analysis.Tests.Support;

namespace SensorNet.Analysis.Tests.Report;

/// <summary>
/// The acceptance check: the reports of the quickstart and of the solar example open offline in headless Chromium
/// (every host name unresolvable) with every chart drawn, judged from the screenshot's pixels.
/// </summary>
[Collection(KnownRunsCollection.Name)]
public sealed class ReportInBrowserTests(KnownRuns runs)
{
    [RequiresToolFact("chromium", "apt-get install chromium")]
    public void QuickstartReport_DrawsEveryChart() =>
        AssertAllDrawn(runs.Quickstart, ["residency-mcu", "residency-radio", "energy-components", "stored-energy", "voltage", "harvest-vs-draw", "node-map"]);

    [RequiresToolFact("chromium", "apt-get install chromium")]
    public void SolarMonthReport_DrawsEveryChart() =>
        AssertAllDrawn(runs.Solar, ["residency-mcu", "residency-radio", "energy-components", "stored-energy", "voltage", "harvest-vs-draw", "node-map"]);

    [RequiresToolFact("chromium", "apt-get install chromium")]
    public void LoRaWanReport_DrawsItsPacketCharts() =>
        AssertAllDrawn(runs.LoRaWan, ["residency-radio", "energy-components", "delivery", "packet-outcomes", "node-map"]);

    private static void AssertAllDrawn(string runDirectory, string[] expectedCharts)
    {
        string report = HtmlReport.Write(runDirectory);
        List<string> ids = HtmlReportTests.ChartIds(File.ReadAllText(report));

        ChartCheck check = HeadlessChromium.CheckCharts(report);

        Assert.Equal(expectedCharts, ids);
        Assert.True(check.ChartCount == ids.Count, check.Describe());
        Assert.Equal(ids, check.Charts.Select(c => c.Id));
        Assert.True(check.BlankCharts().Count == 0, check.Describe());
        Assert.Empty(check.FailedResources);
    }
}
