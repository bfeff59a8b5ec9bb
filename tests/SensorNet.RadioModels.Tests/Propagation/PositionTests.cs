using SensorNet.RadioModels.Propagation;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.RadioModels.Tests.Propagation;

public class PositionTests
{
    [Fact]
    public void DistanceTo_PlanarPoints_IsEuclidean()
    {
        var a = new Position(new Meters(1), new Meters(2));
        var b = new Position(new Meters(4), new Meters(6));

        Assert.Equal(0.0, a.Z.Value);
        Assert.Equal(5.0, a.DistanceTo(b).Value, 12);
        Assert.Equal(a.DistanceTo(b), b.DistanceTo(a));
    }

    [Fact]
    public void DistanceTo_IncludesHeight()
    {
        var ground = new Position(new Meters(0), new Meters(0));
        var mast = new Position(new Meters(2), new Meters(3), new Meters(6));

        Assert.Equal(7.0, ground.DistanceTo(mast).Value, 12);
        Assert.Equal(0.0, mast.DistanceTo(mast).Value);
    }
}
