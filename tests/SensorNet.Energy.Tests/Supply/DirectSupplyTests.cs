using SensorNet.Energy.Supply;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.Energy.Tests.Supply;

public class DirectSupplyTests
{
    [Fact]
    public void InputPower_IsTheLoad_AtAnyVoltage()
    {
        var direct = new DirectSupply(new Volts(3.0));

        Assert.Equal(0.012, direct.InputPower(new Watts(0.012), new Volts(3.0)).Value);
        Assert.Equal(0.012, direct.InputPower(new Watts(0.012), new Volts(2.1)).Value);
        Assert.Equal(0.0, direct.InputPower(Watts.Zero, new Volts(3.0)).Value);
        Assert.False(direct.InputDependsOnVoltage);
    }

    [Fact]
    public void Describes_ItselfAsDirect_WithNoMinimumInput()
    {
        var direct = new DirectSupply(new Volts(3.0));

        Assert.Equal("direct", direct.Kind);
        Assert.Equal(3.0, direct.OutputVoltage.Value);
        Assert.Equal(0.0, direct.MinimumInputVoltage.Value);
    }

    [Fact]
    public void InvalidArguments_ThrowNamingTheParameter()
    {
        var direct = new DirectSupply(new Volts(3.0));

        ArgumentAssert.ThrowsNaming("nominalVoltage", () => _ = new DirectSupply(new Volts(0)));
        ArgumentAssert.ThrowsNaming("load", () => direct.InputPower(new Watts(-1e-3), new Volts(3.0)));
        ArgumentAssert.ThrowsNaming("input", () => direct.InputPower(new Watts(1e-3), new Volts(0)));
    }
}
