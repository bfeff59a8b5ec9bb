namespace SensorNet.SimEngine.Random;

/// <summary>
/// What a random stream is used for. Each (seed, replication, node, purpose, substream) has its own stream,
/// so drawing more for one purpose never shifts the draws of another.
/// </summary>
/// <remarks>The numeric values are part of the result format: never renumber or reuse a value.</remarks>
public enum RngPurpose
{
    /// <summary>Application traffic: inter-arrival times, periods, jitter of sensing.</summary>
    Traffic = 1,

    /// <summary>Start-up offsets and clock phase.</summary>
    StartOffset = 2,

    /// <summary>MAC backoff and retry decisions.</summary>
    MacBackoff = 3,

    /// <summary>Channel fading and per-packet shadowing.</summary>
    Fading = 4,

    /// <summary>Static per-link shadowing.</summary>
    Shadowing = 5,

    /// <summary>Sensor readings and their noise.</summary>
    SensorNoise = 6,

    /// <summary>Placement of nodes drawn at random.</summary>
    Placement = 7,

    /// <summary>Weather and cloud processes for harvesting.</summary>
    HarvesterWeather = 8,

    /// <summary>Kernel-internal randomness (for example BLE advertising delay chosen by the kernel).</summary>
    Kernel = 9,

    /// <summary>Benchmarks and tests.</summary>
    Test = 100,
}
