using System.Reflection;
using System.Runtime;

namespace SensorNet.Scenarios.Running;

/// <summary>A multicore-JIT profile a process started: its file, and whether an earlier invocation had written it.</summary>
/// <param name="Path">The profile file.</param>
/// <param name="Played">The file existed, so the runtime compiles its methods ahead; otherwise it only records.</param>
public sealed record StartedProfile(string Path, bool Played);

/// <summary>
/// Starts the runtime's multicore JIT (<see cref="ProfileOptimization"/>) for one command of a process that simulates.
/// The runtime records which methods the invocation compiled; the next invocation of the same command and build
/// compiles them on a background thread, ahead of the threads that call them. Timing only: results never depend on it.
/// </summary>
/// <remarks>
/// Why: a short run is mostly start-up, and much of start-up is the runtime compiling the methods of scenario loading,
/// node construction, the simulation and result writing on the thread that needs them. With a profile, on this
/// project's 2-core VM, the quickstart (report included) took 0.28–0.29 s instead of 0.35 s and a 200-node LoRa day
/// 1.14–1.19 s instead of 1.24–1.26 s (alternating runs; tests/SensorNet.Benchmarks/PERFORMANCE-LOG.md, "How it
/// got here"). A two-worker sweep gained nothing measurable (8 alternating pairs: 3.59 s against 3.55 s, medians):
/// both workers are busy from the start, so the background thread has no spare core to compile ahead on. The runtime
/// does nothing in a process confined to one CPU.
/// <para>
/// Profiles live in <c>sensornet/jit</c> under the local application-data folder (<c>$XDG_DATA_HOME</c> or
/// <c>~/.local/share</c> on Linux, <c>~/Library/Application Support</c> on macOS, <c>%LOCALAPPDATA%</c> on Windows),
/// one file per program, command and build (the entry assembly's module version id); starting
/// deletes that program's and command's files of other builds. A missing, unwritable or damaged profile costs only the
/// head start: the runtime checks the file and ignores what it cannot use. <c>SENSORNET_JIT_PROFILE=off</c> turns it off.
/// </para>
/// </remarks>
public static class StartupProfile
{
    /// <summary>Environment variable that turns the profile off when set to <c>off</c>.</summary>
    public const string EnvironmentVariable = "SENSORNET_JIT_PROFILE";

    /// <summary>
    /// Starts the profile of <paramref name="command"/> for this process's entry assembly, unless turned off or no
    /// profile folder can be made.
    /// </summary>
    /// <param name="command">The command's name (letters, digits, '.', '_' or '-').</param>
    /// <returns>The profile started, or null.</returns>
    public static StartedProfile? Start(string command)
    {
        if (string.Equals(Environment.GetEnvironmentVariable(EnvironmentVariable), "off", StringComparison.OrdinalIgnoreCase)
            || Assembly.GetEntryAssembly() is not { } entry)
        {
            return null;
        }

        string data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (data.Length == 0
            || Prepare(Path.Combine(data, "sensornet", "jit"), entry.GetName().Name ?? "sensornet", command, entry.ManifestModule.ModuleVersionId) is not { } profile)
        {
            return null;
        }

        ProfileOptimization.SetProfileRoot(Path.GetDirectoryName(profile.Path)!);
        ProfileOptimization.StartProfile(Path.GetFileName(profile.Path));
        return profile;
    }

    /// <summary>
    /// Makes <paramref name="directory"/>, deletes the profiles of <paramref name="program"/>'s <paramref name="command"/>
    /// from builds other than <paramref name="build"/>, and names this build's.
    /// </summary>
    /// <returns>The profile to start, or null when the folder cannot be made or read.</returns>
    /// <exception cref="ArgumentException">A name holds something other than letters, digits, '.', '_' and '-'.</exception>
    public static StartedProfile? Prepare(string directory, string program, string command, Guid build)
    {
        ThrowUnlessPlainName(program, nameof(program));
        ThrowUnlessPlainName(command, nameof(command));
        string prefix = $"{program}-{command}-";
        string name = $"{prefix}{build:N}.jitprofile";
        try
        {
            Directory.CreateDirectory(directory);
            foreach (string file in Directory.EnumerateFiles(directory, prefix + "*.jitprofile"))
            {
                // "run-" must not take a command "run-all"'s files: the rest of an older build's name is exactly a module version id.
                string rest = Path.GetFileNameWithoutExtension(file)[prefix.Length..];
                if (Path.GetFileName(file) != name && Guid.TryParseExact(rest, "N", out _))
                {
                    TryDelete(file);
                }
            }

            string path = Path.Combine(directory, name);
            return new StartedProfile(path, File.Exists(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // Another process may hold an older build's file (Windows); it is deleted by a later start instead.
    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static void ThrowUnlessPlainName(string name, string parameter)
    {
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ArgumentException($"expected letters, digits, '.', '_' or '-', got '{name}'", parameter);
        }
    }
}
