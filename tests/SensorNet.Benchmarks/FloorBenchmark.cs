using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Events;
using SensorNet.SimEngine.Time;

namespace SensorNet.Benchmarks;

/// <summary>
/// The <c>floor</c> benchmark: what the LoRa scale case's counts alone cost, as a bound for any node model that keeps
/// them. Each node makes, per 10-minute period, the uplink's syscalls (356: 233 commands, 64 allows, 41 yields, 18
/// subscribes, the counts of one Apollo3 + SX1262 node running RadioLib's interrupt-driven uplink), 24 sleeps each
/// ended by a device event and a wake-up event, and a power change at every sleep and wake-up, on SensorNet's real
/// engine. Each step does the least its kind needs (count it, keep the registers and buffers it sets, answer from the
/// node's state), and a node's state lies in one block of about 200 bytes.
/// </summary>
/// <remarks>
/// Not a model: no kernel loop, scheduler, drivers, radio or energy store behind the counts. A step runs on at once even
/// when another node's event is due before it ends, where the full model gives it an event of its own (48 engine events
/// per uplink here, 51 there). It answers the question the 10,000-node target raises (the full model takes about 1.6–1.8× the 30 s):
/// whether the counts that fidelity fixes leave room for a faster model, or are the limit themselves.
/// </remarks>
internal static class FloorBenchmark
{
    public const string Usage =
        "floor [--nodes 1000,10000,100000] [--days 1]\n" +
        "    the LoRa case's per-uplink counts (356 syscalls, 24 sleeps and wake-ups, 48 engine events) with the least work\n" +
        "    for each, node state in one block per node, on the real engine: what these counts cost with no model behind them";

    public static int Run(ReadOnlySpan<string> args)
    {
        var options = new OptionReader(args);
        string nodes = options.GetString("--nodes") ?? "1000,10000,100000";
        long days = options.GetInt64("--days", 1, 1, 365);
        options.RejectUnknown();
        int[] sizes = OptionReader.ParseCounts("--nodes", nodes);
        Console.WriteLine($"floor benchmark: {MachineInfo.Describe()}");
        Console.WriteLine($"one child process per size, {ChildProcess.Describe(1)}; {days} simulated day(s)");
        Console.WriteLine();
        Console.WriteLine($"{"nodes",8} {"wall s",8} {"events",14} {"syscalls",16} {"µs/uplink",10}");
        foreach (int n in sizes)
        {
            FloorRun run = JsonSerializer.Deserialize<FloorRun>(ChildProcess.Run(1, "floor-run", n.ToString(CultureInfo.InvariantCulture), days.ToString(CultureInfo.InvariantCulture)))!;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{n,8:N0} {run.RunS,8:0.00} {run.Events,14:N0} {run.Syscalls,16:N0} {run.RunS * 1e6 / run.Uplinks,10:0.00}"));
        }

        return 0;
    }

    /// <summary>The child: <c>floor-run NODES DAYS</c>; prints one JSON line.</summary>
    public static int RunOne(ReadOnlySpan<string> args)
    {
        if (args.Length != 2)
        {
            throw new UsageException("floor-run NODES DAYS");
        }

        int nodes = int.Parse(args[0], CultureInfo.InvariantCulture);
        long days = long.Parse(args[1], CultureInfo.InvariantCulture);
        new FloorNetwork(100).Run(SimDuration.FromSeconds(3600)); // compiles the code paths first, as scale-run's warm-up does
        var network = new FloorNetwork(nodes);
        var watch = Stopwatch.StartNew();
        network.Run(SimDuration.FromSeconds(86_400 * days));
        watch.Stop();
        Console.WriteLine(JsonSerializer.Serialize(new FloorRun(nodes, watch.Elapsed.TotalSeconds, network.Events, network.Uplinks, network.Syscalls, network.EnergyJ)));
        return 0;
    }
}

/// <summary>What a <c>floor-run</c> child measured (EnergyJ: the nodes' summed energy, so no work is skipped as dead).</summary>
internal sealed record FloorRun(int Nodes, double RunS, long Events, long Uplinks, long Syscalls, double EnergyJ);

/// <summary>The nodes of <see cref="FloorBenchmark"/>: one event handler, each node's state a struct in one array.</summary>
internal sealed class FloorNetwork : IEventHandler
{
    private const long PeriodNs = 600_000_000_000; // one uplink every 10 min, first ones spread over the first period
    private const long CycleNs = 21; // 48 MHz
    private const long WakeUpNs = 20_000;
    private const long WakeUpCycles = 400; // bottom half, scheduler and upcall dispatch after a wake-up
    private const long AlarmEvent = 0, DeviceEvent = 1, WakeUpEvent = 2;

