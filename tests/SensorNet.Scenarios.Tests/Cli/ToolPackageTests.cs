using SensorNet.Scenarios.Running;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using SensorNet.Scenarios.Tests.Support;

namespace SensorNet.Scenarios.Tests.Cli;

/// <summary>
/// The README's install path: <c>dotnet pack</c> the CLI as a .NET tool, <c>dotnet tool install --add-source</c> it,
/// and run the installed <c>sensornet</c>.
/// </summary>
/// <remarks>
/// The package is packed with <c>--no-build</c> from the CLI build this test project references (same configuration),
/// so no compiler runs beside the test run and the package holds exactly the code under test. Installation uses only
/// the freshly packed folder (a NuGet config that clears every other source) and a private global-packages folder,
/// so it needs no network and never reuses a package of the same version cached by an earlier run.
/// </remarks>
public class ToolPackageTests
{
    [Fact]
    [Trait("Duration", "Extensive")]
    public void PackAndToolInstall_PutsAWorkingSensornetInTheToolPath()
    {
        using var tmp = new TempDirectory();
        string configuration = typeof(ToolPackageTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        string project = Path.Combine(RepoPaths.Root, "scenarios", "SensorNet.Cli", "SensorNet.Cli.csproj");
        string nupkg = tmp.Combine("nupkg");
        string tools = tmp.Combine("tools");
        File.WriteAllText(tmp.Combine("nuget.config"), "<configuration><packageSources><clear /></packageSources></configuration>");

        (int packCode, string packOut) = Run(
            "dotnet",
            tmp.Path,
            ["pack", project, "-c", configuration, "--no-build", "-o", nupkg, "-nodeReuse:false", $"-p:PublishDir={tmp.Combine("publish")}/", $"-p:NuspecOutputPath={tmp.Combine("nuspec")}/"]);
        Assert.True(packCode == 0, packOut);
        string package = Assert.Single(Directory.GetFiles(nupkg, "SensorNet.Cli.*.nupkg"));
        string version = Regex.Match(Path.GetFileName(package), @"^SensorNet\.Cli\.(?<v>.+)\.nupkg$").Groups["v"].Value;

        (int installCode, string installOut) = Run(
            "dotnet",
            tmp.Path,
            ["tool", "install", "SensorNet.Cli", "--tool-path", tools, "--add-source", nupkg, "--configfile", tmp.Combine("nuget.config"), "--version", version]);
        Assert.True(installCode == 0, installOut);
        string sensornet = Path.Combine(tools, OperatingSystem.IsWindows() ? "sensornet.exe" : "sensornet");
        Assert.True(File.Exists(sensornet), $"no {sensornet} after: {installOut}");

        (int versionCode, string versionOut) = Run(sensornet, tmp.Path, ["--version"]);
        (int validateCode, string validateOut) = Run(sensornet, tmp.Path, ["validate", RepoPaths.Example("quickstart.yaml")]);

        Assert.True(versionCode == 0, versionOut);
        Assert.StartsWith(version, versionOut.Trim(), StringComparison.Ordinal);
        Assert.True(validateCode == 0, validateOut);
        Assert.Contains("quickstart.yaml: valid (10 nodes", validateOut, StringComparison.Ordinal);
    }

    private static (int Code, string Output) Run(string program, string workingDirectory, string[] args)
    {
        (int code, string stdout, string stderr) = ChildProcess.Run(program, args, TimeSpan.FromMinutes(5), workingDirectory, env =>
        {
            // The child SDK must not inherit the test host's MSBuild settings; the tool finds the runtime running this test.
            foreach (string key in env.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                env.Remove(key);
            }

            env["NUGET_PACKAGES"] = Path.Combine(workingDirectory, "packages");
            env["DOTNET_ROOT"] = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
            env["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            env["DOTNET_NOLOGO"] = "1";
            env["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
            env[StartupProfile.EnvironmentVariable] = "off"; // keep the user's data folder out of it
            env["MSBUILDDISABLENODEREUSE"] = "1";
        });
        return (code, stdout + stderr);
    }
}
