using System.Reflection;
using System.Runtime.CompilerServices;

namespace SensorNet.Architecture.Tests;

public class DeterminismRulesTests
{
    public static TheoryData<string> ModelAssemblies => new() { "SensorNet.SimEngine", "SensorNet.Energy", "SensorNet.RadioModels", "SensorNet.NodeKernel", "SensorNet.Scenarios", "SensorNet.Analysis" };

    [Theory]
    [MemberData(nameof(ModelAssemblies))]
    public void ModelCode_HasNoStaticMutableFields(string assemblyName)
    {
        // Static mutable state would leak between runs on parallel threads; only readonly statics and constants are allowed.
        Assert.Empty(StaticMutableFields(Assembly.Load(assemblyName).GetTypes()));
    }

    [Fact]
    public void StaticMutableFieldRule_FindsAMutableStatic()
    {
        Assert.Equal([$"{typeof(HasMutableStatic).FullName}.Counter"], StaticMutableFields([typeof(HasMutableStatic), typeof(HasOnlyReadonlyStatics)]));
    }

    private static string[] StaticMutableFields(IEnumerable<Type> types)
    {
        const BindingFlags flags = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        return [.. types
            .Where(t => !IsCompilerGenerated(t))
            .SelectMany(t => t.GetFields(flags).Select(f => (Type: t, Field: f)))
            .Where(x => !x.Field.IsInitOnly && !x.Field.IsLiteral && !IsCompilerGenerated(x.Field))
            .Select(x => $"{x.Type.FullName}.{x.Field.Name}")];
    }

    private static bool IsCompilerGenerated(MemberInfo m) =>
        m.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false) || (m.DeclaringType is { } d && IsCompilerGenerated(d));

#pragma warning disable CA2211, CS0649, IDE1006 // Deliberately bad examples for the rule's own test.
    private static class HasMutableStatic
    {
        public static int Counter;
    }

    private static class HasOnlyReadonlyStatics
    {
        public const int Limit = 3;
        public static readonly int[] Table = [1, 2];
    }
#pragma warning restore CA2211, CS0649, IDE1006
}
