using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;

namespace SensorNet.RadioModels.Ieee802154;

/// <summary>
/// The IEEE 802.15.4 unslotted CSMA-CA algorithm for one frame at a time, as a deterministic state machine that a MAC
/// drives: <see cref="Start"/>, then after each backoff a CCA whose result is reported with <see cref="ChannelIdle"/> or
/// <see cref="ChannelBusy"/>.
/// </summary>
/// <remarks>
/// <para><b>Source:</b> IEEE Std 802.15.4-2006 §7.5.1.4 (unslotted CSMA-CA): NB = 0, BE = macMinBE; wait a random
/// whole number of aUnitBackoffPeriods in [0, 2^BE − 1]; perform a CCA; if idle, transmit; if busy, NB += 1,
/// BE = min(BE + 1, macMaxBE), and fail with a channel-access failure once NB &gt; macMaxCSMABackoffs, else back off again.
/// Defaults macMinBE 3, macMaxBE 5, macMaxCSMABackoffs 4 as in models.md §2 (the standard's defaults; ns-3
/// <c>LrWpanCsmaCa</c> uses the same), so at most 5 CCAs with BE = 3, 4, 5, 5, 5.</para>
/// <para><b>Scope and limits:</b> the algorithm only. The MAC performs the CCA (<see cref="Ieee802154Phy.CcaDuration"/>,
/// 8 symbols) and the turnaround, owns retransmissions (macMaxFrameRetries) and decides what "busy" means. Slotted
/// CSMA-CA (beacon-enabled PANs, CW, battery-life extension) is not modelled. Each step allocates nothing; the backoff
/// draws one bounded integer from the <see cref="RandomStream"/> given to the constructor.</para>
/// <para><b>Validation:</b> UnslottedCsmaCaTests (support and mean of each attempt's backoff, BE sequence, failure on the
/// fifth busy CCA, macMinBE = 0).</para>
/// </remarks>
public sealed class UnslottedCsmaCa
{
    /// <summary>Default macMinBE.</summary>
    public const int DefaultMinBackoffExponent = 3;

    /// <summary>Default macMaxBE.</summary>
    public const int DefaultMaxBackoffExponent = 5;

    /// <summary>Default macMaxCSMABackoffs.</summary>
    public const int DefaultMaxCsmaBackoffs = 4;

    private readonly RandomStream _random;

    /// <summary>Creates the algorithm with its MAC parameters.</summary>
    /// <param name="random">The stream the backoffs are drawn from.</param>
    /// <param name="minBackoffExponent">macMinBE, 0 to <paramref name="maxBackoffExponent"/>.</param>
    /// <param name="maxBackoffExponent">macMaxBE, 3–8 (the standard's range).</param>
    /// <param name="maxCsmaBackoffs">macMaxCSMABackoffs, 0–5 (the standard's range): busy CCAs tolerated before failure.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range.</exception>
    public UnslottedCsmaCa(
        RandomStream random,
        int minBackoffExponent = DefaultMinBackoffExponent,
        int maxBackoffExponent = DefaultMaxBackoffExponent,
        int maxCsmaBackoffs = DefaultMaxCsmaBackoffs)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (maxBackoffExponent is < 3 or > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBackoffExponent), maxBackoffExponent, "macMaxBE must be 3–8.");
        }

        if (minBackoffExponent < 0 || minBackoffExponent > maxBackoffExponent)
        {
            throw new ArgumentOutOfRangeException(nameof(minBackoffExponent), minBackoffExponent, "macMinBE must be 0 to macMaxBE.");
        }

        if (maxCsmaBackoffs is < 0 or > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(maxCsmaBackoffs), maxCsmaBackoffs, "macMaxCSMABackoffs must be 0–5.");
        }

        _random = random;
        MinBackoffExponent = minBackoffExponent;
        MaxBackoffExponent = maxBackoffExponent;
        MaxCsmaBackoffs = maxCsmaBackoffs;
        BackoffExponent = minBackoffExponent;
    }

    /// <summary>macMinBE.</summary>
    public int MinBackoffExponent { get; }

    /// <summary>macMaxBE.</summary>
    public int MaxBackoffExponent { get; }

    /// <summary>macMaxCSMABackoffs.</summary>
    public int MaxCsmaBackoffs { get; }

    /// <summary>NB: busy CCAs so far in the current attempt (0 after <see cref="Start"/>).</summary>
    public int BackoffCount { get; private set; }

    /// <summary>BE: the exponent of the backoff in progress (or of the last one).</summary>
    public int BackoffExponent { get; private set; }

    /// <summary>True between <see cref="Start"/> and the step that returns Transmit or ChannelAccessFailure.</summary>
    public bool IsActive { get; private set; }

    /// <summary>
    /// Starts channel access for a new frame (NB = 0, BE = macMinBE) and returns the first backoff. Calling it while
    /// active abandons the current attempt and starts afresh.
    /// </summary>
    public CsmaCaOutcome Start()
    {
        BackoffCount = 0;
        BackoffExponent = MinBackoffExponent;
        IsActive = true;
        return CsmaCaOutcome.Backoff(DrawBackoff());
    }

    /// <summary>Reports that the CCA after the last backoff found the channel idle: the frame may be transmitted.</summary>
    /// <exception cref="InvalidOperationException">No attempt is active.</exception>
    public CsmaCaOutcome ChannelIdle()
    {
        EnsureActive();
        IsActive = false;
        return CsmaCaOutcome.Transmit;
    }

    /// <summary>
    /// Reports that the CCA found the channel busy: NB += 1 and BE = min(BE + 1, macMaxBE); returns the next backoff, or
    /// a channel-access failure when NB exceeds macMaxCSMABackoffs.
    /// </summary>
    /// <exception cref="InvalidOperationException">No attempt is active.</exception>
    public CsmaCaOutcome ChannelBusy()
    {
        EnsureActive();
        BackoffCount++;
        BackoffExponent = Math.Min(BackoffExponent + 1, MaxBackoffExponent);
        if (BackoffCount > MaxCsmaBackoffs)
        {
            IsActive = false;
            return CsmaCaOutcome.ChannelAccessFailure;
        }

        return CsmaCaOutcome.Backoff(DrawBackoff());
    }

    // A whole number of unit backoff periods, uniform in [0, 2^BE − 1].
    private SimDuration DrawBackoff() =>
        Ieee802154Phy.UnitBackoffPeriod * (long)_random.NextUInt64(1UL << BackoffExponent);

    private void EnsureActive()
    {
        if (!IsActive)
        {
            throw new InvalidOperationException("No CSMA-CA attempt is active: call Start() first.");
        }
    }
}
