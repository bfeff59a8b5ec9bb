using SensorNet.Scenarios.Loading;
using SensorNet.SimEngine.Configuration;

namespace SensorNet.Scenarios.Tests.Support;

/// <summary>The shared check of the invalid-value theories: one edit to a valid scenario, one precise error.</summary>
internal static class LoaderAssert
{
    /// <summary>Replaces <paramref name="from"/> by <paramref name="to"/> in <paramref name="valid"/> and expects the loader to name <paramref name="path"/> and say <paramref name="expected"/>.</summary>
    public static void RejectsEdit(string valid, string from, string to, string path, string expected)
    {
        string text = valid.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(valid, text);

        var e = Assert.Throws<ConfigurationException>(() => ScenarioLoader.Parse(text, "edited.yaml"));

        Assert.Equal(path, e.FieldPath);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
