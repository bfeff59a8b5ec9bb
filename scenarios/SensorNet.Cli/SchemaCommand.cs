using System.CommandLine;
using System.Text.Json;
using SensorNet.Scenarios;

namespace SensorNet.Cli;

/// <summary><c>sensornet schema</c>: the JSON Schema of the scenario format, for editors.</summary>
internal static class SchemaCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var command = new Command("schema", "Print the JSON Schema of the scenario format (point your editor's YAML support at it).");
        command.SetAction(_ =>
        {
            Console.WriteLine(ScenarioSchema.Build().ToJsonString(Indented));
            return ExitCodes.Ok;
        });
        return command;
    }
}
