using System.Globalization;

namespace SensorNet.SimEngine.Configuration;

/// <summary>
/// A data file (a scenario, a chip file) is invalid. The message names the file, line and column, the field path
/// (e.g. <c>nodes.radio.spreadingFactor</c>) and what was expected.
/// </summary>
public sealed class ConfigurationException : Exception
{
    /// <summary>Creates the exception for a problem at a known place.</summary>
    public ConfigurationException(string file, int line, int column, string fieldPath, string problem)
        : base(Format(file, line, column, fieldPath, problem))
    {
        File = file;
        Line = line;
        Column = column;
        FieldPath = fieldPath;
        Problem = problem;
    }

    /// <summary>Creates the exception with a plain message.</summary>
    public ConfigurationException(string message)
        : base(message)
    {
        File = string.Empty;
        FieldPath = string.Empty;
        Problem = message;
    }

    /// <summary>Creates the exception with a plain message and its cause.</summary>
    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = string.Empty;
        FieldPath = string.Empty;
        Problem = message;
    }

    /// <summary>Creates the exception with a default message.</summary>
    public ConfigurationException()
        : this("The scenario is invalid.")
    {
    }

    /// <summary>The scenario file's name as given.</summary>
    public string File { get; }

    /// <summary>1-based line, or 0 if unknown.</summary>
    public int Line { get; }

    /// <summary>1-based column, or 0 if unknown.</summary>
    public int Column { get; }

    /// <summary>Dotted path of the field, e.g. <c>nodes.storage.capacity</c>.</summary>
    public string FieldPath { get; }

    /// <summary>What is wrong and what was expected.</summary>
    public string Problem { get; }

    private static string Format(string file, int line, int column, string fieldPath, string problem) =>
        string.Create(CultureInfo.InvariantCulture, $"{file}:{line}:{column}: {(fieldPath.Length > 0 ? fieldPath + ": " : string.Empty)}{problem}");
}
