using System.Text.Json;
using System.Text.Json.Nodes;
using SensorNet.Analysis.Tests.Support;
using Xunit.Abstractions;

namespace SensorNet.Analysis.Tests.Notebooks;

/// <summary>
/// Runs the Polyglot notebook runner without other tests in parallel: a notebook run sets the process's working
/// directory and <c>SENSORNET_RESULTS</c> while it runs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PolyglotNotebookCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Polyglot notebooks";
}

/// <summary>
/// Executes every C# Polyglot notebook in <c>notebooks/</c> against the built assemblies with
/// <see cref="PolyglotNotebook"/>, each writing its results to a fresh temporary <c>SENSORNET_RESULTS</c>; any cell
/// error, including a failed check at the end of a notebook, fails the test. Also proves the runner fails on a
/// throwing cell, a compile error, a missing <c>#r</c> target and magic commands, naming the notebook and cell, and that
/// it carries state across cells, reuses the test's assemblies and restores the environment.
/// </summary>
[Collection(PolyglotNotebookCollection.Name)]
public sealed class PolyglotNotebookTests(ITestOutputHelper output)
{
    private static readonly string NotebookDirectory = Path.Combine(RepoPaths.Root, "notebooks");

    private static readonly string[] Expected = ["quickstart.ipynb", "tock-async-vs-sync.ipynb", "lora-scaling.ipynb", "solar-month.ipynb"];

    /// <summary>Every notebook directly in <c>notebooks/</c> whose kernelspec is the .NET C# kernel, by file name.</summary>
    public static TheoryData<string> CSharpNotebooks() => new(Discover());

    [Fact]
    public void TheFourStudyNotebooks_ArePresent_AsCSharpNotebooks()
    {
        string[] found = Discover();

        Assert.All(Expected, name => Assert.Contains(name, found));
    }

