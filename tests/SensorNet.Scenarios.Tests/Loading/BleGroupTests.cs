using SensorNet.Scenarios.Loading;
using SensorNet.Scenarios.Tests.Support;

namespace SensorNet.Scenarios.Tests.Loading;

/// <summary>The <c>ble</c> node groups: advertisers and scanners.</summary>
public class BleGroupTests
{
    private static string Example => File.ReadAllText(RepoPaths.Example("ble-beacons.yaml"));

    [Fact]
    public void BeaconExample_ResolvesAdvertisersAndScanners()
    {
        ScenarioConfig c = ScenarioLoader.Parse(Example, "b.yaml");

        var beacons = Assert.IsType<BleGroupConfig>(c.Groups[0]);
        var partial = Assert.IsType<BleGroupConfig>(c.Groups[2]);
        Assert.False(beacons.IsScanner);
        Assert.Equal((100_000_000L, 37), (beacons.Interval.Nanoseconds, beacons.PayloadBytes));
        Assert.True(partial.IsScanner);
        Assert.Equal((100_000_000L, 30_000_000L), (partial.Interval.Nanoseconds, partial.Window.Nanoseconds));
        var full = Assert.IsType<BleGroupConfig>(c.Groups[1]);
        Assert.Equal(full.Interval, full.Window); // the window defaults to the interval: continuous scanning
    }

    [Theory]
    [InlineData("advInterval: 100 ms", "advInterval: 100.1 ms", "nodes[0].advInterval", "multiple of 0.625 ms")]
    [InlineData("advInterval: 100 ms", "advInterval: 100 ms\n    payload: 40 B", "nodes[0].payload", "6–37 B")]
    [InlineData("scanWindow: 30 ms", "scanWindow: 300 ms", "nodes[2].scanWindow", "no longer than the scan interval")]
    [InlineData("    role: advertiser", "    role: central", "nodes[0].role", "advertiser or scanner")]
    public void InvalidGroup_NamesTheFieldAndWhatWasExpected(string from, string to, string path, string expected) =>
        LoaderAssert.RejectsEdit(Example, from, to, path, expected);
}
