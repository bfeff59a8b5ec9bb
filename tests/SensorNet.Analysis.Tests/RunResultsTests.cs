using System.Globalization;
using Microsoft.Data.Analysis;
using SensorNet.Analysis.Tests.Support;

namespace SensorNet.Analysis.Tests;

/// <summary>The results API on small known runs, every number checked against DuckDB reading the same Parquet files.</summary>
[Collection(KnownRunsCollection.Name)]
public sealed class RunResultsTests(KnownRuns runs)
{
    [Theory]
    [InlineData("nodes")]
    [InlineData("residency")]
    [InlineData("kernel")]
    [InlineData("processes")]
    [InlineData("energy")]
    [InlineData("packets")]
    public void Tables_HaveDuckDbsRowCounts_AndColumns(string table)
    {
        foreach (string dir in new[] { runs.LoRaWan, runs.Solar })
        {
            RunResults r = RunResults.Load(dir);
            using var duck = new Duck(dir);

            DataFrame frame = r.Table(table);

            Assert.Equal(duck.Scalar<long>($"SELECT count(*) FROM {duck.T(table)}"), frame.Rows.Count);
            Assert.Equal(duck.Rows($"SELECT column_name FROM (DESCRIBE SELECT * FROM {duck.T(table)})").Select(x => (string)x[0]!), frame.Columns.Select(c => c.Name));
        }
    }

    [Fact]
    public void Manifest_AndNodeValues_MatchTheFiles()
    {
        RunResults r = RunResults.Load(runs.LoRaWan);
        using var duck = new Duck(runs.LoRaWan);

        Assert.Equal("lorawan-confirmed", r.Manifest.RunName);
        Assert.Equal(3 * 3_600_000_000_000L, r.Manifest.EndNs);
        Assert.True(r.Manifest.Events > 0);
        Assert.Equal(duck.Scalar<double>($"SELECT sum(energy_j) FROM {duck.T("nodes")}"), r.Nodes.Columns["energy_j"].Cast<double>().Sum(), 12);
        Assert.Equal(duck.Scalar<string>($"SELECT \"group\" FROM {duck.T("nodes")} WHERE node_id = 25"), r.Nodes.Columns["group"][25]);
    }

    [Fact]
    public void CsvAndParquet_LoadTheSameFrames()
    {
        RunResults parquet = RunResults.Load(runs.LoRaWan);
        RunResults csv = RunResults.Load(runs.LoRaWanCsv);

        foreach (string table in new[] { "nodes", "residency", "packets", "energy" })
        {
            DataFrame a = parquet.Table(table), b = csv.Table(table);
            Assert.Equal(a.Columns.Select(c => (c.Name, c.DataType)), b.Columns.Select(c => (c.Name, c.DataType)));
            Assert.Equal(a.Rows.Count, b.Rows.Count);
            for (int c = 0; c < a.Columns.Count; c++)
            {
                Assert.Equal(a.Columns[c].Cast<object?>(), b.Columns[c].Cast<object?>());
            }
        }
    }

    [Fact]
    public void ResidencyByState_EqualsDuckDb_AndEachNodesFractionsSumToOne()
    {
        RunResults r = RunResults.Load(runs.Solar);
        using var duck = new Duck(runs.Solar);

        DataFrame mcu = r.ResidencyByState("mcu");

        var expected = duck.Rows($"SELECT node_id, state, time_ns FROM {duck.T("residency")} WHERE component = 'mcu'");
        Assert.Equal(expected.Count, mcu.Rows.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(Convert.ToInt32(expected[i][0], CultureInfo.InvariantCulture), mcu.Columns["node_id"][i]);
            Assert.Equal(expected[i][1], mcu.Columns["state"][i]);
            Assert.Equal(expected[i][2], mcu.Columns["time_ns"][i]);
        }

        foreach (IGrouping<int, int> node in Enumerable.Range(0, (int)mcu.Rows.Count).GroupBy(i => (int)mcu.Columns["node_id"][i]))
        {
            Assert.Equal(1.0, node.Sum(i => (double)mcu.Columns["fraction"][i]), 12);
        }
    }

