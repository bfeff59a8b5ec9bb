using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;

namespace SensorNet.Energy.Solar;

/// <summary>
/// A seeded stochastic sky: total cloud cover in oktas (0–8) as a discrete-time Markov chain over fixed steps, and the
/// attenuation of clear-sky global horizontal irradiance it causes.
/// </summary>
/// <remarks>
/// <para><b>Chain:</b> at step 0 the cover is drawn from the climatological distribution Binomial(8, N̄/8), N̄ the mean
/// cover in oktas; at each later step it stays with probability <see cref="Persistence"/>, otherwise it is drawn
/// afresh from the same distribution (which may repeat the old value). That binomial is therefore the stationary
/// distribution, the chain starts in it, and the lag-h autocorrelation is persistence^h. The chain is this simulator's
/// own minimal persistence model (the simplest first-order Markov weather generator), not taken from a paper; the
/// binomial shape is a choice, not a fitted climatology.</para>
/// <para><b>Attenuation:</b> F. Kasten and G. Czeplak, "Solar and terrestrial radiation dependent on the amount and
/// type of cloud", Solar Energy 24, 177–189, 1980: GHI = GHI_clear·(1 − 0.75·(N/8)^3.4), N in oktas, so 0 oktas
/// leaves GHI unchanged and 8 oktas (overcast) keeps 25 % of it.</para>
/// <para><b>Determinism:</b> the draws come from one <see cref="RandomStream"/> that this instance owns, consumed in
/// step order; values are cached, so the cover at step k is a pure function of the stream's seed and k, whatever
/// steps were asked for before (asking for step k generates steps 0…k once). Pass a fresh stream per instance.</para>
/// <para><b>Scope and limitations:</b> one cover value for the whole sky and the whole step (no cloud type, no
/// movement of cloud edges, no sub-step variability or cloud enhancement); the Kasten–Czeplak coefficients are an
/// all-cloud-type average for Hamburg (1964–1973), so the cover-to-irradiance map is only climatologically right,
/// with large scatter for a single hour. No diurnal or seasonal cycle of cloudiness.
/// <b>Validation:</b> CloudCoverTests: stationary distribution and mean, lag-1 stay frequency
/// (persistence + (1 − persistence)·Σπᵢ²) within computed statistical tolerances, determinism, order independence,
/// and the attenuation at 0, 4 and 8 oktas.</para>
/// </remarks>
public sealed class CloudCover
{
    /// <summary>Overcast, in oktas.</summary>
    public const int MaxOktas = 8;

    private readonly RandomStream _stream;
    private readonly List<byte> _oktas = [];
    private readonly double _oktaProbability;

    /// <summary>Creates the process.</summary>
    /// <param name="stream">The stream the draws come from; owned by this instance from now on.</param>
    /// <param name="meanOktas">Climatological mean cover N̄, in oktas, 0–8.</param>
    /// <param name="persistence">Probability of keeping the cover from one step to the next, 0–1.</param>
    /// <param name="step">Length of a step; 1 min to 1 d.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public CloudCover(RandomStream stream, double meanOktas, double persistence, SimDuration step)
    {
        _stream = stream ?? throw new ArgumentNullException(nameof(stream));
        if (meanOktas is not (>= 0 and <= MaxOktas))
        {
            throw new ArgumentOutOfRangeException(nameof(meanOktas), meanOktas, "The mean cloud cover must be 0–8 oktas.");
        }

        if (persistence is not (>= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(persistence), persistence, "Persistence must be in [0, 1].");
        }

        if (step < SimDuration.FromMinutes(1) || step > SimDuration.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be between 1 min and 1 d.");
        }

        MeanOktas = meanOktas;
        Persistence = persistence;
        Step = step;
        _oktaProbability = meanOktas / MaxOktas;
    }

    /// <summary>Climatological mean cover, in oktas.</summary>
    public double MeanOktas { get; }

    /// <summary>Probability of keeping the cover from one step to the next.</summary>
    public double Persistence { get; }

    /// <summary>Length of a step.</summary>
    public SimDuration Step { get; }

    /// <summary>Kasten–Czeplak ratio of cloudy to clear-sky GHI, 1 − 0.75·(N/8)^3.4.</summary>
    /// <param name="oktas">Cloud cover N, 0–8 oktas.</param>
    /// <exception cref="ArgumentOutOfRangeException">The cover is outside 0–8.</exception>
    public static double ClearSkyFraction(double oktas)
    {
        if (oktas is not (>= 0 and <= MaxOktas))
        {
            throw new ArgumentOutOfRangeException(nameof(oktas), oktas, "Cloud cover must be 0–8 oktas.");
        }

        return 1 - (0.75 * Math.Pow(oktas / MaxOktas, 3.4));
    }

    /// <summary>The index of the step that contains <paramref name="time"/>.</summary>
    public long StepIndex(SimTime time) => time.Nanoseconds / Step.Nanoseconds;

    /// <summary>The start of the step after the one that contains <paramref name="time"/>.</summary>
    public SimTime NextStepStart(SimTime time) => new((StepIndex(time) + 1) * Step.Nanoseconds);

    /// <summary>Cloud cover during step <paramref name="step"/>, in oktas.</summary>
    /// <param name="step">Step index, ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The index is negative.</exception>
    public int OktasAt(long step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        while (_oktas.Count <= step)
        {
            bool stay = _oktas.Count > 0 && _stream.NextDouble() < Persistence;
            _oktas.Add(stay ? _oktas[^1] : DrawClimatological());
        }

        return _oktas[(int)step];
    }

    /// <summary>Ratio of cloudy to clear-sky GHI during step <paramref name="step"/> (<see cref="ClearSkyFraction"/>).</summary>
    public double ClearSkyFractionAt(long step) => ClearSkyFraction(OktasAt(step));

    // Binomial(8, N̄/8) as the sum of eight Bernoulli trials.
    private byte DrawClimatological()
    {
        byte oktas = 0;
        for (int i = 0; i < MaxOktas; i++)
        {
            if (_stream.NextDouble() < _oktaProbability)
            {
                oktas++;
            }
        }

        return oktas;
    }
}
