using System.Globalization;

namespace SensorNet.Analysis.Report;

/// <summary>
/// The report's chart kinds, drawn server-side as inline SVG so the report needs no script and no network: stacked
/// and plain bars, lines, a node map on a colour scale and means with confidence intervals. Each chart is a
/// <c>&lt;figure class="chart" data-chart="id"&gt;</c>, which the browser check looks for.
/// </summary>
internal static class Charts
{
    public const int Width = 820;
    private const double Left = 70;
    private const double Right = 170;
    private const double Top = 16;
    private const double Bottom = 64;

    /// <summary>Tableau 10, a colour-blind-aware categorical palette.</summary>
    private static readonly string[] Palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

    /// <summary>Viridis stops (perceptually uniform), for the map's colour scale.</summary>
    private static readonly (double R, double G, double B)[] Viridis = [(68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37)];

    public static string Colour(int i) => Palette[i % Palette.Length];

    public static string Figure(string id, string title, string svg, string? note = null) =>
        $"<figure class=\"chart\" data-chart=\"{Svg.Escape(id)}\"><figcaption>{Svg.Escape(title)}</figcaption>{svg}" +
        (note is null ? string.Empty : $"<p class=\"note\">{Svg.Escape(note)}</p>") + "</figure>\n";

    public static string StackedBars(string id, string title, IReadOnlyList<string> categories, IReadOnlyList<(string Name, double[] Values)> series, string yLabel, string? note = null)
    {
        double max = Enumerable.Range(0, categories.Count).Select(i => series.Sum(s => Math.Max(0, s.Values[i]))).DefaultIfEmpty(0).Max();
        (Svg svg, Axis y) = Frame(title, 0, max > 0 ? max : 1, yLabel, 320);
        double plotW = Width - Left - Right;
        double slot = plotW / Math.Max(1, categories.Count);
        double barW = Math.Max(1, slot * 0.75);
        for (int i = 0; i < categories.Count; i++)
        {
            double x = Left + (i * slot) + ((slot - barW) / 2);
            double base0 = 0;
            for (int s = 0; s < series.Count; s++)
            {
                double v = Math.Max(0, series[s].Values[i]);
                if (v > 0)
                {
                    svg.Rect(x, y.Map(base0 + v), barW, y.Map(base0) - y.Map(base0 + v), Colour(s), $"{categories[i]}: {series[s].Name} {Format(v)} {yLabel}");
                }

                base0 += v;
            }
        }

        CategoryLabels(svg, categories, slot, y.Bottom);
        Legend(svg, series.Select(s => s.Name).ToList());
        return Figure(id, title, svg.ToString(), note);
    }

    public static string Bars(string id, string title, IReadOnlyList<string> categories, IReadOnlyList<double> values, string yLabel, double? yMax = null, string? note = null)
    {
        double max = yMax ?? values.Where(double.IsFinite).DefaultIfEmpty(0).Max();
        (Svg svg, Axis y) = Frame(title, 0, max > 0 ? max : 1, yLabel, 300);
        double slot = (Width - Left - Right) / Math.Max(1, categories.Count);
        double barW = Math.Max(1, slot * 0.75);
        for (int i = 0; i < categories.Count; i++)
        {
            double v = double.IsFinite(values[i]) ? Math.Max(0, values[i]) : 0;
            svg.Rect(Left + (i * slot) + ((slot - barW) / 2), y.Map(v), barW, y.Map(0) - y.Map(v), Colour(0), $"{categories[i]}: {Format(values[i])} {yLabel}");
        }

        CategoryLabels(svg, categories, slot, y.Bottom);
        return Figure(id, title, svg.ToString(), note);
    }

    public static string Lines(string id, string title, string xLabel, string yLabel, IReadOnlyList<(string Name, double[] X, double[] Y)> series, string? note = null)
    {
        double[] allX = [.. series.SelectMany(s => s.X)];
        double[] allY = [.. series.SelectMany(s => s.Y).Where(double.IsFinite)];
        double yMax = allY.DefaultIfEmpty(1).Max();
        double lowest = allY.DefaultIfEmpty(0).Min();

        // Start at zero unless the values sit in a narrow band far from it (a battery that drains a few per cent).
        double yMin = lowest > 0 && yMax - lowest < 0.5 * yMax ? lowest - ((yMax - lowest) * 0.1) : Math.Min(0, lowest);
        if (yMax <= yMin)
        {
            yMax = yMin + Math.Max(Math.Abs(yMin) * 0.01, 1e-9);
        }

        (Svg svg, Axis y) = Frame(title, yMin, yMax, yLabel, 320);
        double xMin = allX.DefaultIfEmpty(0).Min();
        double xMax = allX.DefaultIfEmpty(1).Max();
        var x = new Axis(xMin, xMax > xMin ? xMax : xMin + 1, Left, Width - Right);
        foreach (double t in x.Ticks)
        {
            svg.Line(x.Map(t), y.Bottom, x.Map(t), y.Bottom + 4, "#333");
            svg.Text(x.Map(t), y.Bottom + 16, Format(t), "middle", 10);
        }

        svg.Text(Left + ((Width - Left - Right) / 2), y.Bottom + 40, xLabel, "middle");
        for (int s = 0; s < series.Count; s++)
        {
            (string name, double[] xs, double[] ys) = series[s];
            svg.Polyline(xs.Select((v, i) => (x.Map(v), y.Map(double.IsFinite(ys[i]) ? ys[i] : 0))), Colour(s), 1.5, name);
        }

        Legend(svg, series.Select(s => s.Name).ToList());
        return Figure(id, title, svg.ToString(), note);
    }

