using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.Data.Analysis;

namespace SensorNet.Analysis.Tests.Notebooks;

/// <summary>
/// A Polyglot (.NET Interactive) notebook with C# code cells, executed the way the C# kernel runs it: every code cell
/// in order as one Roslyn scripting submission continuing the previous one (<see cref="CSharpScript.RunAsync"/>, then
/// <see cref="ScriptState.ContinueWithAsync(string, ScriptOptions?, CancellationToken)"/>), so variables, types and
/// usings carry over.
/// </summary>
/// <remarks>
/// <para>
/// <c>#r "path.dll"</c> lines are handled here: the path is resolved against the notebook's directory and must exist
/// (so a notebook that points at an unbuilt or misspelled assembly fails), and the cell then references the assembly
/// of that name and version already loaded in this process, never a second copy. <c>#r "nuget:…"</c> and other
/// <c>#!</c> magic commands are rejected: the notebooks run against the built repository only.
/// </para>
/// <para>
/// As in Polyglot, the working directory is the notebook's folder while it runs, and <c>display(x)</c> is a global
/// (<see cref="NotebookGlobals"/>) that records what was shown. Both the working directory and the environment
/// variables of <see cref="RunAsync"/> are process-wide, so runs are serialised by a lock and the tests that run
/// notebooks must not share the process with tests that depend on either.
/// </para>
/// </remarks>
public sealed partial class PolyglotNotebook
{
    /// <summary>The kernelspec name of Polyglot's C# kernel.</summary>
    public const string CSharpKernel = ".net-csharp";

    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>The shared framework, as Polyglot's C# kernel sees it: every framework assembly of this runtime, loaded once.</summary>
    private static readonly Lazy<Assembly[]> Framework = new(LoadFramework);

    private PolyglotNotebook(string path, string kernel, IReadOnlyList<NotebookCell> cells)
    {
        Path = path;
        Kernel = kernel;
        CodeCells = cells;
    }

    /// <summary>Full path of the notebook file.</summary>
    public string Path { get; }

    /// <summary>File name of the notebook.</summary>
    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>The kernelspec name in the notebook's metadata (empty when it has none).</summary>
    public string Kernel { get; }

    /// <summary>The code cells, in order, numbered from 1.</summary>
    public IReadOnlyList<NotebookCell> CodeCells { get; }

    /// <summary>Reads an <c>.ipynb</c> file (nbformat 4).</summary>
    /// <exception cref="InvalidDataException">The file is not a notebook.</exception>
    public static PolyglotNotebook Load(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(full));
        JsonElement root = doc.RootElement;
        if (!root.TryGetProperty("cells", out JsonElement cells) || cells.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{full}: not a Jupyter notebook (no 'cells' array).");
        }

        string kernel = string.Empty;
        string defaultLanguage = "csharp";
        if (root.TryGetProperty("metadata", out JsonElement metadata))
        {
            if (metadata.TryGetProperty("kernelspec", out JsonElement spec) && spec.TryGetProperty("name", out JsonElement name))
            {
                kernel = name.GetString() ?? string.Empty;
            }

            if (metadata.TryGetProperty("polyglot_notebook", out JsonElement polyglot)
                && polyglot.TryGetProperty("kernelInfo", out JsonElement info)
                && info.TryGetProperty("defaultKernelName", out JsonElement defaultKernel))
            {
                defaultLanguage = defaultKernel.GetString() ?? defaultLanguage;
            }
        }

        var code = new List<NotebookCell>();
        foreach (JsonElement cell in cells.EnumerateArray())
        {
            if (!string.Equals(cell.GetProperty("cell_type").GetString(), "code", StringComparison.Ordinal))
            {
                continue;
            }

            code.Add(new NotebookCell(code.Count + 1, Source(cell.GetProperty("source")), CellLanguage(cell, defaultLanguage)));
        }

