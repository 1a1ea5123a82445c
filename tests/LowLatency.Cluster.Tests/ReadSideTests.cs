using LowLatency.EventStream;
using LowLatency.ReadSide;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LowLatency.Cluster.Tests;

/// <summary>
/// The shared read side on the real servers: two bridges project one shard's stream into one PostgreSQL, each
/// record written once between them; PostgreSQL and then NATS killed mid-run and restarted, the bridges converge with
/// nothing written twice; a third bridge started late catches up from the stream with the same state.
/// </summary>
public sealed class ReadSideTests
{
    private string _data = "";

    [SetUp]
    public void CreateData() => _data = Directory.CreateTempSubdirectory("ll-readside-").FullName;

    [TearDown]
    public void DeleteData() => Directory.Delete(_data, recursive: true);

    private static ShardProjector Projector(NatsServer nats, PostgresServer postgres, string name) =>
        new(new ShardProjectorOptions { Nats = nats.Url, Database = postgres.ConnectionString, Shard = "s1", Projector = name, SnapshotEveryRecords = 200, MaxBackoff = TimeSpan.FromMilliseconds(200) },
            TradingRun.Registry, TradingRun.Account, NullLogger.Instance);

    private static async Task<long> ScalarAsync(PostgresServer postgres, string sql)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Test]
    public async Task Two_bridges_write_each_record_once_through_PostgreSQL_and_NATS_crashes_and_a_late_third_catches_up()
    {
        using var nats = new NatsServer();
        using var postgres = new PostgresServer();
        using var run = new TradingRun(_data, seed: 11);
        run.Drive(600);
        await using var publisher = new JournalPublisher(new JournalPublisherOptions { Url = nats.Url, Shard = "s1" }, run.JournalDirectory, () => run.DurableSequence, NullLogger.Instance);
        publisher.Start();
        await using var a = Projector(nats, postgres, "bridge-a");
        await using var b = Projector(nats, postgres, "bridge-b");
        a.Start();
        b.Start();
        Eventually.Until(() => a.Sequence == run.Core.Sequence && b.Sequence == run.Core.Sequence, "both bridges project the first run");

        postgres.Kill();
        run.Drive(600); // trading goes on, the stream takes it, the read side is down
        Eventually.Until(() => publisher.PublishedSequence == run.Core.Sequence, "the stream has it all");
        postgres.Start();
        Eventually.Until(() => a.Sequence == run.Core.Sequence && b.Sequence == run.Core.Sequence, "both converge after the restart");
        Eventually.Until(() => ScalarAsync(postgres, "SELECT last_sequence FROM ll_projection WHERE shard = 's1'").GetAwaiter().GetResult() == run.Core.Sequence, "projected to the end");

        nats.Kill();
        run.Drive(300); // the journal buffers, the bridges wait for the stream
        nats.Start();
        Eventually.Until(() => a.Sequence == run.Core.Sequence && b.Sequence == run.Core.Sequence, "both converge after NATS returns");

        await using var late = Projector(nats, postgres, "bridge-c");
        late.Start();
        Eventually.Until(() => late.Sequence == run.Core.Sequence, "a late bridge catches up");

        var positions = Enumerable.Range(0, TradingRun.Registry.Count).Select(run.Core.Account.Position).Where(p => p.Fills > 0).ToList();
        var records = await ScalarAsync(postgres, "SELECT count(*) FROM ll_records WHERE shard = 's1'");
        var distinct = await ScalarAsync(postgres, "SELECT count(DISTINCT sequence) FROM ll_records WHERE shard = 's1'");
        var fills = await ScalarAsync(postgres, "SELECT count(*) FROM ll_fills WHERE shard = 's1'");
        var projected = new List<(long Lots, long Fills)>();
        foreach (var position in positions)
        {
            projected.Add((await ScalarAsync(postgres, $"SELECT quantity_lots FROM ll_positions WHERE shard = 's1' AND instrument_id = {position.InstrumentId}"),
                await ScalarAsync(postgres, $"SELECT fills FROM ll_positions WHERE shard = 's1' AND instrument_id = {position.InstrumentId}")));
        }

        Assert.Multiple(() =>
        {
            Assert.That((records, distinct), Is.EqualTo((run.Core.Sequence, run.Core.Sequence)), "every record, once");
            Assert.That(a.Written + b.Written, Is.LessThanOrEqualTo(run.Core.Sequence), "no record written by both");
            Assert.That(late.Written, Is.Zero, "nothing left for the late one to write");
            Assert.That(fills, Is.EqualTo(run.Core.FillCount));
            Assert.That(run.Core.FillCount, Is.GreaterThan(20), "the run traded");
            Assert.That(projected, Is.EqualTo(positions.Select(p => (p.QuantityLots, p.Fills)).ToList()), "positions as the engine has them");
            Assert.That(positions.Select(p => late.State!.Account.Position(p.InstrumentId).QuantityLots), Is.EqualTo(positions.Select(p => p.QuantityLots)), "the late mirror's state");
        });
    }
}
