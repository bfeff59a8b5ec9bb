using SensorNet.RadioModels.Chips;
using SensorNet.Scenarios.Loading;
using SensorNet.Scenarios.Tests.Support;

namespace SensorNet.Scenarios.Tests.Loading;

/// <summary>The <c>ieee802154</c> node groups and the custom log-distance propagation.</summary>
public class Ieee802154GroupTests
{
    private static string Example => File.ReadAllText(RepoPaths.Example("ieee802154-collection.yaml"));

    [Fact]
    public void CollectionExample_ResolvesSinkSensorsAndPropagation()
    {
        ScenarioConfig c = ScenarioLoader.Parse(Example, "c.yaml");

        var sink = Assert.IsType<Ieee802154GroupConfig>(c.Groups[0]);
        var sensors = Assert.IsType<Ieee802154GroupConfig>(c.Groups[1]);
        Assert.True(sink.IsSink);
        Assert.False(sensors.IsSink);
        Assert.Equal((26, 40, true), (sensors.Channel, sensors.PayloadBytes, sensors.Tree));
        Assert.Same(PacketRadioProfile.Nrf52840Ieee802154, sensors.Radio);
        Assert.Equal(("logDistance", 40.0, 3.0, 4.0), (c.Network!.Propagation.Kind, c.Network.Propagation.ReferenceLoss.Value, c.Network.Propagation.Exponent, c.Network.Propagation.Sigma.Value));
    }

    [Theory]
    [InlineData("    period: 30 s\n", "    period: 30 s\n    channel: 27\n", "nodes[1].channel", "[11, 26]")]
    [InlineData("    payload: 40 B", "    payload: 200 B", "nodes[1].payload", "9–127 B")]
    [InlineData("    payload: 40 B", "    payload: 40 B\n    radio: cc2520", "nodes[1].radio", "cc2420")]
    [InlineData("    payload: 40 B", "    payload: 40 B\n    routing: flood", "nodes[1].routing", "tree or direct")]
    [InlineData("exponent: 3.0", "exponent: 0", "network.propagation.exponent", "(0, 10]")]
    public void InvalidGroup_NamesTheFieldAndWhatWasExpected(string from, string to, string path, string expected)
    {
        LoaderAssert.RejectsEdit(Example, from, to, path, expected);
    }
}