        return new PolyglotNotebook(full, kernel, code);
    }

    /// <summary>True when <paramref name="path"/> is a notebook whose kernelspec is Polyglot's C# kernel.</summary>
    public static bool IsCSharpNotebook(string path) =>
        string.Equals(Load(path).Kernel, CSharpKernel, StringComparison.Ordinal);

    /// <summary>
    /// Runs every code cell in order, with the working directory set to the notebook's folder and
    /// <paramref name="environment"/> set (both restored afterwards).
    /// </summary>
    /// <param name="environment">Environment variables for the run (a null value unsets one).</param>
    /// <param name="cancellationToken">Stops the run between or inside cells.</param>
    /// <returns>What each cell displayed and how long it took.</returns>
    /// <exception cref="NotebookCellException">A cell does not compile, throws, or has an unusable directive: names the notebook and cell.</exception>
    public async Task<NotebookRun> RunAsync(IReadOnlyDictionary<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        string cwd = Environment.CurrentDirectory;
        var saved = new Dictionary<string, string?>(StringComparer.Ordinal);
        try
        {
            foreach ((string key, string? value) in environment ?? new Dictionary<string, string?>(StringComparer.Ordinal))
            {
                saved[key] = Environment.GetEnvironmentVariable(key);
                Environment.SetEnvironmentVariable(key, value);
            }

            Environment.CurrentDirectory = System.IO.Path.GetDirectoryName(Path)!;
            return await RunCellsAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Environment.CurrentDirectory = cwd;
            foreach ((string key, string? value) in saved)
            {
                Environment.SetEnvironmentVariable(key, value);
            }

            Gate.Release();
        }
    }

    private async Task<NotebookRun> RunCellsAsync(CancellationToken cancellationToken)
    {
        var globals = new NotebookGlobals();
        ScriptOptions options = ScriptOptions.Default
            .AddReferences(Framework.Value)
            .WithFilePath(Path)
            .WithFileEncoding(Encoding.UTF8)
            .WithEmitDebugInformation(true)
            .WithImports("System", "System.Collections", "System.Collections.Generic", "System.Linq", "System.Text", "System.Threading.Tasks");
        ScriptState<object>? state = null;
        var runs = new List<CellRun>();
        var referenced = new List<string>();
        var total = Stopwatch.StartNew();
        foreach (NotebookCell cell in CodeCells)
        {
            if (!string.Equals(cell.Language, "csharp", StringComparison.Ordinal))
            {
                throw Fail(cell, $"its language is '{cell.Language}'; the test runner executes C# cells only.");
            }

            (string code, IReadOnlyList<Assembly> references) = Prepare(cell);
            options = options.AddReferences(references);
            referenced.AddRange(references.Select(a => a.GetName().Name!));
            int shownBefore = globals.Outputs.Count;
            var clock = Stopwatch.StartNew();
            try
            {
                state = state is null
                    ? await CSharpScript.RunAsync(code, options, globals, typeof(NotebookGlobals), cancellationToken).ConfigureAwait(false)
                    : await state.ContinueWithAsync(code, options, cancellationToken).ConfigureAwait(false);
            }
            catch (CompilationErrorException e)
            {
                throw Fail(cell, "does not compile:\n" + string.Join("\n", e.Diagnostics.Select(d => d.ToString())), e);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw Fail(cell, $"threw {e.GetType().FullName}: {e.Message}", e);
            }

            if (state.ReturnValue is { } value)
            {
                // A cell ending in an expression without ';' shows its value, as in Polyglot.
                globals.display(value);
            }

            runs.Add(new CellRun(cell.Number, clock.Elapsed, [.. globals.Outputs.Skip(shownBefore)]));
        }

        return new NotebookRun(Name, runs, referenced, total.Elapsed);
    }

    /// <summary>Blanks the cell's <c>#r</c> lines (keeping line numbers) and returns the assemblies they name.</summary>
    private (string Code, IReadOnlyList<Assembly> References) Prepare(NotebookCell cell)
    {
        string[] lines = cell.Source.Split('\n');
        var references = new List<Assembly>();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r').Trim();
            string directive = line.Split(' ', '\t')[0];
            if (directive is "#r" && ReferenceDirective().Match(line) is { Success: true } r)
            {
                references.Add(Resolve(cell, r.Groups["path"].Value));
                lines[i] = string.Empty;
            }
            else if (directive.StartsWith("#!", StringComparison.Ordinal) || directive is "#r" or "#i")
            {
                throw Fail(cell, $"line {i + 1}: '{line}' is not supported by the test runner; reference built assemblies with #r \"relative/path.dll\" only.");
            }
        }

        return (string.Join('\n', lines), references);
    }

    /// <summary>The loaded assembly a <c>#r</c> path stands for (same name and version as the file it names).</summary>
    private Assembly Resolve(NotebookCell cell, string reference)
    {
        if (reference.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
        {
            throw Fail(cell, $"#r \"{reference}\": NuGet references are not supported by the test runner; reference the built assemblies.");
        }

        string file = System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!, reference));
        if (!File.Exists(file))
        {
            throw Fail(cell, $"#r \"{reference}\": {file} does not exist. Build the solution first (dotnet build SensorNet.sln -c Release); the notebooks reference its Release output.");
        }

        AssemblyName wanted = AssemblyName.GetAssemblyName(file);
        Assembly? loaded = AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => string.Equals(a.GetName().Name, wanted.Name, StringComparison.OrdinalIgnoreCase));
        if (loaded is null)
        {
            try
            {
                loaded = AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName(wanted.Name!));
            }
            catch (FileNotFoundException e)
            {
                throw Fail(cell, $"#r \"{reference}\": {wanted.Name} is not a dependency of the test project, so the notebook cannot run against the same copy; reference it from SensorNet.Analysis.Tests.csproj.", e);
            }
        }

        if (loaded.GetName().Version != wanted.Version)
        {
            throw Fail(cell, $"#r \"{reference}\": the file is {wanted.Name} {wanted.Version}, but the test process runs {loaded.GetName().Version} ({loaded.Location}); rebuild the solution.");
        }

        return loaded;
    }

    private static Assembly[] LoadFramework()
    {
        string runtime = System.IO.Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string[] trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty).Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var assemblies = new List<Assembly>();
        foreach (string file in trusted.Where(f => string.Equals(System.IO.Path.GetDirectoryName(f), runtime, StringComparison.Ordinal) && f.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)))
        {
            try
            {
                assemblies.Add(AssemblyLoadContext.Default.LoadFromAssemblyName(AssemblyName.GetAssemblyName(file)));
            }
            catch (BadImageFormatException)
            {
                // A native library among the framework files: nothing to reference.
            }
        }

        return [.. assemblies];
    }

    private NotebookCellException Fail(NotebookCell cell, string message, Exception? inner = null)
    {
        string first = cell.Source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith("#r", StringComparison.Ordinal) && !l.StartsWith("//", StringComparison.Ordinal)) ?? string.Empty;
        return new NotebookCellException(Name, cell.Number, $"{Name}: code cell {cell.Number} of {CodeCells.Count} ({Shorten(first)}) {message}", inner);
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";

    // nbformat stores multi-line text as a string or as an array of lines (each but the last ending in '\n').
    private static string Source(JsonElement source) =>
        source.ValueKind == JsonValueKind.Array ? string.Concat(source.EnumerateArray().Select(l => l.GetString())) : source.GetString() ?? string.Empty;

    private static string CellLanguage(JsonElement cell, string defaultLanguage)
    {
        if (cell.TryGetProperty("metadata", out JsonElement m))
        {
            if (m.TryGetProperty("polyglot_notebook", out JsonElement p) && p.TryGetProperty("kernelName", out JsonElement k))
            {
                return k.GetString() ?? defaultLanguage;
            }

            if (m.TryGetProperty("dotnet_interactive", out JsonElement d) && d.TryGetProperty("language", out JsonElement l))
            {
                return l.GetString() ?? defaultLanguage;
            }
        }

        return defaultLanguage;
    }

    [GeneratedRegex("""^#r\s+"(?<path>[^"]+)"\s*$""", RegexOptions.CultureInvariant)]
    private static partial Regex ReferenceDirective();
}

