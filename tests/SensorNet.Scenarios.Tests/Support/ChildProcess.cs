using System.Diagnostics;
using SensorNet.Scenarios.Running;

namespace SensorNet.Scenarios.Tests.Support;

/// <summary>Runs a program as a user would and collects its exit code and output.</summary>
internal static class ChildProcess
{
    /// <summary>
    /// Runs <paramref name="program"/> with <paramref name="args"/> (in <paramref name="workingDirectory"/> if given, with
    /// the environment edited by <paramref name="environment"/> if given); kills it and its children and throws if it
    /// outlasts <paramref name="timeout"/>.
    /// </summary>
    public static (int Code, string Stdout, string Stderr) Run(string program, IEnumerable<string> args, TimeSpan timeout, string? workingDirectory = null, Action<IDictionary<string, string?>>? environment = null)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null)
        {
            psi.WorkingDirectory = workingDirectory;
        }

        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        environment?.Invoke(psi.Environment);
        using Process p = Process.Start(psi)!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(program)} {string.Join(' ', psi.ArgumentList)} did not finish within {timeout.TotalSeconds} s");
        }

        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// Runs the <c>sensornet</c> built next to the tests (<c>dotnet sensornet.dll</c>) with a wide console, and without
    /// its JIT profile, which would otherwise go to the user's data folder (its own test redirects that folder).
    /// </summary>
    public static (int Code, string Stdout, string Stderr) Sensornet(params string[] args) =>
        Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "sensornet.dll"), .. args], TimeSpan.FromSeconds(120), environment: env =>
        {
            env["COLUMNS"] = "200";
            env[StartupProfile.EnvironmentVariable] = "off";
        });
}
