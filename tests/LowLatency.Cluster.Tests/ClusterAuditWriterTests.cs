using LowLatency.Bridge.Cluster;
using LowLatency.ReadSide;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LowLatency.Cluster.Tests;

/// <summary>The cluster's audit rows are written beside the requests: none is lost while PostgreSQL is away, and they keep their order.</summary>
[NonParallelizable]
public sealed class ClusterAuditWriterTests
{
    private static ReadSideQueries.AuditRow Row(int i) => new(i, "bridge-t", "127.0.0.1", "POST", "/api/orders", $"SubmitOrder BTC-USD Buy {i} lots to s1", "accepted", 200);

    [Test]
    public async Task Rows_queued_while_PostgreSQL_is_down_are_written_in_order_when_it_returns()
    {
        using var postgres = new PostgresServer();
        await using var database = NpgsqlDataSource.Create(postgres.ConnectionString);
        var writer = new ClusterAuditWriter(database, NullLogger.Instance);
        try
        {
            writer.Add(Row(1));
            Eventually.Until(() => writer.Written == 1, "the first row written");
            postgres.Kill();
            for (var i = 2; i <= 50; i++)
            {
                writer.Add(Row(i));
            }

            postgres.Start();
            Eventually.Until(() => writer.Written == 50, "the rows queued while PostgreSQL was down, written once it is back");
        }
        finally
        {
            await writer.DisposeAsync();
        }

        Assert.That(writer.Lost, Is.Zero);
        var trail = await ReadSideQueries.AuditAsync(database, 100, CancellationToken.None);
        Assert.That(trail.Select(r => r.TimeMs).ToArray(), Is.EqualTo(Enumerable.Range(1, 50).Reverse().Select(i => (long)i).ToArray()), "each row once, newest first");
        Assert.That(trail[0], Is.EqualTo(Row(50)));
    }
}
