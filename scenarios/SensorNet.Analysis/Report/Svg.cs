using System.Globalization;
using System.Net;
using System.Text;

namespace SensorNet.Analysis.Report;

/// <summary>
/// Writes an inline SVG element (no namespace URL, no external references) with invariant number formatting, so a
/// chart is the same bytes for the same data on every machine.
/// </summary>
internal sealed class Svg
{
    private readonly StringBuilder _b = new();

    public Svg(int width, int height, string label)
    {
        Width = width;
        Height = height;
        _b.Append(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{Escape(label)}\">");
    }

    public int Width { get; }

    public int Height { get; }

    public static string Escape(string text) => WebUtility.HtmlEncode(text);

    public static string N(double v) => Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);

    public Svg Rect(double x, double y, double w, double h, string fill, string? title = null)
    {
        _b.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(Math.Max(0, w))}\" height=\"{N(Math.Max(0, h))}\" fill=\"{fill}\"");
        return Close(title, "rect");
    }

    public Svg Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? dash = null)
    {
        _b.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{stroke}\" stroke-width=\"{N(width)}\"");
        if (dash is not null)
        {
            _b.Append(CultureInfo.InvariantCulture, $" stroke-dasharray=\"{dash}\"");
        }

        _b.Append("/>");
        return this;
    }

    public Svg Polyline(IEnumerable<(double X, double Y)> points, string stroke, double width = 1.5, string? title = null)
    {
        _b.Append("<polyline fill=\"none\" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(N(width)).Append("\" points=\"");
        bool first = true;
        foreach ((double x, double y) in points)
        {
            _b.Append(first ? string.Empty : " ").Append(N(x)).Append(',').Append(N(y));
            first = false;
        }

        _b.Append('"');
        return Close(title, "polyline");
    }

    public Svg Circle(double cx, double cy, double r, string fill, string? title = null)
    {
        _b.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(cx)}\" cy=\"{N(cy)}\" r=\"{N(r)}\" fill=\"{fill}\" stroke=\"#333\" stroke-width=\"0.5\"");
        return Close(title, "circle");
    }

    public Svg Text(double x, double y, string text, string anchor = "start", int size = 11, double rotate = 0, string weight = "normal")
    {
        _b.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x)}\" y=\"{N(y)}\" font-size=\"{size}\" text-anchor=\"{anchor}\" font-weight=\"{weight}\"");
        if (rotate != 0)
        {
            _b.Append(CultureInfo.InvariantCulture, $" transform=\"rotate({N(rotate)} {N(x)} {N(y)})\"");
        }

        _b.Append('>').Append(Escape(text)).Append("</text>");
        return this;
    }

    public override string ToString() => _b + "</svg>";

    private Svg Close(string? title, string element)
    {
        if (title is null)
        {
            _b.Append("/>");
        }
        else
        {
            _b.Append("><title>").Append(Escape(title)).Append("</title></").Append(element).Append('>');
        }

        return this;
    }
}