    // CPU states, numbered as the kernel report's columns: active, shallow sleep (not entered here), deep sleep.
    private const int Active = 0, DeepSleep = 2;
    private static readonly double[] StateW = [0.0005, 0.0003, 0.00001];

    private readonly Simulation _simulation = new(1 << 16);
    private readonly Step[] _program = BuildProgram();
    private readonly NodeState[] _nodes;

    public FloorNetwork(int nodes)
    {
        _nodes = new NodeState[nodes];
        foreach (ref NodeState node in _nodes.AsSpan())
        {
            node.CpuState = DeepSleep;
        }
    }

    private enum Kind : byte
    {
        Command,
        AllowReadOnly,
        AllowReadWrite,
        Subscribe,
        YieldSleeps, // Yield-WaitFor whose upcall comes from a device: the node sleeps until it
        YieldAnswered, // Yield-WaitFor answered at once (libtock-c's 0 ms delay)
        YieldNoWait,
        End,
    }

    public long Events => _simulation.EventsExecuted;

    public long Uplinks { get; private set; }

    public long Syscalls { get; private set; }

    public double EnergyJ
    {
        get
        {
            double sum = 0;
            foreach (NodeState node in _nodes)
            {
                sum += node.EnergyJ;
            }

            return sum;
        }
    }

    public void Run(SimDuration duration)
    {
        ulong x = 88_172_645_463_325_252UL; // xorshift: the first periods' phases; no model randomness here
        for (int i = 0; i < _nodes.Length; i++)
        {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            _nodes[i].NextPeriodNs = (long)(x % (ulong)PeriodNs);
            _simulation.Schedule(new SimTime(_nodes[i].NextPeriodNs), this, ((long)i << 2) | AlarmEvent);
        }

        _simulation.RunUntil(SimTime.FromStart(duration));
    }

    public void OnEvent(SimTime now, long tag)
    {
        int node = (int)(tag >> 2);
        switch (tag & 3)
        {
            case AlarmEvent:
                _nodes[node].NextPeriodNs += PeriodNs;
                _nodes[node].Pc = 0;
                Uplinks++;
                _simulation.Schedule(now + SimDuration.FromNanoseconds(WakeUpNs), this, ((long)node << 2) | WakeUpEvent);
                break;
            case DeviceEvent:
                _simulation.Schedule(now + SimDuration.FromNanoseconds(WakeUpNs), this, ((long)node << 2) | WakeUpEvent);
                break;
            default:
                PowerChange(ref _nodes[node], Active, now.Nanoseconds);
                _nodes[node].Upcalls++;
                RunUser(node, now.Nanoseconds + (WakeUpCycles * CycleNs));
                break;
        }
    }

    // The process's steps from a wake-up to its next sleep.
    private void RunUser(int node, long nowNs)
    {
        Step[] program = _program;
        ref NodeState state = ref _nodes[node];
        int pc = state.Pc;
        long t = nowNs;
        while (true)
        {
            Step step = program[pc++];
            t += step.Cycles * CycleNs;
            if (step.Kind == Kind.End)
            {
                PowerChange(ref state, DeepSleep, t);
                _simulation.Schedule(new SimTime(state.NextPeriodNs), this, ((long)node << 2) | AlarmEvent);
                return;
            }

            Syscalls++;
            state.SyscallsByKind[(int)step.Kind]++;
            switch (step.Kind)
            {
                case Kind.Command:
                    state.LastAnswer = step.Driver switch
                    {
                        0 when step.Number == 1 => 32_768,
                        0 when step.Number == 2 => (uint)(t / 30_518),
                        0 => (uint)(state.AlarmReferenceNs = t),
                        4 => state.BusyPin,
                        _ => step.Number,
                    };
                    break;
                case Kind.AllowReadOnly or Kind.AllowReadWrite:
                    int slot = step.Kind == Kind.AllowReadOnly ? 0 : 1;
                    bool allowing = state.AllowAddress[slot] == 0;
                    state.AllowAddress[slot] = allowing ? 0x2000_0400u : 0;
                    state.AllowLength[slot] = allowing ? 16u : 0;
                    break;
                case Kind.Subscribe:
                    state.UpcallFunction[step.Driver & 7] ^= 0x0004_0001;
                    break;
                case Kind.YieldAnswered:
                    state.Upcalls++;
                    t += WakeUpCycles * CycleNs;
                    break;
                case Kind.YieldSleeps:
                    state.Pc = pc;
                    _simulation.TryAdvanceTo(new SimTime(t)); // moves the clock if nothing is due first; the node goes on either way
                    PowerChange(ref state, DeepSleep, t);
                    _simulation.Schedule(new SimTime(t + step.WaitNs), this, ((long)node << 2) | DeviceEvent);
                    return;
                default:
                    break;
            }
        }
    }

