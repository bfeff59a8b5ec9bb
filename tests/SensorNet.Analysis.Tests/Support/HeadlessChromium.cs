using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace SensorNet.Analysis.Tests.Support;

/// <summary>
/// Renders HTML offline in headless Chromium (<c>chromium</c> on the PATH) and checks that a report's charts were drawn.
/// Every call launches one Chromium with a fresh profile; network name resolution is disabled, so a page that needs a
/// CDN renders without it.
/// </summary>
internal static class HeadlessChromium
{
    /// <summary>Viewport width the report is checked at.</summary>
    public const int PageWidth = 1280;

    /// <summary>Tallest screenshot taken; Chromium needs ~2 s at this height and ~11 s at twice it.</summary>
    public const int MaxScreenshotHeight = 20_000;

    /// <summary>A chart needs at least this share of its box in non-background pixels (a "No data" label stays below).</summary>
    public const double MinInkFraction = 0.005;

    /// <summary>A chart needs at least this many distinct colours in its box: background plus two (a lone flat rectangle has two).</summary>
    public const int MinColours = 3;

    /// <summary>A pixel is ink when some channel differs from the background by more than this (ignores faint fringes).</summary>
    public const int InkTolerance = 16;

    private const string ProbeId = "sensornet-chart-boxes";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly string[] CommonFlags =
    [
        "--headless",
        "--no-sandbox", // we run as root in CI containers
        "--disable-gpu",
        "--disable-dev-shm-usage", // small /dev/shm in containers; Debian's wrapper check for this is broken
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        "--no-proxy-server",
        "--host-resolver-rules=MAP * ~NOTFOUND", // offline: every host name fails to resolve
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-extensions",
        "--disable-sync",
        "--mute-audio",
        "--virtual-time-budget=5000", // waits for load and timers; virtual time runs fast when the page is idle
    ];

    // Appended before </body> of a copy: after load (and fonts), writes the page-coordinate box of each chart's svg,
    // the document height and external or broken resources into an invisible, out-of-flow <pre> read back from the DOM.
    private const string Probe = """
        <script>
        window.addEventListener('load', () => document.fonts.ready.then(() => {
          const box = el => { const r = el.getBoundingClientRect(); return { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height }; };
          const charts = [...document.querySelectorAll('figure.chart')].map(f => {
            const svg = f.querySelector('svg');
            return { id: f.dataset.chart ?? '', hasSvg: svg !== null, ...box(svg ?? f) };
          });
          const failed = [...new Set(performance.getEntriesByType('resource').map(e => e.name).filter(n => /^https?:/.test(n))
            .concat([...document.images].filter(i => i.complete && i.naturalWidth === 0).map(i => i.currentSrc || i.src)))];
          const d = document.documentElement;
          const out = document.createElement('pre');
          out.id = 'sensornet-chart-boxes';
          out.style.cssText = 'position:absolute;left:0;top:0;margin:0;width:1px;height:1px;overflow:hidden;opacity:0';
          out.textContent = JSON.stringify({ height: Math.max(d.scrollHeight, document.body.scrollHeight), charts, failed });
          document.body.appendChild(out);
        }));
        </script>

        """;

    /// <summary>The DOM after load, as <c>chromium --dump-dom</c> prints it.</summary>
    public static string DumpDom(string htmlPath, int width, int height)
    {
        string dom = Run("--dump-dom", FileUrl(htmlPath), width, height);
        return string.IsNullOrWhiteSpace(dom) ? throw new InvalidOperationException($"chromium --dump-dom printed nothing for {htmlPath}.") : dom;
    }

    /// <summary>PNG bytes of the viewport, <paramref name="width"/> x <paramref name="height"/> CSS (= device) pixels.</summary>
    public static byte[] Screenshot(string htmlPath, int width, int height)
    {
        using var tmp = new TempDirectory();
        string png = tmp.Combine("screenshot.png");
        Run("--screenshot=" + png, FileUrl(htmlPath), width, height);
        return File.Exists(png) && new FileInfo(png).Length > 0
            ? File.ReadAllBytes(png)
            : throw new InvalidOperationException($"chromium exited normally but wrote no screenshot for {htmlPath}.");
    }

    /// <summary>
    /// Renders a copy of the report with a measuring script, screenshots the whole page at <see cref="PageWidth"/> and
    /// counts the pixels inside each <c>figure.chart</c>'s svg. Two Chromium launches.
    /// </summary>
    public static ChartCheck CheckCharts(string reportPath)
    {
        using var tmp = new TempDirectory();
        string copy = tmp.Combine("report.html"); // alone in a temp folder: relative links to other files break too
        File.WriteAllBytes(copy, WithProbe(File.ReadAllBytes(reportPath)));

        ProbeResult probe = ReadProbe(DumpDom(copy, PageWidth, 800), reportPath);
        byte[] png = Screenshot(copy, PageWidth, Math.Clamp(probe.Height, 1, MaxScreenshotHeight));
        PngImage image = Png.Decode(png);
        List<ChartPixels> charts = probe.Charts.Select(c => Measure(image, c)).ToList();
        return new ChartCheck(charts.Count, charts, probe.Height, probe.Failed, png);
    }