    [Theory]
    [MemberData(nameof(CSharpNotebooks))]
    public void Notebook_IsCommittedWithoutOutputs(string name)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(NotebookDirectory, name)));

        foreach (JsonElement cell in doc.RootElement.GetProperty("cells").EnumerateArray().Where(c => string.Equals(c.GetProperty("cell_type").GetString(), "code", StringComparison.Ordinal)))
        {
            Assert.Equal(0, cell.GetProperty("outputs").GetArrayLength());
            Assert.Equal(JsonValueKind.Null, cell.GetProperty("execution_count").ValueKind);
        }
    }

    [Theory]
    [MemberData(nameof(CSharpNotebooks))]
    public async Task Notebook_RunsEveryCellWithoutError(string name)
    {
        using var tmp = new TempDirectory();
        PolyglotNotebook notebook = PolyglotNotebook.Load(Path.Combine(NotebookDirectory, name));

        NotebookRun run = await notebook.RunAsync(Results(tmp.Combine("results")));

        output.WriteLine(run.ToString());
        Assert.NotEmpty(run.Cells);
        Assert.True(LoadedTwice(run.References).Length == 0, "loaded twice: " + string.Join("; ", LoadedTwice(run.References)));
        Assert.True(Directory.EnumerateFiles(tmp.Path, "report.html", SearchOption.AllDirectories).Any(), "the notebook wrote no report.html");
    }

    [Fact]
    public async Task Runner_ThrowingCell_FailsNamingTheNotebookAndCell()
    {
        using var tmp = new TempDirectory();
        string path = WriteNotebook(tmp, "throws.ipynb", "int answer = 42;", "if (answer == 42) throw new InvalidOperationException(\"deliberate failure\");", "display(\"never reached\");");

        NotebookCellException e = await Assert.ThrowsAsync<NotebookCellException>(() => PolyglotNotebook.Load(path).RunAsync());

        Assert.True(e.Cell == 2, e.Message);
        Assert.Equal("throws.ipynb", e.Notebook);
        Assert.Contains("throws.ipynb: code cell 2 of 3", e.Message, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException: deliberate failure", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runner_CompileError_FailsNamingTheCellAndDiagnostic()
    {
        using var tmp = new TempDirectory();
        string path = WriteNotebook(tmp, "broken.ipynb", "int answer = 42;", "display(answer);", "display(undefinedVariable);");

        NotebookCellException e = await Assert.ThrowsAsync<NotebookCellException>(() => PolyglotNotebook.Load(path).RunAsync());

        Assert.True(e.Cell == 3, e.Message);
        Assert.Contains("code cell 3 of 3", e.Message, StringComparison.Ordinal);
        Assert.Contains("does not compile", e.Message, StringComparison.Ordinal);
        Assert.Contains("CS0103", e.Message, StringComparison.Ordinal);
        Assert.Contains("undefinedVariable", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runner_MissingReference_FailsWithThePath()
    {
        using var tmp = new TempDirectory();
        string path = WriteNotebook(tmp, "missing.ipynb", "#r \"../nowhere/SensorNet.Analysis.dll\"\nusing SensorNet.Analysis;");

        NotebookCellException e = await Assert.ThrowsAsync<NotebookCellException>(() => PolyglotNotebook.Load(path).RunAsync());

        Assert.True(e.Cell == 1, e.Message);
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("nowhere", "SensorNet.Analysis.dll"), e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("#!time")]
    [InlineData("#r \"nuget: Humanizer\"")]
    [InlineData("#i \"nuget: https://example.org/v3/index.json\"")]
    public async Task Runner_MagicCommandsAndNuGet_AreRejected(string directive)
    {
        using var tmp = new TempDirectory();
        string path = WriteNotebook(tmp, "magic.ipynb", "#region setup\nint answer = 42;\n#endregion", directive + "\ndisplay(answer);");

        NotebookCellException e = await Assert.ThrowsAsync<NotebookCellException>(() => PolyglotNotebook.Load(path).RunAsync());

        Assert.True(e.Cell == 2, e.Message);
        Assert.Contains("not supported by the test runner", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runner_CarriesStateAcrossCells_AndRecordsDisplays()
    {
        using var tmp = new TempDirectory();
        string dll = Path.GetRelativePath(tmp.Path, typeof(Microsoft.Data.Analysis.DataFrame).Assembly.Location).Replace('\\', '/');
        string path = WriteNotebook(
            tmp,
            "state.ipynb",
            $"#r \"{dll}\"\nusing Microsoft.Data.Analysis;\nvar frame = new DataFrame(new Int32DataFrameColumn(\"n\", new[] {{ 1, 2, 3 }}));",
            "display(frame);\ndisplay(Environment.GetEnvironmentVariable(\"SENSORNET_RESULTS\"));\ndisplay(Environment.CurrentDirectory);",
            "frame.Rows.Count * 2");
        string cwd = Environment.CurrentDirectory;

        NotebookRun run = await PolyglotNotebook.Load(path).RunAsync(Results("/somewhere"));

        Assert.Equal(3, run.Cells.Count);
        Assert.Equal(["Microsoft.Data.Analysis"], run.References);
        Assert.True(LoadedTwice(run.References).Length == 0, "loaded twice: " + string.Join("; ", LoadedTwice(run.References)));
        Assert.Equal("n\n-\n1\n2\n3", run.Cells[1].Displayed[0]);
        Assert.Equal("/somewhere", run.Cells[1].Displayed[1]);
        Assert.Equal(tmp.Path, run.Cells[1].Displayed[2]);
        Assert.Equal("6", Assert.Single(run.Cells[2].Displayed));
        Assert.NotEqual("/somewhere", Environment.GetEnvironmentVariable("SENSORNET_RESULTS"));
        Assert.Equal(cwd, Environment.CurrentDirectory);
    }

    /// <summary>Which of <paramref name="names"/> are loaded more than once in this process: the runner must reuse the test's copies.</summary>
    private static string[] LoadedTwice(IReadOnlyList<string> names) =>
    [
        .. System.Runtime.Loader.AssemblyLoadContext.All
            .SelectMany(c => c.Assemblies)
            .Where(a => !a.IsDynamic && names.Contains(a.GetName().Name))
            .GroupBy(a => a.GetName().Name, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(a => a.Location))}"),
    ];

    private static string[] Discover() =>
    [
        .. Directory.GetFiles(NotebookDirectory, "*.ipynb")
            .Where(PolyglotNotebook.IsCSharpNotebook)
            .Select(p => Path.GetFileName(p))
            .Order(StringComparer.Ordinal),
    ];

    private static Dictionary<string, string?> Results(string directory) =>
        new(StringComparer.Ordinal) { ["SENSORNET_RESULTS"] = directory };

    /// <summary>Writes a minimal C# Polyglot notebook with one code cell per source.</summary>
    private static string WriteNotebook(TempDirectory tmp, string name, params string[] sources)
    {
        var cells = new JsonArray();
        foreach (string source in sources)
        {
            cells.Add(new JsonObject
            {
                ["cell_type"] = "code",
                ["execution_count"] = null,
                ["metadata"] = new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" } },
                ["outputs"] = new JsonArray(),
                ["source"] = source,
            });
        }

        var notebook = new JsonObject
        {
            ["cells"] = cells,
            ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["name"] = PolyglotNotebook.CSharpKernel } },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        string path = tmp.Combine(name);
        File.WriteAllText(path, notebook.ToJsonString());
        return path;
    }
}
