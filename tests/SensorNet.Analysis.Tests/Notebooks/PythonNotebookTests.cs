using System.Text.Json;
using System.Text.Json.Nodes;
using SensorNet.Analysis.Tests.Support;
using SensorNet.Scenarios.Running;

namespace SensorNet.Analysis.Tests.Notebooks;

/// <summary>
/// Executes the pandas + matplotlib notebook <c>notebooks/python/quickstart-pandas.ipynb</c> with
/// <c>jupyter nbconvert --execute</c> against a fresh quickstart run written as CSV, as a user of the notebook would.
/// </summary>
public sealed class PythonNotebookTests
{
    private const string Install = "apt-get install jupyter-nbconvert python3-nbconvert python3-ipykernel python3-pandas python3-matplotlib";

    private static readonly string Notebook = Path.Combine(RepoPaths.Root, "notebooks", "python", "quickstart-pandas.ipynb");

    [RequiresToolFact("jupyter", Install)]
    public void QuickstartNotebook_ExecutesWithoutErrors_AndDrawsItsCharts()
    {
        using var tmp = new TempDirectory();
        string results = RunQuickstart(tmp);
        string executed = tmp.Combine("executed.ipynb");

        (int code, string stdout, string stderr) = Nbconvert(Notebook, executed, results);

        Assert.True(code == 0, $"nbconvert exited with {code}\nstderr:\n{stderr}\nstdout:\n{stdout}");
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(executed));
        JsonElement[] outputs = Outputs(doc);
        string[] errors = [.. outputs
            .Where(o => string.Equals(o.GetProperty("output_type").GetString(), "error", StringComparison.Ordinal))
            .Select(o => $"{o.GetProperty("ename").GetString()}: {o.GetProperty("evalue").GetString()}")];
        Assert.True(errors.Length == 0, "error outputs: " + string.Join("; ", errors));
        // MCU residency, energy breakdown, stored energy over time (needs energy.csv rows) and lifetime projection.
        int images = outputs.Count(o => o.TryGetProperty("data", out JsonElement data) && data.TryGetProperty("image/png", out _));
        Assert.True(images >= 4, $"expected at least 4 PNG outputs, found {images}");
        Assert.Contains(
            outputs.Where(o => string.Equals(o.GetProperty("output_type").GetString(), "stream", StringComparison.Ordinal)),
            o => Text(o.GetProperty("text")).Contains("all consistency checks passed", StringComparison.Ordinal));
    }

    [RequiresToolFact("jupyter", Install)]
    public void NotebookRunner_FailingCell_ExitsNonZeroAndNamesTheError()
    {
        using var tmp = new TempDirectory();
        string results = RunQuickstart(tmp);
        JsonNode notebook = JsonNode.Parse(File.ReadAllText(Notebook))!;
        notebook["cells"]!.AsArray().Add(new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["id"] = "deliberate-failure",
            ["metadata"] = new JsonObject(),
            ["outputs"] = new JsonArray(),
            ["source"] = new JsonArray("raise RuntimeError(\"deliberate\")"),
        });
        string failing = tmp.Combine("failing.ipynb");
        File.WriteAllText(failing, notebook.ToJsonString());

        (int code, _, string stderr) = Nbconvert(failing, tmp.Combine("failing-executed.ipynb"), results);

        Assert.NotEqual(0, code);
        Assert.Contains("deliberate", stderr, StringComparison.Ordinal);
    }

    /// <summary>Runs the quickstart with an energy time series every 10 min and returns its CSV result directory.</summary>
    private static string RunQuickstart(TempDirectory tmp)
    {
        string outDir = tmp.Combine("quick");

        (int code, _, string stderr) = Run(
            "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "sensornet.dll"), "run", RepoPaths.Example("quickstart.yaml"), "--format", "csv", "--out", outDir, "--set", "outputs.energySampleInterval=10 min", "--quiet"],
            new Dictionary<string, string>(StringComparer.Ordinal) { [StartupProfile.EnvironmentVariable] = "off" }, // keep the user's data folder out of it
            TimeSpan.FromSeconds(120));

        Assert.True(code == 0, "sensornet run failed: " + stderr);
        Assert.True(File.Exists(Path.Combine(outDir, "nodes.csv")), "sensornet wrote no nodes.csv");
        Assert.True(File.ReadLines(Path.Combine(outDir, "energy.csv")).Skip(1).Any(), "energy.csv has no rows");
        return outDir;
    }

    private static (int Code, string Stdout, string Stderr) Nbconvert(string notebook, string output, string results)
    {
        string jupyter = ExternalTool.Find("jupyter") ?? throw new InvalidOperationException("jupyter is not on the PATH");
        // The kernel must be the Python that has pandas (Debian's, next to jupyter), not another python3 earlier on the PATH.
        string path = Path.GetDirectoryName(jupyter) + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SENSORNET_RESULTS"] = results,
            ["PATH"] = path,
            ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1",
        };

        return Run(
            jupyter,
            ["nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=120", "--output", output, notebook],
            env,
            TimeSpan.FromSeconds(300));
    }

    private static (int Code, string Stdout, string Stderr) Run(string program, IEnumerable<string> args, Dictionary<string, string> env, TimeSpan timeout) =>
        ChildProcess.Run(program, args, timeout, environment: e =>
        {
            foreach ((string key, string value) in env)
            {
                e[key] = value;
            }
        });

    private static JsonElement[] Outputs(JsonDocument notebook) =>
    [
        .. notebook.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.TryGetProperty("outputs", out _))
            .SelectMany(c => c.GetProperty("outputs").EnumerateArray()),
    ];

    // nbformat stores multi-line text as a string or as an array of lines.
    private static string Text(JsonElement text) =>
        text.ValueKind == JsonValueKind.Array ? string.Concat(text.EnumerateArray().Select(l => l.GetString())) : text.GetString() ?? string.Empty;
}
