using System.Globalization;
using System.Text;

namespace SensorNet.Analysis.Tests.Support;

/// <summary>What <see cref="HeadlessChromium.CheckCharts"/> saw in a rendered report.</summary>
/// <param name="ChartCount">Number of <c>figure.chart</c> elements in the page.</param>
/// <param name="Charts">One entry per <c>figure.chart</c>, in document order.</param>
/// <param name="PageHeight">Full scroll height of the document in CSS pixels.</param>
/// <param name="FailedResources">External (http, https) requests the offline page tried to make, and broken images.</param>
/// <param name="ScreenshotPng">The full-page screenshot the pixels were counted in (1280 wide), for attaching to a failure.</param>
internal sealed record ChartCheck(
    int ChartCount,
    IReadOnlyList<ChartPixels> Charts,
    int PageHeight,
    IReadOnlyList<string> FailedResources,
    byte[] ScreenshotPng)
{
    /// <summary>Charts that are missing their SVG, fall outside the screenshot, or are (nearly) empty.</summary>
    public IReadOnlyList<ChartPixels> BlankCharts() => Charts.Where(c => !c.Drawn).ToList();

    /// <summary>One line per chart, for assertion messages.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{ChartCount} figure.chart, page height {PageHeight} px");
        if (PageHeight > HeadlessChromium.MaxScreenshotHeight)
        {
            text.Append(CultureInfo.InvariantCulture, $" (screenshot capped at {HeadlessChromium.MaxScreenshotHeight} px)");
        }

        foreach (ChartPixels chart in Charts)
        {
            text.AppendLine().Append("  ").Append(chart);
        }

        foreach (string url in FailedResources)
        {
            text.AppendLine().Append("  failed resource: ").Append(url);
        }

        return text.ToString();
    }
}

/// <summary>Pixel statistics of one chart's drawing area (the figure's inline <c>svg</c>) in the screenshot.</summary>
/// <param name="Id">The figure's <c>data-chart</c> attribute (empty if absent).</param>
/// <param name="X">Left edge of the measured box, page pixels.</param>
/// <param name="Y">Top edge of the measured box, page pixels.</param>
/// <param name="Width">Box width; the svg's, or the figure's when it has no svg.</param>
/// <param name="Height">Box height.</param>
/// <param name="HasSvg">Whether the figure contains an <c>svg</c> element at all.</param>
/// <param name="InkFraction">Share of the box's visible pixels that differ from its dominant (background) colour.</param>
/// <param name="Colours">Distinct RGB colours in the box, background included.</param>
/// <param name="Drawn">Has an svg, and passes both <see cref="HeadlessChromium.MinInkFraction"/> and <see cref="HeadlessChromium.MinColours"/>.</param>
internal sealed record ChartPixels(string Id, int X, int Y, int Width, int Height, bool HasSvg, double InkFraction, int Colours, bool Drawn)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{(Drawn ? "drawn" : "BLANK")} {Id}: {Width}x{Height} at ({X},{Y}){(HasSvg ? string.Empty : " no <svg>")}{(Colours == 0 ? " outside the screenshot" : string.Empty)}, ink {InkFraction * 100:0.00} %, {Colours} colours");
}
