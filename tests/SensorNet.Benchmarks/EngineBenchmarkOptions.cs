namespace SensorNet.Benchmarks;

/// <summary>Settings of the <c>engine</c> subcommand.</summary>
internal sealed record EngineBenchmarkOptions(long Events, int Entities, int Repeats, int Warmup, ulong Seed, string? JsonPath)
{
    public const string Usage =
        "engine [--events N] [--entities N] [--repeats N] [--warmup N] [--seed N] [--json FILE]\n"
        + "    events per run (default 10,000,000), entities (default 1,000), measured repeats (default 5),\n"
        + "    warm-up rounds (default 1), scenario seed (default 1), JSON file for the figures (optional)";

    /// <summary>Parses the arguments after the subcommand name; null means help was asked for.</summary>
    public static EngineBenchmarkOptions? Parse(ReadOnlySpan<string> args)
    {
        var reader = new OptionReader(args);
        var options = new EngineBenchmarkOptions(
            Events: reader.GetInt64("--events", 10_000_000, 1, long.MaxValue / 2),
            // Workload (b) needs a second entity to disturb.
            Entities: (int)reader.GetInt64("--entities", 1_000, 2, 10_000_000),
            Repeats: (int)reader.GetInt64("--repeats", 5, 1, 1_000),
            Warmup: (int)reader.GetInt64("--warmup", 1, 0, 1_000),
            Seed: (ulong)reader.GetInt64("--seed", 1, 0, long.MaxValue),
            JsonPath: reader.GetString("--json"));
        reader.RejectUnknown();
        return reader.HelpRequested ? null : options;
    }
}