/// <summary>One code cell of a notebook.</summary>
/// <param name="Number">Position among the code cells, from 1.</param>
/// <param name="Source">The cell's text.</param>
/// <param name="Language">Its kernel (<c>csharp</c> for C#).</param>
public sealed record NotebookCell(int Number, string Source, string Language);

/// <summary>What one code cell showed and how long it ran.</summary>
/// <param name="Number">Code cell number, from 1.</param>
/// <param name="Elapsed">Wall-clock time of the cell, compilation included.</param>
/// <param name="Displayed">Text of everything it displayed.</param>
public sealed record CellRun(int Number, TimeSpan Elapsed, IReadOnlyList<string> Displayed);

/// <summary>A finished notebook run.</summary>
/// <param name="Notebook">Notebook file name.</param>
/// <param name="Cells">Every code cell's run, in order.</param>
/// <param name="References">Simple names of the assemblies the notebook's <c>#r</c> lines referenced.</param>
/// <param name="Elapsed">Wall-clock time of the whole run.</param>
public sealed record NotebookRun(string Notebook, IReadOnlyList<CellRun> Cells, IReadOnlyList<string> References, TimeSpan Elapsed)
{
    /// <summary>The run as text: each cell's time and what it displayed.</summary>
    public override string ToString()
    {
        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"{Notebook}: {Cells.Count} code cells in {Elapsed.TotalSeconds:F1} s\n");
        foreach (CellRun c in Cells)
        {
            b.Append(CultureInfo.InvariantCulture, $"--- cell {c.Number} ({c.Elapsed.TotalSeconds:F2} s)\n");
            foreach (string d in c.Displayed)
            {
                b.Append(d).Append('\n');
            }
        }