    public static string Map(string id, string title, IReadOnlyList<string> labels, IReadOnlyList<double> xs, IReadOnlyList<double> ys, IReadOnlyList<double> values, string metric)
    {
        const int height = 420;
        var svg = new Svg(Width, height, title);
        double xMin = xs.DefaultIfEmpty(0).Min(), xMax = xs.DefaultIfEmpty(1).Max();
        double yMin = ys.DefaultIfEmpty(0).Min(), yMax = ys.DefaultIfEmpty(1).Max();
        double span = Math.Max(Math.Max(xMax - xMin, yMax - yMin), 1);
        double plot = Math.Min(Width - Left - Right, height - Top - Bottom);
        double scale = plot / span;
        // Centre the nodes' bounding box in the square plot.
        double padX = (span - (xMax - xMin)) / 2, padY = (span - (yMax - yMin)) / 2;
        double X(double v) => Left + ((v - xMin + padX) * scale * 0.9) + (plot * 0.05);
        double Y(double v) => Top + plot - ((v - yMin + padY) * scale * 0.9) - (plot * 0.05);
        svg.Rect(Left, Top, plot, plot, "#f7f7f7");
        double[] finite = [.. values.Where(double.IsFinite)];
        double vMin = finite.DefaultIfEmpty(0).Min(), vMax = finite.DefaultIfEmpty(1).Max();
        double radius = Math.Clamp(plot / Math.Sqrt(Math.Max(1, xs.Count)) / 3, 2, 9);
        for (int i = 0; i < xs.Count; i++)
        {
            double f = vMax > vMin ? (values[i] - vMin) / (vMax - vMin) : 0.5;
            svg.Circle(X(xs[i]), Y(ys[i]), radius, ScaleColour(f), $"{labels[i]}: {metric} = {Format(values[i])}");
        }

        svg.Text(Left, Top + plot + 20, $"x, y in m (span {Format(span)} m)", "start", 10);

        // Colour bar with its range.
        double barX = Left + plot + 30;
        for (int k = 0; k < 50; k++)
        {
            svg.Rect(barX, Top + plot - ((k + 1) * plot / 50), 16, (plot / 50) + 0.5, ScaleColour(k / 49.0));
        }

        svg.Text(barX + 22, Top + 10, Format(vMax), "start", 10);
        svg.Text(barX + 22, Top + plot, Format(vMin), "start", 10);
        svg.Text(barX, Top + plot + 20, metric, "start", 10);
        return Figure(id, title, svg.ToString());
    }

    public static string Intervals(string id, string title, string xLabel, string yLabel, IReadOnlyList<string> categories, IReadOnlyList<double> mean, IReadOnlyList<double> low, IReadOnlyList<double> high, string note)
    {
        double[] all = [.. mean.Concat(low).Concat(high).Where(double.IsFinite)];
        double yMin = Math.Min(0, all.DefaultIfEmpty(0).Min());
        double yMax = all.DefaultIfEmpty(1).Max();
        (Svg svg, Axis y) = Frame(title, yMin, yMax > yMin ? yMax : yMin + 1, yLabel, 320);
        double slot = (Width - Left - Right) / Math.Max(1, categories.Count);
        var points = new List<(double, double)>();
        for (int i = 0; i < categories.Count; i++)
        {
            double cx = Left + ((i + 0.5) * slot);
            if (double.IsFinite(low[i]) && double.IsFinite(high[i]))
            {
                svg.Line(cx, y.Map(low[i]), cx, y.Map(high[i]), Colour(0), 2);
                svg.Line(cx - 6, y.Map(low[i]), cx + 6, y.Map(low[i]), Colour(0), 2);
                svg.Line(cx - 6, y.Map(high[i]), cx + 6, y.Map(high[i]), Colour(0), 2);
            }

            if (double.IsFinite(mean[i]))
            {
                points.Add((cx, y.Map(mean[i])));
                svg.Circle(cx, y.Map(mean[i]), 4, Colour(1), $"{categories[i]}: mean {Format(mean[i])} [{Format(low[i])}, {Format(high[i])}]");
            }
        }

        svg.Polyline(points, Colour(1), 1);
        CategoryLabels(svg, categories, slot, y.Bottom);
        svg.Text(Left + ((Width - Left - Right) / 2), y.Bottom + 52, xLabel, "middle");
        return Figure(id, title, svg.ToString(), note);
    }

