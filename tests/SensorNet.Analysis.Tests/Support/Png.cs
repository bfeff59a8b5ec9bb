using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace SensorNet.Analysis.Tests.Support;

/// <summary>
/// A minimal PNG decoder for what headless Chromium writes: 8-bit RGB or RGBA (colour types 2 and 6),
/// non-interlaced, any of the five row filters. Anything else is rejected with <see cref="NotSupportedException"/>.
/// </summary>
internal static class Png
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static PngImage Decode(byte[] png)
    {
        ArgumentNullException.ThrowIfNull(png);
        if (png.Length < Signature.Length || !png.AsSpan(0, Signature.Length).SequenceEqual(Signature))
        {
            throw new InvalidDataException("Not a PNG file (bad signature).");
        }

        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        int pos = Signature.Length;
        while (true)
        {
            if (pos + 8 > png.Length)
            {
                throw new InvalidDataException("PNG ends before its IEND chunk.");
            }

            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            string type = Encoding.ASCII.GetString(png, pos + 4, 4);
            if (length < 0 || pos + 12L + length > png.Length)
            {
                throw new InvalidDataException($"PNG chunk {type} at byte {pos} runs past the end of the file.");
            }

            ReadOnlySpan<byte> data = png.AsSpan(pos + 8, length);
            pos += 12 + length; // length, type, data, CRC (not checked)
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    channels = ReadHeader(data[8], data[9], data[10], data[11], data[12]);
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
                case "IEND":
                    if (channels == 0)
                    {
                        throw new InvalidDataException("PNG has no IHDR chunk.");
                    }

                    return new PngImage(width, height, Unfilter(idat, width, height, channels));
                default:
                    break; // ancillary chunks (sRGB, pHYs, ...) do not change the pixels we read
            }
        }
    }

    private static int ReadHeader(byte bitDepth, byte colourType, byte compression, byte filter, byte interlace)
    {
        if (bitDepth != 8 || colourType is not (2 or 6))
        {
            throw new NotSupportedException($"PNG bit depth {bitDepth}, colour type {colourType}: only 8-bit RGB (2) and RGBA (6) are supported.");
        }

        if (interlace != 0)
        {
            throw new NotSupportedException("Interlaced (Adam7) PNGs are not supported.");
        }

        if (compression != 0 || filter != 0)
        {
            throw new InvalidDataException($"PNG compression method {compression} / filter method {filter} is invalid (both must be 0).");
        }

        return colourType == 2 ? 3 : 4;
    }

    private static byte[] Unfilter(MemoryStream idat, int width, int height, int channels)
    {
        int stride = checked(width * channels);
        byte[] raw = new byte[checked((stride + 1) * (long)height)];
        idat.Position = 0;
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
        {
            try
            {
                zlib.ReadExactly(raw);
            }
            catch (EndOfStreamException e)
            {
                throw new InvalidDataException($"PNG image data is shorter than {width}x{height} pixels.", e);
            }
        }

        byte[] rgba = new byte[checked(width * (long)height * 4)];
        byte[] previous = new byte[stride];
        byte[] current = new byte[stride];
        for (int y = 0; y < height; y++)
        {
            int rowStart = y * (stride + 1);
            byte filterType = raw[rowStart];
            raw.AsSpan(rowStart + 1, stride).CopyTo(current);
            for (int i = 0; i < stride; i++)
            {
                int left = i >= channels ? current[i - channels] : 0;
                int up = previous[i];
                int upLeft = i >= channels ? previous[i - channels] : 0;
                int predictor = filterType switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"PNG row {y} has unknown filter type {filterType}."),
                };
                current[i] = (byte)(current[i] + predictor);
            }

            for (int x = 0; x < width; x++)
            {
                int o = (y * width + x) * 4;
                rgba[o] = current[x * channels];
                rgba[o + 1] = current[x * channels + 1];
                rgba[o + 2] = current[x * channels + 2];
                rgba[o + 3] = channels == 4 ? current[x * channels + 3] : (byte)255;
            }

            (previous, current) = (current, previous);
        }

        return rgba;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}

/// <summary>Decoded pixels, row-major, four bytes (R, G, B, A) per pixel.</summary>
internal sealed record PngImage(int Width, int Height, byte[] Rgba)
{
    public (byte R, byte G, byte B, byte A) Pixel(int x, int y)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        ArgumentOutOfRangeException.ThrowIfNegative(y);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(x, Width);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(y, Height);
        int o = (y * Width + x) * 4;
        return (Rgba[o], Rgba[o + 1], Rgba[o + 2], Rgba[o + 3]);
    }

    /// <summary>The pixel's colour as 0xRRGGBB, alpha ignored.</summary>
    public int Rgb(int x, int y)
    {
        int o = (y * Width + x) * 4;
        return (Rgba[o] << 16) | (Rgba[o + 1] << 8) | Rgba[o + 2];
    }
}
