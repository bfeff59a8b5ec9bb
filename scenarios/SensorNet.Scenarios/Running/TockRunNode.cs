using SensorNet.Energy.Accounting;
using SensorNet.NodeKernel;
using SensorNet.NodeKernel.Boards;
using SensorNet.NodeKernel.Drivers;
using SensorNet.NodeKernel.Kernel;
using SensorNet.RadioModels.Medium;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.Scenarios.Running;

/// <summary>
/// A node running the Tock kernel model, on a <see cref="Board"/> (<see cref="TockGroupConfig"/>) or a
/// <see cref="LoRaBoard"/> (<see cref="TockLoRaGroupConfig"/>); the boards differ only in how they boot and what their
/// radio reports, which the two factories capture.
/// </summary>
/// <remarks>
/// Power cycles: each boot builds the board (kernel, drivers, processes) afresh inside its own
/// <see cref="EventDomain"/> on the node's one <see cref="NodeEnergy"/>. A power loss ends the domain, so nothing the
/// dead board had pending can run; a restart builds and boots a new board, as a real node comes back from reset with
/// empty RAM and goes through the Tock boot sequence. Counters are summed over boots; energy and residency live in the
/// consumers, which outlive the boards. A node installed later (boot spread) is built at the start so its consumers
/// exist, unpowered, from time zero. A <see cref="LoRaBoard"/>'s build starts nothing, so that board is what a build at
/// switch-on would make and it boots then as built: a 100,000-node run does not build (and collect) a second board per
/// node. A <see cref="Board"/>'s build powers its radio and console, so its stand-in is dropped at switch-on and a
/// fresh board boots.
/// <para>Lookahead: a node reaches other nodes only through its antenna, so while its receiver is not listening nothing
/// outside can act on it, and its kernel steps may run ahead of other nodes' events
/// (<see cref="EventDomain.MayRunAhead"/>): the steps that end at once instead of by an event no longer depend on how
/// many other nodes there are. The medium refuses a transmission or receiver switch made from ahead, so a model that
/// reached the medium from a kernel step would fail loudly rather than reorder the air.</para>
/// </remarks>
internal sealed class TockRunNode : IRunNode
{
    private readonly Simulation _simulation;
    private readonly Func<Instance> _build;
    private readonly string _group;
    private readonly (Meters X, Meters Y) _position;
    private readonly List<Instance> _boots = [];
    private readonly SimDuration _bootDelay;
    private readonly Func<bool> _mayRunAhead;
    private EventDomain _domain;
    private bool _booted;
    private KernelReport? _kernel;

    private TockRunNode(Simulation simulation, int id, NodeEnergy energy, Func<Instance> build, string group, (Meters X, Meters Y) position, SimDuration bootDelay, RadioPort? port)
    {
        (_simulation, Id, Energy, _build, _group, _position, _bootDelay) = (simulation, id, energy, build, group, position, bootDelay);
        // Bound to the port itself (no closure between), which state prefetch fetches with the node's own state.
        _mayRunAhead = port is null ? static () => true : port.ReceiverOff;
        _domain = BuildInstance();
        if (_boots[^1].IdleUntilBooted && _domain.HasPendingEvents)
        {
            throw new InvalidOperationException($"Node {id}'s board scheduled events while being built, so it cannot wait for switch-on as built.");
        }

        energy.PowerLost += _ => _domain.End();
        energy.PowerRestored += _ =>
        {
            if (!_booted && _boots[^1].IdleUntilBooted)
            {
                // Switched on after installation, and the board built at the start has not run: it is the board a
                // build now would make, so its components come back in the states they were added in and it boots.
                energy.ReattachConsumers();
            }
            else
            {
                if (!_booted)
                {
                    // A board whose build started work (Board starts its radio and console) is rebuilt at switch-on.
                    _domain.End();
                    _boots.RemoveAt(_boots.Count - 1);
                }

                _domain = BuildInstance();
            }

            BootLast();
        };
    }

    public int Id { get; }

    public NodeEnergy Energy { get; }

    /// <summary>The domain of the board built last.</summary>
    internal EventDomain Domain => _domain;

    /// <summary>Boots so far, the first included; zero while a node waits to be switched on.</summary>
    public int Boots => _booted ? _boots.Count : 0;