    public static string Format(double v)
    {
        if (double.IsNaN(v))
        {
            return "–";
        }

        if (double.IsInfinity(v))
        {
            return v > 0 ? "∞" : "−∞";
        }

        double a = Math.Abs(v);
        return a == 0 ? "0" : a >= 1e6 || a < 1e-3 ? v.ToString("0.###e0", CultureInfo.InvariantCulture) : v.ToString(a >= 100 ? "0.#" : "0.####", CultureInfo.InvariantCulture);
    }

    private static string ScaleColour(double f)
    {
        f = Math.Clamp(double.IsFinite(f) ? f : 0, 0, 1) * (Viridis.Length - 1);
        int i = Math.Min((int)f, Viridis.Length - 2);
        double t = f - i;
        (double r0, double g0, double b0) = Viridis[i];
        (double r1, double g1, double b1) = Viridis[i + 1];
        return string.Create(CultureInfo.InvariantCulture, $"#{(int)Math.Round(r0 + ((r1 - r0) * t)):x2}{(int)Math.Round(g0 + ((g1 - g0) * t)):x2}{(int)Math.Round(b0 + ((b1 - b0) * t)):x2}");
    }

    private static (Svg Svg, Axis Y) Frame(string title, double yMin, double yMax, string yLabel, int height)
    {
        var svg = new Svg(Width, height, title);
        var y = new Axis(yMin, yMax, height - Bottom, Top);
        foreach (double t in y.Ticks)
        {
            svg.Line(Left, y.Map(t), Width - Right, y.Map(t), "#e3e3e3");
            svg.Text(Left - 6, y.Map(t) + 4, Format(t), "end", 10);
        }

        svg.Line(Left, y.Bottom, Width - Right, y.Bottom, "#333");
        svg.Line(Left, Top, Left, y.Bottom, "#333");
        svg.Text(16, Top + ((y.Bottom - Top) / 2), yLabel, "middle", 11, -90);
        return (svg, y);
    }

    private static void CategoryLabels(Svg svg, IReadOnlyList<string> categories, double slot, double bottom)
    {
        // Thin the labels so they never overlap: about one per 28 px.
        int every = Math.Max(1, (int)Math.Ceiling(28 / slot));
        for (int i = 0; i < categories.Count; i += every)
        {
            double x = Left + ((i + 0.5) * slot);
            svg.Text(x, bottom + 12, categories[i], "end", 10, -45);
        }
    }

    private static void Legend(Svg svg, List<string> names)
    {
        for (int i = 0; i < names.Count && i < 16; i++)
        {
            double y = Top + 8 + (i * 18);
            svg.Rect(Width - Right + 14, y - 9, 12, 12, Colour(i));
            svg.Text(Width - Right + 32, y + 1, names[i], "start", 11);
        }
    }

    /// <summary>A linear axis from data range to pixels with "nice" ticks (1, 2, 5 × 10^k).</summary>
    private sealed class Axis
    {
        private readonly double _min;
        private readonly double _max;
        private readonly double _from;
        private readonly double _to;

        public Axis(double min, double max, double fromPx, double toPx)
        {
            double step = NiceStep((max - min) / 5);
            _min = Math.Floor(min / step) * step;
            _max = Math.Ceiling(max / step) * step;
            if (_max <= _min)
            {
                _max = _min + step;
            }

            _from = fromPx;
            _to = toPx;
            int count = (int)Math.Round((_max - _min) / step);
            Ticks = [.. Enumerable.Range(0, count + 1).Select(k => _min + (k * step))];
        }

        public IReadOnlyList<double> Ticks { get; }

        public double Bottom => _from;

        public double Map(double v) => _from + ((v - _min) / (_max - _min) * (_to - _from));

        private static double NiceStep(double rough)
        {
            if (!(rough > 0) || !double.IsFinite(rough))
            {
                return 1;
            }

            double magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
            double r = rough / magnitude;
            return (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * magnitude;
        }
    }
}
