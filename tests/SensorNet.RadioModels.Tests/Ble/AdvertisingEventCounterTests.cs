using SensorNet.RadioModels.Ble;

namespace SensorNet.RadioModels.Tests.Ble;

public class AdvertisingEventCounterTests
{
    [Fact]
    public void EachEventCountsOnce_HoweverManyOfItsPdusAreHeard()
    {
        var counter = new AdvertisingEventCounter();

        bool[] added = [counter.Add(4, 1), counter.Add(4, 1), counter.Add(4, 1), counter.Add(9, 1), counter.Add(4, 3), counter.Add(4, 3), counter.Add(4, 7)];

        Assert.Equal([true, false, false, true, true, false, true], added);
        Assert.Equal(3, counter.Count(4));
        Assert.Equal(1, counter.Count(9));
        Assert.Equal(0, counter.Count(5));
    }

    [Fact]
    public void AnEarlierEventAfterALaterOne_IsAModelBug()
    {
        var counter = new AdvertisingEventCounter();
        counter.Add(2, 10);

        var e = Assert.Throws<InvalidOperationException>(() => counter.Add(2, 9));

        Assert.Contains("event 9 of node 2", e.Message, StringComparison.Ordinal);
    }
}
