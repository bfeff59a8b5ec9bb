using System.CommandLine;
using SensorNet.Scenarios;
using SensorNet.Scenarios.Loading;
using SensorNet.SimEngine.Configuration;

namespace SensorNet.Cli;

/// <summary><c>sensornet validate SCENARIO</c>: checks a scenario without running it.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var scenario = new Argument<FileInfo>("scenario") { Description = "Scenario file (YAML or JSON)." };
        var command = new Command("validate", "Check a scenario file and report the first problem with its location.") { scenario };
        command.SetAction(parse =>
        {
            FileInfo file = parse.GetRequiredValue(scenario);
            try
            {
                ScenarioConfig config = ScenarioLoader.LoadFile(file.FullName);
                Console.WriteLine($"{file}: valid ({config.NodeCount} nodes, {config.Duration}, seed {config.Seed})");
                return ExitCodes.Ok;
            }
            catch (ConfigurationException e)
            {
                Console.Error.WriteLine("error: " + e.Message.Replace(file.FullName, file.ToString(), StringComparison.Ordinal));
                return ExitCodes.InvalidInput;
            }
        });
        return command;
    }
}
