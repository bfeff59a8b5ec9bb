using System.CommandLine;
using System.CommandLine.Help;
using SensorNet.Scenarios.Running;

namespace SensorNet.Cli;

/// <summary>Entry point of the <c>sensornet</c> tool.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("SensorNet: an energy-aware sensor-network co-simulator for Tock nodes.")
        {
            RunCommand.Create(),
            SweepCommand.Create(),
            SweepCommand.CreateMerge(),
            ValidateCommand.Create(),
            ListCommand.Create(),
            SchemaCommand.Create(),
            CalcCommand.Create(),
            ReportCommand.Create(),
        };
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync("error: " + error.Message).ConfigureAwait(false);
            }

            return ExitCodes.InvalidInput;
        }

        if (parse.CommandResult.Command is not RootCommand && parse.Action is not null && parse.Action is not HelpAction)
        {
            // Compiles ahead what the last invocation of this command compiled, on a spare core (timing only). Not for
            // help, whose short profile would replace the command's.
            StartupProfile.Start(parse.CommandResult.Command.Name);
        }

        return await parse.InvokeAsync().ConfigureAwait(false);
    }
}
