namespace SensorNet.Analysis.Tests.Support;

/// <summary>
/// A fact that needs a program outside .NET (Chromium, Jupyter). On a developer machine without it the test is
/// skipped with the install command; under CI (<c>CI=true</c>, where <c>.ci/run</c> installs it) it always runs, so a
/// missing program fails the build instead of hiding the check.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresToolFactAttribute : FactAttribute
{
    /// <summary>Skips unless <paramref name="program"/> is on the PATH or CI is set.</summary>
    /// <param name="program">Executable name, e.g. <c>chromium</c>.</param>
    /// <param name="install">How to install it, shown in the skip reason.</param>
    public RequiresToolFactAttribute(string program, string install)
    {
        if (ExternalTool.Find(program) is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = $"{program} is not installed ({install}); CI installs it and runs this test.";
        }
    }
}

/// <summary>Finds executables on the PATH.</summary>
internal static class ExternalTool
{
    /// <summary>The full path of <paramref name="program"/> on the PATH, or null.</summary>
    public static string? Find(string program)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
