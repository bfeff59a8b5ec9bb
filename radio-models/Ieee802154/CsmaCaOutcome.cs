using SensorNet.SimEngine.Time;

namespace SensorNet.RadioModels.Ieee802154;

/// <summary>What the MAC must do next after a step of <see cref="UnslottedCsmaCa"/>.</summary>
public enum CsmaCaAction
{
    /// <summary>Wait <see cref="CsmaCaOutcome.Delay"/>, then perform a CCA and report the result.</summary>
    Backoff,

    /// <summary>The CCA found the channel idle: transmit the frame now (after the RX→TX turnaround).</summary>
    Transmit,

    /// <summary>Too many busy CCAs: report a channel-access failure to the upper layer.</summary>
    ChannelAccessFailure,
}

/// <summary>One step of <see cref="UnslottedCsmaCa"/>: an action and, for <see cref="CsmaCaAction.Backoff"/>, the delay.</summary>
/// <param name="Action">What the MAC must do next.</param>
/// <param name="Delay">Backoff delay before the next CCA; zero for the other actions.</param>
public readonly record struct CsmaCaOutcome(CsmaCaAction Action, SimDuration Delay)
{
    /// <summary>The step that tells the MAC to transmit.</summary>
    public static CsmaCaOutcome Transmit => new(CsmaCaAction.Transmit, SimDuration.Zero);

    /// <summary>The step that reports a channel-access failure.</summary>
    public static CsmaCaOutcome ChannelAccessFailure => new(CsmaCaAction.ChannelAccessFailure, SimDuration.Zero);

    /// <summary>A backoff of <paramref name="delay"/> before the next CCA.</summary>
    /// <param name="delay">The delay, ≥ 0.</param>
    public static CsmaCaOutcome Backoff(SimDuration delay) => new(CsmaCaAction.Backoff, delay);
}
