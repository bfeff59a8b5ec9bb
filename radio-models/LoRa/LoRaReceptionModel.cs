using SensorNet.RadioModels.LoRa.Reception;
using SensorNet.RadioModels.Medium;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.RadioModels.LoRa;

/// <summary>
/// The LoRa receiver on the shared medium: sensitivity, required SNR, same-SF capture with a preamble timing rule and
/// an inter-SF interference matrix (FLoRa/Croce, ns-3/Goursaud or orthogonal), as configured by
/// <see cref="LoRaReceptionOptions"/> and evaluated by <see cref="LoRaReceptionRules"/>.
/// </summary>
/// <remarks>Signals of other technologies (spreading factor 0) are ignored here; cross-technology interference on
/// sub-GHz bands is out of scope.</remarks>
public sealed class LoRaReceptionModel(LoRaReceptionOptions options) : IReceptionModel
{
    private LoRaSignal[] _signals = new LoRaSignal[16];
    private long[] _ids = new long[16];

    /// <summary>The rules applied.</summary>
    public LoRaReceptionOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <inheritdoc/>
    public ReceptionVerdict Decide(in ArrivingSignal wanted, ReadOnlySpan<ArrivingSignal> overlapping, Dbm sensitivity)
    {
        if (_signals.Length < overlapping.Length)
        {
            _signals = new LoRaSignal[overlapping.Length * 2];
            _ids = new long[overlapping.Length * 2];
        }

        // Ids inside the rules are positions in this call; the wanted frame gets −1.
        int n = 0;
        bool contested = false;
        LoRaSignal self = ToSignal(-1, wanted);
        SimTime boundary = LoRaReceptionRules.ProtectedBoundary(self, Options.PreambleTiming);
        foreach (ArrivingSignal s in overlapping)
        {
            Transmission t = s.Transmission;
            if (t.SpreadingFactor == 0)
            {
                continue;
            }

            _ids[n] = t.Id;
            _signals[n] = ToSignal(n, s);
            // "Captured": it survived a same-SF frame on its carrier that overlapped it beyond the preamble grace.
            contested |= t.SpreadingFactor == self.SpreadingFactor && _signals[n].End > boundary && LoRaReceptionRules.SameCarrier(self, _signals[n], Options.Carrier);
            n++;
        }

        LoRaReceptionResult result = LoRaReceptionRules.Evaluate(self, _signals.AsSpan(0, n), sensitivity, Options);
        return result.Outcome switch
        {
            LoRaReceptionOutcome.Received => new ReceptionVerdict(contested ? ReceptionOutcome.Captured : ReceptionOutcome.Received),
            LoRaReceptionOutcome.BelowSensitivity => new ReceptionVerdict(ReceptionOutcome.BelowSensitivity),
            _ => new ReceptionVerdict(ReceptionOutcome.Interference, result.InterfererId is { } i ? _ids[i] : -1),
        };
    }

    internal static LoRaSignal ToSignal(int id, in ArrivingSignal s)
    {
        Transmission t = s.Transmission;
        return new LoRaSignal(id, t.Start, t.End, t.Frequency, t.Bandwidth, t.SpreadingFactor, s.Power, t.PreambleSymbols);
    }
}
