using SensorNet.RadioModels.Propagation;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;

namespace SensorNet.RadioModels.Medium;

/// <summary>How shadowing varies on a link.</summary>
public enum ShadowingMode
{
    /// <summary>One draw per link, the same for every packet and both directions (obstacles do not move).</summary>
    PerLink,

    /// <summary>A fresh draw per packet and link (fast fading-like variation).</summary>
    PerPacket,
}

/// <summary>Medium-wide settings.</summary>
/// <param name="MaxTxPower">The highest transmit power any port uses; sizes the spatial index.</param>
/// <param name="InterferenceFloor">Signals arriving weaker than this are ignored even as interference.</param>
/// <param name="Shadowing">Whether shadowing is drawn per link or per packet.</param>
public sealed record MediumOptions(Dbm MaxTxPower, Dbm InterferenceFloor, ShadowingMode Shadowing = ShadowingMode.PerLink)
{
    /// <summary>
    /// Defaults for sub-GHz LoRa: up to 20 dBm, and a floor 30 dB under the thermal noise of a 125 kHz receiver with a
    /// 6 dB noise figure (−174 + 51 + 6 − 30 ≈ −147 dBm), where a signal adds under 0.005 dB to the noise.
    /// </summary>
    public static MediumOptions LoRa { get; } = new(new Dbm(20), new Dbm(-147));
}

/// <summary>
/// The shared wireless medium: every transmission, for every technology, with its carrier, bandwidth, power, start and
/// end. Each receiver within range gets the received power from the propagation model; receivers lock onto frames they
/// can demodulate, collect every signal that overlaps them above the interference floor, and at the end of the frame
/// their technology's <see cref="IReceptionModel"/> decides the outcome. Every outcome goes to an
/// <see cref="IPacketSink"/>.
/// </summary>
/// <remarks>
/// <para>Receivers are found through a uniform grid whose cell is the largest distance at which a transmission at
/// <see cref="MediumOptions.MaxTxPower"/> can still arrive above the interference floor for any shadowing draw
/// (<see cref="IPropagationModel.MaximumRange"/>), so one transmission costs the receivers in the 3×3 cells around the
/// sender, not the whole network. Only ports whose receiver is on are indexed.</para>
/// <para>Lock: a receiver locks onto a frame at its start if it is listening, not transmitting, tuned to its carrier,
/// bandwidth, spreading factor and (if the receiver names one) symbol time, the frame arrives at or above its sensitivity, and it has a free demodulator;
/// otherwise the reason is recorded at once (below sensitivity, half-duplex, busy, no free demodulator). A port that
/// starts transmitting aborts its receptions in progress (half-duplex). Frequency overlap is left to the reception
/// model (LoRa compares carriers; the 2.4 GHz models weight every signal by its <see cref="SpectralOverlap"/>).</para>
/// <para><b>Limits:</b> ports do not move; a sender that loses power mid-frame still completes the frame on the air;
/// antenna gains are part of the link budget the caller sets through transmit power.</para>
/// </remarks>
public sealed class WirelessMedium : ISharedModel
{
    private readonly Simulation _simulation;
    private readonly IPropagationModel _propagation;
    private readonly MediumOptions _options;
    private readonly ulong _seed;
    private readonly IPacketSink? _sink;
    private readonly List<RadioPort> _ports = [];
    private readonly Dictionary<(long X, long Y), List<RadioPort>> _grid = [];
    private readonly Stack<Transmission> _pool = new();
    private readonly List<Transmission> _released = [];
    private readonly List<(RadioPort Port, Dbm Power, ReceptionVerdict Verdict)> _verdicts = [];
    private readonly double _cell;
    private ArrivingSignal[] _scratch = new ArrivingSignal[16];
    private long _nextId;

    /// <summary>Creates an empty medium.</summary>
    /// <param name="simulation">The simulation.</param>
    /// <param name="propagation">Path loss between any two positions.</param>
    /// <param name="options">Power range, interference floor, shadowing mode.</param>
    /// <param name="shadowingSeed">Seed of the shadowing draws (from the scenario's random streams).</param>
    /// <param name="sink">Receives every outcome; null records none.</param>
    public WirelessMedium(Simulation simulation, IPropagationModel propagation, MediumOptions options, ulong shadowingSeed, IPacketSink? sink = null)
    {
        _simulation = simulation ?? throw new ArgumentNullException(nameof(simulation));
        _propagation = propagation ?? throw new ArgumentNullException(nameof(propagation));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _seed = shadowingSeed;
        _sink = sink;
        double range = propagation.MaximumRange(options.MaxTxPower - options.InterferenceFloor).Value;
        // An unbounded range (or one wider than any study area) degenerates to one cell: no pruning, still correct.
        _cell = double.IsFinite(range) && range > 0 && range < 1e9 ? range : double.PositiveInfinity;
    }

