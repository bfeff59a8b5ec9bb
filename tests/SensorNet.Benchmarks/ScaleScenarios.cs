using System.Globalization;
using System.Text;
using SensorNet.SimEngine.Random;

namespace SensorNet.Benchmarks;

/// <summary>
/// The whole-scenario workloads of the <c>scale</c> benchmark, written as scenario files (plus position CSVs) so they
/// run exactly as a user's would: every node is a Tock board with the full kernel model, except in the LoRa case's
/// radio-only baseline (<c>lora-radio</c>, see <see cref="LoRaLayer"/>). Packet records are off
/// (<c>outputs: packetTrace: false</c>): 100k LoRa nodes or 1k BLE beacons make tens to hundreds of millions of them,
/// more than a run may hold in memory; delivery is still counted. Nodes are switched on over one period
/// (<c>bootSpread</c>), as a deployment is, so their periodic traffic is not synchronised.
/// </summary>
internal static class ScaleScenarios
{
    public static IReadOnlyList<string> Names { get; } = ["lora", "ieee802154", "ble", "lora-sense", "lora-radio"];

    /// <summary>Gateway grid of the LoRa case: 4 gateways 1.2 km apart on 915 MHz (RadioLib's default carrier on these boards); nodes uniformly in the 2.4 km square around them.</summary>
    private static readonly (double X, double Y)[] Gateways = [(-600, -600), (600, -600), (-600, 600), (600, 600)];

    /// <summary>
    /// Median range per SF (7–12) of a 14 dBm SX1262 to an SX1301 gateway under Bor et al. (2016) path loss, from
    /// <c>sensornet calc lora-range --sensitivity sx1301</c>: the SF of a node is the smallest whose range covers the
    /// distance to its nearest gateway (SF12 beyond).
    /// </summary>
    private static readonly double[] RangeM = [251, 331, 436.6, 575.7, 759.3, 1001.4];

