using SensorNet.SimEngine.Configuration;

namespace SensorNet.SimEngine.Tests.Configuration;

public class YamlMappingReaderTests
{
    [Fact]
    public void RejectUnknownKeys_AfterReadingAnUndeclaredKey_ThrowsInvalidOperation()
    {
        YamlMappingReader r = YamlMappingReader.Load("x: 1\ny: 2\n", "test.yaml");
        r.Declare(new HashSet<string> { "x", "y" }, "point");
        r.RequireString("x");
        r.RequireString("y");
        r.OptionalString("z");

        var e = Assert.Throws<InvalidOperationException>(r.RejectUnknownKeys);

        Assert.Contains("'point' reads key 'z'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectUnknownKeys_DeclaredKeysOnly_RejectsAKeyNeverRead()
    {
        YamlMappingReader r = YamlMappingReader.Load("x: 1\nw: 2\n", "test.yaml");
        r.Declare(new HashSet<string> { "x", "y" }, "point");
        r.RequireString("x");
        r.OptionalString("y");

        var e = Assert.Throws<ConfigurationException>(r.RejectUnknownKeys);

        Assert.Equal("w", e.FieldPath);
    }

    [Fact]
    public void Require_MissingKey_IsBlamedOnATypoButNotOnADeclaredKey()
    {
        YamlMappingReader plain = YamlMappingReader.Load("y: 1\n", "test.yaml");
        YamlMappingReader declared = YamlMappingReader.Load("y: 1\n", "test.yaml");
        declared.Declare(new HashSet<string> { "x", "y" }, "point");

        var typo = Assert.Throws<ConfigurationException>(() => plain.RequireString("x"));
        var missing = Assert.Throws<ConfigurationException>(() => declared.RequireString("x"));

        Assert.Equal("y", typo.FieldPath);
        Assert.Equal("x", missing.FieldPath);
        Assert.Contains("required key is missing", missing.Message, StringComparison.Ordinal);
    }
}