    /// <summary>Ports attached so far.</summary>
    public IReadOnlyList<RadioPort> Ports => _ports;

    /// <summary>Transmissions started so far.</summary>
    public long Transmissions => _nextId;

    /// <summary>Attaches an antenna at <paramref name="position"/>; <paramref name="receiver"/> null makes it transmit-only.</summary>
    public RadioPort Attach(int nodeId, Position position, ReceiverSettings? receiver = null, IRadioPortListener? listener = null)
    {
        var port = new RadioPort(this, nodeId, position, receiver, listener);
        _ports.Add(port);
        if (port.Listening)
        {
            ListeningChanged(port);
        }

        return port;
    }

    /// <summary>Attaches a port whose receiver starts switched off (a LoRaWAN class A device between its windows).</summary>
    public RadioPort AttachSleeping(int nodeId, Position position, ReceiverSettings receiver, IRadioPortListener? listener = null)
    {
        RadioPort port = Attach(nodeId, position, null, listener);
        port.Receiver = receiver;
        return port;
    }

    // Only listening ports are indexed: a transmission visits the receivers that are on near it.
    internal void ListeningChanged(RadioPort port)
    {
        _simulation.ThrowIfAhead("Switching a receiver on or off");
        (long X, long Y) key = Cell(port.Position);
        if (port.Listening)
        {
            if (!_grid.TryGetValue(key, out List<RadioPort>? cell))
            {
                _grid[key] = cell = [];
            }

            cell.Add(port);
        }
        else
        {
            _grid[key].Remove(port);
        }
    }

    /// <summary>Puts a frame on the air from <paramref name="sender"/> for <paramref name="airtime"/>.</summary>
    /// <returns>The transmission (valid until its end has been processed).</returns>
    /// <exception cref="InvalidOperationException">The port is already transmitting.</exception>
    public Transmission Transmit(RadioPort sender, Hertz frequency, Hertz bandwidth, int spreadingFactor, SimDuration symbolTime, int preambleSymbols, Dbm txPower, SimDuration airtime, int payloadBytes, long tag = 0, bool invertedIq = false)
    {
        ArgumentNullException.ThrowIfNull(sender);
        _simulation.ThrowIfAhead("Starting a transmission");
        if (sender.IsTransmitting)
        {
            throw new InvalidOperationException($"Node {sender.NodeId} is already transmitting.");
        }

        if (txPower > _options.MaxTxPower)
        {
            throw new ArgumentOutOfRangeException(nameof(txPower), txPower, $"The medium was sized for at most {_options.MaxTxPower}.");
        }

        Transmission tx = _pool.Count > 0 ? _pool.Pop() : new Transmission(this, _simulation);
        SimTime now = _simulation.Now;
        tx.Id = _nextId++;
        (tx.Sender, tx.Frequency, tx.Bandwidth, tx.SpreadingFactor, tx.SymbolTime, tx.PreambleSymbols) = (sender, frequency, bandwidth, spreadingFactor, symbolTime, preambleSymbols);
        (tx.TxPower, tx.Start, tx.End, tx.PayloadBytes, tx.Tag, tx.Ended, tx.Holders, tx.InvertedIq) = (txPower, now, now + airtime, payloadBytes, tag, false, 0, invertedIq);
        tx.Reached.Clear();

        // Half-duplex: what the sender was receiving is lost now, and its demodulators are free again.
        sender.IsTransmitting = true;
        List<RadioPort.Arrival> own = sender.Signals;
        for (int i = 0; i < own.Count; i++)
        {
            if (own[i].Locked && !own[i].Ended)
            {
                RadioPort.Arrival a = own[i];
                a.Locked = false;
                own[i] = a;
                sender.Locks--;
                Record(a.Tx, sender, a.Power, new ReceptionVerdict(ReceptionOutcome.HalfDuplex));
                sender.Listener?.OnReceived(sender, a.Tx, a.Power, new ReceptionVerdict(ReceptionOutcome.HalfDuplex), now);
            }
        }

        if (double.IsPositiveInfinity(_cell))
        {
            foreach (List<RadioPort> cell in _grid.Values)
            {
                Reach(tx, cell);
            }
        }
        else
        {
            (long cx, long cy) = Cell(sender.Position);
            for (long dx = -1; dx <= 1; dx++)
            {
                for (long dy = -1; dy <= 1; dy++)
                {
                    if (_grid.TryGetValue((cx + dx, cy + dy), out List<RadioPort>? cell))
                    {
                        Reach(tx, cell);
                    }
                }
            }
        }

        tx.EndTimer.Set(tx.End);
        return tx;
    }

