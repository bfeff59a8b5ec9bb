using SensorNet.RadioModels.Propagation;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.RadioModels.Tests.Propagation;

public class FreeSpaceTests
{
    private static readonly FreeSpace At868 = new(Hertz.FromMegahertz(868));

    [Fact]
    public void PathLoss_868MHzAt1km_IsFriis()
    {
        // λ = c/f = 0.345383 m; 20·log10(4π·1000/λ) ≈ 91.21 dB.
        double lambda = 299_792_458.0 / 868e6;
        double expected = 20.0 * Math.Log10(4.0 * Math.PI * 1000.0 / lambda);

        Decibels loss = At868.PathLoss(new Meters(1000), linkSeed: 0);

        Assert.Equal(expected, loss.Value, 10);
        Assert.InRange(loss.Value, 91.2, 91.25);
    }

    [Fact]
    public void PathLoss_DoublingDistance_Adds6dB_AndIgnoresTheSeed()
    {
        double near = At868.PathLoss(new Meters(500), 1).Value;
        double far = At868.PathLoss(new Meters(1000), 2).Value;

        Assert.Equal(20.0 * Math.Log10(2.0), far - near, 10);
        Assert.Equal(far, At868.PathLoss(new Meters(1000), 12345).Value);
    }

    [Fact]
    public void PathLoss_BelowLambdaOver4Pi_IsClampedToZero()
    {
        double lambda = 299_792_458.0 / 868e6;
        Assert.Equal(lambda / (4.0 * Math.PI), At868.MinimumDistance.Value, 15);

        Assert.Equal(0.0, At868.PathLoss(new Meters(0), 0).Value);
        Assert.Equal(0.0, At868.PathLoss(new Meters(0.01), 0).Value);
        Assert.Equal(0.0, At868.PathLoss(At868.MinimumDistance, 0).Value, 12);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(40.0)]
    [InlineData(91.2)]
    [InlineData(150.0)]
    public void MaximumRange_RoundTrips(double budget)
    {
        Meters range = At868.MaximumRange(new Decibels(budget));

        Assert.Equal(budget, At868.PathLoss(range, 0).Value, 9);
        Assert.Equal(range, At868.MedianRange(new Decibels(budget)));
    }

    [Fact]
    public void MaximumRange_NegativeBudget_IsZero()
    {
        Assert.Equal(0.0, At868.MaximumRange(new Decibels(-1)).Value);
    }

    [Fact]
    public void InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FreeSpace(new Hertz(0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => At868.PathLoss(new Meters(-1), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => At868.PathLoss(new Meters(double.NaN), 0));
        Assert.Throws<ArgumentException>(() => At868.MaximumRange(new Decibels(double.NaN)));
    }
}
