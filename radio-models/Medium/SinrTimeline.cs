using SensorNet.SimEngine.Quantities;

namespace SensorNet.RadioModels.Medium;

/// <summary>One stretch of a wanted frame over which the interference is constant.</summary>
/// <param name="StartNs">Start of the stretch, ns since the start of the simulation.</param>
/// <param name="EndNs">End of the stretch (exclusive), ns.</param>
/// <param name="Sinr">Signal to interference-plus-noise ratio over the stretch.</param>
internal readonly record struct SinrChunk(long StartNs, long EndNs, Decibels Sinr);

/// <summary>
/// The SINR of a wanted frame as a piecewise-constant function of time: the frame is split at every start and end of an
/// interferer that overlaps it in time and, by <see cref="SpectralOverlap"/>, in frequency; each interferer contributes
/// its received power times its spectral overlap with the wanted frame's channel, summed linearly with the noise.
/// </summary>
/// <remarks>
/// Reusable scratch for one receiver's reception model: <see cref="Build"/> grows its arrays when needed and otherwise
/// allocates nothing. Signals whose spectral overlap is 0 are skipped entirely (they neither add power nor split the
/// frame), so adding out-of-band signals changes no result bit for bit. O(n²) in the number of in-band interferers.
/// </remarks>
internal sealed class SinrTimeline
{
    private long[] _starts = new long[8];
    private long[] _ends = new long[8];
    private double[] _milliwatts = new double[8];
    private long[] _bounds = new long[18];
    private SinrChunk[] _chunks = new SinrChunk[17];
    private int _chunkCount;

    /// <summary>In-band interferers of the last frame built.</summary>
    public int Interferers { get; private set; }

    /// <summary>Id of the interferer with the highest in-band power, or −1 if there was none.</summary>
    public long StrongestInterfererId { get; private set; }

    /// <summary>Signal-to-noise ratio of the last frame built (no interference).</summary>
    public Decibels Snr { get; private set; }

    /// <summary>SINR at the first instant of the last frame built (its SNR if the frame has no duration).</summary>
    public Decibels SinrAtStart => _chunkCount > 0 ? _chunks[0].Sinr : Snr;

    /// <summary>The stretches of the last frame built, in time order, covering it exactly.</summary>
    public ReadOnlySpan<SinrChunk> Chunks => _chunks.AsSpan(0, _chunkCount);

    /// <summary>Splits <paramref name="wanted"/> into stretches of constant SINR.</summary>
    /// <param name="wanted">The locked frame; its carrier and bandwidth are the receiver's channel.</param>
    /// <param name="overlapping">Signals that overlapped it in time, on any frequency.</param>
    /// <param name="noise">The receiver's noise floor.</param>
    public void Build(in ArrivingSignal wanted, ReadOnlySpan<ArrivingSignal> overlapping, Dbm noise)
    {
        Transmission w = wanted.Transmission;
        long from = w.Start.Nanoseconds;
        long to = w.End.Nanoseconds;
        if (_starts.Length < overlapping.Length)
        {
            int size = overlapping.Length * 2;
            (_starts, _ends, _milliwatts) = (new long[size], new long[size], new double[size]);
            (_bounds, _chunks) = (new long[(2 * size) + 2], new SinrChunk[(2 * size) + 1]);
        }

        int n = 0;
        long strongest = -1;
        double strongestMw = 0.0;
        foreach (ArrivingSignal s in overlapping)
        {
            Transmission t = s.Transmission;
            double fraction = SpectralOverlap.Fraction(w.Frequency, w.Bandwidth, t.Frequency, t.Bandwidth);
            long start = Math.Max(t.Start.Nanoseconds, from);
            long end = Math.Min(t.End.Nanoseconds, to);
            if (fraction <= 0.0 || end <= start)
            {
                continue;
            }

            double mw = Milliwatts(s.Power) * fraction;
            if (mw > strongestMw)
            {
                (strongest, strongestMw) = (t.Id, mw);
            }

            (_starts[n], _ends[n], _milliwatts[n]) = (start, end, mw);
            _bounds[2 * n] = start;
            _bounds[(2 * n) + 1] = end;
            n++;
        }

        (Interferers, StrongestInterfererId) = (n, strongest);
        _bounds[2 * n] = from;
        _bounds[(2 * n) + 1] = to;
        Span<long> bounds = _bounds.AsSpan(0, (2 * n) + 2);
        bounds.Sort();

        double signalMw = Milliwatts(wanted.Power);
        double noiseMw = Milliwatts(noise);
        Snr = Decibels.FromLinear(signalMw / noiseMw);
        _chunkCount = 0;
        for (int i = 1; i < bounds.Length; i++)
        {
            long a = bounds[i - 1];
            long b = bounds[i];
            if (b == a)
            {
                continue;
            }

            double interferenceMw = 0.0;
            for (int k = 0; k < n; k++)
            {
                if (_starts[k] <= a && _ends[k] > a)
                {
                    interferenceMw += _milliwatts[k];
                }
            }

            _chunks[_chunkCount++] = new SinrChunk(a, b, Decibels.FromLinear(signalMw / (noiseMw + interferenceMw)));
        }
    }

    private static double Milliwatts(Dbm level) => Math.Pow(10.0, level.Value / 10.0);
}