    /// <summary>A node on a <see cref="Board"/>; <paramref name="build"/> builds it on the energy system and loads its apps.</summary>
    public static TockRunNode For(Simulation simulation, int id, NodeEnergy energy, Func<Board> build, string group, (Meters X, Meters Y) position, SimDuration bootDelay, RadioPort? port) => new(
        simulation,
        id,
        energy,
        () =>
        {
            Board board = build();
            return new Instance(
                board.Node,
                board.Boot,
                () => new Radio(
                    board.RadioChip?.Profile.Name ?? "none",
                    board.RadioChip?.Consumer.TotalEnergy() ?? Joules.Zero,
                    (board.Ieee802154?.FramesSent ?? 0) + (board.BleRadio?.FramesSent ?? 0), // data frames, not X-MAC preamble strobes
                    (board.RadioChip?.Airtime.Nanoseconds ?? 0) + (board.BleRadio?.Airtime.Nanoseconds ?? 0)),
                board.Temperature,
                board.Humidity,
                IdleUntilBooted: false);
        },
        group,
        position,
        bootDelay,
        port);

    /// <summary>A node on a <see cref="LoRaBoard"/>; <paramref name="build"/> builds it on the energy system and loads its apps.</summary>
    public static TockRunNode For(Simulation simulation, int id, NodeEnergy energy, Func<LoRaBoard> build, string group, (Meters X, Meters Y) position, SimDuration bootDelay, RadioPort? port) => new(
        simulation,
        id,
        energy,
        () =>
        {
            LoRaBoard board = build();
            return new Instance(
                board.Node,
                () => board.Node.Boot(board.Definition.Boot),
                () => new Radio(board.Radio.Chip.Name, board.Radio.Consumer.TotalEnergy(), board.Radio.FramesSent, board.Radio.Airtime.Nanoseconds),
                board.Temperature,
                board.Humidity,
                IdleUntilBooted: true);
        },
        group,
        position,
        bootDelay,
        port);

    public void Boot(SimTime now)
    {
        if (_bootDelay.Nanoseconds > 0)
        {
            // Not installed yet: the node stays unpowered and boots a fresh board when it is switched on.
            Energy.PowerOnAt(now + _bootDelay);
            return;
        }

        BootLast();
    }

    // Boots the board built last, inside its domain: at the start, at switch-on and after every restart.
    private void BootLast()
    {
        _booted = true;
        using (_simulation.EnterDomain(_domain))
        {
            _boots[^1].Boot();
        }
    }

    public NodeSummary Summarise(SimDuration duration)
    {
        KernelReport k = Kernel(duration);
        Joules total = Energy.Demanded;
        Instance last = _boots[^1];
        Radio[] radios = [.. _boots.Select(b => b.Radio())];
        return new NodeSummary(
            Id,
            _group,
            "tock",
            _position.X.Value,
            _position.Y.Value,
            k.Chip,
            radios[^1].Chip,
            Energy.Storage.Initial.Value,
            Energy.Storage.Stored.Value,
            total.Value,
            last.Node.Mcu.TotalEnergy().Value,
            radios[^1].Energy.Value, // the radio consumer outlives the boards, so its total covers every boot
            (total / duration).Value,
            k.ActiveNs,
            k.ShallowSleepNs + k.DeepSleepNs,
            k.OffNs,
            k.Wakeups,
            _boots.Sum(b => (b.Temperature?.Measurements ?? 0) + (b.Humidity?.Measurements ?? 0)),
            radios.Sum(r => r.Frames),
            radios.Sum(r => r.AirtimeNs),
            Energy.DepletedAt?.Nanoseconds,
            Energy.Harvested.Value);
    }

    // Built once: the runner asks for it for the summary and for kernel.parquet.
    public KernelReport Kernel(SimDuration duration) => _kernel ??= KernelReport.AcrossBoots([.. _boots.Select(b => b.Node.Report(duration))]);

    public IReadOnlyList<ProcessReport> Processes() => ProcessReport.AcrossBoots([.. _boots.Select(b => b.Node.ProcessReports())]);

    private EventDomain BuildInstance()
    {
        var domain = new EventDomain($"node {Id}, boot {_boots.Count + 1}") { MayRunAhead = _mayRunAhead };
        using (_simulation.EnterDomain(domain))
        {
            _boots.Add(_build());
        }

        domain.PrefetchStateOf(_boots[^1].Node, Energy);

        return domain;
    }

    // IdleUntilBooted: building the board only constructs it (no event, no power-state change); its hardware starts in
    // Boot. True of a LoRaBoard; a Board's build starts its radio and process console as its boot code does.
    private sealed record Instance(TockNode Node, Action Boot, Func<Radio> Radio, SensorDriver? Temperature, SensorDriver? Humidity, bool IdleUntilBooted);

    private readonly record struct Radio(string Chip, Joules Energy, long Frames, long AirtimeNs);
}
