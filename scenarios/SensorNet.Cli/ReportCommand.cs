using System.CommandLine;
using SensorNet.Analysis.Report;

namespace SensorNet.Cli;

/// <summary><c>sensornet report DIR</c>: writes the self-contained HTML report of a run or sweep directory.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var directory = new Argument<DirectoryInfo>("results") { Description = "A run's result directory or a sweep's output directory." };
        var mapMetric = new Option<string>("--map-metric") { Description = "Numeric node column that colours the node map (default energy_j).", DefaultValueFactory = _ => "energy_j" };
        var sweepMetric = new Option<string?>("--sweep-metric") { Description = "Summary column plotted against each swept parameter (default: delivery_ratio and energy_j)." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print nothing but errors." };
        var command = new Command("report", "Write report.html (offline, self-contained) for a run or sweep directory.") { directory, mapMetric, sweepMetric, quiet };
        command.SetAction(parse => Execute(parse.GetRequiredValue(directory), new ReportOptions(parse.GetValue(mapMetric)!, parse.GetValue(sweepMetric)), parse.GetValue(quiet)));
        return command;
    }

    /// <summary>Writes the report; prints its path unless quiet. Returns an exit code.</summary>
    public static int Execute(DirectoryInfo directory, ReportOptions options, bool quiet)
    {
        try
        {
            string path = HtmlReport.Write(directory.FullName, options);
            if (!quiet)
            {
                Console.WriteLine($"report: {Path.GetRelativePath(Environment.CurrentDirectory, path)}");
            }

            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or IOException or NotSupportedException)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return ExitCodes.InvalidInput;
        }
    }
}
