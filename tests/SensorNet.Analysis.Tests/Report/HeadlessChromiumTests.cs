using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SensorNet.Analysis.Tests.Support;

namespace SensorNet.Analysis.Tests.Report;

/// <summary>The report checker itself: it must tell a drawn chart from an empty one, and read Chromium's PNGs right.</summary>
public class HeadlessChromiumTests
{
    // Near-white page, captions on every figure (they must not count as ink), and a CDN stylesheet that cannot load.
    private const string Charts = """
        <!doctype html>
        <html><head><meta charset="utf-8"><title>charts</title>
        <link rel="stylesheet" href="https://cdn.example.com/report.css">
        </head>
        <body style="margin:0;padding:24px;background:#fafafa;font-family:sans-serif">
        <figure class="chart" data-chart="bars">
          <svg xmlns="http://www.w3.org/2000/svg" width="640" height="360">
            <line x1="50" y1="320" x2="620" y2="320" stroke="#333"/>
            <line x1="50" y1="20" x2="50" y2="320" stroke="#333"/>
            <rect x="80" y="120" width="80" height="200" fill="#4477aa"/>
            <rect x="200" y="60" width="80" height="260" fill="#ee6677"/>
            <rect x="320" y="200" width="80" height="120" fill="#228833"/>
            <text x="90" y="340" font-size="12">tock</text><text x="210" y="340" font-size="12">tick</text>
            <text x="330" y="340" font-size="12">signpost</text><text x="10" y="20" font-size="12">mJ</text>
          </svg>
          <figcaption>Energy per node kind</figcaption>
        </figure>
        <figure class="chart" data-chart="sparse-line">
          <svg xmlns="http://www.w3.org/2000/svg" width="640" height="360">
            <line x1="50" y1="320" x2="620" y2="320" stroke="#999"/>
            <polyline points="50,300 150,280 250,290 350,200 450,220 550,120 620,140" fill="none" stroke="#4477aa" stroke-width="1.5"/>
            <text x="50" y="340" font-size="11">0 h</text><text x="590" y="340" font-size="11">24 h</text>
          </svg>
          <figcaption>Battery voltage, one node (a positive control: sparse but drawn)</figcaption>
        </figure>
        <figure class="chart" data-chart="empty">
          <svg xmlns="http://www.w3.org/2000/svg" width="640" height="360"></svg>
          <figcaption>Empty svg, same size</figcaption>
        </figure>
        <figure class="chart" data-chart="white-rect">
          <svg xmlns="http://www.w3.org/2000/svg" width="640" height="360"><rect width="640" height="360" fill="#ffffff"/></svg>
          <figcaption>Only a white rectangle</figcaption>
        </figure>
        </body></html>
        """;

    [RequiresToolFact("chromium", "apt-get install chromium")]
    public void CheckCharts_TellsDrawnChartsFromEmptyOnes()
    {
        using var tmp = new TempDirectory();
        string report = tmp.Combine("report.html");
        File.WriteAllText(report, Charts);

        ChartCheck check = HeadlessChromium.CheckCharts(report);

        Assert.Equal(4, check.ChartCount);
        Assert.Equal(["bars", "sparse-line", "empty", "white-rect"], check.Charts.Select(c => c.Id));
        Assert.All(check.Charts, c => Assert.Equal((640, 360), (c.Width, c.Height)));
        Assert.True(check.Charts[0].Drawn, check.Describe());
        Assert.True(check.Charts[1].Drawn, check.Describe());
        Assert.Equal(["empty", "white-rect"], check.BlankCharts().Select(c => c.Id));
        Assert.All(check.BlankCharts(), c => Assert.Equal(0, c.InkFraction));
        Assert.Contains("https://cdn.example.com/report.css", check.FailedResources);
        Assert.True(check.PageHeight > 4 * 360, check.Describe());
        Assert.Equal((HeadlessChromium.PageWidth, check.PageHeight), Size(Png.Decode(check.ScreenshotPng)));
    }

    [RequiresToolFact("chromium", "apt-get install chromium")]
    public void Screenshot_DecodesToThePixelsChromiumDrew()
    {
        using var tmp = new TempDirectory();
        string page = tmp.Combine("red.html");
        File.WriteAllText(page, """
            <!doctype html><html><body style="margin:0;background:#ffffff">
            <div style="position:absolute;left:100px;top:50px;width:200px;height:100px;background:#ff0000"></div>
            </body></html>
            """);

        PngImage image = Png.Decode(HeadlessChromium.Screenshot(page, 400, 300));

        Assert.Equal((400, 300), Size(image));
        Assert.Equal((255, 0, 0, 255), Rgba(image, 150, 100));
        Assert.Equal((255, 0, 0, 255), Rgba(image, 100, 50));
        Assert.Equal((255, 0, 0, 255), Rgba(image, 299, 149));
        Assert.Equal((255, 255, 255, 255), Rgba(image, 300, 100));
        Assert.Equal((255, 255, 255, 255), Rgba(image, 150, 150));
        Assert.Equal((255, 255, 255, 255), Rgba(image, 0, 0));
    }

