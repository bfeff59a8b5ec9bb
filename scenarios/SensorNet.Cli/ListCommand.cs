using System.CommandLine;
using System.Text.Json;
using SensorNet.NodeKernel.Boards;
using SensorNet.NodeKernel.Chips;
using SensorNet.RadioModels.LoRa;
using SensorNet.Scenarios;

namespace SensorNet.Cli;

/// <summary><c>sensornet list [--json]</c>: boards, chips, radios, apps, storage, placement and block kinds with their parameters.</summary>
internal static class ListCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("list", "List the boards, chips, radios, apps, storage and other kinds a scenario can use, with their parameters.") { json };
        command.SetAction(parse =>
        {
            var sections = new (string Name, IReadOnlyList<(string Kind, string Parameters)> Items)[]
            {
                ("groups", ScenarioCatalog.GroupKinds),
                ("boards", [.. BoardDefinition.BuiltIn.Select(b => (b.Name, $"tock board: chip {b.Chip}, radio {b.Radio}, sensor {b.Sensor}, LEDs {b.Leds}, solar input {b.SolarInput}")), .. LoRaBoards.BuiltIn.Select(b => (b.Name, $"tock LoRa board: chip {b.Chip}, radio {b.Radio.Name}"))]),
                ("chips", [.. ChipFile.BuiltInNames.Select(n => (n, "Tock chip model (MCU power states, sleep policy); a chip file path is accepted too"))]),
                ("mcus", [.. McuProfile.BuiltInNames.Select(n => (n, "MCU of loraSenseAndSend nodes"))]),
                ("loraChips", [.. LoRaChipProfile.BuiltInNames.Select(n => (n, LoRaChipProfile.ByName(n).Source))]),
                ("apps", ScenarioCatalog.AppKinds),
                ("storage", ScenarioCatalog.StorageKinds),
                ("placements", ScenarioCatalog.PlacementKinds),
                ("blocks", ScenarioCatalog.Blocks),
            };
            if (parse.GetValue(json))
            {
                var obj = sections.ToDictionary(s => s.Name, s => s.Items.Select(i => new { kind = i.Kind, parameters = i.Parameters }));
                Console.WriteLine(JsonSerializer.Serialize(obj, Indented));
                return ExitCodes.Ok;
            }

            foreach ((string name, IReadOnlyList<(string Kind, string Parameters)> items) in sections)
            {
                Console.WriteLine(name + ":");
                foreach ((string kind, string parameters) in items)
                {
                    Console.WriteLine($"  {kind,-20} {parameters}");
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