    /// <summary>
    /// The path loss between two ports as this medium applies it: with per-link shadowing the link's own draw, which is
    /// what a link estimator would learn; with per-packet shadowing one draw (that of a packet with id 0).
    /// </summary>
    public Decibels LinkLoss(RadioPort a, RadioPort b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return _propagation.PathLoss(a.Position.DistanceTo(b.Position), LinkSeed(a.NodeId, b.NodeId, 0));
    }

    /// <summary>
    /// Energy detection for a clear-channel assessment: the power now arriving at <paramref name="port"/> within the
    /// channel (<paramref name="center"/>, <paramref name="bandwidth"/>), each signal weighted by the share of its
    /// bandwidth that falls into the channel (flat spectra). The port must be listening to hear anything.
    /// </summary>
    /// <returns>The summed power; −∞ dBm when the channel is silent.</returns>
    public Dbm ChannelPower(RadioPort port, Hertz center, Hertz bandwidth)
    {
        ArgumentNullException.ThrowIfNull(port);
        _simulation.ThrowIfAhead("Sensing the channel");
        SimTime now = _simulation.Now;
        double watts = 0;
        foreach (RadioPort.Arrival a in port.Signals)
        {
            if (!a.Ended && a.Tx.Start <= now && a.Tx.End > now)
            {
                watts += a.Power.ToWatts().Value * SpectralOverlap.Fraction(center, bandwidth, a.Tx.Frequency, a.Tx.Bandwidth);
            }
        }

        return watts > 0 ? new Dbm(10 * Math.Log10(watts * 1000)) : new Dbm(double.NegativeInfinity);
    }

    internal void EndTransmission(Transmission tx)
    {
        tx.Ended = true;
        tx.Sender.IsTransmitting = false;
        SimTime now = _simulation.Now;
        // First every receiver's verdict and freed demodulator, then the listeners: a listener that transmits at once
        // (an ACK) must find the other receivers already released from this frame.
        _verdicts.Clear();
        foreach (RadioPort port in tx.Reached)
        {
            List<RadioPort.Arrival> signals = port.Signals;
            int self = IndexOf(signals, tx);
            RadioPort.Arrival arrival = signals[self];
            arrival.Ended = true;
            signals[self] = arrival;
            port.EarliestEndedEnd = SimTime.Min(port.EarliestEndedEnd, tx.End);
            if (!arrival.Locked)
            {
                continue;
            }

            port.Locks--;
            int n = 0;
            foreach (RadioPort.Arrival other in signals)
            {
                if (!ReferenceEquals(other.Tx, tx) && other.Tx.Start < tx.End && other.Tx.End > tx.Start)
                {
                    if (n == _scratch.Length)
                    {
                        Array.Resize(ref _scratch, n * 2);
                    }

                    _scratch[n++] = new ArrivingSignal(other.Tx, other.Power);
                }
            }

            ReceiverSettings rx = port.Receiver!;
            ReceptionVerdict verdict = rx.Model.Decide(new ArrivingSignal(tx, arrival.Power), _scratch.AsSpan(0, n), rx.Sensitivity(tx.SpreadingFactor));
            Array.Clear(_scratch, 0, n); // drop the references
            Record(tx, port, arrival.Power, verdict);
            _verdicts.Add((port, arrival.Power, verdict));
        }

        foreach ((RadioPort port, Dbm power, ReceptionVerdict verdict) in _verdicts)
        {
            port.Listener?.OnReceived(port, tx, power, verdict, now);
        }

        _verdicts.Clear();
        foreach (RadioPort port in tx.Reached)
        {
            Prune(port);
        }

        if (tx.Reached.Count == 0)
        {
            _released.Add(tx);
        }

        // Recycled only now: the loops above still walk the lists of the transmissions they release.
        foreach (Transmission done in _released)
        {
            done.Reached.Clear();
            done.Sender = null!;
            _pool.Push(done);
        }

        _released.Clear();
    }

    private void Reach(Transmission tx, List<RadioPort> cell)
    {
        RadioPort sender = tx.Sender;
        foreach (RadioPort port in cell)
        {
            if (ReferenceEquals(port, sender))
            {
                continue;
            }

            double distance = sender.Position.DistanceTo(port.Position).Value;
            Dbm power = tx.TxPower - _propagation.PathLoss(new Meters(distance), LinkSeed(sender.NodeId, port.NodeId, tx.Id));
            if (power < _options.InterferenceFloor)
            {
                continue;
            }

            var arrival = new RadioPort.Arrival { Tx = tx, Power = power };
            ReceptionOutcome? refused = Lock(port, tx, power);
            if (refused is { } outcome)
            {
                Record(tx, port, power, new ReceptionVerdict(outcome));
            }
            else if (port.Listening && Tuned(port.Receiver!, tx))
            {
                arrival.Locked = true;
                port.Locks++;
            }

            port.Signals.Add(arrival);
            tx.Reached.Add(port);
            tx.Holders++;
        }
    }