    [RequiresToolFact("chromium", "apt-get install chromium")]
    public void DumpDom_ReturnsTheDomAfterScriptsRan()
    {
        using var tmp = new TempDirectory();
        string page = tmp.Combine("script.html");
        File.WriteAllText(page, "<!doctype html><html><body><p id=\"p\"></p><script>document.getElementById('p').textContent = 'w=' + innerWidth;</script></body></html>");

        Assert.Contains("<p id=\"p\">w=700</p>", HeadlessChromium.DumpDom(page, 700, 500), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(6)]
    public void Png_DecodesEveryFilterType_AcrossSplitIdatChunks(byte colourType)
    {
        int channels = colourType == 6 ? 4 : 3;
        const int Width = 3;
        byte[] pixels = new byte[Width * 5 * channels]; // five rows, one per filter type
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)((i * 37) + (i / 7 * 91));
        }

        PngImage image = Png.Decode(Encode(Width, 5, colourType, pixels, filters: [0, 1, 2, 3, 4]));

        Assert.Equal((Width, 5), Size(image));
        for (int p = 0; p < Width * 5; p++)
        {
            var expected = (pixels[p * channels], pixels[(p * channels) + 1], pixels[(p * channels) + 2], channels == 4 ? pixels[(p * channels) + 3] : (byte)255);
            Assert.Equal(expected, image.Pixel(p % Width, p / Width));
        }
    }

    [Fact]
    public void Png_RejectsVariantsChromiumDoesNotWrite()
    {
        byte[] grey = Encode(1, 1, colourType: 0, [7], filters: [0]);
        byte[] interlaced = Encode(1, 1, colourType: 2, [1, 2, 3], filters: [0], interlace: 1);

        Assert.Contains("colour type 0", Assert.Throws<NotSupportedException>(() => Png.Decode(grey)).Message, StringComparison.Ordinal);
        Assert.Contains("Interlaced", Assert.Throws<NotSupportedException>(() => Png.Decode(interlaced)).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => Png.Decode([1, 2, 3]));
    }

    private static (int Width, int Height) Size(PngImage image) => (image.Width, image.Height);

    private static (byte, byte, byte, byte) Rgba(PngImage image, int x, int y) => image.Pixel(x, y);

    // A PNG with the given row filters (applied here, so the decoder must undo each one), image data split over two
    // IDAT chunks, and zero CRCs (the decoder does not check them).
    private static byte[] Encode(int width, int height, byte colourType, byte[] pixels, byte[] filters, byte interlace = 0)
    {
        int bpp = colourType switch { 6 => 4, 2 => 3, _ => 1 };
        int stride = width * bpp;
        int At(int row, int col) => row < 0 || col < 0 ? 0 : pixels[(row * stride) + col];
        using var filtered = new MemoryStream();
        using (var zlib = new ZLibStream(filtered, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (int y = 0; y < height; y++)
            {
                zlib.WriteByte(filters[y]);
                for (int i = 0; i < stride; i++)
                {
                    int a = At(y, i - bpp), b = At(y - 1, i), c = At(y - 1, i - bpp), p = a + b - c;
                    int predictor = filters[y] switch
                    {
                        1 => a,
                        2 => b,
                        3 => (a + b) / 2,
                        4 when Math.Abs(p - a) <= Math.Abs(p - b) && Math.Abs(p - a) <= Math.Abs(p - c) => a,
                        4 when Math.Abs(p - b) <= Math.Abs(p - c) => b,
                        4 => c,
                        _ => 0,
                    };
                    zlib.WriteByte((byte)(At(y, i) - predictor));
                }
            }
        }

        byte[] data = filtered.ToArray();
        byte[] header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        (header[8], header[9], header[12]) = (8, colourType, interlace);

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", data[..(data.Length / 2)]);
        Chunk(png, "IDAT", data[(data.Length / 2)..]);
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(MemoryStream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        png.Write(Encoding.ASCII.GetBytes(type));
        png.Write(data);
        png.Write([0, 0, 0, 0]);
    }
}
