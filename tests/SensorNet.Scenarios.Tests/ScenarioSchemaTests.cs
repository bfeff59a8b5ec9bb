using System.Text.Json.Nodes;
using SensorNet.Scenarios.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace SensorNet.Scenarios.Tests;

public class ScenarioSchemaTests
{
    /// <summary>
    /// A small structural check of every example against the schema: top-level keys allowed, required keys present,
    /// and every group, placement, storage and app kind among the schema's enums. (No full JSON Schema validator is
    /// available from the package source; the loader tests cover values.)
    /// </summary>
    [Theory]
    [MemberData(nameof(Running.ExampleScenariosTests.Examples), MemberType = typeof(Running.ExampleScenariosTests))]
    public void EveryExample_UsesOnlyKeysAndKindsTheSchemaDeclares(string file)
    {
        JsonObject schema = ScenarioSchema.Build();
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(RepoPaths.Example(file))));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        JsonObject props = schema["properties"]!.AsObject();

        foreach (var key in root.Children.Keys)
        {
            Assert.True(props.ContainsKey(((YamlScalarNode)key).Value!), $"{file}: top-level key {key}");
        }

        foreach (JsonNode? required in schema["required"]!.AsArray())
        {
            Assert.True(root.Children.ContainsKey(new YamlScalarNode(required!.GetValue<string>())), $"{file}: missing {required}");
        }

        JsonObject node = props["nodes"]!["items"]!["properties"]!.AsObject();
        foreach (YamlMappingNode group in ((YamlSequenceNode)root.Children[new YamlScalarNode("nodes")]).Children.Cast<YamlMappingNode>())
        {
            AssertKind(node["kind"]!, Scalar(group, "kind"), file);
            AssertKind(node["placement"]!["properties"]!["kind"]!, Scalar((YamlMappingNode)group.Children[new YamlScalarNode("placement")], "kind"), file);
            AssertKind(node["storage"]!["properties"]!["kind"]!, Scalar((YamlMappingNode)group.Children[new YamlScalarNode("storage")], "kind"), file);
            if (group.Children.TryGetValue(new YamlScalarNode("apps"), out YamlNode? apps))
            {
                foreach (YamlMappingNode app in ((YamlSequenceNode)apps).Children.Cast<YamlMappingNode>())
                {
                    AssertKind(node["apps"]!["items"]!["properties"]!["kind"]!, Scalar(app, "kind"), file);
                }
            }
        }
    }

    private static string Scalar(YamlMappingNode map, string key) => ((YamlScalarNode)map.Children[new YamlScalarNode(key)]).Value!;

    private static void AssertKind(JsonNode kindSchema, string kind, string file) =>
        Assert.True(kindSchema["enum"]!.AsArray().Any(e => e!.GetValue<string>() == kind), $"{file}: kind '{kind}' not in the schema");
}
