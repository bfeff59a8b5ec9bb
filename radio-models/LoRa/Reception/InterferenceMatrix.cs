using System.Globalization;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.RadioModels.LoRa.Reception;

/// <summary>
/// Minimum signal-to-interference ratio, in dB, that a wanted signal of one SF needs to survive an interferer of
/// another (or the same) SF, with the rule for combining interferers.
/// </summary>
/// <remarks>
/// <para>Rows are the wanted SF, columns the interferer SF (7..12). Three published options (models.md §1.4):</para>
/// <list type="bullet">
/// <item><see cref="CroceFLoRa"/>: FLoRa <c>src/LoRaPhy/LoRaReceiver.h</c>, <c>nonOrthDelta</c>
/// (florasim/flora at <c>247611ebf5224571ea60743afba54c968353c59d</c>, introduced in <c>a401d307</c>), grade S.
/// The attribution to Croce et al., IEEE Communications Letters 2018, is not verified (U). Power-based, each
/// interferer checked separately; diagonal 1 dB.</item>
/// <item><see cref="GoursaudNs3"/>: ns-3 lorawan <c>model/lora-interference-helper.cc</c> lines 123–138
/// (signetlabdei/lorawan at <c>82ea58a95c03ab158edfd81860ad614d1bf70ec6</c>), grade S; energy-based (see
/// <see cref="InterferenceAccumulation.PerSpreadingFactorEnergy"/>); diagonal 6 dB. ns-3 notes that the values
/// are inverted with respect to Goursaud's paper because it reads them as an isolation matrix.</item>
/// <item><see cref="Orthogonal"/>: different SFs never interfere (LoRaSim, models.md §1.3 rule 2); same SF uses
/// the 6 dB capture threshold of Bor et al. (LoRaSim <c>powerCollision</c>, adwaitnd/lorasim <c>loraDir.py</c>
/// at <c>845066f0b9a3c5ed6a8841dc785378bbadb94eee</c>).</item>
/// </list>
/// <para><b>Scope:</b> <see cref="CroceFLoRa"/> and <see cref="GoursaudNs3"/> cover SF7–SF12 only;
/// <see cref="Orthogonal"/> any SF 5–12. Instances are immutable.</para>
/// </remarks>
public sealed class InterferenceMatrix
{
    private const int MinSf = 7;
    private const int Size = 6;

    private readonly double[]? _table;

    private InterferenceMatrix(string name, InterferenceAccumulation accumulation, double[]? table, Decibels sameSpreadingFactorThreshold)
    {
        Name = name;
        Accumulation = accumulation;
        _table = table;
        SameSpreadingFactorThreshold = sameSpreadingFactorThreshold;
    }

    /// <summary>FLoRa's non-orthogonal matrix (attributed to Croce et al. 2018), power-based, per interferer.</summary>
    public static InterferenceMatrix CroceFLoRa { get; } = new(
        nameof(CroceFLoRa),
        InterferenceAccumulation.PerInterfererPower,
        [
            1, -8, -9, -9, -9, -9,
            -11, 1, -11, -12, -13, -13,
            -15, -13, 1, -13, -14, -15,
            -19, -18, -17, 1, -17, -18,
            -22, -22, -21, -20, 1, -20,
            -25, -25, -25, -24, -23, 1,
        ],
        new Decibels(1));

    /// <summary>ns-3 lorawan's default (Goursaud) matrix, energy-based, per interferer SF.</summary>
    public static InterferenceMatrix GoursaudNs3 { get; } = new(
        nameof(GoursaudNs3),
        InterferenceAccumulation.PerSpreadingFactorEnergy,
        [
            6, -16, -18, -19, -19, -20,
            -24, 6, -20, -22, -22, -22,
            -27, -27, 6, -23, -25, -25,
            -30, -30, -30, 6, -26, -28,
            -33, -33, -33, -33, 6, -29,
            -36, -36, -36, -36, -36, 6,
        ],
        new Decibels(6));

    /// <summary>Perfectly orthogonal SFs; same SF needs the 6 dB capture threshold (Bor et al.).</summary>
    public static InterferenceMatrix Orthogonal { get; } = new(nameof(Orthogonal), InterferenceAccumulation.PerInterfererPower, null, new Decibels(6));

    /// <summary>Name of the option, for reports.</summary>
    public string Name { get; }

    /// <summary>How interferers are combined.</summary>
    public InterferenceAccumulation Accumulation { get; }

    /// <summary>The diagonal: the same-SF capture threshold of this matrix.</summary>
    public Decibels SameSpreadingFactorThreshold { get; }

    /// <summary>Whether different SFs never interfere (threshold −∞ off the diagonal).</summary>
    public bool IsOrthogonal => _table is null;

    /// <summary>Whether this matrix has a value for the pair.</summary>
    /// <param name="wantedSf">SF of the wanted signal.</param>
    /// <param name="interfererSf">SF of the interferer.</param>
    public bool Covers(int wantedSf, int interfererSf) =>
        _table is null
            ? wantedSf is >= 5 and <= 12 && interfererSf is >= 5 and <= 12
            : wantedSf is >= MinSf and <= 12 && interfererSf is >= MinSf and <= 12;

    /// <summary>
    /// Minimum signal-to-interference ratio the wanted signal needs; −∞ when the SFs never interfere.
    /// </summary>
    /// <param name="wantedSf">SF of the wanted signal.</param>
    /// <param name="interfererSf">SF of the interferer.</param>
    /// <exception cref="ArgumentOutOfRangeException">The pair is outside the matrix (see <see cref="Covers"/>).</exception>
    public Decibels Threshold(int wantedSf, int interfererSf)
    {
        if (!Covers(wantedSf, interfererSf))
        {
            throw new ArgumentOutOfRangeException(nameof(wantedSf), string.Create(CultureInfo.InvariantCulture, $"{Name} has no value for wanted SF{wantedSf} vs interferer SF{interfererSf}."));
        }

        if (_table is null)
        {
            return wantedSf == interfererSf ? SameSpreadingFactorThreshold : new Decibels(double.NegativeInfinity);
        }

        return new Decibels(_table[((wantedSf - MinSf) * Size) + (interfererSf - MinSf)]);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
