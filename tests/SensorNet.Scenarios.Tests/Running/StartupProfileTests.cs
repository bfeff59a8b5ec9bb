using SensorNet.Scenarios.Running;
using SensorNet.Scenarios.Tests.Support;

namespace SensorNet.Scenarios.Tests.Running;

public class StartupProfileTests
{
    private static readonly Guid Build = new("0123456789abcdef0123456789abcdef");
    private static readonly Guid OlderBuild = new("fedcba9876543210fedcba9876543210");

    [Fact]
    public void Prepare_MakesTheFolder_NamesTheBuildsProfile_NotYetPlayed()
    {
        using var tmp = new TempDirectory();
        string dir = Path.Combine(tmp.Path, "a", "jit");

        StartedProfile? profile = StartupProfile.Prepare(dir, "sensornet", "sweep", Build);

        Assert.NotNull(profile);
        Assert.True(Directory.Exists(dir));
        Assert.Equal(Path.Combine(dir, "sensornet-sweep-0123456789abcdef0123456789abcdef.jitprofile"), profile.Path);
        Assert.False(profile.Played);
    }

    [Fact]
    public void Prepare_DeletesOnlyOtherBuildsOfTheSameProgramAndCommand_AndPlaysAnExistingOne()
    {
        using var tmp = new TempDirectory();
        string dir = tmp.Combine("jit");
        Directory.CreateDirectory(dir);
        string Touch(string name)
        {
            string path = Path.Combine(dir, name);
            File.WriteAllText(path, "x");
            return path;
        }

        string current = Touch($"sensornet-sweep-{Build:N}.jitprofile");
        string older = Touch($"sensornet-sweep-{OlderBuild:N}.jitprofile");
        string otherCommand = Touch($"sensornet-run-{OlderBuild:N}.jitprofile");
        string otherProgram = Touch($"SensorNet.Benchmarks-sweep-{OlderBuild:N}.jitprofile");
        string longerCommand = Touch($"sensornet-sweep-all-{OlderBuild:N}.jitprofile");
        string notAProfile = Touch($"sensornet-sweep-{OlderBuild:N}.txt");

        StartedProfile? profile = StartupProfile.Prepare(dir, "sensornet", "sweep", Build);

        Assert.NotNull(profile);
        Assert.Equal(current, profile.Path);
        Assert.True(profile.Played);
        Assert.False(File.Exists(older));
        Assert.All([current, otherCommand, otherProgram, longerCommand, notAProfile], f => Assert.True(File.Exists(f), f));
    }

    [Fact]
    public void Prepare_AFolderThatCannotBeMade_GivesNoProfile()
    {
        using var tmp = new TempDirectory();
        string file = tmp.Combine("taken");
        File.WriteAllText(file, "a file where the folder would go");

        Assert.Null(StartupProfile.Prepare(Path.Combine(file, "jit"), "sensornet", "run", Build));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../run")]
    [InlineData("run/x")]
    [InlineData("run*")]
    public void Prepare_ACommandThatIsNotAPlainName_IsRefused(string command)
    {
        using var tmp = new TempDirectory();

        ArgumentException e = Assert.Throws<ArgumentException>(() => StartupProfile.Prepare(tmp.Combine("jit"), "sensornet", command, Build));

        Assert.Equal("command", e.ParamName);
    }
}
