using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using SensorNet.NodeKernel.Boards;
using SensorNet.NodeKernel.Chips;
using SensorNet.RadioModels.LoRa;
using SensorNet.Scenarios;
using SensorNet.Scenarios.Catalog;

namespace SensorNet.Cli;

/// <summary>
/// <c>sensornet list [--json]</c>: every kind and block of the scenario format with its keys (from
/// <see cref="ScenarioCatalog"/>, as the loader and the schema use them), and the built-in boards, chips and MCUs.
/// </summary>
internal static class ListCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("list", "List the kinds and blocks a scenario can use with their keys (type, units, bounds, default), and the built-in boards and chips.") { json };
        command.SetAction(parse =>
        {
            (string Name, IReadOnlyList<(string Name, string Summary)> Items)[] builtIns =
            [
                ("board", [.. BoardDefinition.BuiltIn.Select(b => (b.Name, $"tock board: chip {b.Chip}, radio {b.Radio}, sensor {b.Sensor}, LEDs {b.Leds}, solar input {b.SolarInput}")), .. LoRaBoards.BuiltIn.Select(b => (b.Name, $"tock LoRa board: chip {b.Chip}, radio {b.Radio.Name}"))]),
                ("chip", [.. ChipFile.BuiltInNames.Select(n => (n, "Tock chip model (MCU power states, sleep policy); a chip file path is accepted too"))]),
                ("mcu", [.. McuProfile.BuiltInNames.Select(n => (n, "MCU of loraSenseAndSend nodes"))]),
                ("loraChip", [.. LoRaChipProfile.BuiltInNames.Select(n => (n, LoRaChipProfile.ByName(n).Source))]),
            ];
            if (parse.GetValue(json))
            {
                var obj = new JsonObject();
                foreach (KindFamily family in ScenarioCatalog.Families)
                {
                    obj[family.Name] = new JsonArray([.. family.Kinds.Select(k => (JsonNode)BlockJson("kind", k))]);
                }

                foreach ((string name, IReadOnlyList<(string Name, string Summary)> items) in builtIns)
                {
                    obj[name] = new JsonArray([.. items.Select(i => (JsonNode)new JsonObject { ["kind"] = i.Name, ["summary"] = i.Summary })]);
                }

                obj["block"] = new JsonArray([.. ScenarioCatalog.Blocks.Select(b => (JsonNode)BlockJson("name", b))]);
                Console.WriteLine(obj.ToJsonString(Indented));
                return ExitCodes.Ok;
            }

            Console.WriteLine("Keys marked * are required; 'sensornet schema' gives the same as a JSON Schema.");
            foreach (KindFamily family in ScenarioCatalog.Families)
            {
                Console.WriteLine();
                Console.WriteLine($"{family.Name} kinds: {family.Summary}");
                BlockSpec? previous = null;
                foreach (BlockSpec kind in family.Kinds)
                {
                    // Kinds sharing their keys (the Tock apps) list them once.
                    if (previous is not null && kind.Variants.Count == 0 && kind.Parameters.Skip(1).SequenceEqual(previous.Parameters.Skip(1), ReferenceEqualityComparer.Instance))
                    {
                        Console.WriteLine($"  {kind.Name}: {kind.Summary} Keys as {previous.Name}.");
                        continue;
                    }

                    WriteBlock(kind, skip: "kind");
                    previous = kind;
                }
            }

            foreach ((string name, IReadOnlyList<(string Name, string Summary)> items) in builtIns)
            {
                Console.WriteLine();
                Console.WriteLine($"{name}s (built in):");
                foreach ((string item, string summary) in items)
                {
                    Console.WriteLine($"  {item,-26} {summary}");
                }
            }

            Console.WriteLine();
            Console.WriteLine("blocks:");
            foreach (BlockSpec block in ScenarioCatalog.Blocks)
            {
                WriteBlock(block, skip: null);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteBlock(BlockSpec block, string? skip)
    {
        Console.WriteLine($"  {block.Name}: {block.Summary}");
        foreach (ParameterSpec p in block.Parameters.Where(p => p.Name != skip))
        {
            WriteParameter(p, "    ");
        }

        foreach (VariantSpec v in block.Variants.Where(v => v.Parameters.Count > 0 || v.Requires.Count > 0 || v.Narrowed.Count > 0))
        {
            string also = string.Join("; ", v.Requires.Select(r => r + " required").Concat(v.Narrowed.Select(n => $"{n.Name}: {n.Value.Summary}")));
            Console.WriteLine($"    {v.Summary}:{(also.Length > 0 ? " " + also : string.Empty)}");
            foreach (ParameterSpec p in v.Parameters)
            {
                WriteParameter(p, "      ");
            }
        }

        foreach (IReadOnlyList<string> set in block.ExactlyOneOf)
        {
            Console.WriteLine($"    exactly one of {string.Join(", ", set)}");
        }

        foreach ((string key, IReadOnlyList<string> needs) in block.Needs)
        {
            Console.WriteLine($"    {key} needs {string.Join(" and ", needs)}");
        }
    }

    private static void WriteParameter(ParameterSpec p, string indent)
    {
        string name = p.Name + (p.Required ? "*" : string.Empty);
        string fallback = p.Default is { } d ? $" Default: {d}." : string.Empty;
        Console.WriteLine($"{indent}{name,-24} {p.Value.Summary}. {p.Description}{fallback}");
    }

    private static JsonObject BlockJson(string nameKey, BlockSpec block) => new()
    {
        [nameKey] = block.Name,
        ["summary"] = block.Summary,
        ["parameters"] = new JsonArray([.. block.Parameters.Select(p => (JsonNode)ParameterJson(p, null))
            .Concat(block.Variants.SelectMany(v => v.Parameters.Select(p => (JsonNode)ParameterJson(p, v))))]),
    };

    private static JsonObject ParameterJson(ParameterSpec p, VariantSpec? variant)
    {
        var obj = new JsonObject
        {
            ["name"] = p.Name,
            ["required"] = p.Required,
            ["type"] = p.Value.Summary,
            ["description"] = p.Description,
        };
        if (p.Default is { } d)
        {
            obj["default"] = d;
        }

        if (variant is not null)
        {
            obj["when"] = variant.Summary;
        }

        return obj;
    }
}
