using SensorNet.RadioModels.LoRa;
using SensorNet.RadioModels.Propagation;
using SensorNet.Scenarios.Loading;
using SensorNet.Scenarios.Tests.Support;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.Scenarios.Tests.Loading;

/// <summary>The <c>network:</c> block (medium, gateways) and <c>loraAloha</c> groups.</summary>
public class NetworkConfigTests
{
    private static string LoRaSim => File.ReadAllText(RepoPaths.Example("lorasim-exp1.yaml"));

    [Fact]
    public void LoRaSimExample_ResolvesItsMediumGatewayAndDevices()
    {
        ScenarioConfig c = ScenarioLoader.Parse(LoRaSim, "l.yaml");

        NetworkConfig n = Assert.IsType<NetworkConfig>(c.Network);
        Assert.Same(LogDistance.LoRaSimCode, n.Propagation.Create());
        GatewayConfig gw = Assert.Single(n.Gateways);
        Assert.Equal([Hertz.FromMegahertz(860), Hertz.FromMegahertz(864), Hertz.FromMegahertz(868)], gw.Channels);
        Assert.Same(LoRaSensitivity.LoRaSim, gw.Table);
        var group = Assert.IsType<LoRaAlohaGroupConfig>(Assert.Single(c.Groups));
        Assert.Equal((12, 4, 20), (group.Radio.Modulation.SpreadingFactor, group.Radio.Modulation.CodingRate, group.PayloadBytes));
        Assert.True(Assert.IsType<DiscPlacementConfig>(group.Placement).LoRaSimSpacing);
    }

    [Theory]
    [InlineData("reception: loraSim", "reception: lorasim2", "network.reception", "loraSimFull")]
    [InlineData("bandwidth: 125 kHz, sensitivity: loraSim", "bandwidth: 250 kHz, sensitivity: sx1301", "network.gateways[0].sensitivity", "BW125 values only")]
    [InlineData("channels: [860 MHz, 864 MHz, 868 MHz], bandwidth", "channels: [860], bandwidth", "network.gateways[0].channels", "'868.1 MHz'")]
    [InlineData("    meanWait: 1000 s", "    meanWait: 30 d", "nodes[0].meanWait", "no longer than the scenario")]
    [InlineData("kind: loraSimCode", "kind: okumuraHata", "network.propagation.kind", "borEtAl2016")]
    [InlineData("spacingRule: loraSim", "spacingRule: loose", "nodes[0].placement.spacingRule", "strict or loraSim")]
    public void InvalidNetwork_NamesTheFieldAndWhatWasExpected(string from, string to, string path, string expected)
    {
        LoaderAssert.RejectsEdit(LoRaSim, from, to, path, expected);
    }
}
