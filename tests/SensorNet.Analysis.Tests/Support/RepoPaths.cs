namespace SensorNet.Analysis.Tests.Support;

/// <summary>Locates files of the repository from the test's output directory.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Example(string name) => Path.Combine(Root, "scenarios", "examples", name);

    private static string FindRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "SensorNet.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("SensorNet.sln not found above " + AppContext.BaseDirectory);
    }
}