    private static void PowerChange(ref NodeState node, int cpuState, long atNs)
    {
        long spentNs = atNs - node.LastChangeNs;
        int from = node.CpuState;
        node.ResidencyNs[from] += spentNs;
        node.EnergyJ += spentNs * 1e-9 * StateW[from];
        node.LastChangeNs = atNs;
        node.CpuState = cpuState;
    }

    // One uplink: four sensor conversions, 16 SPI commands of 20 syscalls (millis, BUSY read, the transfer with its
    // sleep, the 0 ms delay, millis, BUSY read), the transmission (sleep through the time on air), three 1 ms delays, and
    // the GPIO set-up commands around them. 233 commands, 64 allows, 41 yields, 18 subscribes; 24 sleeps.
    private static Step[] BuildProgram()
    {
        var steps = new List<Step>();
        static Step Command(byte driver, uint number) => new(Kind.Command, driver, number, 120, 0);
        for (int i = 0; i < 4; i++)
        {
            steps.AddRange([Command(6, 1), new(Kind.YieldSleeps, 6, 0, 60, 12_000_000)]);
        }

        for (int i = 0; i < 16; i++)
        {
            steps.AddRange([Command(0, 1), Command(0, 2), Command(4, 3)]);
            steps.AddRange([new(Kind.AllowReadOnly, 5, 0, 150, 0), new(Kind.AllowReadWrite, 5, 0, 150, 0), new(Kind.Subscribe, 5, 0, 90, 0)]);
            steps.AddRange([Command(5, 2), new(Kind.YieldSleeps, 5, 0, 60, 30_000)]);
            steps.AddRange([new(Kind.AllowReadOnly, 5, 0, 150, 0), new(Kind.AllowReadWrite, 5, 0, 150, 0)]);
            steps.AddRange([Command(0, 1), Command(0, 2), Command(0, 3), Command(0, 1), Command(0, 2), Command(0, 6), new(Kind.YieldAnswered, 0, 0, 60, 0)]);
            steps.AddRange([Command(0, 1), Command(0, 2), Command(4, 3)]);
        }

        steps.AddRange([new(Kind.Subscribe, 4, 0, 90, 0), Command(4, 5), new(Kind.YieldSleeps, 4, 0, 60, 180_000_000)]);
        for (int i = 0; i < 3; i++)
        {
            steps.AddRange([Command(0, 2), Command(0, 6), new(Kind.YieldSleeps, 0, 0, 60, 1_000_000)]);
        }

        steps.AddRange([new(Kind.Subscribe, 0, 0, 90, 0), new(Kind.YieldNoWait, 0, 0, 40, 0)]);
        for (int i = 0; i < 14; i++)
        {
            steps.Add(Command(4, 1));
        }

        steps.Add(new(Kind.End, 0, 0, 0, 0));
        return [.. steps];
    }

    private readonly record struct Step(Kind Kind, byte Driver, uint Number, long Cycles, long WaitNs);

    // One node's state in one block (about 200 bytes): an uplink touches a few cache lines of it. Laid out per node
    // rather than one array per field, which at 100,000 nodes read 67.59 s against 59.12 s for this layout.
    private struct NodeState
    {
        public int Pc;
        public int CpuState;
        public int Upcalls;
        public uint LastAnswer;
        public byte BusyPin;
        public long AlarmReferenceNs;
        public long LastChangeNs;
        public long NextPeriodNs;
        public double EnergyJ;
        public Longs8 SyscallsByKind;
        public Uints8 UpcallFunction;
        public Uints4 AllowAddress;
        public Uints4 AllowLength;
        public Longs4 ResidencyNs;
    }

    [InlineArray(8)]
    private struct Longs8
    {
        private long _first;
    }

    [InlineArray(4)]
    private struct Longs4
    {
        private long _first;
    }

    [InlineArray(8)]
    private struct Uints8
    {
        private uint _first;
    }

    [InlineArray(4)]
    private struct Uints4
    {
        private uint _first;
    }
}
