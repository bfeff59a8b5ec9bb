using System.Reflection;
using SensorNet.SimEngine.Configuration;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.NodeKernel.Chips;

/// <summary>
/// Reads chip parameter files (YAML, units in every value). The built-in chips ship as files in
/// <c>node-kernel/Chips/Data/</c>; users copy one, edit it and pass its path instead of a built-in name.
/// </summary>
public static class ChipFile
{
    private const string ResourcePrefix = "chips/";

    /// <summary>Names of the built-in chips.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } =
        [.. typeof(ChipFile).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^".yaml".Length])
            .Order(StringComparer.Ordinal)];

    /// <summary>A built-in chip by name (case-insensitive).</summary>
    /// <exception cref="KeyNotFoundException">No such chip; the message lists the known ones.</exception>
    public static ChipModel BuiltIn(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string? match = BuiltInNames.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new KeyNotFoundException($"Unknown chip '{name}'; built-in chips: {string.Join(", ", BuiltInNames)}.");
        return Parse(BuiltInText(match), match + ".yaml");
    }

    /// <summary>The text of a built-in chip file, to copy and edit.</summary>
    public static string BuiltInText(string name)
    {
        using Stream stream = typeof(ChipFile).Assembly.GetManifestResourceStream(ResourcePrefix + name + ".yaml")
            ?? throw new KeyNotFoundException($"Unknown chip '{name}'.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>A board's chip: the chip file at <paramref name="nameOrPath"/> if there is one, else the built-in chip of that name.</summary>
    /// <exception cref="KeyNotFoundException">No such file and no such built-in chip.</exception>
    /// <exception cref="ConfigurationException">The file cannot be read or is invalid.</exception>
    public static ChipModel Resolve(string nameOrPath) => File.Exists(nameOrPath) ? Load(nameOrPath) : BuiltIn(nameOrPath);

    /// <summary>Loads a chip file from disk.</summary>
    /// <exception cref="ConfigurationException">The file cannot be read or is invalid.</exception>
    public static ChipModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return Parse(File.ReadAllText(path), Path.GetFileName(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"{path}: cannot read the chip file ({e.Message})", e);
        }
    }

    /// <summary>Parses chip-file text; <paramref name="fileName"/> is used in error messages.</summary>
    /// <exception cref="ConfigurationException">The text is invalid.</exception>
    public static ChipModel Parse(string text, string fileName)
    {
        YamlMappingReader r = YamlMappingReader.Load(text, fileName);
        string name = r.RequireString("name");
        r.OptionalString("description");
        Hertz clock = Positive(r, "clock", QuantityText.ParseFrequency, "a frequency such as '64 MHz'", v => v.Value);
        Volts supply = Positive(r, "supply", QuantityText.ParseVoltage, "a voltage such as '3.0 V'", v => v.Value);
        Amperes active = NonNegative(r, "activeCurrent", QuantityText.ParseCurrent, "a current such as '3.3 mA'", v => v.Value);
        SleepPolicy policy = r.Require("sleepPolicy", v => Enum.Parse<SleepPolicy>(v, ignoreCase: true), "wfiOnly, alwaysDeep, alwaysShallow or deepWhenClocksAllow");
        ChipSleepState shallow = ReadSleepState(r.RequireMapping("shallowSleep"));
        ChipSleepState? deep = r.OptionalMapping("deepSleep") is { } d ? ReadSleepState(d) : null;
        if (deep is null && policy is SleepPolicy.AlwaysDeep or SleepPolicy.DeepWhenClocksAllow)
        {
            throw r.Error("deepSleep", $"required key is missing: sleep policy '{policy}' uses a deep sleep state");
        }

        AlarmHardware alarm = ReadAlarm(r.RequireMapping("alarm"));
        KernelCosts costs = r.OptionalMapping("kernelCosts") is { } c ? ReadCosts(c) : KernelCosts.Default;
        IReadOnlyList<string> allowed = r.OptionalStringList("deepSleepAllowedClocks");
        int timerBits = (int)r.OptionalInteger("schedulerTimerBits", 0, 32, 24);
        string source = r.RequireString("sources").Trim();
        r.RejectUnknownKeys();
        return new ChipModel(name, clock, supply, active, policy, shallow, deep, alarm, costs, allowed, source, timerBits);
    }

    private static ChipSleepState ReadSleepState(YamlMappingReader r)
    {
        string name = r.RequireString("name");
        Amperes current = NonNegative(r, "current", QuantityText.ParseCurrent, "a current such as '5 uA'", v => v.Value);
        var latency = r.Require("wakeupLatency", QuantityText.ParseDuration, "a duration such as '20 us'");
        if (latency.Nanoseconds < 0)
        {
            throw r.Error("wakeupLatency", "expected a duration ≥ 0");
        }

        r.RejectUnknownKeys();
        return new ChipSleepState(name, current, latency);
    }

    private static AlarmHardware ReadAlarm(YamlMappingReader r)
    {
        Hertz f = Positive(r, "frequency", QuantityText.ParseFrequency, "a frequency such as '32768 Hz'", v => v.Value);
        if (f.Value != Math.Floor(f.Value))
        {
            throw r.Error("frequency", "expected a whole number of hertz");
        }

        if (f.Value > Time.HardwareAlarm.MaxFrequencyHz)
        {
            throw r.Error("frequency", "expected at most 1 GHz (alarm counters run at 32 kHz to tens of MHz)");
        }

        int width = (int)r.RequireInteger("width", 8, 62);
        long minimumDt = r.RequireInteger("minimumDt", 0, 1_000_000);
        int irq = (int)r.RequireInteger("irq", 0, Hardware.InterruptController.Lines - 1);
        long sync = r.OptionalInteger("syncTicks", 0, 1_000_000, minimumDt);
        r.RejectUnknownKeys();
        return new AlarmHardware((long)f.Value, width, minimumDt, irq, sync);
    }

    private static KernelCosts ReadCosts(YamlMappingReader r)
    {
        KernelCosts d = KernelCosts.Default;
        long Cycles(string key, long fallback) => r.OptionalInteger(key, 0, 10_000_000, fallback);
        var costs = new KernelCosts(
            Cycles("syscall", d.Syscall),
            Cycles("contextSwitch", d.ContextSwitch),
            Cycles("mpuReconfiguration", d.MpuReconfiguration),
            Cycles("grantAllocation", d.GrantAllocation),
            Cycles("bottomHalf", d.BottomHalf),
            Cycles("deferredCall", d.DeferredCall),
            Cycles("scheduler", d.Scheduler),
            Cycles("taskDispatch", d.TaskDispatch),
            Cycles("sleepEntry", d.SleepEntry));
        r.RejectUnknownKeys();
        return costs;
    }

    private static T Positive<T>(YamlMappingReader r, string key, Func<string, T> parse, string expected, Func<T, double> value)
    {
        T v = r.Require(key, parse, expected);
        return value(v) > 0 ? v : throw r.Error(key, $"expected {expected} > 0");
    }

    private static T NonNegative<T>(YamlMappingReader r, string key, Func<string, T> parse, string expected, Func<T, double> value)
    {
        T v = r.Require(key, parse, expected);
        return value(v) >= 0 ? v : throw r.Error(key, $"expected {expected} ≥ 0");
    }
}
