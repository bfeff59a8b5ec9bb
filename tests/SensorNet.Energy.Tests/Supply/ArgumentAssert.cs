namespace SensorNet.Energy.Tests.Supply;

/// <summary>Asserts that a call is refused with an exception that names the offending parameter.</summary>
internal static class ArgumentAssert
{
    public static void ThrowsNaming(string parameter, Action call)
    {
        ArgumentException ex = Assert.ThrowsAny<ArgumentException>(call);
        Assert.Equal(parameter, ex.ParamName);
        Assert.Contains($"'{parameter}'", ex.Message, StringComparison.Ordinal);
    }
}
