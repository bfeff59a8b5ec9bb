using System.Text.RegularExpressions;
using SensorNet.Analysis.Report;
using SensorNet.Analysis.Tests.Support;
using SensorNet.Scenarios.Loading;
using SensorNet.Scenarios.Results;
using SensorNet.Scenarios.Running;
using SensorNet.Scenarios.Sweeps;

namespace SensorNet.Analysis.Tests.Report;

/// <summary>The report's content, self-containment and determinism (the browser check is in ReportInBrowserTests).</summary>
[Collection(KnownRunsCollection.Name)]
public sealed partial class HtmlReportTests(KnownRuns runs)
{
    [Fact]
    public void SolarRun_HasEveryChart()
    {
        string html = HtmlReport.Render(RunResults.Load(runs.Solar), new ReportOptions());

        Assert.Equal(["residency-mcu", "residency-radio", "energy-components", "stored-energy", "voltage", "harvest-vs-draw", "node-map"], ChartIds(html));
        Assert.Contains("<h2>Tock kernel</h2>", html, StringComparison.Ordinal);
        Assert.Contains("manifest.json", html, StringComparison.Ordinal);
    }

    [Fact]
    public void LoRaWanRun_HasDeliveryAndOutcomes_AndStatesWhatItDidNotRecord()
    {
        string html = HtmlReport.Render(RunResults.Load(runs.LoRaWan), new ReportOptions());

        Assert.Contains("delivery", ChartIds(html));
        Assert.Contains("packet-outcomes", ChartIds(html));
        Assert.Contains("No energy time series: set outputs.energySampleInterval", html, StringComparison.Ordinal);
        Assert.DoesNotContain("stored-energy", ChartIds(html));
    }

    [Fact]
    public void Report_IsSelfContained_NoScriptNoExternalReference()
    {
        foreach (string dir in new[] { runs.Solar, runs.LoRaWan, runs.Quickstart })
        {
            string html = HtmlReport.Render(RunResults.Load(dir), new ReportOptions());

            Assert.DoesNotMatch(ExternalReference(), html);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Report_IsByteIdentical_ForTheSameResults()
    {
        string a = runs.Scratch("det-a"), b = runs.Scratch("det-b");
        CopyDirectory(runs.Solar, a);
        CopyDirectory(runs.Solar, b);

        HtmlReport.Write(a);
        HtmlReport.Write(b);

        Assert.Equal(File.ReadAllBytes(Path.Combine(a, HtmlReport.FileName)), File.ReadAllBytes(Path.Combine(b, HtmlReport.FileName)));
    }

    [Fact]
    public void MapMetric_ColoursByTheChosenColumn_AndAnUnknownOneListsTheChoices()
    {
        RunResults run = RunResults.Load(runs.LoRaWan);

        string html = HtmlReport.Render(run, new ReportOptions(MapMetric: "retransmissions"));
        var e = Assert.Throws<ArgumentException>(() => HtmlReport.Render(run, new ReportOptions(MapMetric: "colour")));

        Assert.Contains("Node positions coloured by retransmissions", html, StringComparison.Ordinal);
        Assert.Contains("retransmissions = ", html, StringComparison.Ordinal);
        Assert.Contains("'colour' is not a numeric column of the node table; choose one of node_id, x_m, y_m", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FewNodes_AreShownPerNode_ManyPerGroupMean()
    {
        string few = HtmlReport.Render(RunResults.Load(runs.LoRaWan), new ReportOptions());
        string dir = runs.Scratch("many");
        string path = RepoPaths.Example("lorawan-confirmed.yaml");
        string text = ScenarioOverrides.Apply(File.ReadAllText(path), path, [("duration", "1 h"), ("nodes[0].count", "50"), ("nodes[1].count", "30")]);
        await ResultsWriter.WriteAsync(ScenarioRunner.Run(ScenarioLoader.Parse(text, path)), dir, "lorawan-confirmed.yaml", text);

        string many = HtmlReport.Render(RunResults.Load(dir), new ReportOptions());

        Assert.Contains("Delivery ratio per node", few, StringComparison.Ordinal);
        Assert.Matches("<title>29: [0-9.]+ ratio</title>", few);
        Assert.Contains("Delivery ratio per group", many, StringComparison.Ordinal);
        Assert.Contains("80 nodes: each bar is the mean over the nodes of a group.", many, StringComparison.Ordinal);
        Assert.Matches("<title>near: [0-9.]+ ratio</title>", many);
        Assert.Matches("<title>far: [0-9.]+ ratio</title>", many);
        Assert.DoesNotMatch("<title>79: ", many);
    }

    [Fact]
    public void Write_RefusesADirectoryWithoutResults()
    {
        string dir = runs.Scratch("empty");
        Directory.CreateDirectory(dir);

        Assert.Throws<InvalidDataException>(() => HtmlReport.Write(dir));
        Assert.False(File.Exists(Path.Combine(dir, HtmlReport.FileName)));
    }

    internal static List<string> ChartIds(string html) => [.. ChartId().Matches(html).Select(m => m.Groups[1].Value)];

    internal static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string f in Directory.GetFiles(from))
        {
            File.Copy(f, Path.Combine(to, Path.GetFileName(f)), overwrite: true);
        }
    }

    [GeneratedRegex("<figure class=\"chart\" data-chart=\"([^\"]+)\"")]
    private static partial Regex ChartId();

    [GeneratedRegex("(src|href)\\s*=\\s*\"(https?:)?//|url\\(\\s*['\"]?(https?:)?//|@import", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
