using SensorNet.RadioModels.Propagation;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.RadioModels.Tests.Propagation;

public class UnitDiskTests
{
    private static readonly UnitDisk Disk = new(new Meters(100));

    [Fact]
    public void PathLoss_IsZeroInsideIncludingTheEdge_AndInfiniteOutside()
    {
        Assert.Equal(0.0, Disk.PathLoss(new Meters(0), 0).Value);
        Assert.Equal(0.0, Disk.PathLoss(new Meters(100), 0).Value);
        Assert.Equal(double.PositiveInfinity, Disk.PathLoss(new Meters(100.000001), 0).Value);
    }

    [Fact]
    public void MaximumRange_IsTheRadiusForAnyNonNegativeBudget()
    {
        Assert.Equal(100.0, Disk.MaximumRange(new Decibels(0)).Value);
        Assert.Equal(100.0, Disk.MaximumRange(new Decibels(160)).Value);
        Assert.Equal(0.0, Disk.MaximumRange(new Decibels(-0.5)).Value);
        Assert.Equal(double.PositiveInfinity, Disk.MaximumRange(new Decibels(double.PositiveInfinity)).Value);
        Assert.Equal(100.0, Disk.MedianRange(new Decibels(10)).Value);
    }

    [Fact]
    public void NegativeRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new UnitDisk(new Meters(-1)));
    }
}