    private static byte[] WithProbe(byte[] html)
    {
        // Latin-1 maps bytes 1:1 to chars, so the report's own encoding survives the round trip untouched.
        string text = Encoding.Latin1.GetString(html);
        int end = text.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        return Encoding.Latin1.GetBytes(end < 0 ? text + Probe : text.Insert(end, Probe));
    }

    private static ProbeResult ReadProbe(string dom, string reportPath)
    {
        int id = dom.IndexOf($"id=\"{ProbeId}\"", StringComparison.Ordinal);
        int start = id < 0 ? -1 : dom.IndexOf('>', id) + 1;
        int end = start <= 0 ? -1 : dom.IndexOf("</pre>", start, StringComparison.Ordinal);
        if (end < 0)
        {
            throw new InvalidOperationException(
                $"The measuring script left no <pre id=\"{ProbeId}\"> in {reportPath}: did the page fail to load, or block inline scripts (CSP)?");
        }

        return JsonSerializer.Deserialize<ProbeResult>(WebUtility.HtmlDecode(dom[start..end]), Json)
            ?? throw new InvalidOperationException("The measuring script wrote null.");
    }

    private static ChartPixels Measure(PngImage image, ProbeChart chart)
    {
        // Whole pixels inside the box, clipped to the screenshot.
        int x0 = Math.Max(0, (int)Math.Ceiling(chart.X)), y0 = Math.Max(0, (int)Math.Ceiling(chart.Y));
        int x1 = Math.Min(image.Width, (int)Math.Floor(chart.X + chart.Width));
        int y1 = Math.Min(image.Height, (int)Math.Floor(chart.Y + chart.Height));
        var counts = new Dictionary<int, int>();
        for (int y = y0; y < y1; y++)
        {
            for (int x = x0; x < x1; x++)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(counts, image.Rgb(x, y), out _)++;
            }
        }

        double ink = 0;
        if (counts.Count > 0)
        {
            // The box's own background: the page's white, or a card or plot fill behind the svg.
            int background = counts.MaxBy(p => p.Value).Key;
            ink = (double)counts.Where(p => Distance(p.Key, background) > InkTolerance).Sum(p => p.Value) / counts.Values.Sum();
        }

        bool drawn = chart.HasSvg && ink >= MinInkFraction && counts.Count >= MinColours;
        return new ChartPixels(
            chart.Id,
            (int)Math.Round(chart.X),
            (int)Math.Round(chart.Y),
            (int)Math.Round(chart.Width),
            (int)Math.Round(chart.Height),
            chart.HasSvg,
            ink,
            counts.Count,
            drawn);
    }

    private static int Distance(int a, int b) => Math.Max(
        Math.Abs(((a >> 16) & 0xFF) - ((b >> 16) & 0xFF)),
        Math.Max(Math.Abs(((a >> 8) & 0xFF) - ((b >> 8) & 0xFF)), Math.Abs((a & 0xFF) - (b & 0xFF))));

    private static string FileUrl(string path) => new Uri(Path.GetFullPath(path)).AbsoluteUri;

    private static string Run(string action, string url, int width, int height)
    {
        string chromium = ExternalTool.Find("chromium") ?? throw new InvalidOperationException("chromium is not on the PATH (apt-get install chromium).");
        using var profile = new TempDirectory();
        var start = new ProcessStartInfo(chromium)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (string flag in CommonFlags)
        {
            start.ArgumentList.Add(flag);
        }

        start.ArgumentList.Add("--user-data-dir=" + profile.Path);
        start.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"--window-size={width},{height}"));
        start.ArgumentList.Add(action);
        start.ArgumentList.Add(url);
        foreach (string proxy in new[] { "http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY" })
        {
            start.Environment.Remove(proxy);
        }

        var clock = Stopwatch.StartNew();
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {chromium}.");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        bool exited = process.WaitForExit(Timeout);
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
        }

        // Renderer and GPU children hold the pipes too; give them what is left of the budget to go away.
        TimeSpan left = Timeout - clock.Elapsed;
        bool drained = Task.WaitAll([stdout, stderr], left > TimeSpan.FromSeconds(5) ? left : TimeSpan.FromSeconds(5));
        string log = stderr.IsCompletedSuccessfully ? Tail(stderr.Result) : "(stderr not drained)";
        if (!exited)
        {
            throw new TimeoutException($"chromium {action} {url} did not finish within {Timeout.TotalSeconds:0} s and was killed.\n{log}");
        }

        if (process.ExitCode != 0 || !drained)
        {
            throw new InvalidOperationException($"chromium {action} {url} failed with exit code {process.ExitCode}.\n{log}");
        }

        return stdout.Result;
    }

    // The last 4000 characters of stderr without the D-Bus complaints every headless run prints.
    private static string Tail(string stderr)
    {
        string text = string.Join('\n', stderr.Split('\n').Where(line => !line.Contains("dbus/", StringComparison.Ordinal)));
        return text.Length <= 4000 ? text : "..." + text[^4000..];
    }

    private sealed record ProbeResult(int Height, IReadOnlyList<ProbeChart> Charts, IReadOnlyList<string> Failed);

    private sealed record ProbeChart(string Id, bool HasSvg, double X, double Y, double Width, double Height);
}