    [Fact]
    public void EnergyBreakdown_SumsResidencyPerNodeAndComponent()
    {
        RunResults r = RunResults.Load(runs.Solar);
        using var duck = new Duck(runs.Solar);

        DataFrame e = r.EnergyBreakdown();

        var expected = duck.Rows($"SELECT node_id, component, sum(energy_j) FROM {duck.T("residency")} GROUP BY ALL ORDER BY node_id, component");
        var actual = Enumerable.Range(0, (int)e.Rows.Count).Select(i => (Node: (int)e.Columns["node_id"][i], Component: (string)e.Columns["component"][i], J: (double)e.Columns["energy_j"][i]))
            .OrderBy(x => x.Node).ThenBy(x => x.Component, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < actual.Count; i++)
        {
            Assert.Equal(Convert.ToInt32(expected[i][0], CultureInfo.InvariantCulture), actual[i].Node);
            Assert.Equal(expected[i][1], actual[i].Component);
            Assert.Equal((double)expected[i][2]!, actual[i].J, 9);
        }

        // Shares of each node add up to one.
        foreach (IGrouping<int, int> node in Enumerable.Range(0, (int)e.Rows.Count).GroupBy(i => (int)e.Columns["node_id"][i]))
        {
            Assert.Equal(1.0, node.Sum(i => (double)e.Columns["share"][i]), 12);
        }
    }

    [Fact]
    public void LifetimeProjection_ExtrapolatesTheStoresNetDrain()
    {
        RunResults r = RunResults.Load(runs.LoRaWan);
        using var duck = new Duck(runs.LoRaWan);

        DataFrame life = r.LifetimeProjection();

        // Coin cells drained linearly: initial / ((initial − final) / 3 h), in days, by hand from the node table.
        var row = duck.Rows($"SELECT initial_j, final_j FROM {duck.T("nodes")} WHERE node_id = 7")[0];
        double initial = (double)row[0]!, final = (double)row[1]!;
        double drainW = (initial - final) / (3 * 3600.0);
        Assert.True(drainW > 0);
        Assert.Equal(drainW, (double)life.Columns["net_drain_w"][7], 15);
        Assert.Equal(initial / drainW / 86_400, (double)life.Columns["lifetime_d"][7], 9);
        Assert.Equal(0, life.Columns["measured"][7]);
    }

    [Fact]
    public void LifetimeProjection_IsInfiniteForAStoreThatDidNotFall()
    {
        RunResults r = RunResults.Load(runs.Solar);

        DataFrame life = r.LifetimeProjection();

        // The well-sized solar node (node 0) ends its three days fuller than it began.
        Assert.True((double)life.Columns["final_j"][0] >= (double)life.Columns["initial_j"][0]);
        Assert.Equal(double.PositiveInfinity, life.Columns["lifetime_d"][0]);
    }

    [Fact]
    public void DeliveryByNode_IsDeliveredOverSent()
    {
        RunResults r = RunResults.Load(runs.LoRaWan);
        using var duck = new Duck(runs.LoRaWan);

        DataFrame d = r.DeliveryByNode();

        var expected = duck.Rows($"SELECT node_id, frames_delivered / frames_sent FROM {duck.T("nodes")} WHERE frames_sent > 0 ORDER BY node_id");
        Assert.Equal(30, expected.Count);
        foreach (object?[] e in expected)
        {
            Assert.Equal((double)e[1]!, (double)d.Columns["delivery_ratio"][Convert.ToInt32(e[0], CultureInfo.InvariantCulture)], 15);
        }
    }