        return b.ToString();
    }
}

/// <summary>A notebook cell failed: <see cref="Exception.Message"/> names the notebook, the cell and the error.</summary>
public sealed class NotebookCellException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NotebookCellException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public NotebookCellException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public NotebookCellException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a cell of a notebook.</summary>
    /// <param name="notebook">Notebook file name.</param>
    /// <param name="cell">Code cell number, from 1.</param>
    /// <param name="message">Full message.</param>
    /// <param name="innerException">The compilation error or the exception the cell threw.</param>
    public NotebookCellException(string notebook, int cell, string message, Exception? innerException)
        : base(message, innerException)
    {
        Notebook = notebook;
        Cell = cell;
    }

    /// <summary>Notebook file name.</summary>
    public string Notebook { get; } = string.Empty;

    /// <summary>Code cell number, from 1 (0 when unknown).</summary>
    public int Cell { get; }
}

/// <summary>
/// The globals a notebook's cells see besides their own variables: Polyglot's <c>display</c>, which here records a
/// readable text of the value (a <see cref="DataFrame"/> as a table of its first rows).
/// </summary>
public sealed class NotebookGlobals
{
    /// <summary>Rows of a data frame shown by <see cref="display"/>.</summary>
    public const int MaxRows = 12;

    private readonly List<string> _outputs = [];

    internal IReadOnlyList<string> Outputs => _outputs;

    /// <summary>Shows <paramref name="value"/> below the cell (Polyglot's built-in <c>display</c>).</summary>
    /// <param name="value">Anything: a data frame, a number, a string, a sequence.</param>
#pragma warning disable IDE1006 // Polyglot names it 'display'; notebooks must call the same name in both places.
    public void display(object? value) => _outputs.Add(Format(value));
#pragma warning restore IDE1006

    /// <summary>The text <see cref="display"/> records for <paramref name="value"/>.</summary>
    public static string Format(object? value) => value switch
    {
        null => "null",
        string s => s,
        DataFrame frame => Table(frame),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Take(50).Select(Cell)) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static string Table(DataFrame frame)
    {
        int rows = (int)Math.Min(frame.Rows.Count, MaxRows);
        string[] header = [.. frame.Columns.Select(c => c.Name)];
        string[][] body = [.. Enumerable.Range(0, rows).Select(r => frame.Columns.Select(c => Cell(c[r])).ToArray())];
        int[] widths = [.. header.Select((h, c) => body.Select(row => row[c].Length).Append(h.Length).Max())];
        var b = new StringBuilder();
        b.AppendJoin(" | ", header.Select((h, c) => h.PadLeft(widths[c]))).Append('\n');
        b.AppendJoin("-+-", widths.Select(w => new string('-', w))).Append('\n');
        foreach (string[] row in body)
        {
            b.AppendJoin(" | ", row.Select((v, c) => v.PadLeft(widths[c]))).Append('\n');
        }

        if (frame.Rows.Count > rows)
        {
            b.Append(CultureInfo.InvariantCulture, $"... {frame.Rows.Count - rows} more rows ({frame.Rows.Count} in all)\n");
        }

        return b.ToString().TrimEnd('\n');
    }

    private static string Cell(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        float f => f.ToString("G6", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