    /// <summary>
    /// Writes the scenario of <paramref name="name"/> with <paramref name="nodes"/> Tock nodes, simulating
    /// <paramref name="duration"/> (a scenario duration such as "1 d", longer than the case's boot spread), into
    /// <paramref name="directory"/>; returns its path.
    /// </summary>
    public static string Write(string name, int nodes, string directory, string duration = "1 d")
    {
        Directory.CreateDirectory(directory);
        string text = name switch
        {
            "lora" => LoRa(name, nodes, directory, duration, LoRaLayer.Whole),
            "lora-sense" => LoRa(name, nodes, directory, duration, LoRaLayer.KernelAndSensing),
            "lora-radio" => LoRa(name, nodes, directory, duration, LoRaLayer.RadioOnly),
            "ieee802154" => Ieee802154(nodes, duration),
            "ble" => Ble(nodes, duration),
            _ => throw new UsageException($"unknown scale case '{name}'; expected one of {string.Join(", ", Names)}"),
        };
        string path = Path.Combine(directory, $"scale-{name}-{nodes}.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>
    /// What of the LoRa case a scenario keeps, so that its cost can be split by layer at the same N (same positions,
    /// boards, gateways and, where there is a radio, the same SF per node). <see cref="KernelAndSensing"/>: the same
    /// Tock boards switched on alike, sensing every 10 min without the radio (kernel, sensor, alarm and energy, no
    /// RadioLib). <see cref="RadioOnly"/>: LoRaSim-style devices with the same SX1262 settings and a mean wait of
    /// 10 min between frames (exponential, so about the same 144 frames per node and day, unsynchronised from the
    /// start without a boot spread): the medium, reception, energy and engine without any OS. Neither is a model of a real deployment; they are cost baselines.
    /// </summary>
    private enum LoRaLayer
    {
        Whole,
        KernelAndSensing,
        RadioOnly,
    }

    private static string LoRa(string name, int nodes, string directory, string duration, LoRaLayer layer)
    {
        // Positions from a fixed stream, then one group per SF so each node's SF follows its distance.
        RandomStream rng = new RngStreams(7, 0).For(RngStreams.NetworkWide, RngPurpose.Placement);
        var bySf = Enumerable.Range(7, 6).ToDictionary(sf => sf, _ => new StringBuilder("x_m,y_m\n"));
        var counts = Enumerable.Range(7, 6).ToDictionary(sf => sf, _ => 0);
        for (int i = 0; i < nodes; i++)
        {
            double x = rng.Uniform(-1200, 1200), y = rng.Uniform(-1200, 1200);
            double d = Gateways.Min(g => Math.Sqrt(((x - g.X) * (x - g.X)) + ((y - g.Y) * (y - g.Y))));
            int sf = 7 + Math.Max(0, Array.FindIndex(RangeM, r => r >= d) is int k && k >= 0 ? k : RangeM.Length - 1);
            bySf[sf].Append(CultureInfo.InvariantCulture, $"{x:0.###},{y:0.###}\n");
            counts[sf]++;
        }

        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"name: scale-{name}-{nodes}\nseed: 1\nduration: {duration}\noutputs: {{ packetTrace: false }}\nnetwork:\n  propagation: {{ kind: borEtAl2016 }}\n  gateways:\n");
        for (int g = 0; g < Gateways.Length; g++)
        {
            b.Append(CultureInfo.InvariantCulture, $"    - {{ name: gw-{g}, x: {Gateways[g].X} m, y: {Gateways[g].Y} m, channels: [915 MHz] }}\n");
        }

        b.Append("nodes:\n");
        foreach ((int sf, StringBuilder csv) in bySf.Where(p => counts[p.Key] > 0))
        {
            File.WriteAllText(Path.Combine(directory, $"sf{sf}.csv"), csv.ToString());
            b.Append(layer switch
            {
                // The radio-only devices: RadioLib's defaults on these boards (915 MHz, 125 kHz, CR 4/7, 14 dBm).
                LoRaLayer.RadioOnly => string.Create(CultureInfo.InvariantCulture, $$"""
                      - kind: loraAloha
                        name: sf{{sf}}
                        count: {{counts[sf]}}
                        placement: { kind: csv, file: sf{{sf}}.csv }
                        radio: { kind: lora, chip: sx1262, txPower: 14 dBm, spreadingFactor: {{sf}}, bandwidth: 125 kHz, codingRate: 4/7 }
                        channels: [915 MHz]
                        meanWait: 10 min
                        payload: 20 B
                        storage: { kind: linearBattery, capacity: 1000 mAh, voltage: 3.3 V }

                    """),
                _ => string.Create(CultureInfo.InvariantCulture, $$"""
                      - kind: tock
                        name: sf{{sf}}
                        count: {{counts[sf]}}
                        bootSpread: 10 min
                        placement: { kind: csv, file: sf{{sf}}.csv }
                        board: apollo3-lora-things-plus
                        apps:
                          - {{(layer == LoRaLayer.Whole ? LoRaSenseApp(sf) : "{ kind: sense, period: 10 min }")}}
                        storage: { kind: linearBattery, capacity: 1000 mAh, voltage: 3.3 V }

                    """),
            });
        }

        return b.ToString();
    }

    private static string LoRaSenseApp(int sf) =>
        string.Create(CultureInfo.InvariantCulture, $"{{ kind: loraSense, mode: interrupt, period: 10 min, payload: 20 B, spreadingFactor: {sf} }}");

    private static string Ieee802154(int nodes, string duration) => string.Create(CultureInfo.InvariantCulture, $$"""
        name: scale-ieee802154-{{nodes}}
        seed: 1
        duration: {{duration}}
        outputs: { packetTrace: false }
        network:
          propagation: { kind: logDistance, referenceDistance: 1 m, referenceLoss: 40 dB, exponent: 3, sigma: 4 dB }
        nodes:
          - kind: tock
            name: sensors
            count: {{nodes}}
            bootSpread: 60 s
            placement: { kind: disc, radius: 60 m }
            board: nrf52840dk
            apps:
              - { kind: senseAndSend154, period: 60 s, payload: 20 B }
            storage: { kind: coinCell }
          - kind: ieee802154
            name: border-router
            count: 1
            role: sink
            channel: 26
            placement: { kind: grid, columns: 1, spacing: 1 m }
            storage: { kind: linearBattery, capacity: 10000 mAh, voltage: 3.0 V }

        """);

    private static string Ble(int nodes, string duration) => string.Create(CultureInfo.InvariantCulture, $$"""
        name: scale-ble-{{nodes}}
        seed: 1
        duration: {{duration}}
        outputs: { packetTrace: false }
        network:
          propagation: { kind: logDistance, referenceDistance: 1 m, referenceLoss: 40 dB, exponent: 2.5, sigma: 4 dB }
        nodes:
          - kind: tock
            name: beacons
            count: {{nodes}}
            bootSpread: 5 s
            placement: { kind: uniform, width: 200 m, height: 200 m }
            board: nrf52840dk
            apps:
              - { kind: bleSense, period: 5 s }
            storage: { kind: coinCell }
          - kind: ble
            name: gateway
            count: 1
            role: scanner
            scanInterval: 100 ms
            placement: { kind: grid, columns: 1, spacing: 1 m, originX: 100 m, originY: 100 m }
            storage: { kind: linearBattery, capacity: 10000 mAh, voltage: 3.0 V }

        """);
}