    [Fact]
    public void DeliveryBySpreadingFactor_CountsTransmissionsAnyReceiverGot()
    {
        RunResults r = RunResults.Load(runs.LoRaWan);
        using var duck = new Duck(runs.LoRaWan);

        DataFrame d = r.DeliveryBySpreadingFactor();

        var expected = duck.Rows($"SELECT sf, count(*), CAST(sum(ok) AS BIGINT) FROM (SELECT tx_id, any_value(sf) AS sf, max(CASE WHEN outcome IN ('received', 'captured') THEN 1 ELSE 0 END) AS ok FROM {duck.T("packets")} GROUP BY tx_id) GROUP BY sf ORDER BY sf");
        Assert.True(expected.Count >= 2, "the run has uplinks at SF8 and SF11 and downlinks");
        Assert.Equal(expected.Count, d.Rows.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(Convert.ToInt32(expected[i][0], CultureInfo.InvariantCulture), d.Columns["sf"][i]);
            Assert.Equal(Convert.ToInt64(expected[i][1], CultureInfo.InvariantCulture), d.Columns["transmissions"][i]);
            Assert.Equal(Convert.ToInt64(expected[i][2], CultureInfo.InvariantCulture), d.Columns["delivered"][i]);
        }
    }

    [Fact]
    public void ReceptionByDistance_BinsEveryRecord()
    {
        RunResults r = RunResults.Load(runs.LoRaWan);
        using var duck = new Duck(runs.LoRaWan);

        DataFrame d = r.ReceptionByDistance(250);

        Assert.Equal(duck.Scalar<long>($"SELECT count(*) FROM {duck.T("packets")}"), d.Columns["records"].Cast<long>().Sum());
        var expected = duck.Rows($"SELECT floor(distance_m / 250) AS bin, count(*), CAST(sum(CASE WHEN outcome IN ('received', 'captured') THEN 1 ELSE 0 END) AS BIGINT) FROM {duck.T("packets")} GROUP BY bin ORDER BY bin");
        Assert.Equal(expected.Count, d.Rows.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(Convert.ToDouble(expected[i][0], CultureInfo.InvariantCulture) * 250, d.Columns["distance_from_m"][i]);
            Assert.Equal(Convert.ToInt64(expected[i][2], CultureInfo.InvariantCulture), d.Columns["received"][i]);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => r.ReceptionByDistance(0));
    }

    [Fact]
    public void PacketOutcomes_CountEachOutcome()
    {
        RunResults r = RunResults.Load(runs.LoRaWan);
        using var duck = new Duck(runs.LoRaWan);

        DataFrame o = r.PacketOutcomes();

        for (int i = 0; i < o.Rows.Count; i++)
        {
            Assert.Equal(duck.Scalar<long>($"SELECT count(*) FROM {duck.T("packets")} WHERE outcome = '{o.Columns["outcome"][i]}'"), o.Columns["records"][i]);
        }
    }

    [Fact]
    public void IncompleteDirectory_IsRefusedNamingTheManifest()
    {
        string dir = runs.Scratch("interrupted.partial");
        Directory.CreateDirectory(dir);

        var e = Assert.Throws<InvalidDataException>(() => RunResults.Load(dir));

        Assert.Contains("manifest.json: not found", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedCsv_IsReportedWithFileLineAndColumn()
    {
        string dir = runs.Scratch("bad-csv");
        Directory.CreateDirectory(dir);
        File.Copy(Path.Combine(runs.LoRaWanCsv, "manifest.json"), Path.Combine(dir, "manifest.json"));
        string[] lines = File.ReadAllLines(Path.Combine(runs.LoRaWanCsv, "nodes.csv"));
        lines[3] = lines[3].Replace(",near,", ",near,", StringComparison.Ordinal);
        string[] fields = lines[3].Split(',');
        fields[3] = "twelve"; // x_m
        lines[3] = string.Join(',', fields);
        File.WriteAllLines(Path.Combine(dir, "nodes.csv"), lines);

        var e = Assert.Throws<InvalidDataException>(() => RunResults.Load(dir).Nodes);

        Assert.Contains("nodes.csv:4: column x_m: 'twelve' is not a Double", e.Message, StringComparison.Ordinal);
    }
}
