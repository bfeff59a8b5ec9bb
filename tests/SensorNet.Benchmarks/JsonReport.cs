using System.Text.Json;

namespace SensorNet.Benchmarks;

/// <summary>Writes the figures of the engine benchmark for tools (README tables, CI trend lines).</summary>
internal static class JsonReport
{
    public static void Write(string path, EngineBenchmarkOptions options, IEnumerable<WorkloadPair> pairs, double targetRatio, bool pass)
    {
        using FileStream stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("benchmark", "engine");
        json.WriteString("machine", MachineInfo.Describe());
        json.WriteNumber("processorCount", Environment.ProcessorCount);
        json.WriteNumber("events", options.Events);
        json.WriteNumber("entities", options.Entities);
        json.WriteNumber("repeats", options.Repeats);
        json.WriteNumber("warmup", options.Warmup);
        json.WriteNumber("seed", options.Seed);
        json.WriteStartArray("workloads");
        foreach (WorkloadPair pair in pairs)
        {
            json.WriteStartObject();
            json.WriteString("name", pair.Name);
            json.WriteNumber("ratioOfMedians", pair.Ratio);
            json.WriteStartArray("pairedRatios");
            foreach (double ratio in pair.PairedRatios)
            {
                json.WriteNumberValue(ratio);
            }

            json.WriteEndArray();
            WriteCase(json, "engine", pair.Engine);
            WriteCase(json, "baseline", pair.Baseline);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("targetRatio", targetRatio);
        json.WriteBoolean("targetPassed", pass);
        json.WriteEndObject();
    }

    private static void WriteCase(Utf8JsonWriter json, string role, BenchmarkCase c)
    {
        json.WriteStartObject(role);
        json.WriteString("key", c.Key);
        json.WriteString("label", c.Label);
        json.WriteNumber("medianSeconds", c.MedianSeconds);
        json.WriteNumber("medianEventsPerSecond", c.MedianEventsPerSecond);
        json.WriteNumber("minEventsPerSecond", c.MinEventsPerSecond);
        json.WriteNumber("maxEventsPerSecond", c.MaxEventsPerSecond);
        json.WriteNumber("maxAllocatedBytes", c.MaxAllocatedBytes);
        json.WriteStartArray("runs");
        foreach (Measurement m in c.Samples)
        {
            json.WriteStartObject();
            json.WriteNumber("seconds", m.Seconds);
            json.WriteNumber("cpuSeconds", m.CpuSeconds);
            json.WriteNumber("eventsPerSecond", m.EventsPerSecond);
            json.WriteNumber("allocatedBytes", m.AllocatedBytes);
            json.WriteNumber("gen0", m.Gen0);
            json.WriteNumber("gen1", m.Gen1);
            json.WriteNumber("gen2", m.Gen2);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