    // Why the port cannot take this frame, or null if it can (or is not tuned to it at all: nothing to record).
    private static ReceptionOutcome? Lock(RadioPort port, Transmission tx, Dbm power)
    {
        ReceiverSettings rx = port.Receiver!;
        if (!port.Listening || !Tuned(rx, tx))
        {
            return null;
        }

        if (port.IsTransmitting)
        {
            return ReceptionOutcome.HalfDuplex;
        }

        if (power < rx.Sensitivity(tx.SpreadingFactor))
        {
            return ReceptionOutcome.BelowSensitivity;
        }

        if (port.Locks >= rx.Demodulators)
        {
            return rx.Demodulators > 1 ? ReceptionOutcome.NoFreeDemodulator : ReceptionOutcome.ReceiverBusy;
        }

        return null;
    }

    private static bool Tuned(ReceiverSettings rx, Transmission tx)
    {
        if (rx.Bandwidth != tx.Bandwidth || rx.InvertedIq != tx.InvertedIq || (rx.SpreadingFactor != 0 && rx.SpreadingFactor != tx.SpreadingFactor)
            || (rx.SymbolTime is { } symbol && symbol != tx.SymbolTime))
        {
            return false;
        }

        IReadOnlyList<Hertz> channels = rx.Channels; // indexed: foreach over the interface would box an enumerator per frame
        for (int i = 0; i < channels.Count; i++)
        {
            if (Math.Abs(channels[i].Value - tx.Frequency.Value) < 1)
            {
                return true;
            }
        }

        return false;
    }

    // Ended signals are kept while a frame that is still being received overlapped them: those that ended no later than
    // the earliest start of a frame being received go. The list is in start order, so the first such frame found has the
    // earliest start; when it started before every ended signal ended, nothing can go and the list is left as it is
    // (with 100,000 LoRa nodes a gateway keeps hundreds of signals, and most frames that end were not being received).
    private void Prune(RadioPort port)
    {
        List<RadioPort.Arrival> signals = port.Signals;
        SimTime keepFrom = SimTime.MaxValue;
        foreach (RadioPort.Arrival a in signals)
        {
            if (a.Locked && !a.Ended)
            {
                keepFrom = a.Tx.Start;
                break;
            }
        }

        if (keepFrom < port.EarliestEndedEnd)
        {
            return; // nothing has ended, or only since the earliest frame being received started
        }

        int write = 0;
        SimTime earliestEndedEnd = SimTime.MaxValue;
        for (int read = 0; read < signals.Count; read++)
        {
            RadioPort.Arrival a = signals[read];
            if (a.Ended)
            {
                if (a.Tx.End <= keepFrom)
                {
                    if (--a.Tx.Holders == 0)
                    {
                        _released.Add(a.Tx);
                    }

                    continue;
                }

                earliestEndedEnd = SimTime.Min(earliestEndedEnd, a.Tx.End);
            }

            signals[write++] = a;
        }

        signals.RemoveRange(write, signals.Count - write);
        port.EarliestEndedEnd = earliestEndedEnd;
    }

    private void Record(Transmission tx, RadioPort port, Dbm power, ReceptionVerdict verdict) =>
        _sink?.Record(new PacketRecord(
            tx.Id,
            tx.Sender.NodeId,
            port.NodeId,
            tx.Start.Nanoseconds,
            tx.End.Nanoseconds,
            tx.SpreadingFactor,
            tx.Frequency.Value,
            power.Value,
            tx.Sender.Position.DistanceTo(port.Position).Value,
            verdict.Outcome,
            verdict.InterfererId));

    private ulong LinkSeed(int a, int b, long txId)
    {
        // Symmetric in the two ends, so a link fades the same way in both directions.
        ulong h = StableHash.Combine(StableHash.Mix(_seed), (ulong)Math.Min(a, b), 0);
        h = StableHash.Combine(h, (ulong)Math.Max(a, b), 1);
        return _options.Shadowing == ShadowingMode.PerPacket ? StableHash.Combine(h, (ulong)txId, 2) : h;
    }

    private (long X, long Y) Cell(Position p) =>
        double.IsPositiveInfinity(_cell) ? (0, 0) : ((long)Math.Floor(p.X.Value / _cell), (long)Math.Floor(p.Y.Value / _cell));

    private static int IndexOf(List<RadioPort.Arrival> signals, Transmission tx)
    {
        for (int i = 0; i < signals.Count; i++)
        {
            if (ReferenceEquals(signals[i].Tx, tx))
            {
                return i;
            }
        }

        throw new InvalidOperationException("A reached receiver lost track of a transmission (a medium bug).");
    }
}
