using DuckDB.NET.Data;
using SensorNet.Scenarios.Loading;
using SensorNet.Scenarios.Results;
using SensorNet.Scenarios.Running;
using SensorNet.Scenarios.Tests.Support;

namespace SensorNet.Scenarios.Tests.Running;

/// <summary>
/// The 30-day solar example, run in full and checked from the Parquet files it writes (read back by DuckDB, not by
/// our own reader): the daily cycle in the time series, and outages and reboots for the undersized node only.
/// </summary>
public sealed class SolarMonthExampleTests(SolarMonthExampleTests.Run run) : IClassFixture<SolarMonthExampleTests.Run>
{
    private readonly string _dir = run.Dir;

    /// <summary>Runs the example once for all tests of the class and writes its results.</summary>
    public sealed class Run : IAsyncLifetime, IDisposable
    {
        private const string File = "solar-month.yaml";
        private readonly TempDirectory _tmp = new();

        public string Dir { get; private set; } = "";

        public DuckDBConnection Db { get; } = new("Data Source=:memory:");

        public async Task InitializeAsync()
        {
            string path = RepoPaths.Example(File);
            RunResult result = ScenarioRunner.Run(ScenarioLoader.LoadFile(path));
            Dir = _tmp.Combine("out");
            await ResultsWriter.WriteAsync(result, Dir, File, await System.IO.File.ReadAllTextAsync(path));
            Db.Open();
        }

        public Task DisposeAsync()
        {
            Dispose();
            return Task.CompletedTask;
        }

        public void Dispose()
        {
            Db.Dispose();
            _tmp.Dispose();
        }
    }

    [Fact]
    public void TimeSeries_ShowsTheDailyCycle()
    {
        // Simulated time 0 is local midnight, so the hour of day is (time / 1 h) mod 24.
        string samples = $"(SELECT *, (time_ns // 3600000000000) % 24 AS hour, time_ns // 86400000000000 AS day FROM read_parquet('{_dir}/energy.parquet') WHERE node_id = 0 AND time_ns < {Month})";
        Assert.Equal(30L * 24, Scalar<long>($"SELECT count(*) FROM {samples}"));
        // No sun at night, sun every day around noon (even under the heaviest cloud some diffuse light arrives).
        Assert.Equal(0L, Scalar<long>($"SELECT count(*) FROM {samples} WHERE hour IN (0, 1, 2, 3, 4, 22, 23) AND harvest_w > 0"));
        Assert.Equal(30L, Scalar<long>($"SELECT count(DISTINCT day) FROM {samples} WHERE hour BETWEEN 11 AND 14 AND harvest_w > 0"));
        // The store fills by day and drains by night: afternoon above the following dawn on most days.
        long fallingNights = Scalar<long>(
            $"SELECT count(*) FROM {samples} a JOIN {samples} b ON b.day = a.day + 1 WHERE a.hour = 16 AND b.hour = 6 AND b.stored_j < a.stored_j");
        Assert.True(fallingNights >= 25, $"only {fallingNights} of 29 nights drained the store");
    }

    [Fact]
    public void UndersizedNode_BrownsOutAtNightAndRebootsInTheMorning_WellSizedNodeNever()
    {
        string nodes = $"read_parquet('{_dir}/nodes.parquet')";
        Assert.Equal(0, Scalar<int>($"SELECT outages FROM {nodes} WHERE \"group\" = 'well-sized'"));
        Assert.Equal(0L, Scalar<long>($"SELECT downtime_ns FROM {nodes} WHERE \"group\" = 'well-sized'"));
        int outages = Scalar<int>($"SELECT outages FROM {nodes} WHERE \"group\" = 'undersized'");
        int restarts = Scalar<int>($"SELECT restarts FROM {nodes} WHERE \"group\" = 'undersized'");
        Assert.True(outages >= 20, $"{outages} outages");
        Assert.InRange(restarts, outages - 1, outages);

        // From the time series: the undersized node dies in the small hours and is back every evening, once the
        // afternoon sun has lifted the capacitor to the start level.
        string samples = $"(SELECT *, (time_ns // 3600000000000) % 24 AS hour, time_ns // 86400000000000 AS day FROM read_parquet('{_dir}/energy.parquet') WHERE node_id = 1 AND time_ns < {Month})";
        Assert.True(Scalar<long>($"SELECT count(DISTINCT day) FROM {samples} WHERE \"on\" = 0 AND hour = 6") >= 20);
        Assert.Equal(0L, Scalar<long>($"SELECT count(*) FROM {samples} WHERE \"on\" = 0 AND hour BETWEEN 17 AND 23"));
        Assert.Equal(0L, Scalar<long>($"SELECT count(*) FROM {samples} WHERE \"on\" = 0 AND voltage_v >= 3.0"));

        // It boots again through the Tock boot sequence: its MCU is off for exactly the downtime, and the app's
        // readings continue after each reboot: about one per 10 s of uptime (a little fewer, as the app re-arms its
        // 10 s alarm after each ~20 ms sensor conversion), where a node that stayed dead would have a day's worth.
        long downtime = Scalar<long>($"SELECT downtime_ns FROM {nodes} WHERE \"group\" = 'undersized'");
        Assert.Equal(downtime, Scalar<long>($"SELECT mcu_off_ns FROM {nodes} WHERE \"group\" = 'undersized'"));
        long uptimeS = ((30L * 86_400_000_000_000) - downtime) / 1_000_000_000;
        long readings = Scalar<long>($"SELECT readings FROM {nodes} WHERE \"group\" = 'undersized'");
        Assert.InRange(readings, uptimeS / 10 * 99 / 100, (uptimeS / 10) + outages + 1);
    }

    private const long Month = 30L * 86_400_000_000_000;

    private T Scalar<T>(string sql)
    {
        using DuckDBCommand cmd = run.Db.CreateCommand();
        cmd.CommandText = sql;
        return (T)cmd.ExecuteScalar()!;
    }
}
